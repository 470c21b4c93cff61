"""Desk pages for monitoring: feeds and their health, webhooks, the morning list, Repeats."""

import pytest
from django.urls import reverse

from claims.feeds import feed_create, feed_poll_failed
from claims.models import Feed
from reviews.models import DigestSubscription, WebhookDelivery, WebhookEndpoint
from reviews.repeats import claim_repeat_detected
from tests.factories import ArticleFactory
from tests.workflow_setup import claim

PAGES = ["desk:feeds", "desk:morning", "desk:repeats", "desk:webhooks"]


@pytest.mark.parametrize("name", PAGES)
def test_it_keeps_outsiders_out_of_every_monitoring_page(desk_client, outsider, name):
    assert desk_client().get(reverse(name)).status_code == 302
    assert desk_client(outsider).get(reverse(name)).status_code == 403


def test_it_shows_checkers_feeds_but_only_editors_manage_them_and_webhooks(
    desk_client, checker, editor
):
    checker_client = desk_client(checker)
    assert checker_client.get(reverse("desk:feeds")).status_code == 200
    assert checker_client.get(reverse("desk:webhooks")).status_code == 403

    response = checker_client.post(
        reverse("desk:feeds"), {"url": "https://a.example/rss", "publisher": "A",
                                "interval_minutes": 15}, follow=True,
    )  # fmt: skip

    assert "Only editors add feeds." in response.content.decode()
    assert not Feed.objects.exists()


def test_it_lets_an_editor_add_a_feed_and_shows_its_health_in_words(desk_client, editor):
    client = desk_client(editor)

    response = client.post(
        reverse("desk:feeds"),
        {"url": "https://wire.example/rss.xml", "publisher": "Wire <b>", "language": "en",
         "interval_minutes": 10},
        follow=True,
    )  # fmt: skip
    feed = Feed.objects.get()
    feed_poll_failed(feed=feed, reason="Could not fetch: the server answered 503 Unavailable")
    page = client.get(reverse("desk:feeds")).content.decode()

    assert response.status_code == 200 and feed.interval_minutes == 10
    assert "Wire &lt;b&gt;" in page  # escaped
    assert "the server answered 503 Unavailable" in page
    assert "failing (1 time)" in page


def test_it_says_why_a_feed_address_is_refused(desk_client, editor):
    feed_create(url="https://wire.example/rss.xml", publisher="Wire", created_by=editor)

    response = desk_client(editor).post(
        reverse("desk:feeds"),
        {"url": "https://wire.example/rss.xml", "publisher": "Again", "interval_minutes": 15},
    )

    assert response.status_code == 400
    assert "already registered" in response.content.decode()


def test_it_turns_a_dead_feed_back_on(desk_client, editor):
    feed = feed_create(url="https://wire.example/rss.xml", publisher="Wire", created_by=editor)
    Feed.objects.filter(pk=feed.pk).update(is_dead=True, failures=8)

    desk_client(editor).post(reverse("desk:feed_toggle", args=[feed.pk]))

    feed.refresh_from_db()
    assert (feed.is_dead, feed.failures, feed.is_enabled) == (False, 0, True)


def test_it_lets_an_editor_register_a_webhook_and_resend_a_delivery(desk_client, editor):
    client = desk_client(editor)
    response = client.post(
        reverse("desk:webhooks"),
        {"url": "https://93.184.216.34/hook", "events": ["verdict.published"],
         "secret": "0123456789abcdef0123"},
        follow=True,
    )  # fmt: skip
    endpoint = WebhookEndpoint.objects.get()
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event="verdict.published", event_id="e1", body="{}", status="failed"
    )

    client.post(reverse("desk:webhook_resend", args=[delivery.pk]))

    assert "Webhook added" in response.content.decode()
    assert "0123456789abcdef0123" not in response.content.decode()  # the secret is never shown
    assert WebhookDelivery.objects.filter(resent_from=delivery, status="pending").exists()


def test_it_refuses_a_loopback_webhook_with_the_reason(desk_client, editor, settings):
    settings.CLAIMDESK_FETCH_ALLOW_PRIVATE = False

    response = desk_client(editor).post(
        reverse("desk:webhooks"),
        {"url": "http://127.0.0.1/hook", "events": ["verdict.published"],
         "secret": "0123456789abcdef0123"},
    )  # fmt: skip

    assert response.status_code == 400 and "loopback" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_it_shows_the_morning_list_with_checked_before_marks_and_saves_digest_settings(
    desk_client, checker
):
    article = ArticleFactory(publisher="Echo", body="Exports rose 12% in 2023, he said.")
    old = claim(article, start=0, end=10, checkworthiness=0.3)
    new = claim(article, start=11, end=20, checkworthiness=0.9)
    claim_repeat_detected(claim=new, matched_claim=old, score=0.9)
    client = desk_client(checker)

    page = client.get(reverse("desk:morning")).content.decode()
    client.post(
        reverse("desk:morning"), {"is_enabled": "on", "hour": "6", "time_zone": "Asia/Beirut"}
    )

    assert page.count('data-testid="morning-claim"') == 2
    assert page.count('data-testid="checked-before"') == 1
    link = 'href="{}"'.format
    assert page.index(link(reverse("desk:claim_workspace", args=[new.pk]))) < page.index(
        link(reverse("desk:claim_workspace", args=[old.pk]))
    )
    subscription = DigestSubscription.objects.get(user=checker)
    assert (subscription.is_enabled, subscription.hour, subscription.time_zone) == (
        True,
        6,
        "Asia/Beirut",
    )


def test_it_counts_repeats_with_a_chart_on_the_repeats_page(desk_client, checker):
    checked = claim(ArticleFactory(publisher="Echo"))
    for publisher in ["Herald", "Wire"]:
        claim_repeat_detected(
            claim=claim(ArticleFactory(publisher=publisher)), matched_claim=checked, score=0.9
        )

    page = desk_client(checker).get(reverse("desk:repeats")).content.decode()

    assert '<svg class="chart" role="img"' in page
    assert "2 times" in page and "Herald" in page and "Wire" in page
