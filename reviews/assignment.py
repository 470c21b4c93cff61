"""Handing out claims: next in a queue, release, reassign, bulk assign, and lease expiry."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from claims.errors import Conflict, Forbidden, IllegalTransition, InvalidInput
from claims.models import Claim
from claims.roles import is_editor, is_fact_checker
from reviews.lifecycle import ClaimEvent, claim_transition
from reviews.models import Assignment, Queue
from reviews.next_claim import claim_take_next_postgres
from reviews.queues import is_repeat, queue_is_member

# A guarded UPDATE can lose a race on SQLite (no row locks); try the next candidate a few times.
NEXT_ATTEMPTS = 20


def lease_end(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) + timedelta(minutes=settings.CLAIMDESK_LEASE_MINUTES)


def _assignment_end(*, claim: Claim, reason: str) -> Assignment | None:
    current = Assignment.objects.filter(claim=claim, ended_at__isnull=True).first()
    if current is None:
        return None
    rows = Assignment.objects.filter(pk=current.pk, ended_at__isnull=True).update(
        ended_at=timezone.now(), end_reason=reason
    )
    if rows != 1:
        raise Conflict(_("The assignment ended meanwhile: reload the claim."))
    return current


def assign_claim(*, claim: Claim, checker, actor, event: str) -> Assignment:
    lease = lease_end()
    claim_transition(
        claim=claim,
        event=event,
        actor=actor,
        detail={"checker": checker.get_username(), "lease_expires_at": lease.isoformat()},
    )
    try:
        with transaction.atomic():
            return Assignment.objects.create(
                claim=claim, checker=checker, assigned_by=actor, lease_expires_at=lease
            )
    except IntegrityError:
        raise Conflict(_("Someone else took this claim at the same moment.")) from None


def claim_assign_next(*, queue: Queue, checker, exclude: Iterable[int] = ()) -> Claim | None:
    """Give `checker` the most check-worthy, oldest unassigned claim of `queue`, or None.

    On PostgreSQL one statement takes the claim, opens the lease and writes the audit event
    (`reviews.next_claim`); elsewhere the ORM does it in a transaction. Either way the guarded
    transition and the one-open-assignment constraint make double assignment impossible.
    """
    if connection.vendor == "postgresql":
        if not is_fact_checker(checker):
            raise Forbidden(f"You are not a fact-checker on the queue '{queue.slug}'.")
        try:
            taken = claim_take_next_postgres(
                queue=queue, checker=checker, lease=lease_end(), exclude=exclude
            )
        except IntegrityError:
            taken = None  # an inconsistent row (an open lease on a queued claim): go slowly
        else:
            if taken is not None:
                return taken
            if queue_is_member(queue=queue, user=checker):
                return None
            raise Forbidden(f"You are not a fact-checker on the queue '{queue.slug}'.")
    return _claim_assign_next_orm(queue=queue, checker=checker, exclude=exclude)


@transaction.atomic
def _claim_assign_next_orm(*, queue: Queue, checker, exclude: Iterable[int] = ()) -> Claim | None:
    """On SQLite `skip_locked` is a no-op and a guarded UPDATE can lose a race: try again."""
    if not queue_is_member(queue=queue, user=checker):
        raise Forbidden(
            _("You are not a fact-checker on the queue “%(queue)s”.") % {"queue": queue.slug}
        )
    for _attempt in range(NEXT_ATTEMPTS):
        candidate = (
            Claim.objects.select_for_update(skip_locked=True)
            .filter(queue=queue, status=Claim.Status.QUEUED)
            .exclude(pk__in=list(exclude))
            .annotate(is_repeat=is_repeat())
            .order_by("-is_repeat", "-checkworthiness", "created_at", "id")
            .first()
        )
        if candidate is None:
            return None
        try:
            with transaction.atomic():
                assignment = assign_claim(
                    claim=candidate, checker=checker, actor=checker, event=ClaimEvent.ASSIGN
                )
        except Conflict:
            continue
        candidate.current_assignment = assignment
        return candidate
    return None


@transaction.atomic
def claim_release(*, claim: Claim, checker) -> Claim:
    """The checker gives the claim back to its queue."""
    held = Assignment.objects.filter(claim=claim, ended_at__isnull=True, checker=checker).exists()
    if not held:
        raise Forbidden(_("You do not hold this claim."))
    claim_transition(claim=claim, event=ClaimEvent.RELEASE, actor=checker)
    _assignment_end(claim=claim, reason=Assignment.EndReason.RELEASED)
    return claim


def _check_assignable_to(*, claim: Claim, checker) -> None:
    if claim.queue is None or not queue_is_member(queue=claim.queue, user=checker):
        raise InvalidInput(
            _("%(checker)s is not a fact-checker on the claim's queue.")
            % {"checker": checker.get_username()}
        )


@transaction.atomic
def claim_reassign(*, claim: Claim, checker, editor) -> Assignment:
    """An editor gives a queued, assigned or returned claim to `checker`."""
    if not is_editor(editor):
        raise Forbidden(_("Only editors assign claims to others."))
    _check_assignable_to(claim=claim, checker=checker)
    if claim.status == Claim.Status.QUEUED:
        event = ClaimEvent.ASSIGN
    elif claim.status in (Claim.Status.ASSIGNED, Claim.Status.RETURNED):
        event = ClaimEvent.REASSIGN
        _assignment_end(claim=claim, reason=Assignment.EndReason.REASSIGNED)
    else:
        raise IllegalTransition(
            _("A claim that is %(status)s cannot be assigned.")
            % {"status": claim.get_status_display()}
        )
    return assign_claim(claim=claim, checker=checker, actor=editor, event=event)


@transaction.atomic
def assignments_expire(*, now: datetime | None = None) -> int:
    """Return claims whose lease ran out to their queue; the count of claims returned."""
    now = now or timezone.now()
    expired = list(
        Assignment.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(
            ended_at__isnull=True, lease_expires_at__lt=now, claim__status=Claim.Status.ASSIGNED
        )
        .select_related("claim", "checker")
    )
    count = 0
    for assignment in expired:
        try:
            with transaction.atomic():
                claim_transition(
                    claim=assignment.claim,
                    event=ClaimEvent.EXPIRE,
                    actor=None,
                    detail={
                        "checker": assignment.checker.get_username(),
                        "lease_expired_at": assignment.lease_expires_at.isoformat(),
                    },
                )
                _assignment_end(claim=assignment.claim, reason=Assignment.EndReason.EXPIRED)
        except Conflict:
            continue  # the checker submitted or released it in the meantime
        count += 1
    return count


def assignment_lease_extend(*, claim: Claim, checker) -> None:
    """Saving a draft shows the checker is still at work: their lease runs again from now."""
    Assignment.objects.filter(claim=claim, checker=checker, ended_at__isnull=True).update(
        lease_expires_at=lease_end()
    )
