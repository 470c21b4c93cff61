"""Publishers send their article's address as their page knows it: every spelling finds the article."""

import pytest
from django.core.cache import cache

from claims.url_keys import InvalidURL, url_match_key
from tests.factories import ArticleFactory, ArticleURLFactory

CANONICAL = "https://www.news.example.org/politics/2025/budget-speech/"

SAME_ARTICLE = [
    "https://www.news.example.org/politics/2025/budget-speech/",
    "http://www.news.example.org/politics/2025/budget-speech/",
    "https://news.example.org/politics/2025/budget-speech/",
    "https://news.example.org/politics/2025/budget-speech",
    "https://NEWS.Example.ORG/politics/2025/budget-speech",
    "https://news.example.org./politics/2025/budget-speech",
    "https://news.example.org:443/politics/2025/budget-speech",
    "http://news.example.org:80/politics/2025/budget-speech",
    "news.example.org/politics/2025/budget-speech",
    "//news.example.org/politics/2025/budget-speech",
    "  https://news.example.org/politics/2025/budget-speech  ",
    "https://news.example.org/politics/2025/budget-speech#comments",
    "https://news.example.org/politics/2025/budget-speech?utm_source=twitter&utm_medium=social",
    "https://news.example.org/politics/2025/budget-speech?UTM_Campaign=x",
    "https://news.example.org/politics/2025/budget-speech?fbclid=IwAR0abc",
    "https://news.example.org/politics/2025/budget-speech?gclid=Cj0KCQ",
    "https://news.example.org/politics/2025/budget-speech?igshid=abc&mc_cid=1",
    "https://amp.news.example.org/politics/2025/budget-speech",
    "https://news.example.org/politics/2025/budget-speech/amp",
    "https://news.example.org/politics/2025/budget-speech/amp/",
    "https://news.example.org/politics/2025/budget-speech.amp",
    "https://news.example.org/politics/2025/budget-speech?amp",
    "https://news.example.org/politics/2025/budget-speech?amp=1",
    "https://news.example.org/politics/2025/budget-speech?outputType=amp",
    "https://news.example.org/politics/2025/budget%2Dspeech",
]

OTHER_ARTICLES = [
    "https://news.example.org/politics/2025/budget-speech-2",
    "https://news.example.org/politics/2025/Budget-Speech",  # paths are case-sensitive
    "https://news.example.org/politics/2025/budget-speech?id=2",
    "https://sport.example.org/politics/2025/budget-speech",
    "https://news.example.org:8443/politics/2025/budget-speech",
    "https://news.example.org/politics/2025",
]


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("spelling", SAME_ARTICLE)
def test_it_reduces_every_spelling_of_an_address_to_one_key(spelling):
    assert url_match_key(spelling) == url_match_key(CANONICAL)


@pytest.mark.parametrize("other", OTHER_ARTICLES)
def test_it_keeps_different_articles_apart(other):
    assert url_match_key(other) != url_match_key(CANONICAL)


def test_it_ignores_the_order_of_query_parameters_but_keeps_them():
    assert url_match_key("https://example.org/story?id=7&page=2") == url_match_key(
        "https://example.org/story?page=2&id=7"
    )
    assert url_match_key("https://example.org/story?id=7") != url_match_key(
        "https://example.org/story?id=8"
    )


def test_it_matches_an_arabic_slug_written_raw_or_percent_encoded():
    raw = "https://www.aljazeera.example/news/2025/1/2/بوتين-ورئيسي"
    encoded = (
        "https://aljazeera.example/news/2025/1/2/"
        "%D8%A8%D9%88%D8%AA%D9%8A%D9%86-%D9%88%D8%B1%D8%A6%D9%8A%D8%B3%D9%8A"
    )
    assert url_match_key(raw) == url_match_key(encoded) == url_match_key(encoded.lower())


def test_it_matches_an_internationalised_host_in_unicode_or_punycode():
    assert url_match_key("https://مثال.example/خبر") == url_match_key(
        "https://xn--mgbh0fb.example/%D8%AE%D8%A8%D8%B1"
    )


def test_it_keeps_an_encoded_slash_distinct_from_a_path_separator():
    assert url_match_key("https://example.org/a%2Fb") != url_match_key("https://example.org/a/b")


def test_it_survives_invalid_percent_encoding():
    assert url_match_key("https://example.org/%FF%fe") == url_match_key(
        "https://example.org/%ff%FE"
    )


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "   ",
        "ftp://example.org/file",
        "javascript:alert(1)",
        "http://",
        "https://example.org:99999/",
    ],
)
def test_it_refuses_what_is_not_a_web_address(bad):
    with pytest.raises(InvalidURL):
        url_match_key(bad)


@pytest.mark.parametrize(
    "spelling",
    [*SAME_ARTICLE[::4], "https://news.example.org/politics/2025/budget-speech?amp=1&utm_source=x"],
)
def test_it_finds_the_article_through_the_public_api_by_any_spelling(client, defaults, spelling):
    article = ArticleFactory()
    ArticleURLFactory(article=article, url=CANONICAL)
    response = client.get("/api/v1/public/articles/", {"url": spelling}, secure=True)
    assert response.status_code == 200, response.content
    assert response.json()["article"]["urls"] == [CANONICAL]


def test_it_finds_an_article_by_each_of_its_published_addresses(client, defaults):
    article = ArticleFactory(title="Budget speech")
    ArticleURLFactory(article=article, url="https://news.example.org/budget-speech")
    ArticleURLFactory(article=article, url="https://m.news-mirror.example.com/story/123")
    for alias in (
        "https://news.example.org/budget-speech/",
        "http://m.news-mirror.example.com/story/123",
    ):
        response = client.get("/api/v1/public/articles/", {"url": alias}, secure=True)
        assert response.status_code == 200
        assert response.json()["article"]["title"] == "Budget speech"
    response = client.get(
        "/api/v1/public/articles/",
        {"url": "https://news-mirror.example.com/story/123"},
        secure=True,
    )
    assert response.status_code == 404
