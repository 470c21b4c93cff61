"""The public API is read on every page view: cached, conditional, cookie-free, open, throttled."""

import re
from datetime import date

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from claims.models import Claim
from reviews import publication
from reviews.models import Rating, Verdict
from reviews.publication import publication_invalidate
from reviews.publication_repair import publication_repair_checked
from tests.factories import ArticleFactory, ArticleURLFactory, ClaimFactory, VerdictFactory
from tests.workflow_setup import cited_snapshot

ARTICLE_URL = "https://news.example.org/2025/01/budget-speech"
ALIAS_URL = "https://syndication.example.com/wire/2025/budget-speech"
ENDPOINTS = ["badge.json", "badge.svg", "claimreview.json", "articles/"]
STRONG_ETAG = re.compile(r'^"[0-9a-f]{32}"$')


@pytest.fixture(autouse=True)
def _clear_cache(settings):
    cache.clear()
    # Query counts below are exact: no look for missed invalidations during these tests.
    settings.CLAIMDESK_PUBLIC_REPAIR_SECONDS = 3600
    publication_repair_checked()
    yield
    cache.clear()


def get(client, path: str, url: str | None = ARTICLE_URL, ip: str = "127.0.0.1", **headers):
    data = {} if url is None else {"url": url}
    return client.get(f"/api/v1/public/{path}", data, secure=True, headers=headers, REMOTE_ADDR=ip)


def make_article(*, urls=(ARTICLE_URL,)):
    article = ArticleFactory(publisher="Example News", published_on=date(2025, 1, 2))
    for url in urls:
        ArticleURLFactory(article=article, url=url)
    return article


def make_verdict(article, *, rating="false", status=Verdict.Status.SUBMITTED, start=0, **fields):
    claim = ClaimFactory(
        article=article, start=start, end=start + 20, status=Claim.Status.SUBMITTED
    )
    rating_row = Rating.objects.get(scale__is_default=True, slug=rating)
    verdict = VerdictFactory(claim=claim, rating=rating_row, status=status, **fields)
    verdict.evidence.add(cited_snapshot(claim))  # a rating that needs a source cites one
    return verdict


def publish(verdict):
    """The published state as the workflow leaves it, then the workflow's on-commit call."""
    Verdict.objects.filter(pk=verdict.pk).update(
        status=Verdict.Status.PUBLISHED, published_at=timezone.now()
    )
    Claim.objects.filter(pk=verdict.claim_id).update(status=Claim.Status.PUBLISHED)
    publication_invalidate(article_id=verdict.claim.article_id)


@pytest.fixture
def published(defaults):
    article = make_article(urls=(ARTICLE_URL, ALIAS_URL))
    publish(make_verdict(article, rating="false", summary="Exports fell"))
    return article


# --- ETag, Cache-Control, 304 -------------------------------------------------------------------


@pytest.mark.parametrize("path", ENDPOINTS)
def test_it_sends_a_strong_etag_and_public_cache_control(client, published, path):
    response = get(client, path)
    assert response.status_code == 200
    assert STRONG_ETAG.match(response["ETag"])
    assert response["Cache-Control"] == (
        f"public, max-age={settings.CLAIMDESK_PUBLIC_MAX_AGE}, "
        f"stale-while-revalidate={settings.CLAIMDESK_PUBLIC_STALE_WHILE_REVALIDATE}"
    )
    assert get(client, path)["ETag"] == response["ETag"]  # the same answer, the same tag


def test_it_takes_max_age_and_stale_while_revalidate_from_settings(client, published, settings):
    settings.CLAIMDESK_PUBLIC_MAX_AGE = 7
    settings.CLAIMDESK_PUBLIC_STALE_WHILE_REVALIDATE = 11
    publication_invalidate(article_id=published.pk)
    assert (
        get(client, "badge.json")["Cache-Control"] == "public, max-age=7, stale-while-revalidate=11"
    )


def test_it_gives_each_representation_its_own_etag(client, published):
    etags = {get(client, path)["ETag"] for path in ENDPOINTS}
    assert len(etags) == len(ENDPOINTS)


@pytest.mark.parametrize("path", ENDPOINTS)
def test_it_answers_304_to_a_matching_if_none_match(client, published, path):
    etag = get(client, path)["ETag"]
    for header in (etag, f"W/{etag}", f'"other", {etag}', f'W/"other",W/{etag}', "*"):
        response = get(client, path, If_None_Match=header)
        assert response.status_code == 304, header
        assert response.content == b""
        assert response["ETag"] == etag
        assert response["Cache-Control"].startswith("public, max-age=")
    assert get(client, path, If_None_Match='"other"').status_code == 200


def test_it_answers_200_to_an_old_etag_after_a_publication(client, published):
    etag = get(client, "badge.json")["ETag"]
    publish(make_verdict(published, rating="true", start=5))
    response = get(client, "badge.json", If_None_Match=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


# --- zero queries on a cache hit ----------------------------------------------------------------


@pytest.mark.parametrize("path", ENDPOINTS)
def test_it_answers_a_cache_hit_without_touching_the_database(
    client, published, django_assert_num_queries, path
):
    first = get(client, path)
    first_by_alias = get(client, path, ALIAS_URL)
    with django_assert_num_queries(0):
        again = get(client, path, "http://www.news.example.org/2025/01/budget-speech/?fbclid=x")
        again_by_alias = get(client, path, ALIAS_URL + "/?utm_source=newsletter")
        not_modified = get(client, path, If_None_Match=first["ETag"])
    assert again.status_code == again_by_alias.status_code == 200
    assert again.content == first.content
    assert again_by_alias.content == first_by_alias.content
    assert not_modified.status_code == 304


@pytest.mark.parametrize("path", ["badge.json", "badge.svg"])
def test_it_builds_a_badge_on_a_cache_miss_in_two_queries(
    client, published, django_assert_num_queries, path
):
    with django_assert_num_queries(2):
        response = get(client, path)
    assert response.status_code == 200


def test_it_caches_an_unknown_url_too(client, defaults, django_assert_num_queries):
    assert get(client, "badge.json", "https://unknown.example.org/x").status_code == 404
    with django_assert_num_queries(0):
        assert get(client, "badge.json", "https://unknown.example.org/x").status_code == 404


def test_it_answers_a_cache_hit_for_a_signed_in_reader_without_queries_or_cookies(
    client, published, editor, django_assert_num_queries
):
    client.force_login(editor)
    get(client, "badge.json")
    with django_assert_num_queries(0):
        response = get(client, "badge.json")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert "cookie" not in response.get("Vary", "").lower()


# --- invalidation -------------------------------------------------------------------------------


def test_it_shows_a_publication_on_the_next_request_by_every_address(client, defaults):
    article = make_article(urls=(ARTICLE_URL, ALIAS_URL))
    before = {path: get(client, path) for path in ENDPOINTS}
    before_alias = get(client, "badge.json", ALIAS_URL).json()
    assert before["badge.json"].json()["message"] == "no claims checked yet"
    assert before_alias["message"] == "no claims checked yet"
    assert before["claimreview.json"].json() == []

    publish(make_verdict(article, rating="mostly-false", summary="Only half true"))

    after = {path: get(client, path) for path in ENDPOINTS}
    for path in ENDPOINTS:
        assert after[path]["ETag"] != before[path]["ETag"], path
    assert after["badge.json"].json()["message"] == "1 claim checked · 1 mostly false"
    assert get(client, "badge.json", ALIAS_URL).json()["color"] == "orange"
    assert [r["headline"] for r in after["claimreview.json"].json()] == ["Only half true"]


def test_it_never_keeps_an_answer_built_while_a_publication_committed(
    client, defaults, monkeypatch
):
    """A reader that read the database just before an approval must not store its stale answer."""
    article = make_article()
    verdict = make_verdict(article, rating="false")
    read_database = publication.published_verdicts_for_url

    def read_then_someone_publishes(url, **options):
        stale = read_database(url, **options)
        publish(verdict)  # commits and invalidates after the read, before the cache write
        return stale

    monkeypatch.setattr(publication, "published_verdicts_for_url", read_then_someone_publishes)
    assert get(client, "badge.json").json()["message"] == "no claims checked yet"
    monkeypatch.setattr(publication, "published_verdicts_for_url", read_database)
    assert get(client, "badge.json").json()["message"] == "1 claim checked · 1 false"


def test_it_ignores_an_invalidation_for_an_article_without_addresses(db):
    publication_invalidate(article_id=ArticleFactory().pk)
    publication_invalidate(article_id=987654)
    assert cache.get("claimdesk:public:v1:gen:anything") is None


# --- cookies, CORS, methods ---------------------------------------------------------------------


@pytest.mark.parametrize("path", ENDPOINTS)
def test_it_never_sets_a_cookie_nor_varies_on_cookie(client, published, path):
    ok = get(client, path)
    responses = [
        ok,
        get(client, path),  # cache hit
        get(client, path, If_None_Match=ok["ETag"]),
        get(client, path, "https://unknown.example.org/"),
        get(client, path, None),
    ]
    assert [r.status_code for r in responses] == [200, 200, 304, 404, 400]
    for response in responses:
        assert "Set-Cookie" not in response.headers
        assert not response.cookies
        assert "cookie" not in response.get("Vary", "").lower()


@pytest.mark.parametrize("path", ENDPOINTS)
def test_it_opens_cors_to_any_origin_for_get(client, published, path):
    response = get(client, path, Origin="https://publisher.example.com")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert "etag" in response["Access-Control-Expose-Headers"].lower()
    preflight = client.options(
        f"/api/v1/public/{path}?url={ARTICLE_URL}",
        secure=True,
        headers={"Origin": "https://publisher.example.com", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


def test_it_keeps_cors_closed_outside_the_public_api(client, db):
    response = client.get(
        "/healthz", secure=True, headers={"Origin": "https://publisher.example.com"}
    )
    assert "Access-Control-Allow-Origin" not in response.headers


def test_it_refuses_to_change_anything(client, published):
    response = client.post(f"/api/v1/public/badge.json?url={ARTICLE_URL}", secure=True)
    assert response.status_code == 405
    assert response.json()["detail"]
    assert "GET" in response["Allow"]


# --- throttling ---------------------------------------------------------------------------------


@pytest.fixture
def three_per_minute(settings, monkeypatch):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "public": "3/minute",
        },
    }
    # The window is a fixed minute: hold the clock in the middle of one.
    monkeypatch.setattr("reviews.public.views._now", lambda: 1_800_000_030.0)


def test_it_throttles_each_ip_with_a_429_json(client, published, three_per_minute):
    statuses = [get(client, "badge.json", ip="203.0.113.7").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    refused = get(client, "claimreview.json", ip="203.0.113.7")
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("Too many requests")
    assert refused["Retry-After"] == "30"
    assert "Set-Cookie" not in refused.headers
    assert get(client, "badge.json", ip="198.51.100.1").status_code == 200


def test_it_does_not_let_a_forged_forwarded_for_escape_the_throttle(
    client, published, three_per_minute
):
    statuses = [
        get(client, "badge.json", ip="203.0.113.9", X_Forwarded_For=f"10.0.0.{n}").status_code
        for n in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]


def test_it_throttles_without_touching_the_database(
    client, published, three_per_minute, django_assert_num_queries
):
    get(client, "badge.json")
    with django_assert_num_queries(0):
        statuses = [get(client, "badge.json").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


# --- through the real workflow ------------------------------------------------------------------


def test_it_shows_an_approval_and_a_correction_on_the_very_next_request(
    client, checker, editor, django_capture_on_commit_callbacks
):
    from reviews.approval import verdict_approve
    from reviews.verdicts import verdict_correct

    article = make_article(urls=(ARTICLE_URL, ALIAS_URL))
    verdict = make_verdict(
        article, rating="false", author=checker, summary="Exports did not double"
    )
    before = {path: get(client, path) for path in ("badge.json", "claimreview.json")}
    assert before["badge.json"].json()["message"] == "no claims checked yet"
    assert get(client, "badge.json", ALIAS_URL).status_code == 200  # cached by the alias too

    with django_capture_on_commit_callbacks(execute=True):
        verdict_approve(verdict=verdict, editor=editor)

    approved = {path: get(client, path) for path in ("badge.json", "claimreview.json")}
    assert approved["badge.json"].json()["message"] == "1 claim checked · 1 false"
    assert get(client, "badge.json", ALIAS_URL).json()["color"] == "red"
    assert approved["badge.json"]["ETag"] != before["badge.json"]["ETag"]
    assert get(client, "badge.json", If_None_Match=before["badge.json"]["ETag"]).status_code == 200
    [review] = approved["claimreview.json"].json()
    assert review["headline"] == "Exports did not double"
    assert review["claimReviewed"] == verdict.claim.text
    assert review["reviewRating"]["alternateName"] == "False"

    verdict.claim.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        correction = verdict_correct(
            claim=verdict.claim,
            author=checker,
            rating="mostly-true",
            summary="Exports nearly doubled",
            evidence=[cited_snapshot(verdict.claim).pk],
        )
    assert get(client, "claimreview.json")["ETag"] == approved["claimreview.json"]["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        verdict_approve(verdict=correction, editor=editor)

    corrected = get(client, "claimreview.json")
    assert corrected["ETag"] != approved["claimreview.json"]["ETag"]
    [review] = corrected.json()
    assert review["headline"] == "Exports nearly doubled"
    assert review["reviewRating"]["ratingValue"] == 4
    assert "dateModified" in review
    assert get(client, "badge.json").json() == {
        "schemaVersion": 1,
        "label": settings.CLAIMDESK_ORGANIZATION_NAME,
        "message": "1 claim checked · 1 mostly true",
        "color": "green",
    }
