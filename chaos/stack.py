"""The real stack on loopback, owned by the chaos run: its own PostgreSQL cluster and redis-server
under a temporary folder, gunicorn, an extraction worker (prefork), a sources worker (threads),
beat, and an HTTP server standing in for the outside web. Nothing shared is touched: every port
is the run's own and every process is stopped by its own id.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def wait_until(predicate: Callable[[], object], timeout: float, what: str, interval=0.2):
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = predicate()
        except Exception:  # a service still starting answers with errors
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout:.0f} s")
        time.sleep(interval)


def port_answers(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


class Process:
    """One service: its own process group (so a SIGKILL takes its children too) and its own log."""

    def __init__(self, name: str, command: list[str], *, env: dict, logs: Path, user=None):
        self.name, self.command, self.env, self.logs, self.user = name, command, env, logs, user
        self.cwd = "/" if user else REPO
        self.popen: subprocess.Popen | None = None
        self.starts = 0

    @property
    def log_path(self) -> Path:
        return self.logs / f"{self.name}.log"

    def start(self) -> Process:
        self.starts += 1
        log = open(self.log_path, "a")
        log.write(f"\n----- start {self.starts} at {time.strftime('%H:%M:%S')} -----\n")
        log.flush()
        self.popen = subprocess.Popen(
            self.command,
            cwd=self.cwd,
            env=self.env,
            user=self.user,
            group=self.user,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    @property
    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def children(self) -> list[int]:
        """Pids of the main process's children (a prefork pool's workers)."""
        if not self.running:
            return []
        path = Path(f"/proc/{self.popen.pid}/task/{self.popen.pid}/children")
        try:
            return [int(pid) for pid in path.read_text().split()]
        except OSError:
            return []

    def signal_group(self, sig: int) -> None:
        if self.popen is None:
            return
        try:
            os.killpg(self.popen.pid, sig)
        except ProcessLookupError:
            pass

    def kill(self) -> None:
        """SIGKILL the main process and every child, as a crash or an OOM kill would."""
        self.signal_group(signal.SIGKILL)
        if self.popen is not None:
            self.popen.wait(timeout=30)

    def stop(self, timeout: float = 20) -> None:
        if not self.running:
            return
        self.signal_group(signal.SIGTERM)
        try:
            self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def _postgres_bin() -> Path:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if not found:
        raise RuntimeError("No PostgreSQL server binaries under /usr/lib/postgresql/*/bin")
    return Path(found[-1]).parent


class Postgres:
    """A throw-away cluster. PostgreSQL refuses to run as root: then it runs as `postgres`."""

    def __init__(self, root: Path, port: int, logs: Path):
        self.root, self.port, self.logs = root / "postgres", port, logs
        self.bin = _postgres_bin()
        self.user = "postgres" if os.geteuid() == 0 else None
        self.data = self.root / "data"
        self.socket_dir = self.root / "socket"
        self.process: Process | None = None

    def _run(self, *command: str) -> None:
        subprocess.run(
            command, check=True, capture_output=True, cwd="/", user=self.user, group=self.user
        )

    def init(self) -> None:
        self.socket_dir.mkdir(parents=True)
        if self.user:
            account = pwd.getpwnam(self.user)
            for path in (self.root, self.socket_dir):
                os.chown(path, account.pw_uid, account.pw_gid)
        self._run(
            str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
            "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C",
        )  # fmt: skip
        command = [
            str(self.bin / "postgres"), "-D", str(self.data), "-p", str(self.port),
            "-k", str(self.socket_dir), "-c", "listen_addresses=127.0.0.1",
            # fsync off is safe against what we inject (a killed server, not a lost machine);
            # synchronous_commit stays on, or a SIGQUIT would lose commits already answered.
            "-c", "fsync=off",
            "-c", "max_connections=200",
        ]  # fmt: skip
        self.process = Process(
            "postgres", command, env=dict(os.environ), logs=self.logs, user=self.user
        )

    def start(self) -> None:
        self.process.start()
        wait_until(lambda: port_answers(self.port), 60, "PostgreSQL")
        # Accepting TCP is not accepting queries: wait for a real connection.
        wait_until(lambda: self._ready(), 60, "PostgreSQL ready")

    def _ready(self) -> bool:
        import psycopg

        with psycopg.connect(self.url("postgres"), connect_timeout=2):
            return True

    def stop(self, immediate: bool = False) -> None:
        if self.process is None or not self.process.running:
            return
        # SIGINT is PostgreSQL's "fast" shutdown, SIGQUIT its "immediate" (crash-like) one.
        self.process.popen.send_signal(signal.SIGQUIT if immediate else signal.SIGINT)
        self.process.popen.wait(timeout=60)

    def create_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"


class Redis:
    """Broker and cache; appends to disk, so a restarted server comes back with its data."""

    def __init__(self, root: Path, port: int, logs: Path):
        self.dir = root / "redis"
        self.port = port
        self.dir.mkdir(parents=True)
        command = [
            shutil.which("redis-server") or "redis-server",
            "--port", str(port), "--bind", "127.0.0.1", "--dir", str(self.dir),
            "--appendonly", "yes", "--appendfsync", "always", "--save", "",
            "--protected-mode", "no",
        ]  # fmt: skip
        self.process = Process("redis", command, env=dict(os.environ), logs=logs)

    def start(self) -> None:
        self.process.start()
        wait_until(lambda: port_answers(self.port), 30, "redis-server")

    def stop(self) -> None:
        self.process.stop()

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"


# --- the outside web ------------------------------------------------------------------------------


@dataclass
class OutsideWeb:
    """Pages for sources and URL articles; `delay` holds each answer back (a slow site)."""

    port: int
    delay: float = 0.0
    pages: dict[str, str] = field(default_factory=dict)
    hits: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    def start(self) -> None:
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, *args):
                pass

            def do_GET(self):
                with web.lock:
                    web.hits[self.path] = web.hits.get(self.path, 0) + 1
                    body = web.pages.get(self.path)
                    delay = web.delay
                if delay:
                    time.sleep(delay)
                if body is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                data = body.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the worker that asked was killed: that is the experiment

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()


# --- the application ------------------------------------------------------------------------------


class Stack:
    """Ports: base+0 PostgreSQL, +1 redis-server, +2 gunicorn, +3 the outside web."""

    def __init__(self, root: Path, base_port: int, settings: dict[str, str]):
        self.root = root
        self.logs = root / "logs"
        self.logs.mkdir(parents=True)
        self.postgres = Postgres(root, base_port, self.logs)
        self.redis = Redis(root, base_port + 1, self.logs)
        self.web_port = base_port + 2
        self.outside = OutsideWeb(base_port + 3)
        self.env = {
            **os.environ,
            "DATABASE_URL": self.postgres.url("claimdesk_chaos"),
            "REDIS_URL": self.redis.url(0),
            "CLAIMDESK_VAR_DIR": str(root / "var"),
            "CLAIMDESK_CACHE_PREFIX": "chaos",
            "SECRET_KEY": "chaos-only-secret-key-0123456789abcdef0123456789abcdef",
            "DEBUG": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "SECURE_HSTS_SECONDS": "0",
            "CLAIMDESK_FETCH_ALLOW_PRIVATE": "1",
            "CLAIMDESK_USER_THROTTLE": "100000/minute",
            "DATABASE_CONNECT_TIMEOUT": "2",
            "PYTHONUNBUFFERED": "1",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            **settings,
        }
        celery = [str(BIN / "celery"), "-A", "config"]
        worker = [*celery, "worker", "--loglevel=INFO", "--without-mingle", "--without-gossip"]
        self.web = self._process(
            "web",
            [
                str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{self.web_port}",
                "--workers", "2", "--threads", "4", "--timeout", "60",
            ],
        )  # fmt: skip
        self.extraction = self._process(
            "extraction-worker",
            [
                *worker,
                "-Q",
                "extraction",
                "--pool=prefork",
                "--concurrency=2",
                "-n",
                "extraction@%h",
            ],
        )
        self.sources = self._process(
            "sources-worker",
            [*worker, "-Q", "sources,maintenance", "--pool=threads", "--concurrency=4",
             "-n", "sources@%h"],
        )  # fmt: skip
        self.beat = self._process(
            "beat", [*celery, "beat", "--loglevel=INFO", "-s", str(root / "beat-schedule")]
        )

    def _process(self, name: str, command: list[str]) -> Process:
        return Process(name, command, env=self.env, logs=self.logs)

    def manage(self, *arguments: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(arguments)}:\n{result.stdout}{result.stderr}")
        return result.stdout

    def worker_ready(self, worker: Process, since: int = 0) -> bool:
        return worker.log_text()[since:].count(" ready.") >= 1

    def start_worker(self, worker: Process) -> None:
        mark = len(worker.log_text())
        worker.start()
        wait_until(lambda: self.worker_ready(worker, mark), 90, f"{worker.name} ready")

    def start(self) -> None:
        self.postgres.init()
        self.postgres.start()
        self.postgres.create_database("claimdesk_chaos")
        self.redis.start()
        self.outside.start()
        self.manage("migrate", "--noinput")
        self.manage("load_demo", "--password", "chaos-password-1")
        self.web.start()
        wait_until(lambda: port_answers(self.web_port), 60, "gunicorn")
        self.start_worker(self.extraction)
        self.start_worker(self.sources)
        self.beat.start()

    def stop(self) -> None:
        for process in (self.beat, self.extraction, self.sources, self.web):
            process.stop()
        self.outside.stop()
        self.redis.stop()
        self.postgres.stop()
