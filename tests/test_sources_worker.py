"""check_source in real Celery worker processes: wiring, retries, crashes, redelivery."""

import os
import signal
from pathlib import Path

import pytest
from django.conf import settings

from claims.host_slots import KEY_PREFIX
from claims.models import Claim, Evidence, Snapshot, Source
from claims.sources import source_attach
from tests.factories import ArticleFactory, ClaimFactory
from tests.plugins.services import wait_until
from tests.sources_pages import ENGLISH_PAGE

pytestmark = pytest.mark.worker

ARABIC_CLAIM = "وقّعت إيران وروسيا صفقة بنحو 40 مليار دولار في حزيران/يوليو، بحسب ما قال الكرملين."
PRIVATE = {"CLAIMDESK_FETCH_ALLOW_PRIVATE": "1"}
# Short limits so a killed worker's message comes back within seconds (soft < hard < visibility).
SHORT_VISIBILITY = {
    **PRIVATE,
    "CELERY_VISIBILITY_TIMEOUT": "5",
    "CELERY_TASK_SOFT_TIME_LIMIT": "2",
    "CELERY_TASK_TIME_LIMIT": "3",
    "CLAIMDESK_FETCH_READ_TIMEOUT": "60",
    "CLAIMDESK_FETCH_DEADLINE": "60",
}


@pytest.fixture(autouse=True)
def free_host_slots():
    """Slots held by workers an earlier test killed stay leased for a minute (as they would in
    production); start each test with none."""
    if settings.REDIS_URL:
        import redis

        client = redis.Redis.from_url(settings.REDIS_URL)
        for key in client.scan_iter(KEY_PREFIX + "*"):
            client.delete(key)


def arabic_claim() -> Claim:
    article = ArticleFactory(body=ARABIC_CLAIM, language="ar")
    return ClaimFactory(article=article, kind=Claim.Kind.MONEY)


def source_status(source_id: int) -> str:
    return Source.objects.get(pk=source_id).status


def pool_children(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces; the parent pid is the 2nd field after ")".
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            children.append(int(entry.name))
    return children


def test_it_fetches_a_source_cited_by_fifty_claims_once_in_a_worker(
    worker_factory, checker, outside_web
):
    worker_factory(extra_env=PRIVATE)
    url = outside_web.add("/shared", ENGLISH_PAGE)
    claims = [arabic_claim() for _ in range(50)]

    for claim in claims:
        source_attach(claim=claim, url=url, added_by=checker)

    wait_until(lambda: Evidence.objects.count() == 50, timeout=60)
    source = Source.objects.get()
    wait_until(lambda: source_status(source.pk) == Source.Status.CHECKED, timeout=30)
    assert outside_web.hits("/shared") == 1
    assert Snapshot.objects.count() == 1
    assert set(Evidence.objects.values_list("stance", flat=True)) == {"supports"}


def test_it_retries_after_a_429_no_sooner_than_retry_after(worker_factory, checker, outside_web):
    worker_factory(extra_env={**PRIVATE, "CLAIMDESK_FETCH_RETRY_BACKOFF": "1"})
    url = outside_web.url("/busy")

    def recover(hit: int) -> None:
        if hit == 1:
            outside_web.add("/busy", ENGLISH_PAGE)

    outside_web.add(
        "/busy", "slow down", status=429, headers={"Retry-After": "2"}, on_request=recover
    )
    citation, _ = source_attach(claim=arabic_claim(), url=url, added_by=checker)

    wait_until(lambda: source_status(citation.source_id) == Source.Status.CHECKED, timeout=60)
    first, second = outside_web.times_of("/busy")
    assert second - first >= 2.0
    assert Source.objects.get(pk=citation.source_id).attempts == 0  # reset on success
    assert Evidence.objects.get().stance == "supports"


def test_it_does_not_retry_a_404(worker_factory, checker, outside_web):
    worker_factory(extra_env={**PRIVATE, "CLAIMDESK_FETCH_RETRY_BACKOFF": "1"})
    url = outside_web.add("/gone", "no", status=404)
    citation, _ = source_attach(claim=arabic_claim(), url=url, added_by=checker)

    wait_until(lambda: source_status(citation.source_id) == Source.Status.FAILED, timeout=60)
    source = Source.objects.get(pk=citation.source_id)
    assert source.is_dead
    assert source.failure_reason == "the server answered 404 Not Found"
    assert outside_web.hits("/gone") == 1


def test_it_gives_up_on_a_task_that_crashes_its_worker_every_time(
    worker_factory, checker, outside_web
):
    worker = worker_factory(
        pool="prefork", concurrency=1, extra_env={**PRIVATE, "CLAIMDESK_MAX_TASK_ATTEMPTS": "3"}
    )

    def crash(hit: int) -> None:
        for child in pool_children(worker.pid):  # the pool process running the fetch dies
            os.kill(child, signal.SIGKILL)

    url = outside_web.add("/crash", ENGLISH_PAGE, delay=30, on_request=crash)
    citation, _ = source_attach(claim=arabic_claim(), url=url, added_by=checker)

    wait_until(lambda: source_status(citation.source_id) == Source.Status.FAILED, timeout=90)
    source = Source.objects.get(pk=citation.source_id)
    assert source.failure_reason.startswith("Gave up after 3 attempts")
    assert outside_web.hits("/crash") == 3
    assert not Snapshot.objects.exists()
    assert worker.process.poll() is None  # the worker itself survived


@pytest.mark.redis
def test_it_completes_a_check_once_after_its_worker_is_killed_mid_fetch(
    worker_factory, checker, outside_web
):
    first = worker_factory(extra_env=SHORT_VISIBILITY)
    url = outside_web.add("/slow", ENGLISH_PAGE, delay=lambda hit: 30 if hit == 1 else 0)
    claims = [arabic_claim() for _ in range(3)]
    for claim in claims:
        source_attach(claim=claim, url=url, added_by=checker)
    source = Source.objects.get()
    wait_until(lambda: outside_web.hits("/slow") == 1, timeout=30)
    assert source_status(source.pk) == Source.Status.FETCHING

    first.kill()
    worker_factory(extra_env=SHORT_VISIBILITY)

    wait_until(lambda: source_status(source.pk) == Source.Status.CHECKED, timeout=60)
    assert outside_web.hits("/slow") == 2
    assert Snapshot.objects.count() == 1
    assert Evidence.objects.count() == 3
    assert Source.objects.get(pk=source.pk).attempts == 0
