"""The Celery app, in the documented Django shape."""

import os

from celery import Celery
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


@app.task(name="config.celery.whoami")
def whoami(token: str) -> int:
    """Leave the running process's pid in the shared cache: proves which process ran a task."""
    from django.core.cache import cache

    cache.set(f"whoami:{token}", os.getpid(), timeout=600)
    return os.getpid()
