"""{{ verdict|outcome_notice }}: an inconsistency's outcome as the sentence it means."""

from django import template
from django.utils.safestring import SafeString

from reviews.corrections import outcome_sentence

register = template.Library()


@register.filter
def outcome_notice(verdict) -> SafeString | str:
    if verdict is None or verdict.rating_id is None:
        return ""
    return outcome_sentence(verdict)[1]
