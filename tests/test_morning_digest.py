"""The morning list: ranked, grouped by publisher and queue, and e-mailed at a local hour."""

import datetime

import pytest
from django.core import mail

from claims.errors import InvalidInput
from reviews.digest import (
    digest_is_due,
    digest_subscription_save,
    digests_send_due,
    morning_list,
)
from reviews.models import DigestSubscription
from reviews.repeats import claim_repeat_detected
from tests.factories import ArticleFactory
from tests.workflow_setup import claim, plain_http  # noqa: F401

UTC = datetime.UTC


def at(hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 11, 30, hour, minute, tzinfo=UTC)


@pytest.fixture
def news(defaults):
    """Three publishers' claims in two queues, created just before 04:00 UTC on 30 November."""
    echo = ArticleFactory(publisher="Echo", body="Exports rose 12% in 2023, the ministry said.")
    herald = ArticleFactory(publisher="Herald", body="Unemployment fell to 3% last year, he said.")
    wire = ArticleFactory(publisher="Wire", language="ar", body="ارتفعت الصادرات 12% في 2023.")
    made = {
        "echo_low": claim(echo, start=0, end=12, checkworthiness=0.40),
        "echo_top": claim(echo, start=13, end=20, checkworthiness=0.95),
        "herald": claim(herald, start=0, end=12, checkworthiness=0.70),
        "wire": claim(wire, start=0, end=10, checkworthiness=0.60, queue_slug="arabic-desk"),
    }
    from claims.models import Claim

    Claim.objects.update(created_at=at(3, 30))
    return made


def test_it_ranks_by_checkworthiness_and_groups_by_publisher_and_queue(news):
    groups, count = morning_list(since=at(0), until=at(4))

    assert count == 4
    assert [group.publisher for group in groups] == ["Echo", "Herald", "Wire"]
    echo = groups[0].queues[0]
    assert [c.pk for c in echo.claims] == [news["echo_top"].pk, news["echo_low"].pk]
    assert groups[2].queues[0].name != echo.name  # the Arabic desk, its own group
    assert morning_list(since=at(3, 45), until=at(4))[1] == 0  # only claims since `since`


def test_it_marks_claims_checked_before(news):
    claim_repeat_detected(claim=news["herald"], matched_claim=news["echo_low"], score=0.93)

    groups, _ = morning_list(since=at(0), until=at(4))

    herald = groups[1].queues[0].claims[0]
    assert herald.checked_before.claim_id == news["echo_low"].pk
    assert groups[0].queues[0].claims[0].checked_before is None


def test_it_sends_at_the_chosen_hour_in_the_users_time_zone(news, editor):
    editor.email = "editor@example.org"
    editor.save()
    # 07:00 in Amman (UTC+3) is 04:00 UTC.
    subscription = digest_subscription_save(
        user=editor, is_enabled=True, hour=7, time_zone="Asia/Amman"
    )

    assert not digest_is_due(subscription, at(7))  # 07:00 UTC is 10:00 in Amman
    assert digests_send_due(now=at(3, 55)) == 0
    assert digests_send_due(now=at(4, 5)) == 1
    assert digests_send_due(now=at(4, 40)) == 0  # once a local day

    (message,) = mail.outbox
    assert message.to == ["editor@example.org"] and "4 new claims" in message.subject
    body = message.body
    assert body.index("Echo") < body.index("Herald") < body.index("Wire")
    assert body.index("[0.95]") < body.index("[0.40]")
    subscription.refresh_from_db()
    assert subscription.last_sent_at == at(4, 5)


def test_it_lists_only_claims_since_the_last_digest(news, editor):
    editor.email = "editor@example.org"
    editor.save()
    digest_subscription_save(user=editor, is_enabled=True, hour=4, time_zone="UTC")
    assert digests_send_due(now=at(4, 5)) == 1
    fresh = claim(ArticleFactory(publisher="Late"), checkworthiness=0.5)
    type(fresh).objects.filter(pk=fresh.pk).update(created_at=at(12))

    assert digests_send_due(now=at(4, 5) + datetime.timedelta(days=1)) == 1

    assert "1 new claim" in mail.outbox[1].subject and "Late" in mail.outbox[1].body
    assert "Echo" not in mail.outbox[1].body


def test_it_sends_nothing_to_people_who_did_not_opt_in(news, editor):
    editor.email = "editor@example.org"
    editor.save()
    digest_subscription_save(user=editor, is_enabled=False, hour=4, time_zone="UTC")

    assert digests_send_due(now=at(4, 5)) == 0 and mail.outbox == []


def test_it_refuses_an_unknown_time_zone(editor):
    with pytest.raises(InvalidInput):
        digest_subscription_save(user=editor, is_enabled=True, hour=7, time_zone="Mars/Olympus")
    assert not DigestSubscription.objects.exists()
