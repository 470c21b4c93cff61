"""Queue selectors: who works which queue, and how much is waiting in each."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Value
from django.utils import timezone

from claims.models import Claim
from claims.roles import is_fact_checker
from reviews.models import Queue, RepeatOccurrence


def is_repeat():
    """True for a claim that repeats one already found false: it goes first in its queue.

    A subquery rather than a column on Claim: the lower layer's table stays as it is.
    """
    return Exists(RepeatOccurrence.objects.filter(claim=OuterRef("pk")))


OPEN_STATUSES = [Claim.Status.QUEUED, Claim.Status.ASSIGNED, Claim.Status.RETURNED]


def queues_with_counts(*, user=None) -> QuerySet[Queue]:
    """Active queues with open, assigned and overdue counts, and the caller's membership: one query."""
    cutoff = timezone.now() - timedelta(hours=settings.CLAIMDESK_QUEUE_OVERDUE_HOURS)
    if getattr(user, "pk", None):
        is_member = Exists(
            Queue.members.through.objects.filter(queue_id=OuterRef("pk"), user_id=user.pk)
        )
    else:
        is_member = Value(False)
    return (
        Queue.objects.filter(is_active=True)
        .annotate(
            open_count=Count("claims", filter=Q(claims__status=Claim.Status.QUEUED)),
            assigned_count=Count(
                "claims",
                filter=Q(claims__status__in=[Claim.Status.ASSIGNED, Claim.Status.RETURNED]),
            ),
            overdue_count=Count(
                "claims", filter=Q(claims__status__in=OPEN_STATUSES, claims__created_at__lt=cutoff)
            ),
            is_member=is_member,
        )
        .order_by("priority", "slug")
    )


def queue_is_member(*, queue: Queue, user) -> bool:
    """Only fact-checkers on a queue take work from it (superusers may stand in anywhere)."""
    if not is_fact_checker(user):
        return False
    return user.is_superuser or queue.members.filter(pk=user.pk).exists()


def member_queue_ids(*, user) -> set[int] | None:
    """The queues `user` takes work from; None for a superuser, who may take from any."""
    if not is_fact_checker(user):
        return set()
    if user.is_superuser:
        return None
    return set(
        Queue.members.through.objects.filter(user_id=user.pk).values_list("queue_id", flat=True)
    )


def claim_workable_by(*, claim: Claim, user) -> bool:
    """May this person work on the claim (edit its span, draft its verdict)?"""
    if not is_fact_checker(user):
        return False
    if user.is_superuser or claim.queue_id is None:
        return True
    return Queue.members.through.objects.filter(queue_id=claim.queue_id, user_id=user.pk).exists()
