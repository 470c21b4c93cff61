"""A limit on the fetches one worker process has on the network at once.

A source check waits half a second or more on someone else's server, then needs the CPU for a
few milliseconds (HTML to text, facts, the database). When the pool's threads are the only
limit, every thread that has its answer queues for the CPU while no new request goes out: the
network sits idle for as long as the burst of parsing takes. The sources worker therefore runs
more threads than fetch slots (Procfile.production: 26 threads, 13 slots): a thread gives its
slot up the moment its answer has arrived, and a thread already waiting with its next source
sends that request at once, while the first one parses.

CLAIMDESK_FETCH_SLOTS=0 (the default) sets no limit: the pool's size is the limit, as in the
development worker. The slots are per process (a threading semaphore, which gevent patches into
a greenlet one); the per-host limit across processes is claims.host_slots.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from claims.host_slots import HostBusy
from claims.per_process import per_process


def _slots(size: int) -> threading.BoundedSemaphore:
    """This process's semaphore of `size` (a forked child builds its own)."""
    return per_process(("fetch-slots", size), lambda: threading.BoundedSemaphore(size))


@contextlib.contextmanager
def fetch_slot(*, size: int, wait: float) -> Iterator[None]:
    """Hold one of this process's `size` fetch slots; HostBusy (retried) after `wait` s."""
    if size <= 0:
        yield
        return
    slots = _slots(size)
    if not slots.acquire(timeout=wait):
        raise HostBusy(f"this worker already has {size} fetches running")
    try:
        yield
    finally:
        slots.release()
