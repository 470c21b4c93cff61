"""The one place where services hand work to Celery.

Services never import `claims.tasks` (the tasks import the services): they call these functions,
which send the task by name once the current transaction commits, so a worker never reads a row
that is not there yet. Routing to queues comes from CELERY_TASK_ROUTES, by task name.
"""

from functools import partial

from celery import current_app
from django.db import transaction

EXTRACT_ARTICLE = "claims.tasks.extract_article"
FETCH_ARTICLE = "claims.tasks.fetch_article"
CHECK_SOURCE = "claims.tasks.check_source"
POLL_FEED = "claims.tasks.poll_feed"
INGEST_FEED_ITEM = "claims.tasks.ingest_feed_item"


def send_on_commit(task_name: str, *args) -> None:
    transaction.on_commit(partial(current_app.send_task, task_name, args=args))


def article_extraction_enqueue(article_id: int) -> None:
    send_on_commit(EXTRACT_ARTICLE, article_id)


def article_fetch_enqueue(article_id: int) -> None:
    send_on_commit(FETCH_ARTICLE, article_id)


def source_check_enqueue(source_id: int, fetch_key: str) -> None:
    send_on_commit(CHECK_SOURCE, source_id, fetch_key)


def feed_poll_enqueue(feed_id: int) -> None:
    send_on_commit(POLL_FEED, feed_id)


def feed_item_ingest_enqueue(item_id: int) -> None:
    send_on_commit(INGEST_FEED_ITEM, item_id)
