"""{% highlight text query limit=N %}: the text, escaped, with the search words marked."""

from django import template

from claims.search import highlighted

register = template.Library()


@register.simple_tag
def highlight(text, query, limit=None):
    return highlighted(str(text or ""), str(query or ""), limit=limit)
