"""Leases on work rows (articles, sources): who works on a row, until when, and how often it was tried.

A worker takes a row with one guarded UPDATE, committed before any work starts: the attempt is
counted even if the worker is then SIGKILLed, so a row that kills its worker every time is
given up on after `CLAIMDESK_MAX_TASK_ATTEMPTS`. While the work runs, a thread renews the lease;
a worker that dies stops renewing, the lease runs out, and the recovery sweep
(`claims.recovery.work_recover`) hands the row to another worker within
`CLAIMDESK_WORK_LEASE_SECONDS + CLAIMDESK_RECOVERY_SWEEP_SECONDS`. A second message for a row
whose lease is live (a redelivery, a sweep's resend) finds it taken and stops.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, connection, models
from django.db.models import F, Q
from django.utils import timezone

logger = logging.getLogger(__name__)


def lease_length() -> timedelta:
    return timedelta(seconds=settings.CLAIMDESK_WORK_LEASE_SECONDS)


def lease_free(now: datetime) -> Q:
    """Rows nobody holds: never taken, released, or held by a worker that stopped renewing."""
    return Q(lease_expires_at__isnull=True) | Q(lease_expires_at__lt=now)


def lease_take(
    model: type[models.Model],
    *,
    pk: int,
    statuses: Iterable[str],
    status: str,
    owner: str | None = None,
    count: bool = True,
    read_attempts: bool = True,
    **match,
) -> tuple[str, int | None] | None:
    """Take the row for one attempt: (lease owner, attempt number), or None when it is not in
    `statuses` or someone else holds it. Runs in autocommit: committed before the work starts.

    `owner` is the task id: a message redelivered after its worker died (or retried) carries the
    same id and takes its own lease back at once; any other message waits for the lease to end.
    `count=False` for a task's own retry after a database or broker error: an outage is no
    attempt of the work's. `read_attempts=False` saves a query for a caller that reads the
    row again anyway (the attempt number is then None).
    """
    owner = owner or uuid.uuid4().hex
    now = timezone.now()
    free = lease_free(now) | Q(lease_owner=owner)
    taken = model.objects.filter(free, pk=pk, status__in=list(statuses), **match).update(
        status=status,
        attempts=F("attempts") + (1 if count else 0),
        lease_owner=owner,
        lease_expires_at=now + lease_length(),
        updated_at=now,
    )
    if taken != 1:
        return None
    if not read_attempts:
        return owner, None
    attempts = model.objects.filter(pk=pk).values_list("attempts", flat=True).first() or 0
    return owner, attempts


class LeaseKeeper:
    """Renews a row's lease from a thread while the block runs; `with LeaseKeeper(...):`."""

    def __init__(self, model: type[models.Model], *, pk: int, owner: str):
        self.model, self.pk, self.owner = model, pk, owner
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"lease-{pk}", daemon=True)
        self.lost = False

    def _run(self) -> None:
        interval = max(1.0, settings.CLAIMDESK_WORK_LEASE_SECONDS / 3)
        try:
            while not self.stopped.wait(interval):
                try:
                    renewed = self.model.objects.filter(pk=self.pk, lease_owner=self.owner).update(
                        lease_expires_at=timezone.now() + lease_length()
                    )
                except DatabaseError as error:
                    logger.warning("lease renewal failed for %s: %s", self.pk, error)
                    connection.close()
                    continue
                if renewed != 1:
                    self.lost = True  # someone else took over: our result will not be stored
                    return
        finally:
            connection.close()  # this thread's own connection

    def __enter__(self) -> LeaseKeeper:
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stopped.set()
        self.thread.join(timeout=5)


def attempts_exhausted(attempts: int) -> bool:
    return attempts > settings.CLAIMDESK_MAX_TASK_ATTEMPTS


def gave_up_reason(last_error: str = "") -> str:
    limit = settings.CLAIMDESK_MAX_TASK_ATTEMPTS
    reason = (
        f"Gave up after {limit} attempts: the work never finished "
        "(the worker crashed, was killed or ran out of time each time)."
    )
    return f"{reason} Last error: {last_error}" if last_error else reason
