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


def _send(task_name: str, args: tuple, model: type[models.Model], pk: int) -> bool:
    try:
        # No publish retries: a broker that is down must not hold the request up for seconds.
        current_app.send_task(task_name, args=args, retry=False)
    except BROKER_ERRORS as error:
        logger.warning(
            "broker refused %s%r, the recovery sweep will send it: %s", task_name, args, error
        )
        try:
            model.objects.filter(pk=pk).update(dispatched_at=None)  # due at the next sweep
        except DatabaseError:
            pass  # then it is due one lease length after `dispatched_at`
        return False
    return True


def send_on_commit(task_name: str, *args, model: type[models.Model], pk: int) -> None:
    """Stamp the row in the caller's transaction; send the task once it commits."""
    model.objects.filter(pk=pk).update(dispatched_at=timezone.now())
    transaction.on_commit(partial(_send, task_name, args, model, pk))


def article_extraction_enqueue(article_id: int) -> None:
    send_on_commit(EXTRACT_ARTICLE, article_id, model=Article, pk=article_id)


def article_fetch_enqueue(article_id: int) -> None:
    send_on_commit(FETCH_ARTICLE, article_id, model=Article, pk=article_id)


def source_check_enqueue(source_id: int, fetch_key: str) -> None:
    send_on_commit(CHECK_SOURCE, source_id, fetch_key, model=Source, pk=source_id)


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
