"""Nothing lost, nothing stuck: real workers killed mid-task, a broker that is down at submission.

The recovery sweep is what beat runs every CLAIMDESK_RECOVERY_SWEEP_SECONDS; these tests call it
while they poll, standing in for beat.
"""

import random
import time

import pytest
from django.conf import settings

from claims.ingest import article_submit
from claims.models import Article, AuditEvent, Claim, Source
from claims.recovery import work_recover
from claims.sources import source_attach
from tests.factories import ArticleFactory, ClaimFactory
from tests.plugins.outages import broker_unreachable
from tests.plugins.services import wait_until
from tests.sources_pages import ENGLISH_PAGE

pytestmark = pytest.mark.worker

LEASE = 3
SHORT_LEASE = {
    "CLAIMDESK_WORK_LEASE_SECONDS": str(LEASE),
    "CLAIMDESK_FETCH_ALLOW_PRIVATE": "1",
}


@pytest.fixture(autouse=True)
def short_lease(settings):
    settings.CLAIMDESK_WORK_LEASE_SECONDS = LEASE


def dense_article(seed: int, sentences: int = 1200) -> str:
    """Seconds of extraction, so a kill lands mid-task."""
    rng = random.Random(seed)
    return " ".join(
        f"Exports rose {rng.randint(1, 99)}% to ${rng.randint(1, 900)} billion in "
        f"{rng.randint(1990, 2024)}, the minister said ({seed}-{n})."
        for n in range(sentences)
    )


def status_of(model, pk: int) -> str:
    return model.objects.values_list("status", flat=True).get(pk=pk)


def recovered(model, pk: int, status: str):
    """Poll as beat would: sweep, then look."""

    def check() -> bool:
        work_recover()
        return status_of(model, pk) == status

    return check


def test_it_saves_a_submission_while_the_broker_is_down_and_processes_it_when_it_returns(
    worker_factory, checker_api, monkeypatch
):
    with monkeypatch.context() as outage:
        broker_unreachable(outage)
        response = checker_api.post(
            "/api/v1/articles/",
            {"title": "Outage", "body": "Exports rose 12% to $40 billion in 2023."},
            format="json",
            secure=True,
        )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == Article.Status.PENDING
    article = Article.objects.get(pk=response.json()["id"])
    assert article.dispatched_at is None  # the broker refused it: due at the next sweep

    worker_factory(extra_env=SHORT_LEASE)
    wait_until(recovered(Article, article.pk, Article.Status.EXTRACTED), timeout=60, interval=0.5)
    assert Claim.objects.filter(article=article).count() >= 1


def test_it_extracts_again_the_article_of_a_killed_worker_once(worker_factory, checker):
    options = {"queues": ["extraction"], "pool": "prefork", "concurrency": 1}
    first = worker_factory(extra_env=SHORT_LEASE, **options)
    article, _ = article_submit(submitted_by=checker, body=dense_article(1))
    wait_until(lambda: status_of(Article, article.pk) == Article.Status.EXTRACTING, timeout=60)
    first.kill()
    killed = time.monotonic()

    worker_factory(extra_env=SHORT_LEASE, **options)
    wait_until(recovered(Article, article.pk, Article.Status.EXTRACTED), timeout=90, interval=0.5)
    article.refresh_from_db()
    assert article.attempts == 2
    assert time.monotonic() - killed < 90
    assert (
        AuditEvent.objects.filter(action="article.extract", object_id=str(article.pk)).count() == 1
    )


def test_it_checks_again_the_source_of_a_killed_worker(worker_factory, checker, outside_web):
    first = worker_factory(extra_env=SHORT_LEASE, queues=["sources"])
    url = outside_web.add("/slow", ENGLISH_PAGE, delay=lambda hit: 30 if hit == 1 else 0)
    claim = ClaimFactory(
        article=ArticleFactory(), text="Iran and Russia signed a $40 billion deal."
    )
    citation, _ = source_attach(claim=claim, url=url, added_by=checker)
    wait_until(lambda: outside_web.hits("/slow") == 1, timeout=30)
    assert status_of(Source, citation.source_id) == Source.Status.FETCHING
    first.kill()

    worker_factory(extra_env=SHORT_LEASE, queues=["sources"])
    wait_until(
        recovered(Source, citation.source_id, Source.Status.CHECKED), timeout=90, interval=0.5
    )
    assert outside_web.hits("/slow") == 2
    assert claim.evidence.count() == 1


def test_it_runs_the_recovery_sweep_from_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["recover-work"]
    assert entry["task"] == "claims.tasks.recover_work"
    assert entry["schedule"] == settings.CLAIMDESK_RECOVERY_SWEEP_SECONDS
    assert settings.CELERY_TASK_TIME_LIMIT < settings.CELERY_VISIBILITY_TIMEOUT
