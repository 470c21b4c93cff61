"""Verdicts: drafts saved as the checker types, explicit submission, and corrections."""

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from claims.audit import audit_record
from claims.errors import Conflict, Forbidden, IllegalTransition, InvalidInput, StaleVersion
from claims.models import Claim, Snapshot
from claims.search import text_matches
from reviews.assignment import _assignment_end, assignment_lease_extend
from reviews.conflicts import conflict_values
from reviews.lifecycle import ClaimEvent, claim_transition
from reviews.models import Assignment, Rating, RatingScale, Verdict
from reviews.queues import claim_workable_by

WORKING_STATUSES = [Verdict.Status.DRAFT, Verdict.Status.SUBMITTED, Verdict.Status.RETURNED]
EDITABLE_STATUSES = [Verdict.Status.DRAFT, Verdict.Status.RETURNED]
# Google shows claimReviewed in search results; longer ones get cut mid-sentence. The summary
# (the review's headline) is shown beside it, so the same advice holds for both.
SUMMARY_ADVISED_CHARS = 75


def _with_outcome(verdict: Verdict, *, created: bool) -> Verdict:
    """The API reports these two beside the verdict (201 vs 200, advice on the summary)."""
    verdict.created = created
    verdict.warnings = summary_warnings(verdict.summary) + claim_reviewed_warnings(
        verdict.claim_reviewed
    )
    return verdict


def ratings_for(claim: Claim | None = None):
    """The default verdict scale; for an inconsistency, the outcome scale instead."""
    if claim is not None and claim.kind == Claim.Kind.INCONSISTENCY:
        return Rating.objects.filter(scale__kind=RatingScale.Kind.INCONSISTENCY)
    return Rating.objects.filter(scale__is_default=True)


def rating_for_slug(slug: str, *, claim: Claim | None = None) -> Rating:
    rating = ratings_for(claim).filter(slug=slug).order_by("scale_id").first()
    if rating is None:
        choices = ", ".join(ratings_for(claim).values_list("slug", flat=True))
        raise InvalidInput(
            _("Unknown rating “%(slug)s”; the scale has: %(choices)s.")
            % {"slug": slug, "choices": choices}
        )
    return rating


def should_say_checked(*, claim: Claim, rating: Rating | None, should_say: str | None) -> str:
    """The value an outcome names: one of the article's own values, and only when it asks one."""
    if rating is None or not rating.asks_value:
        return ""
    keys = [value.key for value in conflict_values(claim)]
    if should_say and should_say not in keys:
        raise InvalidInput(
            _("“%(value)s” is not one of the values the article gives: %(choices)s.")
            % {"value": should_say, "choices": ", ".join(keys)}
        )
    return should_say or ""


def snapshots_for_ids(ids: Iterable[int], *, claim: Claim) -> list[Snapshot]:
    """The snapshots with these ids, each an archived copy of a source the claim cites."""
    ids = list(dict.fromkeys(ids))
    snapshots = list(Snapshot.objects.filter(pk__in=ids, source__citations__claim=claim).distinct())
    if len(snapshots) != len(ids):
        missing = sorted(set(ids) - {snapshot.pk for snapshot in snapshots})
        raise InvalidInput(
            _("No such evidence snapshots among this claim's sources: %(ids)s.") % {"ids": missing}
        )
    return snapshots


def summary_warnings(summary: str | None) -> list[str]:
    if summary and len(summary) > SUMMARY_ADVISED_CHARS:
        return [
            _(
                "The summary is %(count)d characters; the review's headline reads best under "
                "%(limit)d."
            )
            % {"count": len(summary), "limit": SUMMARY_ADVISED_CHARS}
        ]
    return []


def claim_reviewed_warnings(claim_reviewed: str | None) -> list[str]:
    if claim_reviewed and len(claim_reviewed) > SUMMARY_ADVISED_CHARS:
        return [
            _(
                "The claim as reviewed is %(count)d characters; ClaimReview claimReviewed reads "
                "best under %(limit)d."
            )
            % {"count": len(claim_reviewed), "limit": SUMMARY_ADVISED_CHARS}
        ]
    return []


def evidence_required(*, rating: Rating | None, cited: bool) -> None:
    """Refuse to send on a verdict whose rating needs a cited source and that cites none."""
    if rating is not None and rating.needs_evidence and not cited:
        raise InvalidInput(
            _(
                "A verdict rated “%(rating)s” cites at least one archived source: attach a "
                "source, wait until it is fetched, and tick it under evidence."
            )
            % {"rating": _(rating.label)}  # the default scale's labels are in the catalogue
        )


def outcome_complete(verdict: Verdict) -> None:
    """What submission needs: a rating and a summary; an inconsistency, its outcome (and value)."""
    if verdict.claim.kind == Claim.Kind.INCONSISTENCY:
        if verdict.rating_id is None:
            raise InvalidInput(_("Choose an outcome before submitting it."))
        if verdict.rating.asks_value and not verdict.should_say:
            raise InvalidInput(_("Choose the value the article should say."))
        return
    if verdict.rating_id is None or not verdict.summary:
        raise InvalidInput(_("A verdict needs a rating and a summary before it is submitted."))


def verdict_contributor_add(*, verdict: Verdict, user) -> None:
    """Four eyes by contribution: whoever writes a version is kept from deciding on it."""
    verdict.contributors.add(user)


def verdict_working(claim: Claim) -> Verdict | None:
    """The one verdict being written or reviewed on a claim (see the one_working_verdict constraint)."""
    return Verdict.objects.filter(claim=claim, status__in=WORKING_STATUSES).first()


def _holder_id(claim: Claim) -> int | None:
    return (
        Assignment.objects.filter(claim=claim, ended_at__isnull=True)
        .values_list("checker_id", flat=True)
        .first()
    )


def _fields(
    *,
    claim: Claim,
    rating: str | None,
    summary: str | None,
    rationale: str | None,
    claim_reviewed: str | None = None,
    should_say: str | None = None,
    current: Verdict | None = None,
) -> dict:
    changes = {}
    if rating is not None:
        changes["rating"] = rating_for_slug(rating, claim=claim)
    if claim.kind == Claim.Kind.INCONSISTENCY and (rating is not None or should_say is not None):
        chosen = changes.get("rating") or (current.rating if current is not None else None)
        kept = current.should_say if current is not None and should_say is None else should_say
        changes["should_say"] = should_say_checked(claim=claim, rating=chosen, should_say=kept)
    if summary is not None:
        changes["summary"] = summary.strip()
    if rationale is not None:
        changes["rationale"] = rationale
    if claim_reviewed is not None:
        changes["claim_reviewed"] = claim_reviewed.strip()
    return changes


def _snapshot(verdict: Verdict) -> dict:
    return {
        "status": verdict.status,
        "version": verdict.version,
        "rating": verdict.rating.slug if verdict.rating_id else None,
        "should_say": verdict.should_say,
        "claim_reviewed": verdict.claim_reviewed,
        "summary": verdict.summary,
        "rationale": verdict.rationale,
    }


@transaction.atomic
def verdict_save_draft(
    *,
    claim: Claim,
    author,
    version: int | None = None,
    rating: str | None = None,
    summary: str | None = None,
    rationale: str | None = None,
    evidence: list[int] | None = None,
    claim_reviewed: str | None = None,
    should_say: str | None = None,
) -> Verdict:
    """Create or update the claim's draft verdict; a stale `version` is refused and loses nothing.

    Colleagues on the claim's queue may help with a draft (the optimistic lock keeps them from
    overwriting each other); only the assigned checker submits it.
    """
    if not claim_workable_by(claim=claim, user=author):
        raise Forbidden(_("Only fact-checkers on the claim's queue write its verdict."))
    if claim.status not in (Claim.Status.ASSIGNED, Claim.Status.RETURNED, Claim.Status.PUBLISHED):
        raise IllegalTransition(
            _("A claim that is %(status)s takes no verdict: it must be assigned first.")
            % {"status": claim.get_status_display()}
        )
    holder_id = _holder_id(claim)
    if claim.status != Claim.Status.PUBLISHED and holder_id is None:
        raise IllegalTransition(_("Nobody holds this claim: take it from its queue first."))
    working = verdict_working(claim)
    changes = _fields(
        claim=claim,
        rating=rating,
        summary=summary,
        rationale=rationale,
        claim_reviewed=claim_reviewed,
        should_say=should_say,
        current=working,
    )
    snapshots = snapshots_for_ids(evidence, claim=claim) if evidence is not None else None
    created = False
    if working is None:
        if version:
            raise StaleVersion(_("That draft no longer exists: reload the claim."))
        if claim.status != Claim.Status.PUBLISHED and holder_id != author.pk:
            raise Forbidden(_("Only the checker who holds the claim starts its verdict."))
        supersedes = None
        if claim.status == Claim.Status.PUBLISHED:
            supersedes = Verdict.objects.filter(
                claim=claim, status=Verdict.Status.PUBLISHED
            ).first()
        try:
            with transaction.atomic():
                working = Verdict.objects.create(
                    claim=claim,
                    author=author,
                    supersedes=supersedes,
                    **{"claim_reviewed": claim.text, **changes},
                )
        except IntegrityError:
            raise Conflict(
                _("Someone started this verdict at the same moment: reload it.")
            ) from None
        created = True
        before = None
    else:
        if working.status == Verdict.Status.SUBMITTED:
            raise IllegalTransition(_("The verdict is submitted and waiting for an editor."))
        if version is None:
            raise InvalidInput(_("`version` is required to change an existing draft."))
        before = _snapshot(working)
        saved_at = timezone.now()
        rows = Verdict.objects.filter(
            pk=working.pk, version=version, status__in=EDITABLE_STATUSES
        ).update(version=F("version") + 1, updated_at=saved_at, **changes)
        if rows != 1:
            raise StaleVersion()
        for name, value in changes.items():
            setattr(working, name, value)
        # "Draft saved at …" shows this save, not the draft's first one.
        working.version, working.updated_at = version + 1, saved_at
    if snapshots is not None:
        working.evidence.set(snapshots)
    verdict_contributor_add(verdict=working, user=author)
    after = _snapshot(working)
    if snapshots is not None:
        after["evidence"] = [snapshot.pk for snapshot in snapshots]
    audit_record(
        actor=author,
        action="verdict.draft",
        obj=working,
        before=before,
        after=after,
        claim_id=claim.pk,
    )
    # The returned claim is back in its checker's hands as soon as they work on it again.
    if claim.status == Claim.Status.RETURNED and holder_id == author.pk:
        claim_transition(claim=claim, event=ClaimEvent.RESUME, actor=author)
    if holder_id is not None:
        assignment_lease_extend(claim=claim, checker=author)
    return _with_outcome(working, created=created)


@transaction.atomic
def verdict_submit(
    *,
    claim: Claim,
    author,
    version: int | None = None,
    rating: str | None = None,
    summary: str | None = None,
    rationale: str | None = None,
    evidence: list[int] | None = None,
    claim_reviewed: str | None = None,
    should_say: str | None = None,
) -> Verdict:
    """Save any last changes to the claim's verdict and submit it to the editors.

    On a published claim this files a correction (see `verdict_correct`).
    """
    working = verdict_working(claim)
    if claim.status == Claim.Status.PUBLISHED and working is None:
        return verdict_correct(
            claim=claim,
            author=author,
            rating=rating,
            summary=summary,
            rationale=rationale,
            evidence=evidence,
            claim_reviewed=claim_reviewed,
            should_say=should_say,
        )
    is_correction = working is not None and working.supersedes_id is not None
    if not is_correction and _holder_id(claim) != author.pk:
        if claim.status not in (Claim.Status.ASSIGNED, Claim.Status.RETURNED):
            raise IllegalTransition(
                _("A claim that is %(status)s cannot take a verdict.")
                % {"status": claim.get_status_display()}
            )
        raise Forbidden(_("Only the checker who holds the claim submits its verdict."))
    if working is not None and version is None:
        version = working.version  # submitting what the holder sees now
    verdict = verdict_save_draft(
        claim=claim,
        author=author,
        version=version,
        rating=rating,
        summary=summary,
        rationale=rationale,
        evidence=evidence,
        claim_reviewed=claim_reviewed,
        should_say=should_say,
    )
    outcome_complete(verdict)
    evidence_required(rating=verdict.rating, cited=verdict.evidence.exists())
    now = timezone.now()
    rows = Verdict.objects.filter(
        pk=verdict.pk, version=verdict.version, status__in=EDITABLE_STATUSES
    ).update(status=Verdict.Status.SUBMITTED, version=F("version") + 1, submitted_at=now)
    if rows != 1:
        raise StaleVersion()
    before_status = verdict.status
    verdict.status, verdict.version, verdict.submitted_at = (
        Verdict.Status.SUBMITTED,
        verdict.version + 1,
        now,
    )
    verdict_contributor_add(verdict=verdict, user=author)
    if not is_correction:
        claim_transition(claim=claim, event=ClaimEvent.SUBMIT, actor=author)
        _assignment_end(claim=claim, reason=Assignment.EndReason.SUBMITTED)
    audit_record(
        actor=author,
        action="verdict.submit",
        obj=verdict,
        before={"status": before_status},
        after=_snapshot(verdict),
        claim_id=claim.pk,
    )
    return verdict


@transaction.atomic
def verdict_correct(
    *,
    claim: Claim,
    author,
    rating: str | None,
    summary: str | None,
    rationale: str | None = None,
    evidence: list[int] | None = None,
    claim_reviewed: str | None = None,
    should_say: str | None = None,
) -> Verdict:
    """A new verdict that will supersede the published one once an editor approves it."""
    if not claim_workable_by(claim=claim, user=author):
        raise Forbidden(_("Only fact-checkers on the claim's queue correct its verdict."))
    published = Verdict.objects.filter(claim=claim, status=Verdict.Status.PUBLISHED).first()
    if claim.status != Claim.Status.PUBLISHED or published is None:
        raise IllegalTransition(_("Only a published verdict can be corrected."))
    inconsistency = claim.kind == Claim.Kind.INCONSISTENCY
    if not rating or not (summary or inconsistency):
        raise InvalidInput(_("A correction needs a rating and a summary."))
    changes = _fields(
        claim=claim,
        rating=rating,
        summary=summary,
        rationale=rationale,
        claim_reviewed=claim_reviewed,
        should_say=should_say,
    )
    if inconsistency and changes["rating"].asks_value and not changes.get("should_say"):
        raise InvalidInput(_("Choose the value the article should say."))
    changes.setdefault("claim_reviewed", published.claim_reviewed or claim.text)
    snapshots = snapshots_for_ids(evidence, claim=claim) if evidence is not None else None
    evidence_required(rating=changes["rating"], cited=bool(snapshots))
    try:
        with transaction.atomic():
            verdict = Verdict.objects.create(
                claim=claim,
                author=author,
                supersedes=published,
                status=Verdict.Status.SUBMITTED,
                submitted_at=timezone.now(),
                **changes,
            )
    except IntegrityError:
        raise Conflict(_("A correction of this verdict is already under way.")) from None
    if snapshots is not None:
        verdict.evidence.set(snapshots)
    verdict_contributor_add(verdict=verdict, user=author)
    audit_record(
        actor=author,
        action="verdict.correct",
        obj=verdict,
        before={"published_verdict": published.pk},
        after=_snapshot(verdict),
        claim_id=claim.pk,
    )
    return _with_outcome(verdict, created=True)


VERDICT_TEXT_SQL = '("reviews_verdict"."summary" || \' \' || "reviews_verdict"."rationale")'


def verdicts_search(queryset, query: str):
    """Verdicts whose summary or rationale match `query` (Arabic-aware, as claims/search.py)."""
    return text_matches(queryset, query, column_sql=VERDICT_TEXT_SQL)
