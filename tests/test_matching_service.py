"""Checked before?: indexing, scoring candidates by facts and by text, across languages."""

import io

import pytest
from django.core.management import call_command

from claims.extraction import extract_facts
from reviews.matching import claim_matches_refresh, match_items_index_claims
from reviews.matching_models import ClaimMatch, MatchItem
from tests import claimreview_samples as samples
from tests.factories import ArticleFactory, ClaimFactory
from tests.workflow_setup import cited_snapshot, plain_http  # noqa: F401

AR_TRADE = "قال الكرملين إن حجم التبادل التجاري بين روسيا وإيران بلغ نحو 40 مليار دولار في حزيران/يونيو 2024."
EN_TRADE = "Trade between Russia and Iran reached about $40bn in June 2024, the Kremlin said."
EN_TRADE_4BN = "Trade between Russia and Iran reached about $4bn in June 2024, the Kremlin said."


def a_claim(text: str, language: str, **fields):
    article = ArticleFactory(body=text, language=language, **fields)
    return ClaimFactory(
        article=article, start=0, end=len(text), text=text, facts=extract_facts(text, language)
    )


def refreshed(claim) -> list[ClaimMatch]:
    claim.refresh_from_db()
    return claim_matches_refresh(claim=claim)


def test_it_matches_an_english_claim_to_an_arabic_one_by_its_facts(defaults):
    earlier = a_claim(AR_TRADE, "ar", publisher="Al Example")
    match_items_index_claims(claims=[earlier])
    new = a_claim(EN_TRADE, "en")

    matches = refreshed(new)

    assert [m.item.claim_id for m in matches] == [earlier.pk]
    assert matches[0].probable
    keys = {r["key"] for r in matches[0].reasons}
    assert {"same_figure", "other_language", "same_date", "same_speaker"} <= keys
    assert {"key": "same_figure", "value": "40 bn USD"} in matches[0].reasons


def test_it_does_not_call_40_bn_the_same_claim_as_4_bn(defaults):
    match_items_index_claims(claims=[a_claim(EN_TRADE_4BN, "en")])

    matches = refreshed(a_claim(EN_TRADE, "en"))

    assert not any(m.probable for m in matches)


def test_it_finds_an_arabic_rewording_with_other_spellings_and_no_figures(defaults):
    earlier = a_claim(
        "أعلنت وزارة الصحة إغلاق المدارس في محافظة الإسكندرية بسبب انتشار الكوليرا", "ar"
    )
    match_items_index_claims(claims=[earlier])
    new = a_claim("اعلنت وزاره الصحه اغلاق مدارس محافظه الاسكندريه بسبب انتشار الكوليرا", "ar")

    matches = refreshed(new)

    assert [m.item.claim_id for m in matches] == [earlier.pk]
    assert matches[0].probable
    assert any(r["key"] == "word_overlap" and r["percent"] >= 80 for r in matches[0].reasons)


def test_it_never_matches_a_claim_with_its_own_article(defaults):
    article = ArticleFactory(body=EN_TRADE + " " + EN_TRADE, language="en")
    one = ClaimFactory(
        article=article, start=0, end=len(EN_TRADE), text=EN_TRADE, facts=extract_facts(EN_TRADE)
    )
    two = ClaimFactory(
        article=article,
        start=len(EN_TRADE) + 1,
        end=2 * len(EN_TRADE) + 1,
        text=EN_TRADE,
        facts=extract_facts(EN_TRADE),
    )
    match_items_index_claims(claims=[one, two])

    assert refreshed(two) == []


def test_it_matches_new_claims_to_imported_reviews_and_imports_reach_old_claims(defaults, tmp_path):
    old = a_claim("Russia and Iran traded $40bn worth of goods last year.", "en")
    match_items_index_claims(claims=[old])
    feed = tmp_path / "feed.json"
    feed.write_bytes(samples.as_list())
    call_command("import_claimreviews", str(feed), stdout=io.StringIO(), stderr=io.StringIO())
    from reviews.matching_models import ImportedReview
    from reviews.tasks import match_imported_reviews

    match_imported_reviews(list(ImportedReview.objects.values_list("pk", flat=True)))

    assert ClaimMatch.objects.filter(claim=old, item__kind=MatchItem.Kind.IMPORTED).exists()
    new = a_claim("معدل البطالة في مصر تراجع إلى 7.5% عام 2023", "ar")
    matches = refreshed(new)
    assert matches[0].item.review.url == "https://misbar.example.net/egypt-unemployment"
    assert matches[0].probable


def test_it_gives_the_same_matches_when_run_twice(defaults):
    match_items_index_claims(claims=[a_claim(AR_TRADE, "ar")])
    new = a_claim(EN_TRADE, "en")
    first = [(m.item_id, m.score) for m in refreshed(new)]

    second = [(m.item_id, m.score) for m in refreshed(new)]

    assert first == second
    assert ClaimMatch.objects.filter(claim=new).count() == len(first) == 1


def test_it_raises_the_priority_of_a_repeated_published_falsehood(defaults, checker, editor):
    from reviews.approval import verdict_approve
    from reviews.assignment import claim_reassign
    from reviews.models import Queue
    from reviews.verdicts import verdict_submit

    earlier = a_claim(EN_TRADE, "en")
    claim_reassign(claim=earlier, checker=checker, editor=editor)
    earlier.refresh_from_db()
    verdict = verdict_submit(
        claim=earlier,
        author=checker,
        rating="false",
        summary="No.",
        evidence=[cited_snapshot(earlier).pk],
    )
    verdict_approve(verdict=verdict, editor=editor)
    match_items_index_claims(claims=[earlier])
    Queue.objects.filter(slug="english-desk").update(raise_repeated_falsehoods=True)
    new = a_claim(AR_TRADE, "ar", publisher="x")
    new.checkworthiness = 0.4
    new.save()

    refreshed(new)

    new.refresh_from_db()
    assert new.checkworthiness == 1.0


@pytest.mark.worker
def test_it_matches_claims_on_the_worker_after_extraction(celery_worker, defaults, checker_api):
    from tests.plugins.services import wait_until

    earlier = a_claim(AR_TRADE, "ar")
    match_items_index_claims(claims=[earlier])

    response = checker_api.post(
        "/api/v1/articles/", {"title": "T", "body": EN_TRADE}, format="json"
    )
    assert response.status_code == 201

    found = wait_until(
        lambda: ClaimMatch.objects.filter(
            claim__article_id=response.data["id"], item__claim=earlier
        ).first(),
        timeout=60,
    )
    assert found.probable


def test_it_reports_a_repeated_published_falsehood_to_the_editors(defaults, checker, editor):
    from reviews.approval import verdict_approve
    from reviews.assignment import claim_reassign
    from reviews.models import Notification, RepeatOccurrence
    from reviews.verdicts import verdict_submit

    earlier = a_claim(EN_TRADE, "en")
    claim_reassign(claim=earlier, checker=checker, editor=editor)
    earlier.refresh_from_db()
    verdict = verdict_submit(
        claim=earlier, author=checker, rating="false", summary="No.",
        evidence=[cited_snapshot(earlier).pk],
    )  # fmt: skip
    verdict_approve(verdict=verdict, editor=editor)
    match_items_index_claims(claims=[earlier])
    new = a_claim(AR_TRADE, "ar", publisher="x")

    refreshed(new)
    refreshed(new)  # a second refresh reports nothing new

    occurrence = RepeatOccurrence.objects.get()
    assert (occurrence.claim_id, occurrence.matched_claim_id) == (new.pk, earlier.pk)
    assert Notification.objects.filter(recipient=editor).exists()


def test_it_reports_a_repeat_of_another_fact_checkers_false_rating(defaults):
    from reviews.matching import match_items_index_reviews, review_says_false
    from reviews.matching_models import ImportedReview
    from reviews.models import RepeatOccurrence

    review = ImportedReview.objects.create(
        key="ext-1", publisher="Other Checker", url="https://checker.example/1",
        rating_text="False", language="en", claim_text=EN_TRADE,
        facts=extract_facts(EN_TRADE, "en"),
    )  # fmt: skip
    match_items_index_reviews(reviews=[review])
    new = a_claim(AR_TRADE, "ar", publisher="x")

    refreshed(new)

    assert review_says_false(review)
    assert RepeatOccurrence.objects.filter(claim=new, imported_review_id=review.pk).exists()
