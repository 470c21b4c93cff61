"""Repeat-claim alerts: a claim we found false comes back; editors hear of it, it jumps the queue."""

import datetime
import json

import pytest
from django.core import mail
from django.utils import timezone

from claims.models import AuditEvent
from reviews.assignment import claim_assign_next
from reviews.charts import weekly_bars_svg
from reviews.models import Notification, RepeatOccurrence, WebhookDelivery
from reviews.repeats import claim_repeat_detected, repeats_summary, weekly_counts
from reviews.webhooks import webhook_endpoint_create
from tests.factories import ArticleFactory
from tests.workflow_setup import claim, plain_http, queue  # noqa: F401


@pytest.fixture
def published(checker, editor):
    """A claim we checked and found false."""
    from reviews.approval import verdict_approve
    from tests.workflow_setup import submitted_verdict

    verdict = submitted_verdict(checker, rating="false")
    verdict_approve(verdict=verdict, editor=editor)
    return verdict.claim


def test_it_alerts_editors_raises_the_claim_and_emits_the_webhook(
    published, editor, checker, settings, django_capture_on_commit_callbacks
):
    settings.CLAIMDESK_FETCH_ALLOW_PRIVATE = True
    webhook_endpoint_create(
        url="http://127.0.0.1:9/hook", events=["claim.repeat_detected"],
        secret="0123456789abcdef", created_by=editor,
    )  # fmt: skip
    editor.email = "editor@example.org"
    editor.save()
    article = ArticleFactory(publisher="Daily Echo", body="Exports rose 2% last year, he said.")
    ordinary = claim(article, start=0, end=10, checkworthiness=0.99)
    repeat = claim(article, start=11, end=20, checkworthiness=0.2)

    with django_capture_on_commit_callbacks(execute=True):
        occurrence = claim_repeat_detected(claim=repeat, matched_claim=published, score=0.91)

    assert occurrence.matched_claim == published
    alert = Notification.objects.get(recipient=editor, verb="repeat")
    assert "Daily Echo" in alert.message and f"claim {published.pk}" in alert.message
    assert any("Daily Echo" in message.body for message in mail.outbox)
    # Raised above a far more check-worthy claim in the same queue.
    assert claim_assign_next(queue=queue(), checker=checker).pk == repeat.pk
    assert ordinary.pk != repeat.pk
    payload = json.loads(WebhookDelivery.objects.get(event="claim.repeat_detected").body)
    assert payload["data"]["matched_claim"]["id"] == published.pk
    assert payload["data"]["score"] == 0.91
    assert AuditEvent.objects.filter(action="claim.repeat_detected", claim=repeat).exists()


def test_it_records_a_pair_once_and_alerts_once(published, editor):
    repeat = claim(ArticleFactory())

    first = claim_repeat_detected(claim=repeat, matched_claim=published, score=0.9)
    second = claim_repeat_detected(claim=repeat, matched_claim=published, score=0.95)

    assert first is not None and second is None
    assert RepeatOccurrence.objects.count() == 1
    assert Notification.objects.filter(verb="repeat").count() == 1


def test_it_accepts_an_imported_review_as_the_match(editor):
    class ImportedReview:  # the shape the matching work's model offers: a pk and its text
        pk = 42
        claim_reviewed = "Vaccines contain microchips"

    repeat = claim(ArticleFactory())

    occurrence = claim_repeat_detected(claim=repeat, imported_review=ImportedReview(), score=0.8)

    assert (occurrence.imported_review_id, occurrence.imported_label) == (
        42,
        "Vaccines contain microchips",
    )


def test_it_counts_how_often_each_checked_claim_comes_back_where_and_when(published, editor):
    for publisher in ["Echo", "Echo", "Herald"]:
        claim_repeat_detected(
            claim=claim(ArticleFactory(publisher=publisher)), matched_claim=published, score=0.9
        )
    RepeatOccurrence.objects.filter(claim__article__publisher="Herald").update(
        detected_at=timezone.now() - datetime.timedelta(weeks=3)
    )

    (row,) = repeats_summary()

    assert row.matched_claim == published and row.count == 3
    assert row.publishers == [("Echo", 2), ("Herald", 1)]
    assert [count for _, count in row.weekly][-4:] == [1, 0, 0, 2]


def test_it_draws_the_weekly_chart_as_escaped_inline_svg():
    today = datetime.date(2026, 11, 30)
    moments = [datetime.datetime(2026, 11, 25, tzinfo=datetime.UTC)] * 3
    series = weekly_counts(moments, today=today, weeks=4)

    svg = str(weekly_bars_svg(series))

    assert series[-2] == (datetime.date(2026, 11, 23), 3) and series[-1][1] == 0
    assert svg.startswith("<svg") and svg.count("<rect") == 4
    assert 'aria-label="Came back 3 times in the last 4 weeks"' in svg
    assert "<script" not in svg
