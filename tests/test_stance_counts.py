"""Stance counts per claim in the claim lists, the inbox and the API, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim, Evidence
from tests.factories import ClaimFactory, SnapshotFactory, SourceFactory, VerdictFactory
from tests.workflow_setup import plain_http  # noqa: F401

pytestmark = pytest.mark.django_db


def evidence(claim: Claim, *stances: str) -> None:
    for stance in stances:
        Evidence.objects.create(claim=claim, snapshot=SnapshotFactory(), stance=stance)


def claims_with_evidence(count: int) -> list[Claim]:
    claims = []
    for _ in range(count):
        claim = ClaimFactory()
        evidence(claim, "supports", "contradicts", "mixed", "mentions")
        claims.append(claim)
    return claims


def queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def test_it_counts_the_sources_by_stance_in_the_api(checker_api):
    claim = ClaimFactory()
    evidence(claim, "contradicts", "contradicts", "mixed", "mentions", "not_found")
    source = SourceFactory()  # one source fetched twice counts once
    for _ in range(2):
        Evidence.objects.create(
            claim=claim, snapshot=SnapshotFactory(source=source), stance="supports"
        )

    listed = checker_api.get("/api/v1/claims/").json()["results"]
    single = checker_api.get(f"/api/v1/claims/{claim.pk}/").json()

    expected = {"supports": 1, "contradicts": 2, "mixed": 1}
    assert listed[0]["stance_counts"] == expected
    assert single["stance_counts"] == expected


def test_it_lists_claims_with_counts_in_the_same_queries_for_few_or_many(checker_api):
    checker_api.get("/api/v1/claims/")  # the first request also loads the caller's groups
    claims_with_evidence(2)
    few = queries(lambda: checker_api.get("/api/v1/claims/"))
    claims_with_evidence(20)
    many = queries(lambda: checker_api.get("/api/v1/claims/"))

    assert many == few


def test_it_shows_the_counts_in_the_queue_in_the_same_queries(desk_client, editor):
    client = desk_client(editor)
    url = reverse("desk:queue_detail", args=["english-desk"])
    client.get(url)  # the first page of a session also creates the person's preferences
    claims_with_evidence(2)
    few = queries(lambda: client.get(url))
    claims_with_evidence(15)
    many = queries(lambda: client.get(url))
    html = client.get(url).content.decode()

    assert many == few
    assert html.count('data-testid="stance-counts"') == 17
    assert 'class="badge stance stance-mixed"' in html
    assert "1 contradicts" in html


def test_it_shows_a_contradiction_in_the_inbox_without_opening_the_claim(
    desk_client, editor, checker
):
    client = desk_client(editor)

    def submitted(count):
        for claim in claims_with_evidence(count):
            VerdictFactory(claim=claim, author=checker, status="submitted")

    submitted(2)
    few = queries(lambda: client.get(reverse("desk:inbox")))
    submitted(10)
    many = queries(lambda: client.get(reverse("desk:inbox")))
    html = client.get(reverse("desk:inbox")).content.decode()

    assert many == few
    assert html.count('data-stance="contradicts"') == 12
    assert html.count('data-stance="mixed"') >= 12


def test_it_shows_the_counts_on_the_article_page(desk_client, checker):
    claim = ClaimFactory()
    evidence(claim, "contradicts")

    html = desk_client(checker).get(reverse("desk:article_detail", args=[claim.article_id]))

    assert 'data-stance="contradicts"' in html.content.decode()
