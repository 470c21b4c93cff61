"""Editorial decisions: approve (publish) or return a submitted verdict, under four-eyes."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from claims.audit import audit_record
from claims.errors import (
    Conflict,
    Forbidden,
    FourEyesViolation,
    IllegalTransition,
    InvalidInput,
    StaleVersion,
)
from claims.models import Claim
from claims.roles import is_editor, is_fact_checker
from reviews.assignment import lease_end
from reviews.events import verdict_published_emit
from reviews.lifecycle import ClaimEvent, claim_transition
from reviews.models import Assignment, Comment, EditorialDecision, Verdict
from reviews.notifications import notify_verdict_approved, notify_verdict_returned
from reviews.publication_repair import publication_changed
from reviews.verdicts import evidence_required


def _locked_submitted(*, verdict_id: int, version: int | None) -> Verdict:
    verdict = (
        Verdict.objects.select_for_update(of=("self", "claim"))
        .select_related("claim", "author")
        .get(pk=verdict_id)
    )
    if verdict.status != Verdict.Status.SUBMITTED:
        raise IllegalTransition(
            _("The verdict is %(status)s; only a submitted verdict can be decided.")
            % {"status": verdict.get_status_display()}
        )
    if version is not None and version != verdict.version:
        raise StaleVersion()
    return verdict


def verdict_contributed_by(*, verdict: Verdict, user) -> bool:
    """Four eyes by contribution: the author, and anyone who saved or submitted any version."""
    if verdict.author_id == user.pk:
        return True
    return verdict.contributors.filter(pk=user.pk).exists()


def verdict_approval_refusal_record(
    *, verdict: Verdict, editor, reason: str, action: str = "verdict.approve_refused"
) -> None:
    # Its own transaction, before the approval's: the refusal stays on record although the
    # approval is refused (an attempt to self-approve is exactly what the trail is for).
    with transaction.atomic():
        audit_record(
            actor=editor,
            action=action,
            obj=verdict,
            before={"status": verdict.status, "version": verdict.version},
            after={"reason": reason},
            claim_id=verdict.claim_id,
        )


def verdict_approve(*, verdict: Verdict, editor, version: int | None = None) -> Verdict:
    """Publish a submitted verdict. Its author can never approve it, whatever their roles."""
    if not is_editor(editor):
        raise Forbidden(_("Only editors approve verdicts."))
    if verdict_contributed_by(verdict=verdict, user=editor):
        verdict_approval_refusal_record(
            verdict=verdict, editor=editor, reason="four-eyes: a contributor cannot approve"
        )
        raise FourEyesViolation()
    return _verdict_publish(verdict_id=verdict.pk, editor=editor, version=version)


@transaction.atomic
def _verdict_publish(*, verdict_id: int, editor, version: int | None) -> Verdict:
    # 1. Lock the verdict: a second approval waits here, then finds it published (409).
    verdict = _locked_submitted(verdict_id=verdict_id, version=version)
    if verdict_contributed_by(verdict=verdict, user=editor):
        raise FourEyesViolation()
    # Submitted before sources were required, or its rating changed since: still no publishing
    # a rating that needs a source without one.
    evidence_required(rating=verdict.rating, cited=verdict.evidence.exists())
    # 2. The decision; the one-approval constraint backs the lock up on every database.
    try:
        with transaction.atomic():
            EditorialDecision.objects.create(
                verdict=verdict,
                editor=editor,
                decision=EditorialDecision.Decision.APPROVE,
                verdict_version=verdict.version,
            )
    except IntegrityError:
        raise Conflict(_("This verdict has already been approved.")) from None
    # 3. A correction retires the verdict it supersedes first (one published verdict per claim).
    claim = verdict.claim
    if verdict.supersedes_id:
        rows = Verdict.objects.filter(
            pk=verdict.supersedes_id, status=Verdict.Status.PUBLISHED
        ).update(status=Verdict.Status.SUPERSEDED, version=F("version") + 1)
        if rows != 1:
            raise Conflict(_("The verdict this one corrects is no longer the published one."))
        claim_transition(
            claim=claim,
            event=ClaimEvent.CORRECT,
            actor=editor,
            detail={"verdict": verdict.pk, "superseded": verdict.supersedes_id},
        )
    else:
        claim_transition(
            claim=claim, event=ClaimEvent.PUBLISH, actor=editor, detail={"verdict": verdict.pk}
        )
    # 4. Publish, record, tell the author, and refresh the public badge once committed.
    now = timezone.now()
    rows = Verdict.objects.filter(
        pk=verdict.pk, status=Verdict.Status.SUBMITTED, version=verdict.version
    ).update(status=Verdict.Status.PUBLISHED, version=F("version") + 1, published_at=now)
    if rows != 1:
        raise StaleVersion()
    before = {"status": verdict.status, "version": verdict.version}
    verdict.status, verdict.version, verdict.published_at = (
        Verdict.Status.PUBLISHED,
        verdict.version + 1,
        now,
    )
    audit_record(
        actor=editor,
        action="verdict.approve",
        obj=verdict,
        before=before,
        after={
            "status": verdict.status,
            "version": verdict.version,
            "published_at": now.isoformat(),
        },
        claim_id=claim.pk,
    )
    notify_verdict_approved(verdict=verdict, editor=editor)
    verdict_published_emit(verdict=verdict)
    # Recorded with the approval, delivered to the badge cache on commit, repaired if it is down.
    publication_changed(article_id=claim.article_id)
    return verdict


def verdict_return(
    *, verdict: Verdict, editor, comment: str, version: int | None = None
) -> Verdict:
    """Send a submitted verdict back to its checker with the editor's comment."""
    if not is_editor(editor):
        raise Forbidden(_("Only editors return verdicts."))
    if verdict_contributed_by(verdict=verdict, user=editor):
        verdict_approval_refusal_record(
            verdict=verdict,
            editor=editor,
            reason="four-eyes: a contributor cannot return",
            action="verdict.return_refused",
        )
        raise FourEyesViolation()
    return _verdict_send_back(verdict=verdict, editor=editor, comment=comment, version=version)


@transaction.atomic
def _verdict_send_back(*, verdict: Verdict, editor, comment: str, version: int | None) -> Verdict:
    comment = (comment or "").strip()
    if not comment:
        raise InvalidInput(_("A comment is required: tell the checker what to change."))
    verdict = _locked_submitted(verdict_id=verdict.pk, version=version)
    if verdict_contributed_by(verdict=verdict, user=editor):
        raise FourEyesViolation()
    EditorialDecision.objects.create(
        verdict=verdict,
        editor=editor,
        decision=EditorialDecision.Decision.RETURN,
        comment=comment,
        verdict_version=verdict.version,
    )
    # The return comment joins the claim's discussion thread, where the checker answers it.
    Comment.objects.create(
        claim_id=verdict.claim_id, author=editor, body=comment, kind=Comment.Kind.RETURN
    )
    rows = Verdict.objects.filter(
        pk=verdict.pk, status=Verdict.Status.SUBMITTED, version=verdict.version
    ).update(status=Verdict.Status.RETURNED, version=F("version") + 1)
    if rows != 1:
        raise StaleVersion()
    before = {"status": verdict.status, "version": verdict.version}
    verdict.status, verdict.version = Verdict.Status.RETURNED, verdict.version + 1
    claim: Claim = verdict.claim
    if verdict.supersedes_id is None:
        # The claim goes back to the checker who wrote the verdict, not to the queue.
        claim_transition(
            claim=claim,
            event=ClaimEvent.RETURN,
            actor=editor,
            detail={"verdict": verdict.pk, "checker": verdict.author.get_username()},
        )
        if is_fact_checker(verdict.author):
            Assignment.objects.create(
                claim=claim,
                checker=verdict.author,
                assigned_by=editor,
                lease_expires_at=lease_end(),
            )
    audit_record(
        actor=editor,
        action="verdict.return",
        obj=verdict,
        before=before,
        after={"status": verdict.status, "version": verdict.version, "comment": comment},
        claim_id=claim.pk,
    )
    notify_verdict_returned(verdict=verdict, editor=editor, comment=comment)
    return verdict
