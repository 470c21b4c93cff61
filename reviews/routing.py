"""Routing: every new claim lands in exactly one queue (the fallback queue when no rule matches)."""

from collections.abc import Iterable

from django.db import transaction

from claims.models import Claim
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


@transaction.atomic
def claims_route(*, claims: Iterable[Claim]) -> list[Claim]:
    """Put new claims into their queues and mark them queued (one UPDATE per claim batch)."""
    queues = list(Queue.objects.filter(is_active=True).order_by("priority", "slug"))
    routed = []
    for claim in claims:
        if claim.status != Claim.Status.NEW:
            continue
        claim.queue = queue_for_claim(claim, queues)
        claim.status = Claim.Status.QUEUED if claim.queue else Claim.Status.NEW
        routed.append(claim)
    Claim.objects.bulk_update(routed, ["queue", "status"])
    return routed
