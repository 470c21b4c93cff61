"""A limit on concurrent fetches per host, shared by every worker process.

Fifty workers each politely fetching "one at a time" are fifty requests at once to one small
newsroom site. The slots live outside the workers: in Redis when REDIS_URL is set (a sorted
set of holders scored by lease expiry, so a killed worker's slot frees itself), otherwise in
lock files under VAR_DIR (the kernel drops a dead process's flock).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

POLL_SECONDS = 0.05
KEY_PREFIX = "claimdesk:host-slots:"

# Drop expired holders, then take a slot when one is free; atomic on the Redis server.
_ACQUIRE = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  return 1
end
return 0
"""


class HostBusy(Exception):
    pass


_clients: dict[str, object] = {}


def _redis(url: str):
    import redis

    client = _clients.get(url)
    if client is None:
        client = redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=5)
        _clients[url] = client
    return client


@contextlib.contextmanager
def redis_slot(host: str, *, url: str, limit: int, wait: float, lease: float) -> Iterator[None]:
    client = _redis(url)
    key = KEY_PREFIX + host
    token = uuid.uuid4().hex
    acquire = client.register_script(_ACQUIRE)
    deadline = time.monotonic() + wait
    while True:
        now = time.time()
        lease_ms = int(lease * 1000)
        taken = acquire(keys=[key], args=[now, now + lease, limit, token, lease_ms])
        if taken:
            break
        if time.monotonic() >= deadline:
            raise HostBusy(f"{host} already has {limit} fetches running")
        time.sleep(POLL_SECONDS)
    try:
        yield
    finally:
        client.zrem(key, token)


@contextlib.contextmanager
def file_slot(host: str, *, folder: Path, limit: int, wait: float) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    stem = hashlib.sha256(host.encode()).hexdigest()[:32]
    deadline = time.monotonic() + wait
    while True:
        for index in range(limit):
            fd = os.open(folder / f"{stem}-{index}.lock", os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)
            return
        if time.monotonic() >= deadline:
            raise HostBusy(f"{host} already has {limit} fetches running")
        time.sleep(POLL_SECONDS)


def host_slot(
    host: str,
    *,
    limit: int,
    wait: float,
    lease: float,
    redis_url: str | None,
    folder: Path,
):
    """Hold one of `limit` slots for `host` for the duration of a `with` block."""
    if redis_url:
        return redis_slot(host, url=redis_url, limit=limit, wait=wait, lease=lease)
    return file_slot(host, folder=folder, limit=limit, wait=wait)
