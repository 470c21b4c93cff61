"""API of "Checked before?": matches with the CONTRACTS §5 fields, links, search."""

from claims.extraction import extract_facts
from reviews.approval import verdict_approve
from reviews.assignment import claim_reassign
from reviews.matching import claim_matches_refresh, match_items_index_claims
from reviews.models import Verdict
from reviews.verdicts import verdict_submit
from tests.factories import ArticleFactory, ClaimFactory
from tests.workflow_setup import cited_snapshot, plain_http  # noqa: F401

AR_TRADE = "قال الكرملين إن حجم التبادل التجاري بين روسيا وإيران بلغ نحو 40 مليار دولار في حزيران/يونيو 2024."
EN_TRADE = "Trade between Russia and Iran reached about $40bn in June 2024, the Kremlin said."
CONTRACT_FIELDS = {
    "score",
    "probable",
    "reasons",
    "kind",
    "claim_text",
    "rating",
    "publisher",
    "url",
    "language",
}


def a_claim(text: str, language: str, **fields):
    article = ArticleFactory(body=text, language=language, **fields)
    return ClaimFactory(
        article=article, start=0, end=len(text), text=text, facts=extract_facts(text, language)
    )


def published(claim, checker, editor, rating="false") -> Verdict:
    claim_reassign(claim=claim, checker=checker, editor=editor)
    claim.refresh_from_db()
    verdict = verdict_submit(
        claim=claim,
        author=checker,
        rating=rating,
        summary="Not so.",
        evidence=[cited_snapshot(claim).pk],
    )
    return verdict_approve(verdict=verdict, editor=editor)


def test_it_lists_a_claims_matches_with_the_contract_fields(checker, checker2, editor, checker_api):
    earlier = a_claim(AR_TRADE, "ar", publisher="Al Example")
    verdict = published(earlier, checker2, editor)
    match_items_index_claims(claims=[earlier])
    new = a_claim(EN_TRADE, "en")
    claim_matches_refresh(claim=new)

    response = checker_api.get(f"/api/v1/claims/{new.pk}/matches/")

    assert response.status_code == 200
    (row,) = response.json()
    assert CONTRACT_FIELDS <= set(row)
    assert row["kind"] == "verdict"
    assert row["rating"] == "false"
    assert row["publisher"] == "Al Example"
    assert row["language"] == "ar"
    assert row["probable"] is True
    assert row["verdict"] == verdict.pk
    assert any("40 bn USD" in words for words in row["reasons_text"])


def test_it_links_to_our_published_verdict_and_starts_a_draft_citing_it(
    checker, checker2, editor, checker_api
):
    earlier = a_claim(AR_TRADE, "ar")
    published(earlier, checker2, editor)
    (item,) = match_items_index_claims(claims=[earlier])
    new = a_claim(EN_TRADE, "en")
    claim_reassign(claim=new, checker=checker, editor=editor)

    response = checker_api.post(f"/api/v1/claims/{new.pk}/links/", {"item": item.pk}, format="json")

    assert response.status_code == 201
    draft = Verdict.objects.get(pk=response.json()["draft_verdict"])
    assert draft.status == Verdict.Status.DRAFT
    assert draft.rating.slug == "false"
    assert draft.claim_id == new.pk and draft.author == checker
    assert f"claim {earlier.pk}" in draft.rationale
    assert set(draft.evidence.all()) == set(earlier.verdicts.get(status="published").evidence.all())
    again = checker_api.post(f"/api/v1/claims/{new.pk}/links/", {"item": item.pk}, format="json")
    assert again.status_code == 200


def test_it_refuses_to_link_a_claim_to_itself(checker, checker_api):
    claim = a_claim(EN_TRADE, "en")
    (item,) = match_items_index_claims(claims=[claim])

    response = checker_api.post(
        f"/api/v1/claims/{claim.pk}/links/", {"item": item.pk}, format="json"
    )

    assert response.status_code == 400
    assert "itself" in response.json()["detail"]


def test_it_searches_across_languages(checker, checker_api):
    earlier = a_claim(AR_TRADE, "ar")
    match_items_index_claims(claims=[earlier])

    response = checker_api.get("/api/v1/matches/", {"text": EN_TRADE, "lang": "en"})

    assert response.status_code == 200
    assert [row["claim"] for row in response.json()] == [earlier.pk]
    assert response.json()[0]["kind"] == "claim"


def test_it_answers_a_search_without_text_with_a_readable_400(checker_api):
    response = checker_api.get("/api/v1/matches/", {"lang": "en"})

    assert response.status_code == 400
    assert isinstance(response.json()["detail"], str)
