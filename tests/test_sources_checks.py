"""Fetching, archiving and checking through claims.sources, in this process (no worker)."""

import hashlib
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims.models import Claim, Evidence, Snapshot, Source
from claims.sources import (
    source_attach,
    source_attempt_start,
    source_check,
    sources_refetch_stale,
)
from tests.factories import ArticleFactory, ClaimFactory
from tests.sources_pages import ENGLISH_PAGE

ARABIC_CLAIM = "وقّعت إيران وروسيا صفقة بنحو 40 مليار دولار في حزيران/يوليو، بحسب ما قال الكرملين."


@pytest.fixture
def private_fetching(settings):
    settings.CLAIMDESK_FETCH_ALLOW_PRIVATE = True
    settings.CLAIMDESK_FETCH_READ_TIMEOUT = 2
    settings.CLAIMDESK_FETCH_DEADLINE = 5


def arabic_claim() -> Claim:
    article = ArticleFactory(body=ARABIC_CLAIM, language="ar")
    return ClaimFactory(article=article, kind=Claim.Kind.MONEY)


def run_check(source: Source) -> Snapshot | None:
    """What the check_source task does, minus the broker."""
    source.refresh_from_db()
    started = source_attempt_start(source_id=source.pk, fetch_key=source.fetch_key)
    if started is None:
        return None
    return source_check(source=started, fetch_key=started.fetch_key)


def test_it_fetches_archives_and_checks_a_source(db, checker, outside_web, private_fetching):
    url = outside_web.add("/deal", ENGLISH_PAGE)
    claim = arabic_claim()
    citation, created = source_attach(claim=claim, url=url, added_by=checker)

    snapshot = run_check(citation.source)

    source = Source.objects.get(pk=citation.source_id)
    assert created
    assert source.status == Source.Status.CHECKED
    assert source.last_fetched_at is not None
    assert snapshot.http_status == 200
    assert snapshot.sha256 == hashlib.sha256(ENGLISH_PAGE.encode()).hexdigest()
    assert snapshot.byte_size == len(ENGLISH_PAGE.encode())
    assert snapshot.final_url == url
    assert snapshot.title == "Iran and Russia sign $40bn gas deal"
    assert snapshot.published_on.isoformat() == "2022-07-19"
    evidence = Evidence.objects.get(claim=claim, snapshot=snapshot)
    assert evidence.stance == Evidence.Stance.SUPPORTS
    money = next(row for row in evidence.fact_results if row["type"] == "money")
    assert money["result"] == "equal"
    assert money["seen"] == "$40bn"
    passage = evidence.passages[0]
    assert "$40bn" in snapshot.text[passage["start"] : passage["end"]]


def test_it_fetches_a_source_cited_by_fifty_claims_once(db, checker, outside_web, private_fetching):
    url = outside_web.add("/shared", ENGLISH_PAGE)
    claims = [arabic_claim() for _ in range(50)]
    for claim in claims:
        source_attach(claim=claim, url=url, added_by=checker)
    source = Source.objects.get()

    run_check(source)
    run_check(source)  # the same message delivered again

    assert outside_web.hits("/shared") == 1
    assert Snapshot.objects.count() == 1
    assert Evidence.objects.count() == 50
    assert set(Evidence.objects.values_list("stance", flat=True)) == {"supports"}


def test_it_matches_a_claim_attached_later_without_fetching_again(
    db, checker, outside_web, private_fetching
):
    url = outside_web.add("/once", ENGLISH_PAGE)
    first, second = arabic_claim(), arabic_claim()
    citation, _ = source_attach(claim=first, url=url, added_by=checker)
    run_check(citation.source)

    source_attach(claim=second, url=url + "?utm_source=x", added_by=checker)
    run_check(citation.source)

    assert outside_web.hits("/once") == 1
    assert Evidence.objects.filter(claim=second).count() == 1


def test_it_records_a_dead_link_with_a_readable_reason(db, checker, outside_web, private_fetching):
    url = outside_web.add("/missing", "no", status=404)
    citation, _ = source_attach(claim=arabic_claim(), url=url, added_by=checker)

    run_check(citation.source)

    source = Source.objects.get(pk=citation.source_id)
    assert source.status == Source.Status.FAILED
    assert source.is_dead
    assert source.failure_reason == "the server answered 404 Not Found"
    assert not Snapshot.objects.exists()


def test_it_records_a_refusal_without_connecting(db, checker, outside_web, settings):
    settings.CLAIMDESK_FETCH_ALLOW_PRIVATE = False
    citation, _ = source_attach(
        claim=arabic_claim(), url=f"http://0x7f000001:{outside_web.port}/x", added_by=checker
    )

    run_check(citation.source)

    source = Source.objects.get(pk=citation.source_id)
    assert source.status == Source.Status.FAILED
    assert (
        source.failure_reason
        == "Refused: 0x7f000001 is 127.0.0.1, and 127.0.0.1 is a loopback address"
    )
    assert not source.is_dead
    assert outside_web.connections == 0


def test_it_gives_up_after_the_maximum_number_of_attempts(db, checker, settings):
    settings.CLAIMDESK_MAX_TASK_ATTEMPTS = 3
    citation, _ = source_attach(
        claim=arabic_claim(), url="https://example.org/crashy", added_by=checker
    )
    source = citation.source
    source.refresh_from_db()

    # The same message redelivered after each crash: it takes its own lease back every time.
    started = [
        source_attempt_start(source_id=source.pk, fetch_key=source.fetch_key, owner="task-1")
        for _ in range(4)
    ]

    source.refresh_from_db()
    assert [s is not None for s in started] == [True, True, True, False]
    assert source.status == Source.Status.FAILED
    assert source.failure_reason.startswith("Gave up after 3 attempts")
    assert source_attempt_start(source_id=source.pk, fetch_key=source.fetch_key) is None


def test_it_stops_a_second_message_while_a_worker_holds_the_source(db, checker):
    citation, _ = source_attach(claim=arabic_claim(), url="https://example.org/a", added_by=checker)
    source = citation.source
    source.refresh_from_db()
    first = source_attempt_start(source_id=source.pk, fetch_key=source.fetch_key, owner="task-1")
    second = source_attempt_start(source_id=source.pk, fetch_key=source.fetch_key, owner="task-2")
    assert first is not None and second is None
    assert Source.objects.get(pk=source.pk).attempts == 1


def test_it_ignores_a_message_from_an_older_round(db, checker):
    citation, _ = source_attach(claim=arabic_claim(), url="https://example.org/a", added_by=checker)

    assert source_attempt_start(source_id=citation.source_id, fetch_key="old-round") is None
    assert Source.objects.get(pk=citation.source_id).attempts == 0


def test_it_refetches_stale_sources_of_claims_in_review_and_flags_changed_content(
    db, checker, outside_web, private_fetching, settings
):
    settings.CLAIMDESK_REFETCH_AFTER_HOURS = 24
    url = outside_web.add("/changing", ENGLISH_PAGE)
    in_review = arabic_claim()
    citation, _ = source_attach(claim=in_review, url=url, added_by=checker)
    first = run_check(citation.source)
    Source.objects.update(last_fetched_at=timezone.now() - timedelta(hours=25))
    outside_web.add("/changing", ENGLISH_PAGE.replace("$40bn", "$4bn"))

    assert sources_refetch_stale() == 1
    second = run_check(citation.source)

    source = Source.objects.get(pk=citation.source_id)
    assert second.pk != first.pk
    assert second.sha256 != first.sha256
    assert source.content_changed
    assert source.status == Source.Status.CHECKED
    assert Evidence.objects.get(claim=in_review, snapshot=second).stance == "contradicts"
    assert outside_web.hits("/changing") == 2


def test_it_flags_a_source_that_died_since_the_last_fetch(
    db, checker, outside_web, private_fetching
):
    url = outside_web.add("/dying", ENGLISH_PAGE)
    citation, _ = source_attach(claim=arabic_claim(), url=url, added_by=checker)
    run_check(citation.source)
    Source.objects.update(last_fetched_at=timezone.now() - timedelta(days=3))
    outside_web.add("/dying", "gone", status=410)

    sources_refetch_stale()
    run_check(citation.source)

    source = Source.objects.get(pk=citation.source_id)
    assert source.is_dead
    assert source.status == Source.Status.FAILED
    assert "410" in source.failure_reason
    assert Snapshot.objects.count() == 1  # the archived copy stays


def test_it_leaves_fresh_sources_and_claims_out_of_review_alone(
    db, checker, outside_web, private_fetching
):
    url = outside_web.add("/fresh", ENGLISH_PAGE)
    published = arabic_claim()
    citation, _ = source_attach(claim=published, url=url, added_by=checker)
    run_check(citation.source)

    assert sources_refetch_stale() == 0  # fresh
    Source.objects.update(last_fetched_at=timezone.now() - timedelta(days=3))
    Claim.objects.update(status=Claim.Status.PUBLISHED)
    assert sources_refetch_stale() == 0  # no claim in review any more


def test_a_first_fetch_takes_five_statements_whatever_the_number_of_citing_claims(
    db, checker, outside_web, private_fetching
):
    """The busy path (claims.source_statements): take the attempt, store the snapshot, then
    lock + read the citing claims, store their evidence, close the round."""
    url = outside_web.add("/deal", ENGLISH_PAGE)
    claims = [arabic_claim() for _ in range(3)]
    for claim in claims:
        citation, _ = source_attach(claim=claim, url=url, added_by=checker)
    source = Source.objects.get(pk=citation.source_id)

    with CaptureQueriesContext(connection) as captured:
        started = source_attempt_start(source_id=source.pk, fetch_key=source.fetch_key)
        snapshot = source_check(source=started, fetch_key=started.fetch_key)

    verbs = [q["sql"].split()[0].upper() for q in captured.captured_queries]
    # Transaction control aside (a savepoint here, inside the test's own transaction).
    statements = [verb for verb in verbs if verb not in {"SAVEPOINT", "RELEASE", "BEGIN", "COMMIT"}]
    assert statements == ["UPDATE", "INSERT", "SELECT", "INSERT", "UPDATE"]
    assert Evidence.objects.filter(snapshot=snapshot).count() == 3
    assert Source.objects.get(pk=source.pk).status == Source.Status.CHECKED
