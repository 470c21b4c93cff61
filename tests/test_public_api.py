"""The public publication API: badge.json, claimreview.json, articles/ and the public verdict pages."""

import json
import re
from datetime import date, timedelta

import jsonschema
import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from pyld import jsonld

from claims.models import Claim
from reviews.models import Rating, Verdict
from reviews.publication import publication_invalidate
from tests.factories import (
    ArticleFactory,
    ArticleURLFactory,
    ClaimFactory,
    SnapshotFactory,
    VerdictFactory,
)

ARTICLE_URL = "https://news.example.org/2025/01/budget-speech"
AMP_URL = "https://news.example.org/2025/01/budget-speech/amp"
ALIAS_URL = "https://syndication.example.com/wire/2025/budget-speech"
ENDPOINTS = ["badge.json", "badge.svg", "claimreview.json", "articles/"]

SHIELDS_ENDPOINT_SCHEMA = {
    "type": "object",
    "required": ["schemaVersion", "label", "message", "color"],
    "additionalProperties": False,
    "properties": {
        "schemaVersion": {"const": 1},
        "label": {"type": "string", "minLength": 1},
        "message": {"type": "string", "minLength": 1},
        "color": {"type": "string", "minLength": 1},
    },
}

# What Google's ClaimReview documentation (developers.google.com/search/docs/appearance/
# structured-data/factcheck) marks required and recommended, as this test holds it.
SCHEMA = "https://schema.org/"
CLAIMREVIEW_REQUIRED = ["claimReviewed", "reviewRating", "url"]
CLAIMREVIEW_RECOMMENDED = ["author", "datePublished", "itemReviewed"]
RATING_REQUIRED = ["alternateName"]
RATING_RECOMMENDED = ["name"]
RATING_NUMERIC = ["ratingValue", "bestRating", "worstRating"]
AUTHOR_RECOMMENDED = ["name", "url"]
CLAIM_RECOMMENDED = ["author", "datePublished"]
CLAIM_APPEARANCE = ["appearance", "firstAppearance"]  # at least one
SCHEMA_ORG_CONTEXT = {
    "@context": {"@vocab": SCHEMA, "url": {"@id": f"{SCHEMA}url", "@type": "@id"}}
}


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def get(client, path: str, url: str | None = ARTICLE_URL, **headers):
    data = {} if url is None else {"url": url}
    return client.get(f"/api/v1/public/{path}", data, secure=True, headers=headers)


def make_article(*, urls=(ARTICLE_URL,), **fields):
    fields = {"publisher": "Example News", "published_on": date(2025, 1, 2), **fields}
    article = ArticleFactory(**fields)
    for url in urls:
        ArticleURLFactory(article=article, url=url)
    return article


_offsets = iter(range(0, 10_000))


def make_verdict(article, *, rating="false", status=Verdict.Status.DRAFT, claim=None, **fields):
    if claim is None:
        start = next(_offsets) % 30
        claim = ClaimFactory(
            article=article, start=start, end=start + 20, kind=Claim.Kind.STATEMENT
        )
    rating_row = Rating.objects.get(scale__is_default=True, slug=rating)
    return VerdictFactory(claim=claim, rating=rating_row, status=status, **fields)


def publish(verdict, *, at=None):
    """The published state as the workflow leaves it, then the workflow's on-commit call."""
    Verdict.objects.filter(pk=verdict.pk).update(
        status=Verdict.Status.PUBLISHED, published_at=at or timezone.now()
    )
    Claim.objects.filter(pk=verdict.claim_id).update(status=Claim.Status.PUBLISHED)
    publication_invalidate(article_id=verdict.claim.article_id)
    verdict.refresh_from_db()
    return verdict


def expand(document):
    """Parse as JSON-LD (schema.org's context resolved locally: no network in tests)."""

    def loader(url, options=None):
        if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
            return {"contextUrl": None, "documentUrl": url, "document": SCHEMA_ORG_CONTEXT}
        raise AssertionError(f"unexpected remote context {url}")

    return jsonld.expand(document, {"documentLoader": loader})


def prop(node: dict, name: str) -> list:
    return node.get(SCHEMA + name, [])


def assert_google_properties(review: dict) -> None:
    """An expanded ClaimReview holds every property Google requires and recommends."""
    assert review["@type"] == [SCHEMA + "ClaimReview"]
    for name in CLAIMREVIEW_REQUIRED + CLAIMREVIEW_RECOMMENDED:
        assert prop(review, name), f"ClaimReview lacks {name}"
    [rating] = prop(review, "reviewRating")
    assert rating["@type"] == [SCHEMA + "Rating"]
    for name in RATING_REQUIRED + RATING_RECOMMENDED + RATING_NUMERIC:
        assert prop(rating, name), f"reviewRating lacks {name}"
    [author] = prop(review, "author")
    for name in AUTHOR_RECOMMENDED:
        assert prop(author, name), f"author lacks {name}"
    [item] = prop(review, "itemReviewed")
    assert item["@type"] == [SCHEMA + "Claim"]
    for name in CLAIM_RECOMMENDED:
        assert prop(item, name), f"itemReviewed lacks {name}"
    assert all(prop(item, name) for name in CLAIM_APPEARANCE)


# --- badge.json ---------------------------------------------------------------------------------


def test_it_serves_exactly_the_shields_endpoint_schema(client, defaults):
    article = make_article()
    for rating in ("false", "true", "misleading"):
        publish(make_verdict(article, rating=rating))
    response = get(client, "badge.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    badge = response.json()
    jsonschema.validate(badge, SHIELDS_ENDPOINT_SCHEMA)
    assert badge == {
        "schemaVersion": 1,
        "label": settings.CLAIMDESK_ORGANIZATION_NAME,
        "message": "3 claims checked · 1 false",
        "color": "red",
    }


@pytest.mark.parametrize(
    ("ratings", "message", "color"),
    [
        (["true"], "1 claim checked · 1 true", "brightgreen"),
        (["true", "mostly-true", "mostly-true"], "3 claims checked · 2 mostly true", "green"),
        (["true", "unverifiable"], "2 claims checked · 1 unverifiable", "lightgrey"),
        (["unverifiable", "misleading", "true"], "3 claims checked · 1 misleading", "yellow"),
        (["false", "mostly-false", "false"], "3 claims checked · 2 false", "red"),
    ],
)
def test_it_colours_the_badge_by_the_worst_rating(client, defaults, ratings, message, color):
    article = make_article()
    for rating in ratings:
        publish(make_verdict(article, rating=rating))
    badge = get(client, "badge.json").json()
    assert (badge["message"], badge["color"]) == (message, color)


def test_it_says_no_claims_checked_yet_for_a_known_article_without_publications(client, defaults):
    article = make_article()
    make_verdict(article, status=Verdict.Status.SUBMITTED)
    badge = get(client, "badge.json")
    assert badge.status_code == 200
    jsonschema.validate(badge.json(), SHIELDS_ENDPOINT_SCHEMA)
    assert badge.json()["message"] == "no claims checked yet"
    assert badge.json()["color"] == "lightgrey"
    assert get(client, "claimreview.json").json() == []
    assert get(client, "articles/").json()["verdicts"] == []
    assert get(client, "badge.svg").status_code == 200


@pytest.mark.parametrize("path", ENDPOINTS)
def test_it_answers_404_json_for_an_unknown_url(client, defaults, path):
    make_article()
    response = get(client, path, "https://news.example.org/never-heard-of-it")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]
    assert response["Cache-Control"] == (
        f"public, max-age={settings.CLAIMDESK_PUBLIC_NOT_FOUND_MAX_AGE}, "
        f"stale-while-revalidate={settings.CLAIMDESK_PUBLIC_STALE_WHILE_REVALIDATE}"
    )


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize(
    "url", [None, "", "   ", "ftp://news.example.org/a", "http://", "javascript:alert(1)"]
)
def test_it_answers_400_json_for_a_missing_or_invalid_url(client, db, path, url):
    response = get(client, path, url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "url" in response.json()["detail"]


# --- claimreview.json ---------------------------------------------------------------------------


def test_it_publishes_claimreview_with_every_required_and_recommended_property(client, defaults):
    article = make_article(urls=(ARTICLE_URL, ALIAS_URL), title="Budget speech", language="en")
    verdict = publish(make_verdict(article, rating="false", summary="Exports rose 5% last year"))
    response = get(client, "claimreview.json", AMP_URL + "?utm_source=x")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    document = response.json()
    assert isinstance(document, list) and len(document) == 1
    assert document[0]["@context"] == "https://schema.org"

    [review] = expand(document)
    assert_google_properties(review)

    raw = document[0]
    assert raw["claimReviewed"] == verdict.claim.text
    assert raw["headline"] == "Exports rose 5% last year"
    assert raw["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "False",
        "name": "False",
    }
    assert raw["url"] == f"{settings.CLAIMDESK_PUBLIC_BASE_URL}/claims/{verdict.claim_id}/verdict/"
    assert [a["url"] for a in raw["itemReviewed"]["appearance"]] == [ARTICLE_URL, ALIAS_URL]
    assert raw["itemReviewed"]["datePublished"] == "2025-01-02"
    assert raw["itemReviewed"]["author"] == {"@type": "Organization", "name": "Example News"}
    assert raw["author"] == {
        "@type": "Organization",
        "name": settings.CLAIMDESK_ORGANIZATION_NAME,
        "url": settings.CLAIMDESK_ORGANIZATION_URL,
    }
    assert raw["datePublished"] == verdict.published_at.date().isoformat()


def test_it_gives_unverifiable_a_text_only_rating(client, defaults):
    publish(make_verdict(make_article(), rating="unverifiable"))
    [raw] = get(client, "claimreview.json").json()
    assert raw["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Unverifiable",
        "name": "Unverifiable",
    }
    [review] = expand([raw])
    [rating] = prop(review, "reviewRating")
    assert prop(rating, "alternateName") and not prop(rating, "ratingValue")


def test_it_lists_one_claimreview_per_published_verdict(client, defaults):
    article = make_article()
    summaries = {f"Claim number {n} checked" for n in range(3)}
    for summary in summaries:
        publish(make_verdict(article, summary=summary))
    reviews = get(client, "claimreview.json").json()
    assert {review["headline"] for review in reviews} == summaries
    assert len({review["url"] for review in reviews}) == 3


def test_it_shows_the_newest_version_of_a_corrected_verdict(client, defaults):
    article = make_article()
    first_day = timezone.now() - timedelta(days=3)
    old = publish(make_verdict(article, rating="true", summary="OLD-VERSION summary"), at=first_day)
    Verdict.objects.filter(pk=old.pk).update(status=Verdict.Status.SUPERSEDED)
    new = make_verdict(article, claim=old.claim, rating="false", summary="Corrected summary")
    Verdict.objects.filter(pk=new.pk).update(supersedes=old, version=2)
    new = publish(new)

    [raw] = get(client, "claimreview.json").json()
    assert raw["headline"] == "Corrected summary"
    assert raw["reviewRating"]["alternateName"] == "False"
    assert raw["datePublished"] == first_day.date().isoformat()
    assert raw["dateModified"] == new.published_at.isoformat()
    assert raw["url"] == f"{settings.CLAIMDESK_PUBLIC_BASE_URL}/claims/{old.claim_id}/verdict/"
    articles = get(client, "articles/").json()
    assert [(v["summary"], v["corrected"], v["version"]) for v in articles["verdicts"]] == [
        ("Corrected summary", True, 2)
    ]
    assert get(client, "badge.json").json()["message"] == "1 claim checked · 1 false"


# --- only published verdicts are ever visible ---------------------------------------------------


def _every_public_body(client, claim_ids) -> str:
    bodies = [get(client, path).content.decode() for path in ENDPOINTS]
    bodies.append(client.get("/fact-checks/", {"url": ARTICLE_URL}, secure=True).content.decode())
    for claim_id in claim_ids:
        bodies.append(client.get(f"/claims/{claim_id}/verdict/", secure=True).content.decode())
    return "\n".join(bodies)


@pytest.mark.parametrize(
    "status", [Verdict.Status.DRAFT, Verdict.Status.SUBMITTED, Verdict.Status.RETURNED]
)
def test_it_never_shows_an_unpublished_verdict(client, defaults, status):
    article = make_article()
    shown = publish(make_verdict(article, rating="true", summary="Visible summary"))
    hidden = make_verdict(
        article,
        rating="false",
        status=status,
        summary=f"SECRET-{status}",
        rationale=f"RATIONALE-{status}",
    )
    bodies = _every_public_body(client, [shown.claim_id, hidden.claim_id])
    assert "Visible summary" in bodies
    assert f"SECRET-{status}" not in bodies
    assert f"RATIONALE-{status}" not in bodies
    assert get(client, "badge.json").json()["message"] == "1 claim checked · 1 true"
    assert client.get(f"/claims/{hidden.claim_id}/verdict/", secure=True).status_code == 404


def test_it_never_shows_a_superseded_verdict(client, defaults):
    article = make_article()
    old = publish(
        make_verdict(article, rating="false", summary="SUPERSEDED-summary", rationale="OLD-why")
    )
    Verdict.objects.filter(pk=old.pk).update(status=Verdict.Status.SUPERSEDED)
    new = make_verdict(article, claim=old.claim, rating="true", summary="Current summary")
    Verdict.objects.filter(pk=new.pk).update(supersedes=old, version=2)
    publish(new)
    bodies = _every_public_body(client, [old.claim_id])
    assert "Current summary" in bodies
    assert "SUPERSEDED-summary" not in bodies
    assert "OLD-why" not in bodies
    assert get(client, "badge.json").json()["message"] == "1 claim checked · 1 true"


def test_it_shows_nothing_of_an_article_whose_only_verdict_is_superseded(client, defaults):
    article = make_article()
    old = publish(make_verdict(article, summary="SUPERSEDED-only"))
    Verdict.objects.filter(pk=old.pk).update(status=Verdict.Status.SUPERSEDED)
    publication_invalidate(article_id=article.pk)
    assert get(client, "badge.json").json()["message"] == "no claims checked yet"
    assert get(client, "claimreview.json").json() == []
    assert "SUPERSEDED-only" not in _every_public_body(client, [])
    assert client.get(f"/claims/{old.claim_id}/verdict/", secure=True).status_code == 404


# --- articles/ ----------------------------------------------------------------------------------


def test_it_lists_the_articles_published_verdicts_with_archived_sources(client, defaults):
    article = make_article(title="Budget speech", language="en")
    verdict = make_verdict(
        article, rating="mostly-false", summary="Half the story", rationale="Why."
    )
    snapshot = SnapshotFactory(final_url="https://stats.example.gov/exports-2024")
    verdict.evidence.add(snapshot)
    verdict = publish(verdict)
    response = get(client, "articles/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["article"] == {
        "title": "Budget speech",
        "publisher": "Example News",
        "language": "en",
        "published_on": "2025-01-02",
        "urls": [ARTICLE_URL],
    }
    assert body["count"] == 1
    [item] = body["verdicts"]
    assert item["summary"] == "Half the story"
    assert item["rationale"] == "Why."
    assert item["rating"]["slug"] == "mostly-false"
    assert item["rating"]["rating_value"] == 2
    assert item["claim"]["id"] == verdict.claim_id
    assert item["url"].endswith(f"/claims/{verdict.claim_id}/verdict/")
    assert item["sources"] == [
        {
            "final_url": "https://stats.example.gov/exports-2024",
            "fetched_at": snapshot.fetched_at.isoformat(),
            "sha256": snapshot.sha256,
        }
    ]


# --- public pages -------------------------------------------------------------------------------

JSON_LD_BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def test_it_serves_a_public_verdict_page_with_exactly_one_claimreview_block(client, defaults):
    article = make_article(title="Budget speech")
    verdict = make_verdict(
        article, rating="false", summary="Exports fell", rationale="The figures."
    )
    snapshot = SnapshotFactory(final_url="https://stats.example.gov/exports")
    verdict.evidence.add(snapshot)
    verdict = publish(verdict)
    response = client.get(f"/claims/{verdict.claim_id}/verdict/", secure=True)
    assert response.status_code == 200
    html = response.content.decode()
    blocks = JSON_LD_BLOCK.findall(html)
    assert len(blocks) == 1
    [api_review] = get(client, "claimreview.json").json()
    assert json.loads(blocks[0]) == api_review
    assert html.count("<script") == 1  # the data block; no executable script
    for text in ("Exports fell", "The figures.", "False", snapshot.sha256, snapshot.final_url):
        assert text in html
    assert '<html lang="en" dir="ltr"' in html
    assert "Set-Cookie" not in response.headers


def test_it_escapes_a_hostile_summary_inside_the_json_ld_block(client, defaults):
    hostile = '</script><script>alert("x")</script><!--'
    verdict = publish(make_verdict(make_article(), summary=hostile, rationale="<b>bold</b>"))
    html = client.get(f"/claims/{verdict.claim_id}/verdict/", secure=True).content.decode()
    assert "<script>alert" not in html
    assert "<b>bold</b>" not in html
    [block] = JSON_LD_BLOCK.findall(html)
    assert json.loads(block)["headline"] == hostile


def test_it_marks_an_arabic_verdict_page_right_to_left(client, defaults):
    article = make_article(
        language="ar", body="قال الوزير إن الصادرات ارتفعت بنسبة خمسة في المئة العام الماضي."
    )
    verdict = publish(make_verdict(article, summary="الصادرات لم ترتفع بهذه النسبة"))
    # The page speaks the reader's language; the article's own text keeps its direction.
    html = client.get(f"/claims/{verdict.claim_id}/verdict/", secure=True).content.decode()
    assert '<html lang="en" dir="ltr"' in html
    assert 'lang="ar" dir="rtl" data-testid="public-claim"' in html
    assert "الصادرات لم ترتفع بهذه النسبة" in html
    arabic = client.get(
        f"/claims/{verdict.claim_id}/verdict/", secure=True, headers={"accept-language": "ar"}
    )
    assert '<html lang="ar" dir="rtl"' in arabic.content.decode()
    assert "Accept-Language" in arabic["Vary"]


def test_it_lists_an_articles_verdicts_on_one_public_page(client, defaults):
    article = make_article()
    publish(make_verdict(article, summary="First checked"))
    publish(make_verdict(article, summary="Second checked"))
    response = client.get("/fact-checks/", {"url": ARTICLE_URL + "/"}, secure=True)
    assert response.status_code == 200
    html = response.content.decode()
    [block] = JSON_LD_BLOCK.findall(html)
    assert {review["headline"] for review in json.loads(block)} == {
        "First checked",
        "Second checked",
    }
    assert (
        client.get("/fact-checks/", {"url": "https://elsewhere.example/"}, secure=True).status_code
        == 404
    )


def test_it_answers_404_for_a_claim_without_a_published_verdict(client, defaults):
    verdict = make_verdict(make_article(), status=Verdict.Status.SUBMITTED)
    assert client.get(f"/claims/{verdict.claim_id}/verdict/", secure=True).status_code == 404
    assert client.get("/claims/999999/verdict/", secure=True).status_code == 404
