"""Review workflow tasks: boundaries only, the work is in reviews.assignment."""

from celery import shared_task

# Database and broker outages are waited for with backoff (20 tries), as claims' tasks do.
from claims.tasks import RETRY_OUTAGES


@shared_task(name="reviews.tasks.expire_assignment_leases", acks_late=True, ignore_result=True)
def expire_assignment_leases() -> int:
    # Safe to run twice, or in two beats at once: expiry is a guarded transition per claim.
    from reviews.assignment import assignments_expire

    return assignments_expire()


# --- "Checked before?" matching (extraction queue: CPU work) -------------------------------------


@shared_task(name="reviews.tasks.match_claims", acks_late=True, ignore_result=True, **RETRY_OUTAGES)
def match_claims(claim_ids: list[int]) -> int:
    # Safe to run twice: a refresh replaces the claim's stored matches with the same ones.
    from claims.models import Claim
    from reviews.matching import claim_matches_refresh

    claims = Claim.objects.select_related("article", "queue").filter(pk__in=claim_ids)
    return sum(len(claim_matches_refresh(claim=claim)) for claim in claims)


@shared_task(
    name="reviews.tasks.match_imported_reviews", acks_late=True, ignore_result=True, **RETRY_OUTAGES
)
def match_imported_reviews(review_ids: list[int]) -> int:
    from reviews.matching import review_matches_spread
    from reviews.matching_models import MatchItem

    items = MatchItem.objects.filter(review_id__in=review_ids)
    return sum(review_matches_spread(item=item) for item in items)


@shared_task(name="reviews.tasks.deliver_webhook", bind=True, acks_late=True, max_retries=None)
def deliver_webhook(self, delivery_id: int) -> str:
    # Attempts are counted on the row (CLAIMDESK_WEBHOOK_MAX_ATTEMPTS), not by Celery.
    from reviews.models import WebhookDelivery
    from reviews.webhooks import webhook_delivery_attempt, webhook_retry_countdown

    delivery = (
        WebhookDelivery.objects.select_related("endpoint")
        .filter(pk=delivery_id, status__in=["pending", "retrying"])
        .first()
    )
    if delivery is None:
        return "done"
    outcome = webhook_delivery_attempt(delivery=delivery)
    if outcome == "retry":
        raise self.retry(countdown=webhook_retry_countdown(delivery.attempts))
    return outcome


@shared_task(name="reviews.tasks.send_due_digests", acks_late=True, ignore_result=True)
def send_due_digests() -> int:
    from reviews.digest import digests_send_due

    return digests_send_due()
