"""{% load matching %}: `claim|checked_before` for pages that list claims (the article page)."""

from django import template

from reviews.matching_models import ClaimLink, ClaimMatch

register = template.Library()


@register.filter
def checked_before(claim) -> bool:
    """Probably the same claim as an earlier one or a fact-check, or linked to one by a person."""
    return (
        ClaimMatch.objects.filter(claim=claim, probable=True).exists()
        or ClaimLink.objects.filter(claim=claim).exists()
    )
