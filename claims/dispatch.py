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


def send_on_commit(task_name: str, *args) -> None:
    transaction.on_commit(partial(current_app.send_task, task_name, args=args))


def article_extraction_enqueue(article_id: int) -> None:
    send_on_commit(EXTRACT_ARTICLE, article_id)


def article_fetch_enqueue(article_id: int) -> None:
    send_on_commit(FETCH_ARTICLE, article_id)


def source_check_enqueue(source_id: int, fetch_key: str) -> None:
    send_on_commit(CHECK_SOURCE, source_id, fetch_key)
