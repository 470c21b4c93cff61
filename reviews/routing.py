"""Routing: every new claim lands in exactly one queue (the fallback queue when no rule matches)."""

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from claims.audit import audit_record
from claims.errors import Conflict, Forbidden, IllegalTransition
from claims.models import AuditEvent, Claim
from claims.roles import is_newsroom_member
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


def is_checkworthy(claim: Claim) -> bool:
    """Queued for a checker, or only listed on its article as not check-worthy?"""
    return (
        claim.kind == Claim.Kind.INCONSISTENCY
        or claim.checkworthiness >= settings.CLAIMDESK_QUEUE_THRESHOLD
    )


def routing_queues() -> list[Queue]:
    return list(Queue.objects.filter(is_active=True).order_by("priority", "slug"))


@transaction.atomic
def claims_route(
    *, claims: Iterable[Claim], actor=None, only_checkworthy: bool = False
) -> list[Claim]:
    """Put new claims into their queues and mark them queued.

    With `only_checkworthy` (extraction), claims under CLAIMDESK_QUEUE_THRESHOLD stay `new`:
    listed on their article as not check-worthy until someone promotes one.

    One guarded UPDATE per destination queue (only claims still `new` move, so routing twice is
    harmless) and one bulk INSERT of audit events, whatever the number of claims.
    """
    queues = routing_queues()
    by_queue: dict[Queue, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.status != Claim.Status.NEW:
            continue
        if only_checkworthy and not is_checkworthy(claim):
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


@transaction.atomic
def claim_promote(*, claim: Claim, actor) -> Claim:
    """A person judges a claim the extractor scored low check-worthy after all: queue it."""
    if not is_newsroom_member(actor):
        raise Forbidden(_("Only fact-checkers and editors promote claims."))
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if claim.status != Claim.Status.NEW:
        raise IllegalTransition(_("Only a claim waiting outside the queues can be promoted."))
    routed = claims_route(
        claims=[Claim.objects.select_related("article").get(pk=claim.pk)], actor=actor
    )
    if not routed:
        raise Conflict(_("No active queue takes this claim: ask an editor to open one."))
    audit_record(
        actor=actor,
        action="claim.promote",
        obj=routed[0],
        after={"checkworthiness": claim.checkworthiness, "queue": routed[0].queue.slug},
    )
    return routed[0]
