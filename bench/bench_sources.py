"""Benchmark of source checks: I/O throughput of the worker, and matching time per large source.

1. Throughput: 200 check_source tasks against a local HTTP server that delays every response by
   500 ms, run by worker processes as recommended for I/O work: one threads-pool process per
   core on its own queue, 50 threads in all (on 2 cores):
       celery -A config worker -Q sources --pool=threads --concurrency=25   # × 2
   The wall time (first task sent → last source checked) is set against the ideal
   200 × 0.5 s ÷ 50 = 2 s; the target is at least 70 % of ideal. All 200 pages live on one host
   (127.0.0.1), so the per-host limit is raised to the concurrency for this run only.
2. Matching: text extraction + fact extraction + matching one claim, for a generated 50-page
   PDF and a generated 2 MB HTML page (median of 3 runs).

Database and broker: PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set (as in CI; point
REDIS_URL at a spare database number), otherwise SQLite and the embedded filesystem broker. A
throw-away database is created and dropped. Prints TSV rows only:
figure, value, unit, compared with.
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
VAR = Path(tempfile.mkdtemp(prefix="claimdesk-bench-sources-"))
os.environ.update(
    DJANGO_SETTINGS_MODULE="config.settings",
    DEBUG="0",
    SECRET_KEY=os.environ.get("SECRET_KEY") or "bench-only-secret-key-0123456789abcdef0123456789",
    CLAIMDESK_VAR_DIR=str(VAR),
    CLAIMDESK_FETCH_ALLOW_PRIVATE="1",
)

SOURCES = 200
DELAY = 0.5
CONCURRENCY = 50  # threads in all, split over PROCESSES worker processes
# One threads-pool process per core: fetching waits on the network, but parsing, matching and
# the ORM hold the GIL, so a single process tops out at about 60 checks a second.
PROCESSES = int(os.environ.get("BENCH_SOURCES_PROCESSES", str(min(4, os.cpu_count() or 1))))
TARGET = 0.70
CLAIM = "Iran and Russia signed a deal worth about $40bn on July 19, 2022, the Kremlin said."


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def row(figure: str, value: str, unit: str, compared: str) -> None:
    print(f"{figure}\t{value}\t{unit}\t{compared}", flush=True)


def start_worker(database_url: str, index: int, threads: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CLAIMDESK_FETCH_HOST_CONCURRENCY": str(CONCURRENCY),
        "LOG_LEVEL": "WARNING",
    }
    log_path = VAR / f"worker-{index}.log"
    process = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", "sources",
            "--pool=threads", f"--concurrency={threads}", "--loglevel=INFO",
            "--without-mingle", "--without-gossip", f"--hostname=bench-sources-{index}@%h",
        ],
        cwd=REPO, env=env, stdout=open(log_path, "w"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while " ready." not in log_path.read_text(errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the worker did not start:\n{log_path.read_text()}")
        time.sleep(0.1)
    return process


def throughput(web, checker) -> None:
    from django.db import connection

    from claims.models import Citation, Source
    from claims.models import Source as SourceModel
    from claims.tasks import check_source
    from tests.factories import ClaimFactory
    from tests.plugins.services import database_url_for_children, purge_broker
    from tests.sources_pages import ENGLISH_PAGE

    page = ENGLISH_PAGE  # a realistic article page (about 1.3 kB)

    def make_sources(prefix: str, count: int, delay: float) -> list[Source]:
        claims = ClaimFactory.create_batch(count, article__body=CLAIM, article__language="en")
        made = []
        for number, claim in enumerate(claims):
            url = web.add(f"/{prefix}{number}", page, delay=delay)
            source = Source.objects.create(
                url=url, normalized_url=url, host="127.0.0.1", fetch_key=f"{prefix}-{number}"
            )
            Citation.objects.create(claim=claim, source=source, added_by=checker)
            made.append(source)
        return made

    def run(sources: list[Source]) -> float:
        started = time.monotonic()
        for source in sources:
            check_source.delay(source.pk, source.fetch_key)
        done = SourceModel.objects.filter(
            pk__in=[s.pk for s in sources], status__in=["checked", "failed"]
        )
        while done.count() < len(sources):
            if time.monotonic() - started > 120:
                raise SystemExit(f"only {done.count()} of {len(sources)} finished in 120 s")
            time.sleep(0.02)
        return started

    warm_up = make_sources("w", CONCURRENCY, 0)
    measured = make_sources("s", SOURCES, DELAY)
    purge_broker()
    threads = CONCURRENCY // PROCESSES
    workers = [start_worker(database_url_for_children(), i, threads) for i in range(PROCESSES)]
    try:
        # Steady state: every thread has its database connection and imports before the clock.
        run(warm_up)
        started = run(measured)
        wall = time.monotonic() - started
        arrivals = sorted(t - started for n in range(SOURCES) for t in web.times_of(f"/s{n}"))
        log(
            f"requests arrived from {arrivals[0]:.2f} s to {arrivals[-1]:.2f} s; "
            f"median {statistics.median(arrivals):.2f} s; at most {web.max_in_flight} at once"
        )
        ticks = os.sysconf("SC_CLK_TCK")
        for worker in workers:
            fields = Path(f"/proc/{worker.pid}/stat").read_text().rsplit(")", 1)[1].split()
            log(f"worker {worker.pid} cpu {(int(fields[11]) + int(fields[12])) / ticks:.2f} s")
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)
    failed = SourceModel.objects.filter(status="failed").count()  # warm-up pages never fail
    connection.close()
    ideal = SOURCES * DELAY / CONCURRENCY
    backend = "postgresql+redis" if os.environ.get("REDIS_URL") else "sqlite+filesystem broker"
    row("source_checks", str(SOURCES - failed), "sources", f"{SOURCES} sent, {failed} failed")
    row(
        "source_checks_wall",
        f"{wall:.2f}",
        "s",
        f"ideal {ideal:.2f} s = {SOURCES} × {DELAY} s ÷ {CONCURRENCY} threads "
        f"({PROCESSES} × --pool=threads --concurrency={threads}; {backend})",
    )
    row(
        "source_checks_efficiency",
        f"{100 * ideal / wall:.0f}",
        "% of ideal",
        f"target ≥ {TARGET:.0%}",
    )


def generated_pdf() -> bytes:
    from tests.sources_pages import minimal_pdf

    pages = []
    for number in range(50):
        lines = [
            f"Section {number + 1}. The ministry reported that exports rose {number % 9 + 1}% in",
            f"the quarter, to ${number + 3}bn, while imports fell by {number % 5 + 2} percent.",
        ] * 20
        if number == 37:
            lines.append(CLAIM)
        pages.append("\n".join(lines))
    return minimal_pdf(pages)


def generated_html() -> bytes:
    paragraph = (
        "<p>Report {n}: the ministry said on Tuesday that exports rose {p}% to ${b}bn in the "
        "first half, while analysts expected growth of about {q} percent over {m} months.</p>\n"
    )
    parts, size, n = [], 0, 0
    while size < 2_000_000:
        text = paragraph.format(n=n, p=n % 9 + 1, b=n % 50 + 3, q=n % 7 + 1, m=n % 11 + 2)
        parts.append(text)
        size += len(text)
        n += 1
    body = "".join(parts)
    html = (
        "<html><head><title>Long report</title></head><body><nav>Home | World</nav>"
        f"<article><h1>Report</h1>{body}<p>{CLAIM}</p></article></body></html>"
    )
    return html.encode()


def matching() -> None:
    from claims.checking import SourceText, check_claim
    from claims.extraction import extract_facts
    from claims.fetching import extract_content

    claim_facts = extract_facts(CLAIM)
    for name, body, kind in (
        ("match_pdf_50_pages", generated_pdf(), "pdf"),
        ("match_html_2mb", generated_html(), "html"),
    ):
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            page = extract_content(body, kind=kind)
            result = check_claim(
                claim_text=CLAIM, claim_facts=claim_facts, source=SourceText.of(page.text)
            )
            timings.append(time.perf_counter() - started)
        assert result.stance == "supports", result.stance
        row(
            name,
            f"{1000 * statistics.median(timings):.0f}",
            "ms per source",
            f"{len(body) / 1e6:.1f} MB {kind}, {len(page.text) / 1e3:.0f} k chars of text; "
            "text + facts + match one claim",
        )


def main() -> None:
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.db import connection

    from reviews.defaults import ensure_defaults
    from tests.plugins.outside_web import OutsideWeb

    creation = connection.creation
    log("creating a throw-away database …")
    test_name = creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    web = OutsideWeb()
    try:
        ensure_defaults()
        checker = User.objects.create_user("bench-checker")
        throughput(web, checker)
        matching()
    finally:
        web.close()
        creation.destroy_test_db(test_name, verbosity=0)
        shutil.rmtree(VAR, ignore_errors=True)


if __name__ == "__main__":
    main()
