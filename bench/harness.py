"""What the worker benchmarks share: TSV rows, worker processes, a throw-away database.

Not a benchmark itself (bench/run.py runs bench_*.py only). Import after the benchmark has set
its environment (DJANGO_SETTINGS_MODULE, CLAIMDESK_VAR_DIR, …).
"""

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def row(figure: str, value: str, unit: str, compared: str) -> None:
    print(f"{figure}\t{value}\t{unit}\t{compared}", flush=True)


def start_worker(*, name: str, args: list[str], env: dict[str, str], var: Path):
    """A Celery worker process (its own session), returned once it says it is ready."""
    log_path = var / f"worker-{name}.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", *args, "--loglevel=INFO",
         "--without-mingle", "--without-gossip", f"--hostname=bench-{name}@%h"],
        cwd=REPO, env={**os.environ, "LOG_LEVEL": "WARNING", **env},
        stdout=open(log_path, "w"), stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while " ready." not in log_path.read_text(errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the worker did not start:\n{log_path.read_text()}")
        time.sleep(0.1)
    return process


@contextlib.contextmanager
def throwaway_world():
    """Django set up on a fresh test database with the defaults, and our own outside web."""
    import django

    django.setup()
    from django.db import connection

    from reviews.defaults import ensure_defaults
    from tests.plugins.outside_web import OutsideWeb

    creation = connection.creation
    log("creating a throw-away database …")
    test_name = creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    web = OutsideWeb()
    try:
        ensure_defaults()
        yield web
    finally:
        web.close()
        creation.destroy_test_db(test_name, verbosity=0)
