"""The claim life cycle: an explicit state machine, and the changes a person makes to a claim.

    new ─route→ queued ─assign→ assigned ─submit→ submitted ─publish→ published ─correct→ published
                  ↑  ↖─release/expire─┘  ↑              └─return→ returned ─resume→ assigned
                  └────reopen── dismissed ←─dismiss── (new, queued, assigned, returned)

Every transition is one guarded UPDATE (`status` and `version` as read) plus one AuditEvent in the
same transaction; anything else is refused with IllegalTransition (HTTP 409) and changes nothing.
"""

from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from claims.audit import audit_record
from claims.errors import Forbidden, IllegalTransition, InvalidInput, StaleVersion
from claims.models import Article, Claim
from claims.roles import is_editor, is_fact_checker
from reviews.models import Assignment
from reviews.queues import claim_workable_by

ClaimStatus = Claim.Status


class ClaimEvent(models.TextChoices):
    ROUTE = "route"
    ASSIGN = "assign"
    REASSIGN = "reassign"
    RELEASE = "release"
    EXPIRE = "expire"
    RESUME = "resume"
    SUBMIT = "submit"
    PUBLISH = "publish"
    RETURN = "return"
    CORRECT = "correct", "Publish a correction"
    DISMISS = "dismiss"
    REOPEN = "reopen"


S = ClaimStatus
TRANSITIONS: dict[str, dict[str, str]] = {
    ClaimEvent.ROUTE: {S.NEW: S.QUEUED},
    ClaimEvent.ASSIGN: {S.QUEUED: S.ASSIGNED},
    ClaimEvent.REASSIGN: {S.ASSIGNED: S.ASSIGNED, S.RETURNED: S.ASSIGNED},
    ClaimEvent.RELEASE: {S.ASSIGNED: S.QUEUED, S.RETURNED: S.QUEUED},
    # Only a claim nobody is working on goes back by itself: a returned claim waits for its checker.
    ClaimEvent.EXPIRE: {S.ASSIGNED: S.QUEUED},
    ClaimEvent.RESUME: {S.RETURNED: S.ASSIGNED},
    ClaimEvent.SUBMIT: {S.ASSIGNED: S.SUBMITTED, S.RETURNED: S.SUBMITTED},
    ClaimEvent.PUBLISH: {S.SUBMITTED: S.PUBLISHED},
    ClaimEvent.RETURN: {S.SUBMITTED: S.RETURNED},
    # A published verdict is never edited: a new verdict supersedes it and the claim stays published.
    ClaimEvent.CORRECT: {S.PUBLISHED: S.PUBLISHED},
    ClaimEvent.DISMISS: {
        S.NEW: S.DISMISSED,
        S.QUEUED: S.DISMISSED,
        S.ASSIGNED: S.DISMISSED,
        S.RETURNED: S.DISMISSED,
    },
    ClaimEvent.REOPEN: {S.DISMISSED: S.QUEUED},
}
# Span edits and splits: text a checker is still working on, never text under review or published.
EDITABLE_STATUSES = {S.NEW, S.QUEUED, S.ASSIGNED, S.RETURNED}


def transition_target(*, status: str, event: str) -> str | None:
    return TRANSITIONS.get(event, {}).get(status)


def _audit_value(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    return value


@transaction.atomic
def claim_transition(
    *,
    claim: Claim,
    event: str,
    actor,
    version: int | None = None,
    changes: dict[str, Any] | None = None,
    detail: dict[str, Any] | None = None,
) -> Claim:
    """Move `claim` along `event` if its status (and `version`, when given) is still as read."""
    changes = changes or {}
    before_status = claim.status
    target = transition_target(status=before_status, event=event)
    if target is None:
        raise IllegalTransition(
            _("A claim that is %(status)s cannot take this step.") % {"status": before_status}
        )
    if version is not None and version != claim.version:
        raise StaleVersion()
    rows = Claim.objects.filter(pk=claim.pk, status=before_status, version=claim.version).update(
        status=target, version=F("version") + 1, updated_at=timezone.now(), **changes
    )
    if rows != 1:
        # Someone moved it between our read and our write: nothing changed here.
        raise StaleVersion(_("The claim changed meanwhile: reload it and try again."))
    before = {"status": before_status, "version": claim.version}
    before.update({name: _audit_value(getattr(claim, name)) for name in changes})
    claim.status = target
    claim.version += 1
    for name, value in changes.items():
        setattr(claim, name, value)
    after = {"status": target, "version": claim.version}
    after.update({name: _audit_value(value) for name, value in changes.items()})
    after.update(detail or {})
    audit_record(actor=actor, action=f"claim.{event}", obj=claim, before=before, after=after)
    return claim


def _open_assignment(claim: Claim) -> Assignment | None:
    return Assignment.objects.filter(claim=claim, ended_at__isnull=True).first()


def _check_can_edit(*, claim: Claim, actor) -> None:
    if not claim_workable_by(claim=claim, user=actor):
        raise Forbidden(_("Only fact-checkers on the claim's queue may edit it."))
    if claim.status not in EDITABLE_STATUSES:
        raise IllegalTransition(
            _("A claim that is %(status)s can no longer be edited.")
            % {"status": claim.get_status_display()}
        )
    holder = _open_assignment(claim)
    if holder is not None and holder.checker_id != actor.pk and not actor.is_superuser:
        raise Forbidden(_("Another checker is working on this claim."))


def _span_checked(*, article: Article, start: int, end: int) -> str:
    if start < 0 or end > len(article.body) or end <= start:
        raise InvalidInput(
            _("The span %(start)s–%(end)s is not inside the article body (0–%(size)s).")
            % {"start": start, "end": end, "size": len(article.body)}
        )
    text = article.body[start:end]
    if not text.strip():
        raise InvalidInput(_("The span holds only white space."))
    return text


@transaction.atomic
def claim_dismiss(*, claim: Claim, actor, reason: str, version: int | None = None) -> Claim:
    """Not check-worthy: out of the queues, with a reason for the record."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("A reason is required to dismiss a claim."))
    if not (is_editor(actor) or claim_workable_by(claim=claim, user=actor)):
        raise Forbidden(_("Only editors and the claim's fact-checkers may dismiss it."))
    claim_transition(
        claim=claim,
        event=ClaimEvent.DISMISS,
        actor=actor,
        version=version,
        changes={"dismiss_reason": reason[:500]},
    )
    Assignment.objects.filter(claim=claim, ended_at__isnull=True).update(
        ended_at=timezone.now(), end_reason=Assignment.EndReason.DISMISSED
    )
    return claim


@transaction.atomic
def claim_reopen(*, claim: Claim, actor, version: int | None = None) -> Claim:
    from reviews.routing import queue_for_claim, routing_queues

    if not (is_editor(actor) or claim_workable_by(claim=claim, user=actor)):
        raise Forbidden(_("Only editors and the claim's fact-checkers may reopen it."))
    queue = claim.queue or queue_for_claim(claim, routing_queues())
    return claim_transition(
        claim=claim,
        event=ClaimEvent.REOPEN,
        actor=actor,
        version=version,
        changes={"dismiss_reason": "", "queue": queue},
    )


@transaction.atomic
def claim_update_span(*, claim: Claim, actor, start: int, end: int, version: int) -> Claim:
    """Adjust which part of the article the claim covers; the text is re-sliced from the body."""
    _check_can_edit(claim=claim, actor=actor)
    text = _span_checked(article=claim.article, start=start, end=end)
    before = {"start": claim.start, "end": claim.end, "text": claim.text, "version": claim.version}
    try:
        with transaction.atomic():
            rows = Claim.objects.filter(
                pk=claim.pk, version=version, status__in=EDITABLE_STATUSES
            ).update(
                start=start,
                end=end,
                text=text,
                version=F("version") + 1,
                updated_at=timezone.now(),
            )
    except IntegrityError:
        raise IllegalTransition(
            _("Another extracted claim already covers exactly this span.")
        ) from None
    if rows != 1:
        raise StaleVersion()
    claim.start, claim.end, claim.text, claim.version = start, end, text, version + 1
    audit_record(
        actor=actor,
        action="claim.span",
        obj=claim,
        before=before,
        after={"start": start, "end": end, "text": text, "version": claim.version},
    )
    return claim


@transaction.atomic
def claim_split(*, claim: Claim, actor, at: int, version: int | None = None) -> tuple[Claim, Claim]:
    """Cut a claim in two at `at` (an article offset); both halves are now a person's work."""
    _check_can_edit(claim=claim, actor=actor)
    if version is not None and version != claim.version:
        raise StaleVersion()
    if not claim.start < at < claim.end:
        raise InvalidInput(
            _("The split point must fall strictly inside the claim (%(start)s–%(end)s).")
            % {"start": claim.start, "end": claim.end}
        )
    first_text = _span_checked(article=claim.article, start=claim.start, end=at)
    second_text = _span_checked(article=claim.article, start=at, end=claim.end)
    first_facts = [f for f in claim.facts or [] if f.get("start", claim.start) < at]
    second_facts = [f for f in claim.facts or [] if f.get("start", claim.start) >= at]
    original_end = claim.end
    before = {"start": claim.start, "end": original_end, "version": claim.version}
    rows = Claim.objects.filter(pk=claim.pk, version=claim.version, status=claim.status).update(
        end=at,
        text=first_text,
        facts=first_facts,
        origin=Claim.Origin.MANUAL,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if rows != 1:
        raise StaleVersion()
    claim.end, claim.text, claim.facts = at, first_text, first_facts
    claim.origin, claim.version = Claim.Origin.MANUAL, claim.version + 1
    # The second half waits in the same queue for whoever takes it next.
    second = Claim.objects.create(
        article=claim.article,
        start=at,
        end=original_end,
        text=second_text,
        kind=claim.kind,
        facts=second_facts,
        checkworthiness=claim.checkworthiness,
        origin=Claim.Origin.MANUAL,
        created_by=actor,
        queue=claim.queue,
        status=ClaimStatus.QUEUED if claim.queue_id else ClaimStatus.NEW,
    )
    audit_record(
        actor=actor,
        action="claim.split",
        obj=claim,
        before=before,
        after={"start": claim.start, "end": at, "version": claim.version, "new_claim": second.pk},
    )
    audit_record(
        actor=actor,
        action="claim.add",
        obj=second,
        before=None,
        after={"start": at, "end": second.end, "split_from": claim.pk, "status": second.status},
    )
    if second.status == ClaimStatus.NEW:
        from reviews.routing import claims_route

        claims_route(claims=[second])
    return claim, second


@transaction.atomic
def claim_add(
    *,
    article: Article,
    actor,
    start: int,
    end: int,
    kind: str = Claim.Kind.STATEMENT,
    checkworthiness: float = 0.5,
) -> Claim:
    """A claim the extractor missed, added by hand and routed like any other."""
    from reviews.routing import claims_route

    if not is_fact_checker(actor):
        raise Forbidden(_("Only fact-checkers add claims."))
    text = _span_checked(article=article, start=start, end=end)
    claim = Claim.objects.create(
        article=article,
        start=start,
        end=end,
        text=text,
        kind=kind,
        facts=[],
        checkworthiness=checkworthiness,
        origin=Claim.Origin.MANUAL,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="claim.add",
        obj=claim,
        before=None,
        after={"start": start, "end": end, "text": text, "kind": kind, "origin": claim.origin},
    )
    claims_route(claims=[claim], actor=actor)
    return claim
