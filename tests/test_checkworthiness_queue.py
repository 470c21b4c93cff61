"""Check-worthiness drives the queue: low claims wait on their article; one click promotes one."""

import pytest
from django.urls import reverse

from claims.models import AuditEvent, Claim
from reviews.receivers import route_created_claims
from reviews.routing import claim_promote
from tests.factories import ArticleFactory, ClaimFactory
from tests.workflow_setup import plain_http  # noqa: F401

pytestmark = pytest.mark.django_db


def extracted(scores: list[float], *, kind: str = Claim.Kind.STATEMENT) -> list[Claim]:
    article = ArticleFactory(body="x" * 100, language="en", status="extracted")
    claims = [
        ClaimFactory(
            article=article,
            start=i,
            end=i + 1,
            queue=None,
            status=Claim.Status.NEW,
            checkworthiness=score,
            kind=kind,
        )
        for i, score in enumerate(scores)
    ]
    route_created_claims(Claim, claims=claims, actor=None)
    return [Claim.objects.get(pk=claim.pk) for claim in claims]


def test_it_queues_only_claims_at_or_above_the_threshold(defaults, settings):
    settings.CLAIMDESK_QUEUE_THRESHOLD = 0.5
    low, edge, high = extracted([0.2, 0.5, 0.9])

    assert (low.status, low.queue) == (Claim.Status.NEW, None)
    assert edge.status == Claim.Status.QUEUED
    assert high.status == Claim.Status.QUEUED


def test_it_always_queues_an_inconsistency(defaults):
    (flag,) = extracted([0.1], kind=Claim.Kind.INCONSISTENCY)

    assert flag.status == Claim.Status.QUEUED
    assert flag.queue.slug == "inconsistencies"


def test_it_promotes_a_low_claim_into_its_queue_with_an_audit_event(checker):
    (low,) = extracted([0.1])

    promoted = claim_promote(claim=low, actor=checker)

    assert promoted.status == Claim.Status.QUEUED
    assert promoted.queue is not None
    assert AuditEvent.objects.filter(action="claim.promote", claim_id=low.pk).exists()


def test_it_lists_low_claims_apart_and_promotes_one_from_the_article_page(client, checker):
    low, high = extracted([0.1, 0.9])
    client.force_login(checker)
    url = reverse("desk:article_detail", args=[low.article_id])

    page = client.get(url).content.decode()
    response = client.post(reverse("desk:claim_promote", args=[low.pk]))

    assert 'data-testid="low-claims"' in page
    assert page.index(f"#claim-{high.pk}") < page.index('data-testid="low-claim"')
    assert response.status_code == 302
    assert Claim.objects.get(pk=low.pk).status == Claim.Status.QUEUED
    assert 'data-testid="low-claims"' not in client.get(url).content.decode()


def test_it_says_why_a_queued_claim_cannot_be_promoted(client, checker):
    (high,) = extracted([0.9])
    client.force_login(checker)

    response = client.post(reverse("desk:claim_promote", args=[high.pk]), follow=True)

    assert "Only a claim waiting outside the queues" in response.content.decode()


def test_it_refuses_promotion_to_outsiders(client, outsider):
    (low,) = extracted([0.1])
    client.force_login(outsider)

    assert client.post(reverse("desk:claim_promote", args=[low.pk])).status_code == 403
    assert Claim.objects.get(pk=low.pk).status == Claim.Status.NEW
