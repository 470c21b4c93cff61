"""Most holders inside a slot at once, for the fetch limits' tests (per host, per process)."""

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager


def most_inside(take_slot: Callable[[], AbstractContextManager], *, threads: int = 6) -> int:
    """Most holders inside at once while `threads` threads each take a slot a few times,
    holding it briefly so that the others must queue."""
    lock = threading.Lock()
    inside = 0
    most = 0
    release = threading.Event()

    def work() -> None:
        nonlocal inside, most
        for _ in range(3):
            with take_slot():
                with lock:
                    inside += 1
                    most = max(most, inside)
                release.wait(0.02)  # hold the slot briefly so others must queue
                with lock:
                    inside -= 1

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in workers)
    return most
