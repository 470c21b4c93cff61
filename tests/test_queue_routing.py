import pytest

from claims.models import AuditEvent, Claim
from reviews.models import Queue
from reviews.queues import queues_with_counts
from reviews.routing import claims_route
from tests.factories import ArticleFactory, ClaimFactory
from tests.workflow_setup import plain_http  # noqa: F401


def new_claim(*, language="en", kind=Claim.Kind.MONEY, checkworthiness=0.5, publisher="", **kw):
    on = ArticleFactory(language=language, publisher=publisher)
    return ClaimFactory(
        article=on,
        kind=kind,
        checkworthiness=checkworthiness,
        status=Claim.Status.NEW,
        queue=None,
        **kw,
    )


def route(item: Claim) -> str:
    claims_route(claims=[item])
    item.refresh_from_db()
    assert item.status == Claim.Status.QUEUED
    return item.queue.slug


@pytest.mark.parametrize(
    ("language", "kind", "expected"),
    [
        ("ar", Claim.Kind.MONEY, "arabic-desk"),
        ("en", Claim.Kind.PERCENT, "english-desk"),
        ("ar", Claim.Kind.INCONSISTENCY, "inconsistencies"),
        ("en", Claim.Kind.INCONSISTENCY, "inconsistencies"),
        ("", Claim.Kind.STATEMENT, "triage"),
    ],
)
def test_it_routes_each_new_claim_to_exactly_one_queue(defaults, language, kind, expected):
    assert route(new_claim(language=language, kind=kind)) == expected


def test_it_honours_minimum_checkworthiness_and_publisher_rules(defaults):
    Queue.objects.create(
        slug="urgent-gazette",
        name="Urgent Gazette",
        priority=5,
        min_checkworthiness=0.8,
        publishers=["Gazette"],
    )

    assert route(new_claim(checkworthiness=0.9, publisher="Gazette")) == "urgent-gazette"
    assert route(new_claim(checkworthiness=0.5, publisher="Gazette")) == "english-desk"
    assert route(new_claim(checkworthiness=0.9, publisher="Herald")) == "english-desk"


def test_it_tries_queues_in_priority_order(defaults):
    Queue.objects.filter(slug="english-desk").update(priority=1)

    assert route(new_claim(kind=Claim.Kind.INCONSISTENCY)) == "english-desk"


def test_it_skips_inactive_queues(defaults):
    Queue.objects.filter(slug="english-desk").update(is_active=False)

    assert route(new_claim()) == "triage"


def test_it_routes_once_and_audits_each_claim(defaults):
    items = [new_claim(), new_claim()]

    claims_route(claims=items)
    again = claims_route(claims=[Claim.objects.get(pk=items[0].pk)])

    assert again == []
    assert AuditEvent.objects.filter(action="claim.route").count() == 2


def test_it_counts_open_assigned_and_overdue_claims_per_queue_in_one_query(
    checker, django_assert_num_queries, settings
):
    from datetime import timedelta

    from django.utils import timezone

    desk = Queue.objects.get(slug="english-desk")
    ClaimFactory.create_batch(3, queue=desk, status=Claim.Status.QUEUED)
    ClaimFactory(queue=desk, status=Claim.Status.ASSIGNED)
    ClaimFactory(queue=desk, status=Claim.Status.PUBLISHED)
    old = ClaimFactory(queue=desk, status=Claim.Status.QUEUED)
    Claim.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(hours=settings.CLAIMDESK_QUEUE_OVERDUE_HOURS + 1)
    )

    with django_assert_num_queries(1):
        queues = {queue.slug: queue for queue in queues_with_counts(user=checker)}

    english = queues["english-desk"]
    assert (english.open_count, english.assigned_count, english.overdue_count) == (4, 1, 1)
    assert english.is_member is True
    assert queues["triage"].open_count == 0


def test_it_lists_queues_with_counts_over_the_api(checker_api, stranger_checker):
    from tests.conftest import api_client_for

    ClaimFactory.create_batch(2)

    mine = checker_api.get("/api/v1/queues/").json()
    theirs = api_client_for(stranger_checker).get("/api/v1/queues/").json()

    english = next(queue for queue in mine if queue["slug"] == "english-desk")
    assert english["open_count"] == 2
    assert english["is_member"] is True
    assert not any(queue["is_member"] for queue in theirs)
