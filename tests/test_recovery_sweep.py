"""The recovery sweep and the leases, function by function (the worker tests prove the wiring)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.leases import lease_take
from claims.models import Article, Source
from claims.recovery import RETRYING_DETAIL, articles_recover, sources_recover
from tests.factories import ArticleFactory, SourceFactory


@pytest.fixture
def past():
    return timezone.now() - timedelta(minutes=5)


def sent_tasks(callbacks) -> list[str]:
    return [repr(callback) for callback in callbacks]


def test_it_sends_again_an_article_whose_worker_stopped_and_says_retrying(
    db, past, django_capture_on_commit_callbacks
):
    article = ArticleFactory(
        status=Article.Status.EXTRACTING, attempts=1, lease_owner="gone", lease_expires_at=past
    )
    with django_capture_on_commit_callbacks() as callbacks:
        assert articles_recover() == 1
    article.refresh_from_db()
    assert article.status_detail == RETRYING_DETAIL
    assert article.dispatched_at is not None
    assert len(callbacks) == 1
    assert article.retrying


def test_it_sends_a_pending_article_whose_hand_off_failed(db, django_capture_on_commit_callbacks):
    article = ArticleFactory(status=Article.Status.PENDING, dispatched_at=None)
    with django_capture_on_commit_callbacks() as callbacks:
        assert articles_recover() == 1
    assert len(callbacks) == 1
    article.refresh_from_db()
    assert not article.retrying  # never started: waiting, not retrying


def test_it_leaves_alone_work_a_worker_holds_or_that_was_just_sent(
    db, django_capture_on_commit_callbacks
):
    soon = timezone.now() + timedelta(minutes=1)
    ArticleFactory(status=Article.Status.EXTRACTING, attempts=1, lease_expires_at=soon)
    ArticleFactory(status=Article.Status.PENDING, dispatched_at=timezone.now())
    ArticleFactory(status=Article.Status.EXTRACTED)
    with django_capture_on_commit_callbacks() as callbacks:
        assert articles_recover() == 0
    assert callbacks == []


def test_it_gives_up_on_an_article_that_stopped_its_worker_every_time(db, past, settings):
    settings.CLAIMDESK_MAX_TASK_ATTEMPTS = 3
    article = ArticleFactory(status=Article.Status.EXTRACTING, attempts=3, lease_expires_at=past)
    articles_recover()
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert article.status_detail.startswith("Gave up after 3 attempts")


def test_it_sends_again_a_source_whose_fetch_was_interrupted(
    db, past, django_capture_on_commit_callbacks
):
    source = SourceFactory(
        status=Source.Status.FETCHING, fetch_key="round-1", attempts=1, lease_expires_at=past
    )
    with django_capture_on_commit_callbacks() as callbacks:
        assert sources_recover() == 1
    assert len(callbacks) == 1
    source.refresh_from_db()
    assert source.failure_reason == RETRYING_DETAIL


def test_it_gives_up_on_a_source_after_the_attempt_limit(db, past, settings):
    settings.CLAIMDESK_MAX_TASK_ATTEMPTS = 2
    source = SourceFactory(
        status=Source.Status.FETCHING, fetch_key="round-1", attempts=2, lease_expires_at=past
    )
    sources_recover()
    source.refresh_from_db()
    assert source.status == Source.Status.FAILED
    assert source.failure_reason.startswith("Gave up after 2 attempts")


def test_it_lets_one_worker_take_a_row_and_counts_the_attempt(db):
    article = ArticleFactory(status=Article.Status.PENDING)
    statuses = [Article.Status.PENDING, Article.Status.EXTRACTING]
    taken = lease_take(Article, pk=article.pk, statuses=statuses, status=Article.Status.EXTRACTING)
    again = lease_take(Article, pk=article.pk, statuses=statuses, status=Article.Status.EXTRACTING)
    assert taken is not None and taken[1] == 1
    assert again is None  # held: a duplicate message stops
    article.refresh_from_db()
    assert (article.status, article.attempts, article.lease_owner) == (
        Article.Status.EXTRACTING,
        1,
        taken[0],
    )


def test_it_shows_retrying_on_the_desk(desk_client, checker, past):
    article = ArticleFactory(
        status=Article.Status.EXTRACTING, attempts=1, lease_owner="gone", lease_expires_at=past
    )
    page = desk_client(checker).get(f"/articles/{article.pk}/live/").content.decode()
    assert "retrying after an interrupted attempt" in page
    Article.objects.filter(pk=article.pk).update(lease_expires_at=timezone.now() + timedelta(1))
    page = desk_client(checker).get(f"/articles/{article.pk}/live/").content.decode()
    assert "retrying" not in page  # the first attempt is still running


def test_it_retries_extraction_when_the_database_is_down_instead_of_dropping_it(
    checker, database_down, caplog
):
    from claims.tasks import RETRY_OUTAGES, extract_article

    article = ArticleFactory(status=Article.Status.PENDING, body="Exports rose 5% in 2023.")
    with database_down():
        # Run in-process, where Celery runs each retry at once instead of after its countdown.
        extract_article.apply(args=[article.pk])
    delays = [
        int(record.getMessage().split("Retry in ")[1].split("s")[0])
        for record in caplog.records
        if "Retry in" in record.getMessage()
    ]
    assert len(delays) == RETRY_OUTAGES["max_retries"]
    assert max(delays) > 30  # backing off, not hammering the database
    article.refresh_from_db()
    assert (article.status, article.attempts) == (Article.Status.PENDING, 0)
