"""Real services for tests: a Celery worker process, Redis, PostgreSQL.

Tests that need a service fail (never skip) when it is unreachable. Tests marked `postgres` or
`redis` are deselected, not skipped, when the run is not configured for that service
(`make test` on a bare machine); `.ci/run` configures both, so there everything runs.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings

REPO_ROOT = Path(__file__).resolve().parents[2]


def wait_until(predicate: Callable[[], object], timeout: float = 30.0, interval: float = 0.05):
    """Poll a condition until it holds; fail with a clear message at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s: {predicate}")
        time.sleep(interval)


def pytest_collection_modifyitems(config, items):
    is_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    has_redis = bool(settings.REDIS_URL)
    kept, deselected = [], []
    for item in items:
        if (item.get_closest_marker("postgres") and not is_postgres) or (
            item.get_closest_marker("redis") and not has_redis
        ):
            deselected.append(item)
        else:
            kept.append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


def pytest_report_header(config):
    return (
        f"claimdesk: database={settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]} "
        f"broker={'redis' if settings.REDIS_URL else 'embedded filesystem'}"
    )


def database_url_for_children() -> str:
    """The URL of the test database, for processes started by tests."""
    from django.db import connection

    conf = connection.settings_dict
    if conf["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{conf['NAME']}"
    user = conf.get("USER") or ""
    password = f":{conf['PASSWORD']}" if conf.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    return f"postgres://{auth}{conf.get('HOST') or '127.0.0.1'}:{conf.get('PORT') or 5432}/{conf['NAME']}"


def child_environment(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url_for_children(),
        CLAIMDESK_VAR_DIR=str(settings.VAR_DIR),
        SECRET_KEY=settings.SECRET_KEY,
        PYTHONUNBUFFERED="1",
    )
    if settings.REDIS_URL:
        env["REDIS_URL"] = settings.REDIS_URL
    env.update(extra)
    return env


class WorkerProcess:
    def __init__(self, process: subprocess.Popen, log_path: Path):
        self.process = process
        self.log_path = log_path

    @property
    def pid(self) -> int:
        return self.process.pid

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def kill(self) -> None:
        """SIGKILL the whole worker (main process and pool children), as a crash would."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
            except ProcessLookupError:
                pass


def purge_broker() -> None:
    from config.celery import app

    with app.connection_for_write() as connection:
        for name in settings.CELERY_TASK_QUEUES_NAMES:
            try:
                connection.default_channel.queue_purge(name)
            except Exception:  # a queue that does not exist yet has nothing to purge
                pass


def start_worker_process(
    *,
    queues: list[str] | None = None,
    pool: str = "threads",
    concurrency: int = 4,
    extra_env: dict[str, str] | None = None,
    name: str | None = None,
) -> WorkerProcess:
    log_dir = Path(settings.VAR_DIR) / "worker-logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    name = name or f"test-{uuid.uuid4().hex[:8]}"
    log_path = log_dir / f"{name}.log"
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "config",
        "worker",
        "--loglevel=INFO",
        f"--pool={pool}",
        f"--concurrency={concurrency}",
        f"--hostname={name}@%h",
        "--without-mingle",
        "--without-gossip",
    ]
    if queues:
        command.append("--queues=" + ",".join(queues))
    log_file = open(log_path, "w")
    process = subprocess.Popen(
        command,
        cwd=REPO_ROOT,
        env=child_environment(**(extra_env or {})),
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    worker = WorkerProcess(process, log_path)

    def ready():
        if process.poll() is not None:
            raise AssertionError(f"the Celery worker exited at start-up:\n{worker.log()}")
        return " ready." in worker.log()

    wait_until(ready, timeout=60)
    return worker


@pytest.fixture
def worker_factory(transactional_db):
    """Start real Celery worker processes against the test database and the configured broker."""
    purge_broker()
    started: list[WorkerProcess] = []

    def start(**options) -> WorkerProcess:
        worker = start_worker_process(**options)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


@pytest.fixture
def celery_worker(worker_factory) -> WorkerProcess:
    """One real worker consuming every queue the project uses."""
    return worker_factory()


@pytest.fixture
def redis_client():
    """The real Redis of REDIS_URL; fails (does not skip) when it cannot be reached."""
    import redis

    assert settings.REDIS_URL, "REDIS_URL is not set: this test needs a real Redis"
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=3)
    client.ping()
    return client
