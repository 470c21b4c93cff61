"""/api/v1/claims/{id}/outcome/ and /api/v1/articles/{id}/corrections/ over HTTP."""

from datetime import date

import pytest
from django.core.cache import cache

from claims.models import AuditEvent
from tests.inconsistency_setup import ARTICLE_URL, cited, inconsistency
from tests.workflow_setup import assigned_claim, plain_http  # noqa: F401


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_it_lists_the_outcomes_in_words_and_what_a_source_backs(checker, checker_api):
    claim = inconsistency(holder=checker)
    snapshot = cited(claim, published_on=date(2022, 7, 19))
    response = checker_api.get(f"/api/v1/claims/{claim.pk}/outcome/")
    assert response.status_code == 200
    body = response.json()
    assert [(c["outcome"], c["should_say"], c["label"]) for c in body["choices"]] == [
        ("should-say", "month-6", "The article should say June"),
        ("should-say", "month-7", "The article should say July"),
        ("no-error", "", "No error"),
        ("cannot-tell", "", "Cannot tell"),
    ]
    assert body["suggestions"] == [
        {
            "snapshot": snapshot.pk,
            "should_say": "month-7",
            "value": "July",
            "sentence": "A source dated 19 July 2022 backs July.",
        }
    ]
    assert body["verdict"] is None


def test_it_refuses_ratings_and_missing_values_with_a_clear_detail(checker, checker_api):
    claim = inconsistency(holder=checker)
    rated = checker_api.post(
        f"/api/v1/claims/{claim.pk}/verdicts/", {"rating": "true", "summary": "x"}, format="json"
    )
    assert rated.status_code == 400
    assert "should-say, no-error, cannot-tell" in rated.json()["detail"]
    missing = checker_api.post(
        f"/api/v1/claims/{claim.pk}/outcome/", {"outcome": "should-say"}, format="json"
    )
    assert missing.status_code == 400
    assert missing.json()["detail"] == "Choose the value the article should say."
    wrong = checker_api.post(
        f"/api/v1/claims/{claim.pk}/outcome/",
        {"outcome": "should-say", "should_say": "month-12"},
        format="json",
    )
    assert wrong.status_code == 400
    assert "month-6, month-7" in wrong.json()["detail"]


def test_it_takes_no_outcome_on_a_claim_that_is_rated(checker, checker_api):
    claim = assigned_claim(checker)
    response = checker_api.post(
        f"/api/v1/claims/{claim.pk}/outcome/", {"outcome": "no-error"}, format="json"
    )
    assert response.status_code == 400
    assert "Only an inconsistency takes an outcome" in response.json()["detail"]


def test_it_resolves_from_a_suggestion_to_a_correction_notice(
    client, checker, checker_api, editor_api
):
    claim = inconsistency(holder=checker)
    snapshot = cited(claim, published_on=date(2022, 7, 19))
    # 1. One action fills the outcome from the source and cites it.
    accepted = checker_api.post(
        f"/api/v1/claims/{claim.pk}/outcome/accept/", {"snapshot": snapshot.pk}, format="json"
    )
    assert accepted.status_code == 200
    draft = accepted.json()
    assert (draft["status"], draft["rating"], draft["should_say"], draft["evidence"]) == (
        "draft",
        "should-say",
        "month-7",
        [snapshot.pk],
    )
    # 2. Submitted, then approved by an editor through the usual endpoint.
    submitted = checker_api.post(
        f"/api/v1/claims/{claim.pk}/outcome/",
        {"outcome": "should-say", "should_say": "month-7", "version": draft["version"]},
        format="json",
    )
    assert submitted.status_code == 201, submitted.content
    verdict_id = submitted.json()["id"]
    assert editor_api.post(f"/api/v1/verdicts/{verdict_id}/approve/").status_code == 200
    # 3. The newsroom reads the notice, in a sentence, in two places.
    notices = editor_api.get(f"/api/v1/articles/{claim.article_id}/corrections/").json()
    assert [(n["claim"], n["outcome"], n["should_say"], n["notice"]) for n in notices] == [
        (
            claim.pk,
            "should-say",
            "month-7",
            "The article should say July where it says حزيران/يوليو.",
        )
    ]
    assert notices[0]["approved_by"] == "editor" and notices[0]["needs_correction"] is True
    detail = checker_api.get(f"/api/v1/articles/{claim.article_id}/").json()
    assert detail["corrections"] == notices
    # 4. Never a public rating.
    public = client.get("/api/v1/public/claimreview.json", {"url": ARTICLE_URL}, secure=True)
    assert public.json() == []
    actions = set(AuditEvent.objects.filter(claim_id=claim.pk).values_list("action", flat=True))
    assert {"outcome.suggestion_accept", "verdict.submit", "verdict.approve"} <= actions


def test_it_puts_the_new_endpoints_in_the_openapi_schema(checker_api):
    schema = checker_api.get("/api/schema/", {"format": "json"}).json()
    for path in (
        "/api/v1/claims/{id}/outcome/",
        "/api/v1/claims/{id}/outcome/accept/",
        "/api/v1/articles/{id}/corrections/",
    ):
        assert path in schema["paths"], sorted(schema["paths"])
    article = schema["components"]["schemas"]["Article"]["properties"]
    assert article["corrections"]["items"]["$ref"].endswith("/CorrectionNotice")
