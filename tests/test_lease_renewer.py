"""One thread per worker process renews every lease its tasks hold (claims.leases)."""

import threading
from datetime import timedelta

import pytest
from django.utils import timezone

from claims.leases import LeaseKeeper, _renewer, leases_renew
from claims.models import Article, Source
from tests.factories import ArticleFactory, SourceFactory
from tests.plugins.services import wait_until

pytestmark = pytest.mark.django_db(transaction=True)


def held_source(owner: str, *, expires_in: float = 1.0) -> Source:
    return SourceFactory(
        status=Source.Status.FETCHING,
        lease_owner=owner,
        lease_expires_at=timezone.now() + timedelta(seconds=expires_in),
    )


def expiry_of(model, pk: int):
    return model.objects.values_list("lease_expires_at", flat=True).get(pk=pk)


def renewed_after(model, pk: int, moment) -> bool:
    expires = expiry_of(model, pk)
    return expires is not None and expires > moment


def test_one_thread_renews_every_lease_the_process_holds(settings):
    settings.CLAIMDESK_WORK_LEASE_SECONDS = 60
    sources = [held_source(f"task-{n}") for n in range(3)]
    article = ArticleFactory(
        status=Article.Status.EXTRACTING,
        lease_owner="task-a",
        lease_expires_at=timezone.now() + timedelta(seconds=1),
    )
    threads_before = {t.ident for t in threading.enumerate()}
    keepers = [LeaseKeeper(Source, pk=s.pk, owner=s.lease_owner) for s in sources]
    keepers.append(LeaseKeeper(Article, pk=article.pk, owner="task-a"))
    for keeper in keepers:
        keeper.__enter__()
    try:
        started_now = [t for t in threading.enumerate() if t.ident not in threads_before]
        assert all(t.name == "lease-renewer" for t in started_now), started_now
        assert len([t for t in threading.enumerate() if t.name == "lease-renewer"]) == 1
        soon = timezone.now() + timedelta(seconds=30)  # renewed: a full lease (60 s) from now
        _renewer().wake.set()
        wait_until(lambda: all(renewed_after(Source, s.pk, soon) for s in sources), timeout=10)
        wait_until(lambda: renewed_after(Article, article.pk, soon), timeout=10)
        assert not any(keeper.lost for keeper in keepers)
    finally:
        for keeper in keepers:
            keeper.__exit__(None, None, None)


def test_a_lease_is_no_longer_renewed_once_its_block_ends(settings):
    settings.CLAIMDESK_WORK_LEASE_SECONDS = 60
    finished, witness = held_source("finished"), held_source("witness")
    with LeaseKeeper(Source, pk=finished.pk, owner="finished"):
        pass
    ended_at = expiry_of(Source, finished.pk)
    with LeaseKeeper(Source, pk=witness.pk, owner="witness"):
        soon = timezone.now() + timedelta(seconds=30)
        _renewer().wake.set()
        wait_until(lambda: renewed_after(Source, witness.pk, soon), timeout=10)
    assert expiry_of(Source, finished.pk) == ended_at


def test_a_lease_another_worker_took_is_marked_lost_and_left_alone(settings):
    settings.CLAIMDESK_WORK_LEASE_SECONDS = 60
    source = held_source("first")
    with LeaseKeeper(Source, pk=source.pk, owner="first") as keeper:
        taken_until = timezone.now() + timedelta(seconds=5)
        Source.objects.filter(pk=source.pk).update(
            lease_owner="second", lease_expires_at=taken_until
        )
        _renewer().wake.set()
        wait_until(lambda: keeper.lost, timeout=10)
        assert keeper not in _renewer().held  # renewed no more
    assert Source.objects.values_list("lease_owner", "lease_expires_at").get(pk=source.pk) == (
        "second",
        taken_until,
    )


def test_renewing_many_leases_is_one_update_per_model(settings, django_assert_num_queries):
    settings.CLAIMDESK_WORK_LEASE_SECONDS = 60
    sources = [held_source(f"many-{n}") for n in range(20)]
    keepers = [LeaseKeeper(Source, pk=s.pk, owner=s.lease_owner) for s in sources]
    with django_assert_num_queries(1):
        lost = leases_renew(keepers)
    assert lost == []
    soon = timezone.now() + timedelta(seconds=30)
    assert all(renewed_after(Source, s.pk, soon) for s in sources)


def test_the_renewer_outlives_a_failed_round(settings, monkeypatch, caplog):
    settings.CLAIMDESK_WORK_LEASE_SECONDS = 60
    import claims.leases

    real, calls = claims.leases.leases_renew, []

    def failing_once(keepers):
        calls.append(len(keepers))
        if len(calls) == 1:
            raise RuntimeError("the database went away mid-round")
        return real(keepers)

    monkeypatch.setattr(claims.leases, "leases_renew", failing_once)
    source = held_source("steady")
    with LeaseKeeper(Source, pk=source.pk, owner="steady"):
        _renewer().wake.set()
        wait_until(lambda: calls, timeout=10)
        soon = timezone.now() + timedelta(seconds=30)
        _renewer().wake.set()
        wait_until(lambda: renewed_after(Source, source.pk, soon), timeout=10)
    assert len(calls) >= 2
    assert "lease renewal failed for 1 rows" in caplog.text
