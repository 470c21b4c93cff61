"""One object per worker process (and key), built on first use.

Threads, semaphores and client pools do not survive a fork: a prefork pool child that inherits
its parent's must build its own. Keyed by the process id, so it does.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")

_made: dict[tuple, object] = {}
_guard = threading.Lock()


def per_process(key: Hashable, factory: Callable[[], T]) -> T:
    """This process's object for `key`, built by `factory` on first use."""
    slot = (os.getpid(), key)
    made = _made.get(slot)  # the usual case, without the lock
    if made is None:
        with _guard:
            made = _made.get(slot)
            if made is None:
                made = _made[slot] = factory()
    return made  # type: ignore[return-value]
