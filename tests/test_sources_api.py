"""POST /api/v1/claims/{id}/sources/, GET …/evidence/ and …/candidate-sources/."""

import pytest
from django.urls import reverse

from claims.models import AuditEvent, Citation, Claim, Source
from claims.sources import source_attempt_start, source_check
from reviews.assignment import lease_end
from reviews.models import Assignment
from tests.conftest import api_client_for
from tests.factories import ArticleFactory, ClaimFactory
from tests.sources_pages import ENGLISH_PAGE

ARABIC_CLAIM = "وقّعت إيران وروسيا صفقة بنحو 40 مليار دولار في حزيران/يوليو، بحسب ما قال الكرملين."


@pytest.fixture(autouse=True)
def plain_http(settings):
    """The test client speaks http; production's https redirect is not what is tested here."""
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture
def claim(checker) -> Claim:
    """A claim the checker holds (only its holder, or an editor, cites sources for it)."""
    article = ArticleFactory(
        body=ARABIC_CLAIM + " المصدر: https://news.example.org/deal?utm_source=x، "
        "وانظر http://archive.example.com/a. ومرة أخرى https://news.example.org/deal",
        language="ar",
    )
    claim = ClaimFactory(
        article=article,
        start=0,
        end=len(ARABIC_CLAIM),
        kind=Claim.Kind.MONEY,
        status=Claim.Status.ASSIGNED,
    )
    Assignment.objects.create(claim=claim, checker=checker, lease_expires_at=lease_end())
    return claim


def sources_url(claim) -> str:
    return reverse("claim-sources", args=[claim.pk])


def evidence_url(claim) -> str:
    return reverse("claim-evidence", args=[claim.pk])


def test_it_attaches_a_source_for_a_fact_checker(checker_api, checker, claim):
    response = checker_api.post(
        sources_url(claim), {"url": "https://Example.org/report"}, format="json"
    )

    assert response.status_code == 201
    body = response.json()
    source = Source.objects.get(pk=body["id"])
    assert body["url"] == "https://example.org/report"  # shared: its clean address
    assert body["status"] == "pending"
    assert source.normalized_url == "https://example.org/report"
    assert source.fetch_key
    event = AuditEvent.objects.get(action="source.attach")
    assert event.actor == checker
    assert event.claim_id == claim.pk
    assert event.after["url"] == "https://example.org/report"


def test_it_returns_the_same_source_for_the_same_url_twice(checker_api, claim):
    first = checker_api.post(sources_url(claim), {"url": "https://example.org/a"}, format="json")
    again = checker_api.post(
        sources_url(claim), {"url": "https://EXAMPLE.org/a?utm_campaign=x#top"}, format="json"
    )

    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert Citation.objects.filter(claim=claim).count() == 1
    assert AuditEvent.objects.filter(action="source.attach").count() == 1


@pytest.mark.parametrize("url", ["", "ftp://example.org/x", "javascript:alert(1)", "http://"])
def test_it_rejects_a_bad_url_with_a_readable_detail(checker_api, claim, url):
    response = checker_api.post(sources_url(claim), {"url": url}, format="json")

    assert response.status_code == 400
    assert response.json()["detail"]
    assert not Source.objects.exists()


def test_it_lets_only_fact_checkers_attach(editor_api, outsider, anonymous_api, claim):
    body = {"url": "https://example.org/a"}

    assert editor_api.post(sources_url(claim), body, format="json").status_code == 403
    outsider_api = api_client_for(outsider)
    assert outsider_api.post(sources_url(claim), body, format="json").status_code == 403
    assert anonymous_api.post(sources_url(claim), body, format="json").status_code in (401, 403)
    assert not Source.objects.exists()


def test_it_answers_404_for_an_unknown_claim(checker_api, editor_api):
    missing = reverse("claim-sources", args=[999_999])

    assert (
        checker_api.post(missing, {"url": "https://example.org/"}, format="json").status_code == 404
    )
    assert editor_api.get(reverse("claim-evidence", args=[999_999])).status_code == 404


def test_it_shows_a_pending_source_before_the_fetch(checker_api, editor_api, claim):
    checker_api.post(sources_url(claim), {"url": "https://example.org/a"}, format="json")

    response = editor_api.get(evidence_url(claim))

    assert response.status_code == 200
    (row,) = response.json()
    assert row["status"] == "pending"
    assert row["snapshot_id"] is None
    assert row["stance"] is None
    assert row["facts"] == []


def test_it_shows_evidence_with_stance_facts_and_passages(
    checker_api, editor_api, claim, outside_web, settings
):
    settings.CLAIMDESK_FETCH_ALLOW_PRIVATE = True
    url = outside_web.add("/deal", ENGLISH_PAGE)
    created = checker_api.post(sources_url(claim), {"url": url}, format="json").json()
    source = source_attempt_start(source_id=created["id"], fetch_key=Source.objects.get().fetch_key)
    source_check(source=source, fetch_key=source.fetch_key)

    response = editor_api.get(evidence_url(claim))

    (row,) = response.json()
    assert row["source_id"] == created["id"]
    assert row["status"] == "checked"
    assert row["failure_reason"] == ""
    assert row["http_status"] == 200
    assert len(row["sha256"]) == 64
    assert row["snapshot_id"] is not None
    assert row["fetched_at"]
    assert row["stance"] == "supports"
    assert {fact["type"]: fact["result"] for fact in row["facts"]}["money"] == "equal"
    assert any("$40bn" in passage["text"] for passage in row["passages"])
    assert row["content_changed"] is False
    assert row["is_dead"] is False


def test_it_lets_only_newsroom_members_see_evidence(outsider, anonymous_api, checker_api, claim):
    assert checker_api.get(evidence_url(claim)).status_code == 200
    assert api_client_for(outsider).get(evidence_url(claim)).status_code == 403
    assert anonymous_api.get(evidence_url(claim)).status_code in (401, 403)


def test_it_offers_the_articles_own_links_as_candidate_sources(checker_api, claim):
    checker_api.post(sources_url(claim), {"url": "https://news.example.org/deal"}, format="json")

    response = checker_api.get(reverse("claim-candidate-sources", args=[claim.pk]))

    assert response.status_code == 200
    assert response.json() == [
        {
            "url": "https://news.example.org/deal?utm_source=x",
            "normalized_url": "https://news.example.org/deal",
            "attached": True,
        },
        {
            "url": "http://archive.example.com/a",
            "normalized_url": "http://archive.example.com/a",
            "attached": False,
        },
    ]


def test_it_documents_the_source_endpoints_in_the_openapi_schema(checker_api):
    response = checker_api.get("/api/schema/?format=json")

    paths = response.json()["paths"]
    assert "post" in paths["/api/v1/claims/{id}/sources/"]
    evidence = paths["/api/v1/claims/{id}/evidence/"]["get"]
    schema = evidence["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["type"] == "array"
    assert "/api/v1/claims/{id}/candidate-sources/" in paths
