"""The one place where services hand work to Celery.

Services never import `claims.tasks` (the tasks import the services): they call these functions,
which send the task by name once the current transaction commits, so a worker never reads a row
that is not there yet. Routing to queues comes from CELERY_TASK_ROUTES, by task name.

The hand-off is durable without an outbox table: the row's own state (a `pending` article, a
`fetching` source) is the record of the work, and `dispatched_at` says when a task was last sent
for it. A send the broker refuses (Redis down) is logged, not raised: the submission stays saved
and answered, `dispatched_at` is cleared, and the recovery sweep (claims/recovery.py, run by beat)
sends it as soon as the broker is back.
"""

import logging
from functools import partial

import kombu.exceptions
import redis.exceptions
from celery import current_app
from django.db import DatabaseError, models, transaction
from django.utils import timezone

from claims.models import Article, Source

logger = logging.getLogger(__name__)

EXTRACT_ARTICLE = "claims.tasks.extract_article"
FETCH_ARTICLE = "claims.tasks.fetch_article"
CHECK_SOURCE = "claims.tasks.check_source"
POLL_FEED = "claims.tasks.poll_feed"
INGEST_FEED_ITEM = "claims.tasks.ingest_feed_item"

BROKER_ERRORS = (
    kombu.exceptions.OperationalError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    OSError,
)
# Messages per pipeline round trip when many are sent together. All of a sweep's go at once:
# in batches of 50 the workers competed with the sender for the CPU (200 took 0.39 s to send,
# against 0.06-0.1 s in one go).
PUBLISH_BATCH = 1000
STAMP_CHUNK = 900


def _send_many(task_name: str, work: list[tuple[tuple, int]], model: type[models.Model]) -> bool:
    """Publish one task per (args, pk) through kombu's publish batch: with Redis, one pipeline
    round trip per PUBLISH_BATCH messages instead of one per message (the filesystem broker
    publishes each at once). A failure may have sent some of them: every row is then left to
    the recovery sweep, and a task sent twice is harmless (each one checks its row first)."""
    app = current_app
    try:
        with app.producer_or_acquire() as producer, producer.batch(max_size=PUBLISH_BATCH):
            for args, _pk in work:
                app.send_task(task_name, args=args, retry=False, producer=producer)
    except (*BROKER_ERRORS, kombu.exceptions.BatchPublishError) as error:
        logger.warning(
            "broker refused %d × %s (first %r), the recovery sweep will send them: %s",
            len(work), task_name, work[0][0], error,
        )  # fmt: skip
        try:
            _stamp(model, work, None)
        except DatabaseError:
            pass  # then they are due one lease length after `dispatched_at`
        return False
    return True


def send_on_commit(task_name: str, *args, model: type[models.Model], pk: int) -> None:
    """Stamp the row in the caller's transaction; send the task once it commits."""
    send_many_on_commit(task_name, [(args, pk)], model=model)


def send_many_on_commit(
    task_name: str, work: list[tuple[tuple, int]], *, model: type[models.Model]
) -> None:
    """Stamp the rows (pk) in the caller's transaction; once it commits, send one task per
    (args, pk) in one publish. No publish retries: a broker that is down must not hold the
    request up for seconds; the recovery sweep sends what it refused."""
    if not work:
        return
    _stamp(model, work, timezone.now())
    transaction.on_commit(partial(_send_many, task_name, work, model))


def _stamp(model: type[models.Model], work: list[tuple[tuple, int]], when) -> None:
    # In chunks: a sweep of many thousands stays under SQLite's limit on query parameters.
    pks = [pk for _args, pk in work]
    for start in range(0, len(pks), STAMP_CHUNK):
        model.objects.filter(pk__in=pks[start : start + STAMP_CHUNK]).update(dispatched_at=when)


def article_extraction_enqueue(article_id: int) -> None:
    send_on_commit(EXTRACT_ARTICLE, article_id, model=Article, pk=article_id)


def article_fetch_enqueue(article_id: int) -> None:
    send_on_commit(FETCH_ARTICLE, article_id, model=Article, pk=article_id)


def source_check_enqueue(source_id: int, fetch_key: str) -> None:
    send_on_commit(CHECK_SOURCE, source_id, fetch_key, model=Source, pk=source_id)


def source_checks_enqueue(rounds: list[tuple[int, str]]) -> None:
    """Check many sources, each (source id, fetch key): the stale sweep, a claim's re-check."""
    work = [((source_id, fetch_key), source_id) for source_id, fetch_key in rounds]
    send_many_on_commit(CHECK_SOURCE, work, model=Source)


def _send_once(task_name: str, args: tuple) -> None:
    try:
        current_app.send_task(task_name, args=args, retry=False)
    except BROKER_ERRORS as error:
        # Feeds are polled again when due, so a poll the broker refused is only postponed.
        logger.warning("broker refused %s%r; the next due poll sends it again: %s",
                       task_name, args, error)  # fmt: skip


def feed_poll_enqueue(feed_id: int) -> None:
    transaction.on_commit(partial(_send_once, POLL_FEED, (feed_id,)))


def feed_item_ingest_enqueue(item_id: int) -> None:
    transaction.on_commit(partial(_send_once, INGEST_FEED_ITEM, (item_id,)))
