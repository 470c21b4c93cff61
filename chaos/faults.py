"""The faults, one function each: break something mid-work, bring it back, time the recovery.

Each returns a `Result`; recovery is measured from the moment the broken part is back (worker
ready, server accepting) to the moment every piece of work it held is finished.
"""

from __future__ import annotations

import os
import random
import signal
import time
import uuid
from dataclasses import dataclass, field

import httpx

from chaos.stack import Stack, wait_until

TARGET_RECOVERY = 120.0
SEED_URL = "https://news.example.org/2022/07/putin-raisi-call"


@dataclass
class Result:
    fault: str
    recovery: float | None = None  # seconds; None when it never recovered
    lost: int = 0
    checks: list[str] = field(default_factory=list)  # what was asserted and failed
    note: str = ""

    @property
    def ok(self) -> bool:
        return (
            self.recovery is not None
            and self.recovery <= TARGET_RECOVERY
            and self.lost == 0
            and not self.checks
        )

    def expect(self, condition: bool, what: str) -> None:
        if not condition:
            self.checks.append(what)


class Api:
    """The HTTP API as a script sees it, with the checker's and the editor's tokens."""

    def __init__(self, port: int, password: str):
        self.http = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30)
        self.tokens = {name: self._token(name, password) for name in ("checker", "editor")}

    def _token(self, username: str, password: str) -> str:
        response = self.http.post(
            "/api/v1/auth/token/", json={"username": username, "password": password}
        )
        response.raise_for_status()
        return response.json()["token"]

    def call(self, method: str, path: str, *, who: str = "checker", **options) -> httpx.Response:
        headers = {"Authorization": f"Token {self.tokens[who]}"} if who else {}
        return self.http.request(method, path, headers=headers, **options)


def dense_article(label: str, sentences: int) -> str:
    """Many figures in many sentences: seconds of extraction, so a kill lands mid-task."""
    rng = random.Random(label)
    lines = [f"Chaos report {label}."]
    for n in range(sentences):
        lines.append(
            f"Exports rose {rng.randint(1, 99)}% to ${rng.randint(1, 900)} billion in "
            f"{rng.randint(1990, 2024)}, the minister said on Monday ({label}-{n})."
        )
    return " ".join(lines)


def submit_articles(api: Api, count: int, sentences: int, tag: str) -> tuple[list[int], list[int]]:
    """Returns (article ids, HTTP statuses)."""
    ids, statuses = [], []
    for n in range(count):
        label = f"{tag}-{n}-{uuid.uuid4().hex[:6]}"
        response = api.call(
            "POST",
            "/api/v1/articles/",
            json={"title": label, "body": dense_article(label, sentences), "language": "en"},
        )
        statuses.append(response.status_code)
        if response.status_code in (200, 201, 202):
            ids.append(response.json()["id"])
    return ids, statuses


# --- observations through the ORM (the run's process is set up against the chaos database) ------


def article_statuses(ids: list[int]) -> dict[int, str]:
    from claims.models import Article

    return dict(Article.objects.filter(pk__in=ids).values_list("pk", "status"))


def all_in(ids: list[int], statuses: set[str]) -> bool:
    found = article_statuses(ids)
    return len(found) == len(ids) and all(status in statuses for status in found.values())


def any_in(ids: list[int], status: str) -> bool:
    return status in article_statuses(ids).values()


def sources_finished(ids: list[int]) -> bool:
    from claims.models import Source

    rows = Source.objects.filter(pk__in=ids).values_list("status", "failure_reason")
    return len(rows) == len(ids) and all(
        status == "checked" or (status == "failed" and reason) for status, reason in rows
    )


def _fresh(predicate):
    """A check that survives a database restart: a broken connection is dropped, not reused."""

    def check():
        from django.db import connection

        try:
            return predicate()
        except Exception:
            connection.close()
            raise

    return check


def _recovery(result: Result, back: float, done, timeout: float) -> None:
    try:
        wait_until(_fresh(done), timeout, result.fault, interval=0.5)
        result.recovery = time.monotonic() - back
    except TimeoutError:
        result.recovery = None


# --- the faults ----------------------------------------------------------------------------------


def kill_extraction_worker(stack: Stack, api: Api, scale: dict) -> Result:
    result = Result("SIGKILL extraction worker (parent and children)")
    ids, statuses = submit_articles(api, scale["articles"], scale["sentences"], "kill-x")
    result.expect(all(s == 201 for s in statuses), f"submissions answered {statuses}")
    wait_until(lambda: any_in(ids, "extracting"), 60, "an article extracting")
    stack.extraction.kill()
    time.sleep(2)
    stack.start_worker(stack.extraction)
    back = time.monotonic()
    _recovery(result, back, lambda: all_in(ids, {"extracted"}), scale["timeout"])
    result.lost = len(ids) - sum(1 for s in article_statuses(ids).values() if s == "extracted")
    return result


def kill_sources_worker(stack: Stack, api: Api, scale: dict, claim_id: int) -> Result:
    from claims.models import Source

    result = Result("SIGKILL sources worker mid-fetch")
    paths = [f"/source-{uuid.uuid4().hex[:8]}.html" for _ in range(scale["sources"])]
    for n, path in enumerate(paths):
        stack.outside.pages[path] = (
            f"<html><head><title>Source {n}</title></head><body><article><p>"
            f"The ministry said exports rose 12% to $40 billion in 2023 (source {n}).</p>"
            "</article></body></html>"
        )
    stack.outside.delay = 6.0
    # Sources are attached by whoever holds the claim (or an editor): the checker takes it first.
    taken = api.call("POST", f"/api/v1/claims/{claim_id}/take/")
    result.expect(taken.status_code == 200, f"take answered {taken.status_code}")
    for path in paths:
        response = api.call(
            "POST", f"/api/v1/claims/{claim_id}/sources/", json={"url": stack.outside.url(path)}
        )
        result.expect(response.status_code == 201, f"attach answered {response.status_code}")
    ids = list(
        Source.objects.filter(normalized_url__in=[stack.outside.url(p) for p in paths]).values_list(
            "pk", flat=True
        )
    )
    result.expect(len(ids) == len(paths), f"{len(ids)} of {len(paths)} sources stored")
    wait_until(lambda: Source.objects.filter(pk__in=ids, status="fetching").exists(), 60, "a fetch")
    stack.sources.kill()
    stack.outside.delay = 0.2
    time.sleep(2)
    stack.start_worker(stack.sources)
    back = time.monotonic()
    _recovery(result, back, lambda: sources_finished(ids), scale["timeout"])
    result.lost = len(ids) - Source.objects.filter(pk__in=ids, status="checked").count()
    return result


def poison_article(stack: Stack, api: Api, scale: dict, attempts: int) -> Result:
    """An article whose extraction kills its worker process every time it is tried."""
    from claims.models import Article

    result = Result(f"poison article (kills its worker; limit {attempts} attempts)")
    # The largest article of the run (under the 200,000-character limit): the longest to extract.
    [poison], _ = submit_articles(api, 1, min(scale["sentences"] * 2, 1800), "poison")
    kills, killed_owner = 0, None
    deadline = time.monotonic() + scale["timeout"] + attempts * 60
    while time.monotonic() < deadline:
        row = Article.objects.filter(pk=poison).values("status", "lease_owner", "attempts").get()
        if row["status"] == "failed":
            break
        # Each attempt kills the pool process running it, once (as a crash in the parser would).
        attempt = (row["lease_owner"], row["attempts"])
        if row["status"] == "extracting" and attempt != killed_owner:
            for pid in stack.extraction.children():
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            kills, killed_owner = kills + 1, attempt
        time.sleep(0.05)
    back = time.monotonic()
    article = Article.objects.get(pk=poison)
    result.expect(article.status == "failed", f"poison article ended {article.status}")
    result.expect(bool(article.status_detail), "no reason given for the failure")
    result.note = f"{kills} kills, {article.attempts} attempts; {article.status_detail[:40]}…"
    # The worker goes on with other work.
    [healthy], _ = submit_articles(api, 1, 20, "after-poison")
    _recovery(result, back, lambda: all_in([healthy], {"extracted"}), scale["timeout"])
    return result


def submitted_verdict_on_seed() -> int:
    """A verdict waiting for approval on the seed article (whose badge publishers read)."""
    from django.contrib.auth.models import User

    from claims.models import Claim
    from reviews.bulk import claims_bulk_assign
    from reviews.verdicts import verdict_submit

    checker, editor = User.objects.get(username="checker"), User.objects.get(username="editor")
    claim = Claim.objects.filter(article__urls__isnull=False, status="queued").order_by("pk")[0]
    claims_bulk_assign(claim_ids=[claim.pk], checker=checker, editor=editor)
    claim.refresh_from_db()
    verdict = verdict_submit(
        claim=claim, author=checker, rating="unverifiable", summary="Chaos: not verifiable"
    )
    return verdict.pk


def badge_message(api: Api) -> str:
    return api.http.get("/api/v1/public/badge.json", params={"url": SEED_URL}).json()["message"]


def broker_outage(stack: Stack, api: Api, scale: dict) -> Result:
    """Redis is the broker and the cache: submissions, throttles and a badge all live on it."""
    result = Result("broker (redis-server) stopped and restarted")
    verdict_id = submitted_verdict_on_seed()
    before = badge_message(api)  # cached now
    stack.redis.stop()
    health = api.http.get("/healthz")
    result.expect(
        health.status_code == 503 and health.json().get("broker") == "down", "healthz: broker"
    )
    listed = api.call("GET", "/api/v1/queues/")
    result.expect(listed.status_code == 200, f"API read during outage: {listed.status_code}")
    ids, statuses = submit_articles(api, scale["articles"], 20, "broker-down")
    result.expect(all(s in (201, 202) for s in statuses), f"submissions during outage: {statuses}")
    approved = api.call("POST", f"/api/v1/verdicts/{verdict_id}/approve/", who="editor")
    result.expect(approved.status_code == 200, f"approval during outage: {approved.status_code}")
    time.sleep(3)
    stack.redis.start()
    back = time.monotonic()
    # The cache comes back with its old answer; the lost invalidation must be repaired.
    try:
        wait_until(lambda: badge_message(api) != before, 60, "badge repaired", interval=0.5)
        badge_delay = time.monotonic() - back
    except TimeoutError:
        badge_delay = None
    result.expect(badge_delay is not None, f"badge still says {before!r} 60 s after the cache")
    result.note = f"badge repaired {badge_delay:.1f} s after the cache" if badge_delay else ""
    _recovery(result, back, lambda: all_in(ids, {"extracted"}), scale["timeout"])
    result.lost = scale["articles"] - sum(
        1 for s in article_statuses(ids).values() if s == "extracted"
    )
    return result


def database_outage(stack: Stack, api: Api, scale: dict) -> Result:
    result = Result("database (PostgreSQL) stopped and restarted")
    badge = api.http.get("/api/v1/public/badge.json", params={"url": SEED_URL})
    result.expect(badge.status_code == 200, f"badge before: {badge.status_code}")
    ids, statuses = submit_articles(api, scale["articles"], scale["sentences"], "db-down")
    result.expect(all(s == 201 for s in statuses), f"submissions before outage: {statuses}")
    stack.postgres.stop(immediate=True)
    checks = {
        "API list": api.call("GET", "/api/v1/articles/"),
        "API submit": api.call("POST", "/api/v1/articles/", json={"body": "x 5%"}),
        "token": api.http.post("/api/v1/auth/token/", json={"username": "a", "password": "b"}),
        "unknown badge": api.http.get(
            "/api/v1/public/badge.json", params={"url": "https://unknown.example.org/x"}
        ),
    }
    for name, response in checks.items():
        is_json = response.headers.get("content-type", "").startswith("application/json")
        result.expect(
            response.status_code == 503 and is_json and "Retry-After" in response.headers,
            f"{name}: {response.status_code} {response.headers.get('content-type')}",
        )
    cached = api.http.get("/api/v1/public/badge.json", params={"url": SEED_URL})
    result.expect(cached.status_code == 200, f"cached badge during outage: {cached.status_code}")
    health = api.http.get("/healthz")
    result.expect(health.json().get("database") == "down", "healthz: database")
    time.sleep(5)
    stack.postgres.start()
    back = time.monotonic()
    _recovery(result, back, lambda: all_in(ids, {"extracted"}), scale["timeout"])
    result.lost = len(ids) - sum(1 for s in article_statuses(ids).values() if s == "extracted")
    return result
