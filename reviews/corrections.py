"""Inconsistencies are resolved, not rated.

A checker picks an outcome from the inconsistency scale ("the article should say July", "no
error", "cannot tell"), possibly the one a cited source already settles; an editor approves or
returns it like any verdict (four eyes). Once approved it is a correction notice for the
newsroom, worded in a sentence, and never a ClaimReview: reviews/publication.py leaves it out of
everything public.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Prefetch
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from claims.audit import audit_record
from claims.errors import InvalidInput
from claims.models import Claim
from reviews.conflicts import conflict_values, source_suggestions, value_label
from reviews.models import EditorialDecision, Rating, Verdict
from reviews.verdicts import ratings_for, verdict_save_draft, verdict_working

NO_ERROR = "no-error"
CANNOT_TELL = "cannot-tell"


@dataclass(frozen=True)
class OutcomeChoice:
    value: str  # what the form sends: "should-say:month-7", "no-error"
    rating: Rating
    should_say: str
    label: str


@dataclass(frozen=True)
class CorrectionNotice:
    claim_id: int
    verdict_id: int
    start: int
    end: int
    where: str
    outcome: str
    outcome_label: str
    should_say: str
    should_say_label: str
    needs_correction: bool
    sentence: str
    sentence_html: SafeString
    rationale: str
    checked_by: str
    approved_by: str
    approved_at: datetime | None


def is_inconsistency(claim: Claim) -> bool:
    return claim.kind == Claim.Kind.INCONSISTENCY


def outcome_choices(claim: Claim) -> list[OutcomeChoice]:
    """Every outcome the checker may pick, one per value for an outcome that names a value."""
    choices = []
    for rating in ratings_for(claim).order_by("order", "pk"):
        if rating.asks_value:
            for value in conflict_values(claim):
                label = _("The article should say %(value)s") % {"value": value.label}
                choices.append(
                    OutcomeChoice(f"{rating.slug}:{value.key}", rating, value.key, label)
                )
        else:
            choices.append(OutcomeChoice(rating.slug, rating, "", _(rating.label)))
    return choices


def outcome_value(verdict: Verdict | None) -> str:
    """The choice a verdict holds, as the form names it."""
    if verdict is None or verdict.rating is None:
        return ""
    if verdict.should_say:
        return f"{verdict.rating.slug}:{verdict.should_say}"
    return verdict.rating.slug


def outcome_parse(value: str) -> tuple[str, str]:
    """("should-say", "month-7") from "should-say:month-7"; ("no-error", "") from "no-error"."""
    rating, _sep, should_say = (value or "").partition(":")
    return rating, should_say


def _sentences(*, rating: Rating, value: str, where: str, language: str) -> tuple[str, SafeString]:
    if rating.asks_value:
        template = _("The article should say %(value)s where it says %(written)s.")
    elif rating.slug == NO_ERROR:
        template = _("No error where the article says %(written)s: it stands as written.")
    elif rating.slug == CANNOT_TELL:
        template = _("Cannot tell whether the article is right where it says %(written)s.")
    else:  # an outcome the newsroom added
        template = _("%(outcome)s where the article says %(written)s.")
    outcome = _(rating.label)
    plain = template % {"value": value, "written": where, "outcome": outcome}
    # The translation is trusted (as in {% blocktranslate %}); the values are not.
    html = template % {
        "value": format_html("<strong>{}</strong>", value),
        "written": format_html(
            '<bdi class="quoted" lang="{}" dir="auto">{}</bdi>', language or "und", where
        ),
        "outcome": format_html("{}", outcome),
    }
    return plain, mark_safe(html)  # noqa: S308


def outcome_sentence(verdict: Verdict) -> tuple[str, SafeString]:
    """What the outcome means for the article, in a sentence (plain, and HTML with <bdi>)."""
    claim = verdict.claim
    value = value_label(claim, verdict.should_say) if verdict.should_say else ""
    return _sentences(
        rating=verdict.rating, value=value, where=claim.text, language=claim.article.language
    )


def article_corrections(article_id: int) -> list[CorrectionNotice]:
    """The approved outcomes of an article's inconsistencies, in text order."""
    verdicts = (
        Verdict.objects.filter(
            status=Verdict.Status.PUBLISHED,
            claim__article_id=article_id,
            claim__kind=Claim.Kind.INCONSISTENCY,
            rating__isnull=False,
        )
        .select_related("claim__article", "rating", "author")
        .prefetch_related(
            Prefetch(
                "decisions",
                queryset=EditorialDecision.objects.filter(
                    decision=EditorialDecision.Decision.APPROVE
                ).select_related("editor"),
                to_attr="approvals",
            )
        )
        .order_by("claim__start", "claim_id")
    )
    notices = []
    for verdict in verdicts:
        claim = verdict.claim
        plain, html = outcome_sentence(verdict)
        approval = verdict.approvals[0] if verdict.approvals else None
        notices.append(
            CorrectionNotice(
                claim_id=claim.pk,
                verdict_id=verdict.pk,
                start=claim.start,
                end=claim.end,
                where=claim.text,
                outcome=verdict.rating.slug,
                outcome_label=_(verdict.rating.label),
                should_say=verdict.should_say,
                should_say_label=value_label(claim, verdict.should_say)
                if verdict.should_say
                else "",
                needs_correction=verdict.rating.asks_value,
                sentence=plain,
                sentence_html=html,
                rationale=verdict.rationale,
                checked_by=verdict.author.get_username(),
                approved_by=approval.editor.get_username() if approval else "",
                approved_at=verdict.published_at,
            )
        )
    return notices


@transaction.atomic
def outcome_suggestion_accept(
    *, claim: Claim, author, snapshot_id: int, version: int | None = None
) -> Verdict:
    """Fill the outcome with the value a cited source backs, and cite that source."""
    if not is_inconsistency(claim):
        raise InvalidInput(_("Only an inconsistency takes an outcome."))
    suggestion = next(
        (item for item in source_suggestions(claim) if item.snapshot_id == snapshot_id), None
    )
    if suggestion is None:
        raise InvalidInput(_("That source backs none of the values the article gives."))
    rating = ratings_for(claim).filter(asks_value=True).order_by("order", "pk").first()
    if rating is None:
        raise InvalidInput(_("The outcome scale has no outcome that names a value."))
    working = verdict_working(claim)
    evidence = [snapshot_id]
    if working is not None:
        evidence = [*working.evidence.values_list("pk", flat=True), snapshot_id]
        version = working.version if version is None else version
    verdict = verdict_save_draft(
        claim=claim,
        author=author,
        version=version,
        rating=rating.slug,
        should_say=suggestion.key,
        evidence=evidence,
    )
    audit_record(
        actor=author,
        action="outcome.suggestion_accept",
        obj=verdict,
        after={"rating": rating.slug, "should_say": suggestion.key, "snapshot": snapshot_id},
        claim_id=claim.pk,
    )
    return verdict
