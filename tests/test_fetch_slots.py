"""A worker process's own limit on fetches on the network (claims/fetch_slots.py), the page read
after the slots are given back, and many checks sent together in one publish."""

import base64
import json
import threading
from datetime import timedelta

import pytest
from django.utils import timezone

from claims import dispatch, fetch_slots
from claims.fetch_slots import fetch_slot
from claims.host_slots import HostBusy
from claims.models import Claim, Source
from claims.sources import (
    claim_sources_check,
    fetch_options,
    source_attach,
    sources_refetch_stale,
    url_fetch_in_slots,
)
from tests.factories import ClaimFactory
from tests.plugins.outages import broker_unreachable
from tests.plugins.services import wait_until
from tests.slot_contention import most_inside
from tests.sources_pages import ENGLISH_PAGE


def test_a_process_has_at_most_its_fetch_slots_on_the_network():
    assert most_inside(lambda: fetch_slot(size=2, wait=30), threads=6) == 2


def test_no_slots_set_means_no_limit_beyond_the_pool():
    # Four threads meet inside at once: a limit below four would break the barrier.
    everyone_inside = threading.Barrier(4, timeout=10)
    broken = []

    def work() -> None:
        with fetch_slot(size=0, wait=1):
            try:
                everyone_inside.wait()
            except threading.BrokenBarrierError:
                broken.append(True)

    workers = [threading.Thread(target=work) for _ in range(4)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(timeout=30)
    assert broken == []


def test_a_fetch_that_waits_too_long_for_a_slot_is_retried_later():
    with fetch_slot(size=1, wait=1):
        with pytest.raises(HostBusy, match="already has 1 fetches running"):
            with fetch_slot(size=1, wait=0.01):
                pass
    with fetch_slot(size=1, wait=0.01):  # given back: free again
        pass


def test_a_new_size_gets_slots_of_its_own():
    with fetch_slot(size=1, wait=1):
        first = fetch_slots._slots(1)
    with fetch_slot(size=3, wait=1):
        assert fetch_slots._slots(3) is not first
    with fetch_slot(size=3, wait=1), fetch_slot(size=3, wait=1), fetch_slot(size=3, wait=1):
        with pytest.raises(HostBusy):
            with fetch_slot(size=3, wait=0.01):
                pass


def test_the_page_is_read_after_the_fetch_slot_is_given_back(settings, outside_web, monkeypatch):
    settings.CLAIMDESK_FETCH_SLOTS = 1
    settings.CLAIMDESK_FETCH_ALLOW_PRIVATE = True
    url = outside_web.add("/read-after", ENGLISH_PAGE)
    slot_free_while_reading = []
    from claims import sources

    read = sources.page_read

    def page_read_checking_the_slot(result):
        # The process's only slot must be free while the page is turned into text.
        with fetch_slot(size=1, wait=0):
            slot_free_while_reading.append(True)
        return read(result)

    monkeypatch.setattr(sources, "page_read", page_read_checking_the_slot)
    page = url_fetch_in_slots(url, host="127.0.0.1", options=fetch_options())

    assert slot_free_while_reading == [True]
    assert page.title == "Iran and Russia sign $40bn gas deal"


@pytest.mark.redis
@pytest.mark.worker
def test_a_worker_with_more_threads_than_slots_keeps_to_its_slots(
    worker_factory, checker, outside_web
):
    env = {
        "CLAIMDESK_FETCH_ALLOW_PRIVATE": "1",
        "CLAIMDESK_FETCH_SLOTS": "2",
        "CLAIMDESK_FETCH_HOST_CONCURRENCY": "10",  # only the process's slots limit this one
    }
    worker_factory(concurrency=6, extra_env=env, queues=["sources"])
    for number in range(6):
        outside_web.add(f"/slotted-{number}", ENGLISH_PAGE, delay=0.5)
        source_attach(
            claim=ClaimFactory(), url=outside_web.url(f"/slotted-{number}"), added_by=checker
        )

    wait_until(lambda: Source.objects.filter(status=Source.Status.CHECKED).count() == 6, timeout=90)
    assert outside_web.max_in_flight == 2
    assert sum(outside_web.hits(f"/slotted-{n}") for n in range(6)) == 6


# --- many checks sent together -----------------------------------------------------------------


def claim_citing_failed_sources(count: int, checker) -> Claim:
    claim = ClaimFactory()
    for number in range(count):
        source_attach(claim=claim, url=f"https://example.org/batch-{number}", added_by=checker)
    Source.objects.update(status=Source.Status.FAILED)  # each one due for a new round
    return claim


def sent_checks(messages: list[bytes]) -> set[tuple[int, str]]:
    """(source id, fetch key) of each check_source message as kombu stored it in Redis."""
    sent = set()
    for raw in messages:
        message = json.loads(raw)
        assert message["headers"]["task"] == "claims.tasks.check_source"
        args, _kwargs, _embed = json.loads(base64.b64decode(message["body"]))
        sent.add(tuple(args))
    return sent


@pytest.mark.redis
def test_a_claims_checks_go_out_together_after_commit(transactional_db, checker, redis_client):
    claim = claim_citing_failed_sources(3, checker)
    redis_client.delete("sources")

    started = claim_sources_check(claim=claim)

    assert started == 3
    assert sent_checks(redis_client.lrange("sources", 0, -1)) == set(
        Source.objects.values_list("pk", "fetch_key")
    )
    assert not Source.objects.filter(dispatched_at__isnull=True).exists()


@pytest.mark.redis
def test_checks_the_broker_refuses_are_left_to_the_recovery_sweep(
    transactional_db, checker, monkeypatch
):
    claim = claim_citing_failed_sources(3, checker)
    with monkeypatch.context() as outage:
        broker_unreachable(outage)
        started = claim_sources_check(claim=claim)

    assert started == 3
    # Stamped in the transaction, cleared when the broker refused: due at the next sweep.
    assert Source.objects.filter(dispatched_at__isnull=True).count() == 3
    assert set(Source.objects.values_list("status", flat=True)) == {Source.Status.PENDING}


def test_the_stale_sweep_sends_its_rounds_in_one_go(
    db, checker, settings, django_capture_on_commit_callbacks
):
    settings.CLAIMDESK_REFETCH_AFTER_HOURS = 24
    claim_citing_failed_sources(4, checker)
    Source.objects.update(last_fetched_at=timezone.now() - timedelta(hours=25))

    with django_capture_on_commit_callbacks() as callbacks:
        assert sources_refetch_stale() == 4

    assert len(callbacks) == 1  # one publish for the four rounds
    assert Source.objects.filter(dispatched_at__isnull=False).count() == 4
    assert set(Source.objects.values_list("status", flat=True)) == {Source.Status.PENDING}


def test_a_long_sweep_stamps_its_rows_in_chunks(
    db, checker, monkeypatch, django_capture_on_commit_callbacks
):
    claim_citing_failed_sources(5, checker)
    monkeypatch.setattr(dispatch, "STAMP_CHUNK", 2)  # 5 rows: three UPDATEs

    with django_capture_on_commit_callbacks() as callbacks:
        dispatch.source_checks_enqueue(list(Source.objects.values_list("pk", "fetch_key")))

    assert len(callbacks) == 1
    assert not Source.objects.filter(dispatched_at__isnull=True).exists()
