"""A worker keeps its database connection between tasks, and drops a broken one.

Celery's Django fixup closes every connection after every task unless CELERY_DB_REUSE_MAX is
set; a new PostgreSQL backend per task cost the sources worker more CPU than the checks' own
queries. config.celery.task_connections_tidy applies Django's request rule instead.
"""

import uuid

import pytest
from django.core.cache import cache
from django.db import connection

from config.celery import app, database_session, task_connections_tidy
from tests.plugins.services import wait_until


def _session_of_next_task() -> int:
    token = uuid.uuid4().hex
    database_session.delay(token)
    return wait_until(lambda: cache.get(f"database-session:{token}"), timeout=30)


@pytest.mark.postgres
def test_a_worker_runs_its_next_task_on_the_same_database_session(worker_factory):
    worker_factory(concurrency=1)  # one thread: both tasks run where the connection lives

    first = _session_of_next_task()
    second = _session_of_next_task()
    third = _session_of_next_task()

    assert first == second == third


def test_celerys_own_handler_is_kept_from_closing_connections_after_each_task():
    # The fixup closes only every 2 × CELERY_DB_REUSE_MAX tasks: never, in practice.
    assert app.conf.get("CELERY_DB_REUSE_MAX") >= 2**32


class _Task:
    class request:
        is_eager = False


class _EagerTask:
    class request:
        is_eager = True


@pytest.mark.django_db(transaction=True)
def test_a_working_connection_is_kept():
    connection.ensure_connection()
    connection.close_at = None  # as with CONN_MAX_AGE = None: only failures close it
    kept = connection.connection

    task_connections_tidy(sender=_Task)

    assert connection.connection is kept


@pytest.mark.postgres  # SQLite's connections are always "usable": nothing to find broken
@pytest.mark.django_db(transaction=True)
def test_a_connection_that_failed_is_closed_after_the_task():
    connection.ensure_connection()
    connection.close_at = None
    connection.errors_occurred = True
    connection.connection.close()  # the server went away under it
    task_connections_tidy(sender=_Task)
    assert connection.connection is None


@pytest.mark.django_db
def test_a_task_run_in_the_callers_process_leaves_the_callers_connection_alone():
    connection.ensure_connection()
    before = connection.connection
    task_connections_tidy(sender=_EagerTask)  # inside the test's transaction: must not close
    assert connection.connection is before
