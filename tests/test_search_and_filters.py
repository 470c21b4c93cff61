"""Finding work: Arabic-aware search, the article and claim filters, in the API."""

import pytest
from django.db import connection

from claims.models import Article, Claim
from claims.search import highlighted, normalize_for_search, query_words
from tests.factories import ArticleFactory, ClaimFactory
from tests.workflow_setup import plain_http, queue  # noqa: F401

ARABIC = "وأكّد الرئيسُ الإيرانيّ أنّ الصفقة بقيمة ٤٠ مليار دولار ستُوقَّع في حزيران/يوليو."
ENGLISH = "The ministry said exports rose 12% in 2023."


def arabic_claim(**fields) -> Claim:
    on = ArticleFactory(body=ARABIC, language="ar", title="صفقة إيرانية روسية")
    return ClaimFactory(
        article=on, start=0, end=len(ARABIC), text=ARABIC, queue=queue("arabic-desk"), **fields
    )


def english_claim(**fields) -> Claim:
    on = ArticleFactory(body=ENGLISH, language="en", title="Exports")
    return ClaimFactory(
        article=on, start=0, end=len(ENGLISH), text=ENGLISH, queue=queue(), **fields
    )


def found(api, query: str) -> list[int]:
    response = api.get("/api/v1/claims/", {"search": query})
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_it_folds_diacritics_hamza_teh_marbuta_and_digits():
    assert normalize_for_search("أكّد الإيرانيّة ٤٠") == "اكد الايرانيه 40"
    assert query_words("  إيران، روسيا!  ") == ["ايران", "روسيا"]


def test_it_finds_an_arabic_claim_typed_without_diacritics_or_hamza(checker_api):
    wanted = arabic_claim()
    english_claim()

    assert found(checker_api, "اكد الرئيس الايراني") == [wanted.pk]
    assert found(checker_api, "الإيرانى") == [wanted.pk]  # alef maksura for yeh, hamza kept
    assert found(checker_api, "40 مليار") == [wanted.pk]  # Eastern digits in the text


def test_it_finds_a_word_with_an_attached_conjunction_preposition_or_article(checker_api):
    wanted = arabic_claim()  # وأكّد … بقيمة …
    text = "أكد الوزير ذلك."
    on = ArticleFactory(body=text, language="ar", title="الوزير")
    plain = ClaimFactory(article=on, start=0, end=len(text), text=text, queue=queue("arabic-desk"))

    assert sorted(found(checker_api, "اكد")) == sorted([wanted.pk, plain.pk])
    assert found(checker_api, "قيمة") == [wanted.pk]
    assert found(checker_api, "رئيس") == [wanted.pk]


def test_it_finds_english_words_and_nothing_for_words_absent(checker_api):
    wanted = english_claim()
    arabic_claim()

    assert found(checker_api, "ministry exports") == [wanted.pk]
    assert found(checker_api, "ministry imports") == []
    assert found(checker_api, "!!!") == []


def test_it_combines_search_with_filters(checker_api, checker):
    first = english_claim(checkworthiness=0.9)
    english_claim(checkworthiness=0.2)

    response = checker_api.get("/api/v1/claims/", {"search": "exports", "level": "high"})

    assert [row["id"] for row in response.json()["results"]] == [first.pk]


def test_it_filters_claims_by_checker_and_language(checker_api, checker):
    from reviews.choosing import claim_take

    mine, other = english_claim(), arabic_claim()
    claim_take(claim=mine, checker=checker)

    by_me = checker_api.get("/api/v1/claims/", {"assignee": "me"}).json()["results"]
    nobody = checker_api.get("/api/v1/claims/", {"assignee": "none"}).json()["results"]
    arabic = checker_api.get("/api/v1/claims/", {"language": "ar"}).json()["results"]

    assert [row["id"] for row in by_me] == [mine.pk]
    assert [row["id"] for row in nobody] == [other.pk]
    assert [row["id"] for row in arabic] == [other.pk]


def test_it_filters_claims_with_a_contradicting_source(checker_api):
    from tests.factories import SnapshotFactory

    contradicted, plain = english_claim(), english_claim()
    snapshot = SnapshotFactory()
    contradicted.evidence.create(snapshot=snapshot, stance="contradicts")

    rows = checker_api.get("/api/v1/claims/", {"has_contradiction": "true"}).json()["results"]

    assert [row["id"] for row in rows] == [contradicted.pk]
    assert plain.pk not in [row["id"] for row in rows]


def test_it_refuses_an_unknown_filter_value_with_a_detail(checker_api):
    response = checker_api.get("/api/v1/claims/", {"level": "extreme"})

    assert response.status_code == 400
    assert "level" in str(response.json())


def test_it_lists_articles_with_counts_filters_and_sort(checker_api):
    busy = english_claim().article
    ClaimFactory(article=busy, start=1, end=5, queue=queue())
    ClaimFactory(article=busy, start=2, end=6, queue=queue(), kind=Claim.Kind.INCONSISTENCY)
    quiet = arabic_claim().article

    listed = checker_api.get("/api/v1/articles/", {"ordering": "-open"}).json()
    inconsistent = checker_api.get("/api/v1/articles/", {"has_inconsistencies": "true"}).json()
    arabic = checker_api.get("/api/v1/articles/", {"language": "ar"}).json()
    searched = checker_api.get("/api/v1/articles/", {"search": "صفقه ايرانيه"}).json()

    assert [row["id"] for row in listed["results"]] == [busy.pk, quiet.pk]
    assert listed["results"][0]["open_claims"] == 3
    assert listed["count"] == 2
    assert [row["id"] for row in inconsistent["results"]] == [busy.pk]
    assert [row["id"] for row in arabic["results"]] == [quiet.pk]
    assert [row["id"] for row in searched["results"]] == [quiet.pk]
    assert "body" not in listed["results"][0]


def test_it_refuses_a_malformed_article_date_filter(checker_api):
    response = checker_api.get("/api/v1/articles/", {"published_after": "yesterday"})

    assert response.status_code == 400


def test_it_keeps_posting_articles_on_the_list_route(checker_api):
    response = checker_api.post(
        "/api/v1/articles/", {"body": "Exports rose 12% in 2023.", "language": "en"}, format="json"
    )

    assert response.status_code == 201
    assert Article.objects.count() == 1


def test_it_highlights_the_original_text_where_the_normalised_query_matched():
    html = highlighted("وأكّد الرئيسُ <b>", "اكد")

    assert html == "و<mark>أكّد</mark> الرئيسُ &lt;b&gt;"


@pytest.mark.postgres
def test_it_normalises_in_sql_exactly_as_in_python(db):
    samples = [
        ARABIC,
        "إِنَّ الآنَ ٱلْمُعَلِّمَةَ مُسْتَشْفَى ؤ ئ ک ی ە ـــ ۱۲٫٥٪",
        "Mixed CASE — dashes – and\u00a0spaces\u200f",
        "it's a 'quoted' test",
    ]
    with connection.cursor() as cursor:
        for sample in samples:
            cursor.execute("SELECT claimdesk_normalize(%s)", [sample])
            assert cursor.fetchone()[0] == normalize_for_search(sample), sample


@pytest.mark.postgres
def test_it_finds_a_near_spelling_through_trigrams(checker_api):
    wanted = english_claim()

    assert found(checker_api, "ministy") == [wanted.pk]
