"""Review workflow benchmark: `next` under 8 concurrent checkers, API query counts, and the time
from submitting the seed article to its claims waiting in their queues (through a real worker).

Prints only TSV rows `figure<TAB>value<TAB>unit<TAB>compared with` on stdout; progress on stderr.
Uses its own PostgreSQL database `claimdesk_bench` (BENCH_DATABASE_URL), recreated each run;
falls back to a SQLite file under var/bench when PostgreSQL does not answer.
"""

import os
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
BENCH_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/claimdesk_bench"
)
CHECKERS = 8
CLAIMS = int(os.environ.get("BENCH_WORKFLOW_CLAIMS", "2000"))
ROUNDS = 4
SEED = REPO / "claims" / "demo" / "putin-raisi-call.ar.txt"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def row(figure: str, value, unit: str, compared: str) -> None:
    print(f"{figure}\t{value}\t{unit}\t{compared}", flush=True)


def fresh_postgres_database(url: str) -> bool:
    """Drop and create the bench database; False when PostgreSQL does not answer."""
    from urllib.parse import urlsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        log(f"PostgreSQL unavailable ({error}); using SQLite")
        return False
    return True


def configure() -> str:
    var_dir = REPO / "var" / "bench-workflow"
    var_dir.mkdir(parents=True, exist_ok=True)
    engine = "postgresql"
    if fresh_postgres_database(BENCH_URL):
        os.environ["DATABASE_URL"] = BENCH_URL
    else:
        engine = "sqlite"
        database = var_dir / "bench.sqlite3"
        database.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.update(
        CLAIMDESK_VAR_DIR=str(var_dir),
        DEBUG="0",
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-only-secret-key-0123456789abcdefghijklmnop"),
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from reviews.defaults import ensure_defaults

    ensure_defaults()
    return engine


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def people():
    from django.contrib.auth.models import Group, User

    from reviews.models import Queue

    desk = Queue.objects.get(slug="english-desk")
    group = Group.objects.get(name="fact-checker")
    checkers = []
    for number in range(CHECKERS):
        user, _ = User.objects.get_or_create(username=f"bench-checker{number}")
        user.groups.add(group)
        desk.members.add(user)
        checkers.append(user)
    return desk, checkers


def in_threads(function, arguments, *, warm=None) -> tuple[list, float]:
    """`function(argument)` in one thread per argument, all started together; the seconds.

    Each thread connects (and runs `warm(argument)`, when given) before the start: the figures
    are the steady state of a process that keeps its connections (CONN_MAX_AGE), not eight
    simultaneous logins and first plans.
    """
    from django.db import connection

    start = threading.Barrier(len(arguments))

    def run(argument):
        try:
            connection.ensure_connection()
            if warm is not None:
                warm(argument)
            start.wait()
            return function(argument)
        finally:
            connection.close()

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(arguments)) as pool:
        results = list(pool.map(run, arguments))
    return results, time.perf_counter() - began


def bench_next(engine: str) -> None:
    from django.db import connection

    from claims.models import Article, Claim
    from reviews.assignment import claim_assign_next
    from reviews.models import Queue

    desk, checkers = people()
    article = Article.objects.create(title="bench", body="x" * (CLAIMS + 1), language="en")
    Claim.objects.bulk_create(
        Claim(
            article=article,
            start=i,
            end=i + 1,
            text="x",
            status=Claim.Status.QUEUED,
            queue=desk,
            checkworthiness=(i % 100) / 100,
        )
        for i in range(CLAIMS)
    )
    if engine == "postgresql":
        # A table bulk-loaded a moment ago has no statistics yet; in production autovacuum
        # has analysed it long before, and the planner walks the queue index instead of
        # sorting the whole queue.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    # Warming up: one `next` per thread on a queue with nothing in it (same statement, no claim).
    warm_queue, _ = Queue.objects.get_or_create(
        slug="bench-warm-up", defaults={"name": "warm-up", "is_active": False, "priority": 10_000}
    )
    warm_queue.members.add(*checkers)

    def warm_next(user) -> None:
        assert claim_assign_next(queue=warm_queue, checker=user) is None

    def warm_select(_) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")

    # Baseline and `next` alternate in ROUNDS rounds, so that a change in the machine's load
    # (other work runs on it) weighs on both alike; the figures are over all rounds.
    per_thread = CLAIMS // CHECKERS // ROUNDS

    def select_one(_):
        latencies = []
        for _ in range(per_thread):
            began = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
            latencies.append(time.perf_counter() - began)
        return latencies

    handed: list[int] = []  # list.append is atomic under the GIL

    def take_some(user, last: bool):
        latencies = []
        while last or len(latencies) < per_thread:
            began = time.perf_counter()
            claim = claim_assign_next(queue=desk, checker=user)
            latencies.append(time.perf_counter() - began)
            if claim is None:
                break
            handed.append(claim.pk)
        return latencies

    baseline_all, latencies = [], []
    baseline_seconds = seconds = 0.0
    for round_number in range(ROUNDS):
        last = round_number == ROUNDS - 1
        baseline, spent = in_threads(select_one, checkers, warm=warm_select)
        baseline_all += [value for values in baseline for value in values]
        baseline_seconds += spent
        results, spent = in_threads(
            lambda user, last=last: take_some(user, last), checkers, warm=warm_next
        )
        latencies += [value for values in results for value in values]
        seconds += spent
    assigned = Claim.objects.filter(status=Claim.Status.ASSIGNED).count()
    twice = len(handed) - len(set(handed))
    assert assigned == CLAIMS, f"{assigned} of {CLAIMS} claims assigned"
    assert twice == 0 and len(handed) == CLAIMS, f"{twice} claims handed out twice"
    baseline_p99 = percentile(baseline_all, 0.99) * 1000
    next_p99 = percentile(latencies, 0.99) * 1000
    select_rate = len(baseline_all) / baseline_seconds
    rate = CLAIMS / seconds
    row(
        f"next: claims handed out/s, {CHECKERS} concurrent checkers ({engine})",
        f"{rate:.0f}",
        "claims/s",
        f"SELECT 1 round trips/s, same 8 threads: {select_rate:.0f} "
        f"({rate / select_rate:.0%} of it; target ≥ 20 %)",
    )
    row(
        f"next: p99 latency, {CHECKERS} concurrent checkers ({engine})",
        f"{next_p99:.2f}",
        "ms",
        f"SELECT 1 p99: {baseline_p99:.2f} ms ({next_p99 / baseline_p99:.1f}×; target ≤ 5×); "
        f"next p50: {statistics.median(latencies) * 1000:.2f} ms",
    )
    row(
        f"next: claims handed out twice ({engine})",
        twice,
        "claims",
        f"must be 0; {assigned}/{CLAIMS} assigned (one-open-assignment constraint)",
    )


def bench_query_counts() -> None:
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    from claims.models import Article, Claim
    from reviews.models import Queue

    desk = Queue.objects.get(slug="english-desk")
    counts = {}
    for size in (10, 200):
        article = Article.objects.create(title=f"{size}", body="y" * 300, language="en")
        Claim.objects.bulk_create(
            Claim(
                article=article,
                start=i,
                end=i + 1,
                text="y",
                status=Claim.Status.QUEUED,
                queue=desk,
            )
            for i in range(size)
        )
        for name, url in (
            ("article detail", f"/api/v1/articles/{article.pk}/"),
            ("claim list", f"/api/v1/claims/?article={article.pk}"),
        ):
            client = APIClient()
            client.force_authenticate(User.objects.get(username="bench-checker0"))
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, response.content[:200]
            counts[(name, size)] = len(queries)
    for name in ("article detail", "claim list"):
        row(
            f"{name}: queries with 200 claims",
            counts[(name, 200)],
            "queries",
            f"10 claims: {counts[(name, 10)]} (must be equal)",
        )


def bench_end_to_end() -> None:
    from django.contrib.auth.models import User

    from claims.ingest import article_submit
    from claims.models import Article, Claim
    from tests.plugins.services import purge_broker, start_worker_process

    if not SEED.exists():
        log(f"{SEED} is missing: skipping the end-to-end figure")
        return
    purge_broker()
    worker = start_worker_process(name="bench-workflow", concurrency=2)
    try:
        body = SEED.read_text()
        submitter = User.objects.get(username="bench-checker0")
        began = time.perf_counter()
        article, _ = article_submit(title="seed", body=body, language="ar", submitted_by=submitter)
        deadline = began + 60
        while time.perf_counter() < deadline:
            status = Article.objects.filter(pk=article.pk).values_list("status", flat=True).first()
            if status in (Article.Status.EXTRACTED, Article.Status.FAILED):
                break
            time.sleep(0.01)
        seconds = time.perf_counter() - began
        queued = Claim.objects.filter(article=article, status=Claim.Status.QUEUED).count()
        assert status == Article.Status.EXTRACTED and queued, f"status {status}, {queued} queued"
        row(
            "seed article: submit → claims queued (real worker)",
            f"{seconds * 1000:.0f}",
            "ms",
            f"{queued} claims routed; polled every 10 ms",
        )
    finally:
        worker.stop()


def main() -> int:
    began = time.perf_counter()
    engine = configure()
    log(f"database: {engine}")
    bench_next(engine)
    bench_query_counts()
    bench_end_to_end()
    log(f"done in {time.perf_counter() - began:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
