"""Celery tasks of the claims app: thin boundaries around claims.ingest and claims.sources."""

import logging

import kombu.exceptions
import redis.exceptions
from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError

from claims import dispatch
from claims.fetching import FetchFailed
from claims.ingest import article_extract, article_fetch
from claims.models import Article, Claim
from claims.recovery import work_recover
from claims.sources import (
    claim_sources_check,
    retry_countdown,
    source_attempt_start,
    source_check,
    source_fetch_failed,
    source_fetch_retrying,
    sources_refetch_stale,
)
from claims.url_check import content_failure_reason

logger = logging.getLogger(__name__)

# A database or broker that is down is waited for, not a reason to drop the message: retried
# with backoff (5 s doubling to 2 min, with jitter), far beyond any usual outage.
OUTAGE_ERRORS = (
    ConnectionError,
    TimeoutError,
    OperationalError,
    InterfaceError,
    kombu.exceptions.OperationalError,
    redis.exceptions.ConnectionError,
)
RETRY_OUTAGES = {
    "autoretry_for": OUTAGE_ERRORS,
    "retry_backoff": 5,
    "retry_backoff_max": 120,
    "retry_jitter": True,
    "max_retries": 20,
}


def _first_try(task) -> bool:
    # A retry after an outage is no new attempt at the work (a crash redelivery is one).
    return not task.request.retries


@shared_task(name="claims.tasks.extract_article", bind=True, acks_late=True, **RETRY_OUTAGES)
def extract_article(self, article_id: int) -> int:
    article = Article.objects.filter(pk=article_id).first()
    if article is None or article.status in (Article.Status.EXTRACTED, Article.Status.FAILED):
        return 0
    return article_extract(article=article, owner=self.request.id, count=_first_try(self))


@shared_task(name="claims.tasks.fetch_article", bind=True, acks_late=True, **RETRY_OUTAGES)
def fetch_article(self, article_id: int) -> None:
    article = Article.objects.filter(pk=article_id, status=Article.Status.FETCHING).first()
    if article is None:
        return
    if article_fetch(article=article, owner=self.request.id, count=_first_try(self)):
        dispatch.article_extraction_enqueue(article.pk)


# --- sources: fetch, archive, check (I/O queue) -----------------------------------------------


@shared_task(
    name="claims.tasks.check_source",
    bind=True,
    acks_late=True,
    max_retries=max(0, settings.CLAIMDESK_MAX_TASK_ATTEMPTS - 1),
)
def check_source(self, source_id: int, fetch_key: str) -> None:
    source = None
    try:
        source = source_attempt_start(
            source_id=source_id, fetch_key=fetch_key, owner=self.request.id
        )
        if source is None:
            return
        source_check(source=source, fetch_key=fetch_key)
    except FetchFailed as failure:  # only the retryable ones reach here
        if self.request.retries >= self.max_retries:
            source_fetch_failed(source=source, reason=failure.reason, dead=failure.dead)
            return
        countdown = retry_countdown(self.request.retries, failure.retry_after)
        source_fetch_retrying(source=source, reason=failure.reason, countdown=countdown)
        raise self.retry(countdown=countdown) from None
    except OUTAGE_ERRORS as error:
        # Not the fetch's fault: retried beyond the fetch's own limit, the attempt count (kept
        # in the row) still gives up on a source that crashes its worker.
        raise self.retry(
            exc=error, countdown=retry_countdown(min(self.request.retries, 4), None), max_retries=20
        ) from None
    except SoftTimeLimitExceeded:
        if source is None:
            raise
        source_fetch_failed(source=source, reason="The check took longer than the task time limit.")
    except Exception as error:  # the content broke the check: say so rather than stay `fetching`
        if source is None:  # before the attempt was taken: nothing to record it on
            raise
        logger.exception("check of source %s failed", source.pk)
        source_fetch_failed(source=source, reason=content_failure_reason(error))


@shared_task(name="claims.tasks.check_claim", acks_late=True, **RETRY_OUTAGES)
def check_claim(claim_id: int) -> int:

    claim = Claim.objects.filter(pk=claim_id).first()
    if claim is None:
        return 0
    return claim_sources_check(claim=claim)


@shared_task(name="claims.tasks.refetch_stale_sources", acks_late=True)
def refetch_stale_sources() -> int:
    return sources_refetch_stale()


# --- feeds: poll the due ones, turn new entries into articles (I/O queue) ---------------------


@shared_task(name="claims.tasks.poll_due_feeds", acks_late=True)
def poll_due_feeds() -> int:
    from claims.feeds import feeds_poll_due

    return feeds_poll_due()


@shared_task(name="claims.tasks.poll_feed", acks_late=True)
def poll_feed(feed_id: int) -> str:
    from claims.feeds import feed_poll
    from claims.models import Feed

    feed = Feed.objects.filter(pk=feed_id, is_enabled=True, is_dead=False).first()
    if feed is None:
        return "skipped"
    return feed_poll(feed=feed).status


@shared_task(
    name="claims.tasks.ingest_feed_item",
    bind=True,
    acks_late=True,
    max_retries=max(0, settings.CLAIMDESK_MAX_TASK_ATTEMPTS - 1),
)
def ingest_feed_item(self, item_id: int) -> str:
    from claims.feeds import feed_item_failed, feed_item_ingest
    from claims.fetching import FetchFailed
    from claims.models import FeedItem
    from claims.sources import retry_countdown

    item = FeedItem.objects.select_related("feed").filter(pk=item_id).first()
    if item is None or item.status != FeedItem.Status.PENDING:
        return "done"
    try:
        return feed_item_ingest(item=item) or ""
    except FetchFailed as failure:
        if self.request.retries >= self.max_retries:
            feed_item_failed(item=item, reason=f"Could not fetch: {failure.reason}")
            return "failed"
        raise self.retry(
            countdown=retry_countdown(self.request.retries, failure.retry_after)
        ) from None


@shared_task(name="claims.tasks.recover_work", acks_late=True)
def recover_work() -> dict[str, int]:
    # Safe to run twice, or in two beats at once: rows are taken with SKIP LOCKED.
    return work_recover()
