"""Benchmark of monitoring: publishers' feeds to queued claims, on the README's worker setup.

200 RSS feeds with 20 new entries each (4,000 stories, each a distinct page) are served by a local
HTTP server that delays every story page by 0.5 s, like a slow newsroom site. The clock starts
when `poll_due_feeds` is sent (what beat does every minute) and stops when every story is an
extracted article whose claims are queued. Workers, as the README recommends for 2 cores:
    celery -A config worker -Q extraction --pool=prefork --concurrency=2
    celery -A config worker -Q sources,maintenance --pool=threads --concurrency=50
The ideal is stories × page latency ÷ I/O concurrency (4,000 × 0.5 s ÷ 50 = 40 s): fetching alone,
with extraction free. All pages live on one host (127.0.0.1), so the per-host limit is raised to
the I/O concurrency for this run only (a real desk polls many publishers).

Database and broker: PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set, otherwise SQLite
and the embedded broker. A throw-away database is created and dropped. Prints TSV rows only.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
VAR = Path(tempfile.mkdtemp(prefix="claimdesk-bench-feeds-"))
os.environ.update(
    DJANGO_SETTINGS_MODULE="config.settings",
    DEBUG="0",
    SECRET_KEY=os.environ.get("SECRET_KEY") or "bench-only-secret-key-0123456789abcdef0123456789",
    CLAIMDESK_VAR_DIR=str(VAR),
    CLAIMDESK_FETCH_ALLOW_PRIVATE="1",
)

from bench.harness import log, row, start_worker, throwaway_world  # noqa: E402

FEEDS = int(os.environ.get("BENCH_FEEDS", "200"))
ENTRIES = int(os.environ.get("BENCH_FEED_ENTRIES", "20"))
DELAY = float(os.environ.get("BENCH_FEED_DELAY", "0.5"))
IO_THREADS = 50
CPU_PROCESSES = int(os.environ.get("BENCH_FEED_CPU", str(os.cpu_count() or 2)))
TIMEOUT = float(os.environ.get("BENCH_FEED_TIMEOUT", "720"))  # under run.py's 900 s

PAGE = """<html><head><title>Report {n}</title><meta charset="utf-8"></head><body>
<nav>Home | Economy</nav><article><h1>Report {n}: trade figures</h1>
<p>The ministry said on Tuesday that exports rose {p}% to ${b}bn in 2023, report {n} shows.</p>
<p>Officials added that {j},000 jobs were created over {m} months, according to the statistics
office, while imports fell by {q} percent.</p></article></body></html>"""


def launch(database_url: str, name: str, args: list[str]) -> subprocess.Popen:
    env = {"DATABASE_URL": database_url, "CLAIMDESK_FETCH_HOST_CONCURRENCY": str(IO_THREADS)}
    return start_worker(name=f"feeds-{name}", args=args, env=env, var=VAR)


def rss(feed: int, web) -> str:
    items = "".join(
        f"<item><title>Report {feed}-{entry}</title>"
        f"<link>{web.url(f'/story/{feed}/{entry}')}</link></item>"
        for entry in range(ENTRIES)
    )
    return f'<rss version="2.0"><channel><title>Feed {feed}</title>{items}</channel></rss>'


def serve(web) -> None:
    for feed in range(FEEDS):
        web.add(f"/feed/{feed}.xml", rss(feed, web), content_type="application/rss+xml")
        for entry in range(ENTRIES):
            n = feed * ENTRIES + entry
            page = PAGE.format(n=n, p=n % 9 + 1, b=n % 50 + 3, j=n % 90 + 2, m=n % 11 + 2,
                               q=n % 7 + 1)  # fmt: skip
            web.add(f"/story/{feed}/{entry}", page, content_type="text/html", delay=DELAY)


def measure(web, editor) -> None:
    from django.db import connection

    from claims.feeds import feed_create
    from claims.models import Article, Claim, FeedItem
    from claims.tasks import poll_due_feeds
    from tests.plugins.services import database_url_for_children, purge_broker

    serve(web)
    for feed in range(FEEDS):
        feed_create(url=web.url(f"/feed/{feed}.xml"), publisher=f"Publisher {feed % 20}",
                    language="en", created_by=editor, interval_minutes=60)  # fmt: skip
    stories = FEEDS * ENTRIES
    purge_broker()
    database_url = database_url_for_children()
    workers = [
        launch(database_url, "cpu",
                     ["-Q", "extraction", "--pool=prefork", f"--concurrency={CPU_PROCESSES}"]),
        launch(database_url, "io",
                     ["-Q", "sources,maintenance", "--pool=threads", f"--concurrency={IO_THREADS}"]),
    ]  # fmt: skip
    try:
        started = time.monotonic()
        poll_due_feeds.delay()
        fetched_at = None
        while True:
            time.sleep(0.5)
            elapsed = time.monotonic() - started
            if fetched_at is None and (
                FeedItem.objects.exclude(status="pending").count() >= stories
            ):
                fetched_at = elapsed
            extracted = Article.objects.filter(status="extracted").count()
            if extracted >= stories or elapsed > TIMEOUT:
                break
        wall = time.monotonic() - started
        feeds_at = sorted(t - started for path, _, t in web.requests if path.startswith("/feed/"))
        pages_at = sorted(t - started for path, _, t in web.requests if path.startswith("/story/"))
        log(f"feeds fetched from {feeds_at[0]:.1f} s to {feeds_at[-1]:.1f} s; stories from "
            f"{pages_at[0]:.1f} s to {pages_at[-1]:.1f} s; at most {web.max_in_flight} at once")  # fmt: skip
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=60)
    failed_items = FeedItem.objects.filter(status="failed").count()
    queued = Claim.objects.filter(status="queued").count()
    queued_articles = Article.objects.filter(claims__status="queued").distinct().count()
    connection.close()
    # Stopped at the time limit on a busy machine: report what was done, against its own ideal.
    done = f"all {stories}" if extracted >= stories else f"stopped at {TIMEOUT:.0f} s"
    ideal = extracted * DELAY / IO_THREADS
    backend = "postgresql+redis" if os.environ.get("REDIS_URL") else "sqlite+filesystem broker"
    row("feed_stories", str(extracted), "articles",
        f"{FEEDS} feeds × {ENTRIES} new entries ({done}); {failed_items} failed; "
        f"{queued} claims queued in {queued_articles} articles")  # fmt: skip
    row("feed_to_queued_wall", f"{wall:.1f}", "s",
        f"ideal {ideal:.0f} s = {extracted} × {DELAY} s ÷ {IO_THREADS} threads; "
        f"{fetched_words(fetched_at)} ({backend})")  # fmt: skip
    row("feed_to_queued_efficiency", f"{100 * ideal / wall:.0f}", "% of ideal",
        f"workers: -Q extraction prefork ×{CPU_PROCESSES}, -Q sources,maintenance threads "
        f"×{IO_THREADS}")  # fmt: skip
    row("feed_articles_per_minute", f"{60 * extracted / wall:.0f}", "articles/min",
        f"feed poll → fetched → extracted → claims queued; fetch-bound ideal "
        f"{60 * IO_THREADS / DELAY:.0f}/min")  # fmt: skip


def fetched_words(fetched_at: float | None) -> str:
    return f"all fetched at {fetched_at:.1f} s" if fetched_at else "not all fetched"


def main() -> None:
    try:
        with throwaway_world() as web:
            from django.contrib.auth.models import User

            measure(web, User.objects.create_user("bench-editor"))
    finally:
        shutil.rmtree(VAR, ignore_errors=True)


if __name__ == "__main__":
    main()
