"""The Celery app, in the documented Django shape."""

import os

from celery import Celery, signals
from kombu import Exchange, Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("claimdesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Declared queues: a worker started without -Q consumes every one of them.
app.conf.task_queues = [
    Queue(name, Exchange(name, type="direct"), routing_key=name)
    for name in app.conf.task_queues_names
]
app.autodiscover_tasks()


@signals.task_prerun.connect
@signals.task_postrun.connect
def task_connections_tidy(sender=None, **_) -> None:
    """Before and after each task, what Django does around each web request: keep a working
    connection until CONN_MAX_AGE, close one that failed or aged out (settings.CELERY_DB_REUSE_MAX
    keeps Celery's own handler from closing every connection after every task).

    Where the pool runs each task in a greenlet of its own (gevent), the task's connection dies
    with it, so it is closed (handed back to the pool, with DATABASE_POOL_SIZE) at once.
    """
    from django.db import close_old_connections, connections

    if getattr(getattr(sender, "request", None), "is_eager", False):
        return  # run in the caller's own process and transaction (tests, `apply()`)
    if _greenlet_locals():
        connections.close_all()
    else:
        close_old_connections()


def _greenlet_locals() -> bool:
    import sys

    monkey = sys.modules.get("gevent.monkey")
    return bool(monkey and monkey.is_module_patched("threading"))


@app.task(name="config.celery.whoami")
def whoami(token: str) -> int:
    """Leave the running process's pid in the shared cache: proves which process ran a task."""
    from django.core.cache import cache

    cache.set(f"whoami:{token}", os.getpid(), timeout=600)
    return os.getpid()


@app.task(name="config.celery.database_session")
def database_session(token: str) -> int:
    """Leave the PostgreSQL backend serving this task in the shared cache: proves that a worker
    keeps its database connection from one task to the next (task_connections_tidy)."""
    from django.core.cache import cache
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (backend,) = cursor.fetchone()
    cache.set(f"database-session:{token}", backend, timeout=600)
    return backend
