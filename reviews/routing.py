"""Routing: every new claim lands in exactly one queue (the fallback queue when no rule matches)."""

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from claims.models import AuditEvent, Claim
from reviews.models import Queue


def queue_accepts(queue: Queue, claim: Claim) -> bool:
    article = claim.article
    if queue.languages and article.language not in queue.languages:
        return False
    if queue.kinds and claim.kind not in queue.kinds:
        return False
    if claim.checkworthiness < queue.min_checkworthiness:
        return False
    if queue.publishers and article.publisher not in queue.publishers:
        return False
    return True


def queue_for_claim(claim: Claim, queues: list[Queue]) -> Queue | None:
    """`queues` in routing order (priority, slug); the first fallback queue takes the rest."""
    for queue in queues:
        if not queue.is_fallback and queue_accepts(queue, claim):
            return queue
    return next((queue for queue in queues if queue.is_fallback), None)


def routing_queues() -> list[Queue]:
    return list(Queue.objects.filter(is_active=True).order_by("priority", "slug"))


@transaction.atomic
def claims_route(*, claims: Iterable[Claim], actor=None) -> list[Claim]:
    """Put new claims into their queues and mark them queued.

    One guarded UPDATE per destination queue (only claims still `new` move, so routing twice is
    harmless) and one bulk INSERT of audit events, whatever the number of claims.
    """
    queues = routing_queues()
    by_queue: dict[Queue, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.status != Claim.Status.NEW:
            continue
        queue = queue_for_claim(claim, queues)
        if queue is not None:  # no active fallback queue: the claim waits as `new`
            by_queue[queue].append(claim)
    routed: list[Claim] = []
    events: list[AuditEvent] = []
    now = timezone.now()
    for queue, batch in by_queue.items():
        ids = [claim.pk for claim in batch]
        Claim.objects.filter(pk__in=ids, status=Claim.Status.NEW).update(
            queue=queue, status=Claim.Status.QUEUED, version=F("version") + 1, updated_at=now
        )
        moved = set(
            # `updated_at=now` singles out the rows this call moved, not a concurrent router's.
            Claim.objects.filter(
                pk__in=ids, queue=queue, status=Claim.Status.QUEUED, updated_at=now
            ).values_list("pk", flat=True)
        )
        for claim in batch:
            if claim.pk not in moved:
                continue
            events.append(
                AuditEvent(
                    actor=actor if getattr(actor, "pk", None) else None,
                    action="claim.route",
                    object_type="claims.claim",
                    object_id=str(claim.pk),
                    claim_id=claim.pk,
                    before={"status": Claim.Status.NEW, "version": claim.version},
                    after={
                        "status": Claim.Status.QUEUED,
                        "version": claim.version + 1,
                        "queue": queue.slug,
                    },
                )
            )
            claim.queue = queue
            claim.status = Claim.Status.QUEUED
            claim.version += 1
            routed.append(claim)
    AuditEvent.objects.bulk_create(events)
    return routed
