import os
import uuid

from django.core.cache import cache
from django.db import transaction

from config.celery import whoami
from tests.plugins.services import wait_until


def test_it_runs_a_task_in_the_separate_worker_process_not_the_caller(celery_worker):
    token = uuid.uuid4().hex
    with transaction.atomic():
        whoami.delay_on_commit(token)
        # Enqueued only after commit: nothing can have run while the transaction is open.
        assert cache.get(f"whoami:{token}") is None

    worker_pid = wait_until(lambda: cache.get(f"whoami:{token}"), timeout=30)

    assert worker_pid != os.getpid()
    assert celery_worker.process.poll() is None
