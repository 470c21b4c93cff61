"""Leases on work rows (articles, sources): who works on a row, until when, and how often it was tried.

A worker takes a row with one guarded UPDATE, committed before any work starts: the attempt is
counted even if the worker is then SIGKILLed, so a row that kills its worker every time is
given up on after `CLAIMDESK_MAX_TASK_ATTEMPTS`. While the work runs, the process's renewer thread
renews the lease; a worker that dies stops renewing, the lease runs out, and the recovery sweep
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
from django.db import connection, models
from django.db.models import F, Q
from django.utils import timezone

from claims.per_process import per_process

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


class _Renewer:
    """This process's one lease-renewing thread: every lease held by a `LeaseKeeper` in the
    process is renewed by it, one UPDATE per model every third of the lease length. A thread
    per held lease cost a thread start and join on every source check (both under the
    interpreter lock, while other threads wait for it) and, for a fetch longer than a third of
    the lease, a database connection per check in flight."""

    def __init__(self) -> None:
        self.held: dict[LeaseKeeper, None] = {}
        self.guard = threading.Lock()
        # Held while a round of renewals runs: a keeper leaving waits for it, so no renewal
        # lands after the work's own last write (which ends the lease).
        self.renewing = threading.Lock()
        self.wake = threading.Event()
        self.thread = threading.Thread(target=self._run, name="lease-renewer", daemon=True)
        self.thread.start()

    def add(self, keeper: LeaseKeeper) -> None:
        with self.guard:
            self.held[keeper] = None

    def remove(self, keeper: LeaseKeeper) -> None:
        with self.guard:
            self.held.pop(keeper, None)
        with self.renewing:
            pass

    def _run(self) -> None:
        while True:
            self.wake.wait(max(1.0, settings.CLAIMDESK_WORK_LEASE_SECONDS / 3))
            self.wake.clear()
            with self.renewing:
                with self.guard:
                    keepers = list(self.held)
                if keepers:
                    self._renew(keepers)

    def _renew(self, keepers: list[LeaseKeeper]) -> None:
        try:
            lost = leases_renew(keepers)
        except Exception:  # the thread must outlive anything: every lease of the process needs it
            logger.exception("lease renewal failed for %d rows", len(keepers))
            return
        finally:
            connection.close()  # back to the pool (or closed) until the next round
        with self.guard:
            for keeper in lost:
                self.held.pop(keeper, None)


def leases_renew(keepers: list[LeaseKeeper]) -> list[LeaseKeeper]:
    """Push every held lease's end one lease length on. Returns the keepers whose row another
    worker now holds, marked `lost` (their result will not be stored)."""
    lost = []
    expires = timezone.now() + lease_length()
    by_model: dict[type[models.Model], list[LeaseKeeper]] = {}
    for keeper in keepers:
        by_model.setdefault(keeper.model, []).append(keeper)
    for model, held in by_model.items():
        ours = Q()
        for keeper in held:
            ours |= Q(pk=keeper.pk, lease_owner=keeper.owner)
        if model.objects.filter(ours).update(lease_expires_at=expires) == len(held):
            continue
        owners = dict(
            model.objects.filter(pk__in=[keeper.pk for keeper in held]).values_list(
                "pk", "lease_owner"
            )
        )
        for keeper in held:
            if owners.get(keeper.pk) != keeper.owner:
                keeper.lost = True
                lost.append(keeper)
    return lost


def _renewer() -> _Renewer:
    """The process's renewer, started on first use (a forked pool child starts its own)."""
    return per_process("lease-renewer", _Renewer)


class LeaseKeeper:
    """Keeps a row's lease renewed while the block runs; `with LeaseKeeper(...):`."""

    def __init__(self, model: type[models.Model], *, pk: int, owner: str):
        self.model, self.pk, self.owner = model, pk, owner
        self.lost = False

    def __enter__(self) -> LeaseKeeper:
        _renewer().add(self)
        return self

    def __exit__(self, *exc_info) -> None:
        _renewer().remove(self)


def attempts_exhausted(attempts: int) -> bool:
    return attempts > settings.CLAIMDESK_MAX_TASK_ATTEMPTS


def gave_up_reason(last_error: str = "") -> str:
    limit = settings.CLAIMDESK_MAX_TASK_ATTEMPTS
    reason = (
        f"Gave up after {limit} attempts: the work never finished "
        "(the worker crashed, was killed or ran out of time each time)."
    )
    return f"{reason} Last error: {last_error}" if last_error else reason
