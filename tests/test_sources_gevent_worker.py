"""The recommended sources worker (README, "Worker layout"): a gevent pool, where waiting on a
remote server costs no thread, keeps the safe fetcher's rules and the per-host limit."""

import pytest

from claims.models import Evidence, Source
from claims.sources import source_attach
from tests.factories import ArticleFactory, ClaimFactory
from tests.plugins.services import wait_until
from tests.sources_pages import ENGLISH_PAGE

pytestmark = pytest.mark.worker

CLAIM = "Iran and Russia signed a $40bn gas deal, the Kremlin said."
GEVENT = {
    "CLAIMDESK_FETCH_ALLOW_PRIVATE": "1",
    "CLAIMDESK_FETCH_HOST_CONCURRENCY": "3",
    # As in Procfile.production: on PostgreSQL the greenlets share a few pooled connections,
    # handed back while a fetch waits (SQLite ignores it).
    "DATABASE_POOL_SIZE": "2",
}


def test_it_checks_sources_concurrently_in_a_gevent_worker_within_the_host_limit(
    worker_factory, checker, outside_web
):
    worker_factory(pool="gevent", concurrency=20, queues=["sources"], extra_env=GEVENT)
    for number in range(9):
        url = outside_web.add(f"/slow-{number}", ENGLISH_PAGE, delay=0.5)
        claim = ClaimFactory(article=ArticleFactory(body=CLAIM, language="en"))
        source_attach(claim=claim, url=url, added_by=checker)

    wait_until(lambda: Source.objects.filter(status=Source.Status.CHECKED).count() == 9, timeout=90)
    # Concurrent (more than one at once), and never more than the host limit; how close to the
    # limit it gets depends on how fast the worker takes messages on a loaded machine.
    assert 1 < outside_web.max_in_flight <= 3
    assert sum(outside_web.hits(f"/slow-{n}") for n in range(9)) == 9
    assert set(Evidence.objects.values_list("stance", flat=True)) == {"supports"}


def test_it_refuses_a_private_address_in_a_gevent_worker(worker_factory, checker):
    worker_factory(pool="gevent", concurrency=5, queues=["sources"])
    citation, _ = source_attach(
        claim=ClaimFactory(), url="http://127.0.0.1:9/admin", added_by=checker
    )

    wait_until(
        lambda: Source.objects.get(pk=citation.source_id).status == Source.Status.FAILED,
        timeout=60,
    )
    reason = Source.objects.get(pk=citation.source_id).failure_reason
    assert reason.startswith("Refused:")
