"""Rendering addresses and names people typed: links only for the web, bidi controls shown.

`{% web_link url %}` makes a link only of an http(s) address (anything stored before the rule,
or arriving from elsewhere, is shown as text); `|visible_bidi` turns the invisible characters
that reorder text (U+202E makes `…/‮gnp.exe` read `…/exe.png`) into visible marks.
"""

from django import template
from django.template.defaultfilters import truncatechars
from django.utils.html import format_html

from claims.bidi import bidi_visible
from claims.web_addresses import is_web_address

register = template.Library()


@register.filter
def visible_bidi(value) -> str:
    """The text with every bidi control character replaced by a visible ⟨U+XXXX⟩ mark."""
    return bidi_visible(str(value if value is not None else ""))


@register.filter
def web_url(value) -> str:
    """The address if it is an http(s) one, else the empty string (safe to put in href)."""
    return value if is_web_address(value) else ""


@register.simple_tag
def web_link(url, text=None, truncate: int = 0, css_class: str = "", new_tab: bool = False):
    """<a> for an http(s) address, its text isolated left-to-right; plain text otherwise."""
    shown = visible_bidi(text if text not in (None, "") else url)
    if truncate:
        shown = truncatechars(shown, truncate)
    if not is_web_address(url):
        return format_html('<bdi dir="ltr" class="{}">{}</bdi>', css_class, shown)
    if new_tab:
        return format_html(
            '<a href="{}" rel="nofollow noopener noreferrer" target="_blank" dir="ltr" '
            'class="{}"><bdi>{}</bdi></a>',
            url,
            css_class,
            shown,
        )
    return format_html(
        '<a href="{}" rel="nofollow noopener noreferrer" dir="ltr" class="{}"><bdi>{}</bdi></a>',
        url,
        css_class,
        shown,
    )
