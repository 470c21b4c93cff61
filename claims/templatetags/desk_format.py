"""Template filters over claims.formatting: facts, levels, digits and times for people."""

from datetime import datetime

from django import template

from claims import formatting

register = template.Library()


@register.filter
def digits(value) -> str:
    """Western or Arabic-Indic digits, as the reader chose."""
    return formatting.localize_digits(value)


@register.filter
def fact_view(fact: dict) -> formatting.FactView:
    return formatting.fact_view(fact if isinstance(fact, dict) else {})


@register.filter
def worthiness(claim) -> dict:
    return formatting.checkworthiness(claim.checkworthiness, claim.facts)


@register.filter
def fact_result(result: str) -> str:
    return formatting.result_text(result)


@register.filter
def when(value: datetime | None, style: str = "full") -> str:
    """A moment in the reader's time zone, written out, with the zone named."""
    return formatting.moment_text(value, style)


@register.filter
def day(value) -> str:
    """A date written out ("3 June 2024", "3 يونيو 2024")."""
    return formatting.day_text(value)


@register.simple_tag
def digits_style() -> str:
    return formatting.digits_style.get()
