"""Only http(s) web addresses are stored as addresses, and only they are rendered as links.

The attack: `javascript:443/alert(document.domain)` was accepted as a published URL (read as host
`javascript`, port 443), stored raw, linked on the public pages and published as ClaimReview
`appearance.url`; a click ran script in the desk's origin.
"""

import importlib

import pytest
from django.apps import apps
from django.core.cache import cache
from django.urls import reverse

from claims.ingest import ArticleRejected, article_submit
from claims.models import Article, ArticleURL, AuditEvent, Source
from claims.url_keys import InvalidURL
from claims.web_addresses import web_address_checked
from tests.test_public_api import make_article, make_verdict, publish
from tests.workflow_setup import assigned_claim, plain_http  # noqa: F401

EVIL = "javascript:443/alert(document.domain)"
HOSTILE = [
    EVIL,
    "JavaScript://example.org/%0aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//example.org/protocol-relative",
    "example.org/no-scheme",
    "https://",
    "https://exa mple.org/",
    "https://example.org/\u202egnp.exe",
    "http://[::1/",
    "http://a]b.com/",
    "http://a\x00b.com/",
    "ftp://example.org/file",
]
LEGIT = "https://news.example.org/2025/01/budget-speech"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("url", HOSTILE)
def test_it_refuses_what_is_not_a_web_address(url):
    with pytest.raises(InvalidURL):
        web_address_checked(url)


@pytest.mark.parametrize(
    "url",
    [LEGIT, "http://127.0.0.1:8080/a?b=c", "https://[2001:db8::1]/x", "https://موقع.example/"],
)
def test_it_keeps_a_web_address_as_given(url):
    assert web_address_checked(f"  {url} ") == url


@pytest.mark.parametrize("field", ["published_url", "url"])
def test_the_api_refuses_a_javascript_address_naming_the_field(checker_api, field):
    payload = {"title": "T", field: EVIL}
    if field == "published_url":
        payload["body"] = "Exports rose 12% in 2023, the ministry said."

    response = checker_api.post("/api/v1/articles/", payload, format="json")

    assert response.status_code == 400
    label = {"url": "Article URL", "published_url": "Published URL"}[field]
    assert response.json()["detail"].startswith(f"{label}:")
    assert field not in response.json()["detail"]  # never the internal name
    assert "http" in response.json()["detail"]
    assert not Article.objects.exists()
    assert not ArticleURL.objects.exists()


def test_the_service_refuses_it_too(checker):
    with pytest.raises(ArticleRejected, match="Published URL"):
        article_submit(submitted_by=checker, body="Exports rose 12% in 2023.", published_url=EVIL)
    with pytest.raises(ArticleRejected, match=r"(?i)url"):
        article_submit(submitted_by=checker, url=EVIL)
    assert not ArticleURL.objects.exists()


def test_a_source_address_must_be_a_web_address(checker, checker_api):
    claim = assigned_claim(checker)

    response = checker_api.post(
        reverse("claim-sources", args=[claim.pk]), {"url": EVIL}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["detail"].startswith("Source URL:")
    assert not Source.objects.exists()


def test_the_desk_form_explains_the_refusal(desk_client, checker):
    response = desk_client(checker).post(
        reverse("desk:article_submit"),
        {"title": "", "body": "Exports rose 12% in 2023.", "url": "", "published_url": EVIL},
    )

    assert response.status_code == 400
    assert "Only http and https" in response.content.decode()
    assert not Article.objects.exists()


def _legacy_article():
    """An article stored before the rule, with the hostile address beside a real one."""
    article = make_article(urls=(LEGIT,))
    ArticleURL.objects.create(article=article, url=EVIL, match_key=EVIL)
    verdict = publish(make_verdict(article))
    return article, verdict


def test_a_stored_javascript_address_is_never_a_link_on_the_public_pages(client, defaults):
    _, verdict = _legacy_article()

    pages = [
        client.get(f"/claims/{verdict.claim_id}/verdict/", secure=True),
        client.get("/fact-checks/", {"url": LEGIT}, secure=True),
    ]

    for page in pages:
        assert page.status_code == 200
        html = page.content.decode()
        assert 'href="javascript' not in html.lower()
        assert EVIL not in html  # not even as JSON-LD appearance
        assert f'href="{LEGIT}"' in html


def test_claimreview_never_publishes_it_as_an_appearance(client, defaults):
    _legacy_article()

    response = client.get("/api/v1/public/claimreview.json", {"url": LEGIT}, secure=True)

    (review,) = response.json()
    appearances = [item["url"] for item in review["itemReviewed"]["appearance"]]
    assert appearances == [LEGIT]
    articles = client.get("/api/v1/public/articles/", {"url": LEGIT}, secure=True).json()
    assert articles["article"]["urls"] == [LEGIT]


def test_looking_it_up_on_the_public_page_is_a_bad_request(client, defaults):
    _legacy_article()

    response = client.get("/fact-checks/", {"url": EVIL}, secure=True)

    assert response.status_code == 400
    assert 'href="javascript' not in response.content.decode().lower()


def test_the_migration_neutralises_stored_addresses_and_keeps_them_in_the_audit(defaults):
    article, _ = _legacy_article()
    Article.objects.filter(pk=article.pk).update(source_url=EVIL)
    source = Source.objects.create(
        url="javascript:alert(1)//https://docs.example.org/a",
        normalized_url="https://docs.example.org/a",
        host="docs.example.org",
    )
    migration = importlib.import_module("reviews.migrations.0008_neutralise_non_web_addresses")

    migration.neutralise(apps, None)

    assert list(ArticleURL.objects.filter(article=article).values_list("url", flat=True)) == [LEGIT]
    article.refresh_from_db()
    assert article.source_url == ""
    source.refresh_from_db()
    assert source.url == "https://docs.example.org/a"
    kept = AuditEvent.objects.get(action="article_url.neutralised")
    assert kept.before["url"] == EVIL
    assert AuditEvent.objects.get(action="article.source_url_neutralised").before == {
        "source_url": EVIL
    }
    assert AuditEvent.objects.filter(action="source.neutralised").count() == 1
