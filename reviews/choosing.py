"""Choosing work: take a chosen claim, skip claims, and the cap on claims one checker holds.

`claim_assign_next` (reviews/assignment.py) hands out the top claim; these let a checker steer:
take a specific unassigned claim from any list, or pass over claims for a while (a skip lasts
CLAIMDESK_SKIP_MINUTES) so `next` offers the one after.
"""

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from claims.errors import Conflict, Forbidden, IllegalTransition
from claims.models import Claim
from reviews.assignment import assign_claim, claim_assign_next, claim_release
from reviews.lifecycle import ClaimEvent
from reviews.models import Assignment, ClaimSkip, Queue
from reviews.queues import queue_is_member


def held_count(*, checker) -> int:
    return Assignment.objects.filter(checker=checker, ended_at__isnull=True).count()


def check_under_cap(*, checker) -> None:
    cap = settings.CLAIMDESK_MAX_HELD_CLAIMS
    if cap and held_count(checker=checker) >= cap:
        raise Conflict(
            ngettext(
                "You already hold %(count)d claim, the most one checker may hold: "
                "submit or release it before taking another.",
                "You already hold %(count)d claims, the most one checker may hold: "
                "submit or release one before taking another.",
                cap,
            )
            % {"count": cap}
        )


def skipped_claim_ids(*, checker, now=None) -> set[int]:
    now = now or timezone.now()
    return set(
        ClaimSkip.objects.filter(checker=checker, until__gt=now).values_list("claim_id", flat=True)
    )


def claims_skip(*, claim_ids: Iterable[int], checker) -> int:
    """Pass over these claims for a while; skipping again restarts the while."""
    until = timezone.now() + timedelta(minutes=settings.CLAIMDESK_SKIP_MINUTES)
    ids = set(Claim.objects.filter(pk__in=set(claim_ids)).values_list("pk", flat=True))
    for claim_id in ids:
        ClaimSkip.objects.update_or_create(
            checker=checker, claim_id=claim_id, defaults={"until": until}
        )
    return len(ids)


@transaction.atomic
def claim_take_next(*, queue: Queue, checker, skip: Iterable[int] = ()) -> Claim | None:
    """`next`, passing over `skip` and whatever this checker skipped before, while it lasts."""
    if not queue_is_member(queue=queue, user=checker):
        raise Forbidden(
            _("You are not a fact-checker on the queue '%(queue)s'.") % {"queue": queue.slug}
        )
    check_under_cap(checker=checker)
    claims_skip(claim_ids=skip, checker=checker)
    return claim_assign_next(
        queue=queue, checker=checker, exclude=skipped_claim_ids(checker=checker)
    )


@transaction.atomic
def claim_take(*, claim: Claim, checker) -> Assignment:
    """A queue member takes this unassigned claim (from any list) rather than the next one."""
    claim = Claim.objects.select_for_update(of=("self",)).select_related("queue").get(pk=claim.pk)
    if claim.queue is None or not queue_is_member(queue=claim.queue, user=checker):
        raise Forbidden(_("Only fact-checkers on the claim's queue may take it."))
    holder = Assignment.objects.filter(claim=claim, ended_at__isnull=True).first()
    if holder is not None:
        if holder.checker_id == checker.pk:
            return holder
        raise Conflict(
            _("%(name)s is already working on this claim.")
            % {"name": holder.checker.get_username()}
        )
    if claim.status != Claim.Status.QUEUED:
        raise IllegalTransition(_("Only a queued claim can be taken."))
    check_under_cap(checker=checker)
    return assign_claim(claim=claim, checker=checker, actor=checker, event=ClaimEvent.ASSIGN)


@transaction.atomic
def claim_skip_and_next(*, claim: Claim, checker) -> Claim | None:
    """The checker passes on the claim they hold: it goes back, and the next one comes."""
    queue = claim.queue
    claim_release(claim=claim, checker=checker)
    if queue is None:
        return None
    return claim_take_next(queue=queue, checker=checker, skip=[claim.pk])
