"""The per-host limit on concurrent fetches is shared by every thread and every worker."""

import uuid

import pytest
from django.conf import settings

from claims.host_slots import KEY_PREFIX, HostBusy, host_slot
from claims.models import Source
from claims.sources import claim_sources_check, source_attach
from tests.factories import ClaimFactory
from tests.plugins.services import wait_until
from tests.slot_contention import most_inside


@pytest.fixture(autouse=True)
def free_host_slots():
    """Slots held by workers an earlier test killed stay leased for a minute (as they would in
    production); start each test with none."""
    if settings.REDIS_URL:
        import redis

        client = redis.Redis.from_url(settings.REDIS_URL)
        for key in client.scan_iter(KEY_PREFIX + "*"):
            client.delete(key)


def contend(*, limit: int, redis_url: str | None, folder, threads: int = 6) -> int:
    host = f"contended-{uuid.uuid4().hex}.example.org"
    return most_inside(
        lambda: host_slot(host, limit=limit, wait=30, lease=60, redis_url=redis_url, folder=folder),
        threads=threads,
    )


def test_it_limits_fetches_per_host_with_lock_files(tmp_path):
    assert contend(limit=2, redis_url=None, folder=tmp_path) == 2


@pytest.mark.redis
def test_it_limits_fetches_per_host_through_redis(redis_client, tmp_path):
    assert contend(limit=2, redis_url=settings.REDIS_URL, folder=tmp_path) == 2


@pytest.mark.redis
def test_it_frees_a_dead_holders_redis_slot_when_its_lease_ends(redis_client, tmp_path):
    host = f"lease-{uuid.uuid4().hex}.example.org"
    options = {"limit": 1, "redis_url": settings.REDIS_URL, "folder": tmp_path}
    held = host_slot(host, wait=0, lease=0.3, **options)
    held.__enter__()  # never released, as by a killed worker

    with pytest.raises(HostBusy):
        with host_slot(host, wait=0, lease=5, **options):
            pass
    with host_slot(host, wait=5, lease=5, **options):
        taken = True

    assert taken


@pytest.mark.redis
@pytest.mark.worker
def test_it_shares_the_host_limit_between_two_worker_processes(
    worker_factory, checker, outside_web
):
    env = {"CLAIMDESK_FETCH_ALLOW_PRIVATE": "1", "CLAIMDESK_FETCH_HOST_CONCURRENCY": "2"}
    worker_factory(concurrency=4, extra_env=env)
    worker_factory(concurrency=4, extra_env=env)
    for number in range(8):
        outside_web.add(f"/page-{number}", "<p>Exports rose 5%.</p>", delay=0.5)
        source_attach(
            claim=ClaimFactory(), url=outside_web.url(f"/page-{number}"), added_by=checker
        )

    wait_until(lambda: Source.objects.filter(status=Source.Status.CHECKED).count() == 8, timeout=90)
    assert outside_web.max_in_flight == 2
    assert sum(outside_web.hits(f"/page-{n}") for n in range(8)) == 8


def test_it_checks_a_claim_again_through_each_of_its_sources(
    db, checker, django_capture_on_commit_callbacks
):
    claim = ClaimFactory()
    checked, _ = source_attach(claim=claim, url="https://example.org/ok", added_by=checker)
    failed, _ = source_attach(claim=claim, url="https://example.org/bad", added_by=checker)
    Source.objects.filter(pk=checked.source_id).update(status=Source.Status.CHECKED)
    Source.objects.filter(pk=failed.source_id).update(status=Source.Status.FAILED)
    old_key = Source.objects.get(pk=failed.source_id).fetch_key

    with django_capture_on_commit_callbacks() as callbacks:
        started = claim_sources_check(claim=claim)

    retried = Source.objects.get(pk=failed.source_id)
    assert started == 2
    assert len(callbacks) == 1  # both checks sent in one publish
    assert retried.status == Source.Status.PENDING
    assert retried.fetch_key != old_key
