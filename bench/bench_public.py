"""Benchmark of the public badge API, served as in production (gunicorn, DEBUG off).

Prepares a throw-away SQLite database (migrate + one article with published verdicts), starts
gunicorn twice on loopback (payload cache on, and off for the uncached figure) and loads it from a
separate process: wrk when installed (on Debian/Ubuntu as root it is installed with apt-get),
otherwise a small Python load generator (threads and keep-alive http.client connections, bounded
by time and count). Every figure is set against the framework's floor in the same run: a constant
JSON view (`/api/v1/public/ping.json`) behind the same middleware, throttle and response code.

Prints TSV rows only: figure, value, unit, compared with. Uses REDIS_URL as the cache when it is
set, as production does; otherwise Django's file cache, as `make run` does.
"""

import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ARTICLE_URL = "https://news.example.org/2025/01/budget-speech"
SECONDS = int(os.environ.get("BENCH_PUBLIC_SECONDS", "2"))  # wrk takes whole seconds
ROUNDS = int(os.environ.get("BENCH_PUBLIC_ROUNDS", "7"))
CONNECTIONS = int(os.environ.get("BENCH_PUBLIC_CONNECTIONS", "8"))
TARGET = 0.8

SEED = """
import django
django.setup()
from django.contrib.auth.models import User
from django.utils import timezone
from claims.models import Article, ArticleURL, Claim
from claims.url_keys import url_match_key
from reviews.defaults import ensure_defaults
from reviews.models import Rating, Verdict

ensure_defaults()
author = User.objects.create_user("bench-checker")
body = "The minister said exports rose 40% last year and that unemployment halved since 2020. " * 3
article = Article.objects.create(title="Budget speech", body=body, language="en",
                                 publisher="Example News", status="extracted")
for url in (ARTICLE_URL, ARTICLE_URL + "-live"):
    ArticleURL.objects.create(article=article, url=url, match_key=url_match_key(url))
for n, slug in enumerate(["false", "true", "misleading", "mostly-true", "unverifiable"]):
    claim = Claim.objects.create(article=article, start=n * 10, end=n * 10 + 30,
                                 text=body[n * 10 : n * 10 + 30], status="published")
    Verdict.objects.create(claim=claim, author=author, status="published", published_at=timezone.now(),
                           rating=Rating.objects.get(scale__is_default=True, slug=slug),
                           summary=f"Summary {n}", rationale="Because.")
""".replace("ARTICLE_URL", repr(ARTICLE_URL))


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(var_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CLAIMDESK_", "DATABASE_URL", "DJANGO_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="0",
        SECRET_KEY="bench-only-secret-key-not-for-production-0123456789abcdef",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        CLAIMDESK_VAR_DIR=str(var_dir),
        CLAIMDESK_CACHE_PREFIX="claimdesk-bench",
        # Generous enough never to answer 429 during the run: the throttle still runs on every request.
        CLAIMDESK_PUBLIC_THROTTLE="1000000000/minute",
        PYTHONPATH=str(REPO),
    )
    env.update(extra)
    return env


def prepare(env: dict[str, str]) -> None:
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=REPO, env=env, check=True
    )
    subprocess.run([PYTHON, "-c", SEED], cwd=REPO, env=env, check=True)


class Server:
    def __init__(self, env: dict[str, str], log_path: Path):
        self.port = free_port()
        self.log_file = open(log_path, "w")  # closed in stop()
        gunicorn = str(Path(PYTHON).with_name("gunicorn"))
        self.process = subprocess.Popen(
            [gunicorn, "config.wsgi", "-w", "2", "-k", "gthread", "--threads", "4",
             "-b", f"127.0.0.1:{self.port}", "--log-level", "warning"],
            cwd=REPO, env=env, stdout=self.log_file, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while True:
            try:
                if self.get("/api/v1/public/ping.json")[0] == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start; see {log_path}")
            time.sleep(0.1)

    def get(self, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log_file.close()


# --- load generators ----------------------------------------------------------------------------


def ensure_wrk() -> tuple[str | None, str]:
    wrk = shutil.which("wrk")
    if wrk:
        return wrk, "wrk"
    apt = shutil.which("apt-get")
    if apt and os.geteuid() == 0:
        log("bench_public: installing wrk with apt-get …")
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "timeout": 90}
        try:
            subprocess.run([apt, "install", "-y", "-qq", "wrk"], check=False, **quiet)
            if not shutil.which("wrk"):
                subprocess.run([apt, "update", "-qq"], check=False, **quiet)
                subprocess.run([apt, "install", "-y", "-qq", "wrk"], check=False, **quiet)
        except subprocess.TimeoutExpired:
            pass
        wrk = shutil.which("wrk")
        if wrk:
            return wrk, "wrk"
    log(
        "bench_public: wrk is not installed (and could not be installed: needs root and apt-get); "
        "using the Python load generator, which saturates sooner, so ratios understate the gaps"
    )
    return None, "python load generator"


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def run_wrk(wrk: str, url: str, headers: dict, seconds: int) -> tuple[float, float]:
    command = [wrk, "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 30
    ).stdout
    if "Non-2xx or 3xx responses" in output or "Socket errors" in output:
        raise RuntimeError(f"errors under load for {url}:\n{output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", output).groups()
    return rate, float(value) * UNITS[unit]


def run_python(port: int, path: str, headers: dict, seconds: float) -> tuple[float, float]:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    limit = 200_000  # bounded count as well as time

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        mine = []
        while time.monotonic() < deadline and len(mine) < limit // CONNECTIONS:
            started = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - started)
            if response.status >= 400:
                errors.append(str(response.status))
                break
        connection.close()
        with lock:
            latencies.extend(mine)

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    if errors:
        raise RuntimeError(f"errors under load for {path}: {errors[:3]}")
    latencies.sort()
    return len(latencies) / elapsed, latencies[int(len(latencies) * 0.99) - 1] * 1000


# --- the run ------------------------------------------------------------------------------------


def main() -> int:
    wrk, generator = ensure_wrk()
    with tempfile.TemporaryDirectory(prefix="claimdesk-bench-public-") as folder:
        var_dir = Path(folder)
        cache_name = "redis cache" if os.environ.get("REDIS_URL") else "file cache"
        env = environment(var_dir)
        log(f"bench_public: preparing {var_dir} …")
        prepare(env)
        cached = Server(env, var_dir / "gunicorn-cached.log")
        # Same database, a cache of its own (folder or key prefix), answers never kept in it.
        uncached = Server(
            environment(
                var_dir / "uncached",
                DATABASE_URL=f"sqlite:///{var_dir / 'claimdesk.sqlite3'}",
                CLAIMDESK_CACHE_PREFIX="claimdesk-bench-uncached",
                CLAIMDESK_PUBLIC_CACHE_TIMEOUT="0",
            ),
            var_dir / "gunicorn-uncached.log",
        )
        try:
            badge = f"/api/v1/public/badge.json?url={quote(ARTICLE_URL, safe='')}"
            ping = "/api/v1/public/ping.json"
            status, headers, body = cached.get(badge)
            assert status == 200 and b"5 claims checked" in body, (status, body)
            etag = headers["ETag"]
            assert cached.get(badge, {"If-None-Match": etag})[0] == 304
            assert uncached.get(badge)[0] == 200

            def measure(
                server: Server, path: str, extra: dict, seconds: float
            ) -> tuple[float, float]:
                if wrk:
                    return run_wrk(wrk, f"http://127.0.0.1:{server.port}{path}", extra, seconds)
                return run_python(server.port, path, extra, seconds)

            cases = {
                "floor": (cached, ping, {}),
                "hit": (cached, badge, {}),
                "not_modified": (cached, badge, {"If-None-Match": etag}),
                "miss": (uncached, badge, {}),
            }
            log(f"bench_public: loading with {generator}, {CONNECTIONS} connections …")
            for case in cases.values():
                measure(*case, 1)  # warm-up: connections, caches, lazy imports
            # Interleaved rounds, medians: a busy machine slows every case alike.
            results = {name: [] for name in cases}
            for _ in range(ROUNDS):
                for name, case in cases.items():
                    results[name].append(measure(*case, SECONDS))
        finally:
            cached.stop()
            uncached.stop()

    def median(name: str) -> tuple[float, float]:
        return (
            statistics.median(rate for rate, _ in results[name]),
            statistics.median(p99 for _, p99 in results[name]),
        )

    floor, floor_p99 = median("floor")
    hit = median("hit")
    setup = (
        f"gunicorn 2×4 gthread, SQLite, {cache_name}, {generator} -c{CONNECTIONS}, loopback, "
        f"median of {ROUNDS}×{SECONDS:g}s"
    )
    rows = [
        ("public floor: ping.json (constant JSON)", f"{floor:.0f}", "req/s", setup),
        ("public floor: ping.json p99", f"{floor_p99:.2f}", "ms", setup),
    ]
    for name, (rate, p99), note in (
        ("badge.json cached", hit, f"target ≥ {TARGET} × floor"),
        ("badge.json uncached (payload cache off)", median("miss"), "floor"),
        ("badge.json 304 If-None-Match", median("not_modified"), "floor"),
    ):
        rows += [
            (name, f"{rate:.0f}", "req/s", setup),
            (f"{name} / floor", f"{rate / floor:.2f}", "ratio", note),
            (f"{name} p99", f"{p99:.2f}", "ms", f"floor p99 {floor_p99:.2f} ms"),
        ]
    for row in rows:
        print("\t".join(row))
    return 0 if hit[0] / floor >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
