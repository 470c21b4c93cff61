"""No 500 from input, ever: malformed addresses, NUL bytes, deep JSON and oversized bodies.

Each case below answered 500 (or a debug-style 400 page) before.
"""

import json

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from claims.models import Article
from claims.url_keys import InvalidURL, source_url_normalized, url_match_key
from claims.web_addresses import web_address_checked
from tests.workflow_setup import assigned_claim, plain_http  # noqa: F401

DEEP = "[" * 100_000 + "]" * 100_000


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize(
    ("path", "url"),
    [
        ("badge.json", "http://[::1/"),
        ("badge.json", "http://a\x00b.com/"),
        ("claimreview.json", "http://[::1\x00]/"),
        ("articles/", "http://a]b.com/"),
        ("badge.svg", "notaurl"),
        ("badge.json", "notaurl"),
    ],
)
def test_the_public_api_answers_400_json(client, db, path, url):
    response = client.get(f"/api/v1/public/{path}", {"url": url}, secure=True)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith("url:")


@pytest.mark.parametrize("url", ["http://[zz/", "http://a\x00b.com/", "notaurl"])
def test_the_public_page_answers_a_friendly_400(client, db, url):
    response = client.get("/fact-checks/", {"url": url}, secure=True)

    assert response.status_code == 400
    assert "Not an article address" in response.content.decode()


@pytest.mark.parametrize("field", ["url", "published_url"])
def test_a_broken_ipv6_article_address_is_a_400(checker_api, field):
    payload = {"title": "T", field: "http://[::1/"}
    if field == "published_url":
        payload["body"] = "Exports rose 12% in 2023."

    response = checker_api.post("/api/v1/articles/", payload, format="json")

    assert response.status_code == 400
    label = {"url": "Article URL", "published_url": "Published URL"}[field]
    assert response.json()["detail"].startswith(f"{label}:")  # as people read it


def test_a_bracket_in_a_source_host_is_a_400(checker, checker_api):
    claim = assigned_claim(checker)

    response = checker_api.post(
        reverse("claim-sources", args=[claim.pk]), {"url": "http://a]b.com/"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["detail"].startswith("Source URL:")


@pytest.mark.parametrize("path", ["/api/v1/auth/token/", "/api/v1/articles/"])
def test_deeply_nested_json_is_a_400_even_anonymously(client, checker_api, db, path):
    caller = client if path.endswith("token/") else checker_api
    response = caller.post(path, DEEP, content_type="application/json")

    assert response.status_code == 400
    assert "nested" in response.json()["detail"]


def test_moderately_deep_json_is_refused_before_anything_walks_it(checker_api):
    body = {"title": "T", "body": "x", "language": json.loads("[" * 200 + "]" * 200)}

    response = checker_api.post("/api/v1/articles/", body, format="json")

    assert response.status_code == 400
    assert "nested" in response.json()["detail"]


def test_an_oversized_api_body_is_a_413_with_json_detail(checker_api, settings):
    body = json.dumps({"title": "T", "body": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})

    response = checker_api.post("/api/v1/articles/", body, content_type="application/json")

    assert response.status_code == 413
    assert "larger than" in response.json()["detail"]
    assert not Article.objects.exists()


def test_an_oversized_desk_form_is_a_413_page(desk_client, checker, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = desk_client(checker).post(
        reverse("desk:article_submit"), {"title": "T", "body": "x" * 20_000}
    )

    assert response.status_code == 413
    assert "larger than" in response.content.decode()


# --- properties: whatever the text, a clean answer -------------------------------------------

ADDRESSY = st.one_of(
    st.text(max_size=60),
    st.builds(
        lambda scheme, host, rest: f"{scheme}{host}{rest}",
        st.sampled_from(["http://", "https://", "", "//", "javascript:", "HTTP://"]),
        st.text(alphabet="[]:@%.0a-zé\x00\u202e/", max_size=20),
        st.text(max_size=20),
    ),
)


@given(ADDRESSY)
@hypothesis_settings(max_examples=400, deadline=None)
def test_the_address_parsers_only_ever_refuse_with_invalid_url(text):
    for parse in (url_match_key, source_url_normalized, web_address_checked):
        try:
            parse(text)
        except InvalidURL:
            pass


@pytest.mark.django_db
@given(
    url=ADDRESSY, path=st.sampled_from(["badge.json", "badge.svg", "claimreview.json", "articles/"])
)
@hypothesis_settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_the_public_endpoints_never_answer_5xx(client, url, path):
    response = client.get(f"/api/v1/public/{path}", {"url": url}, secure=True)
    assert response.status_code < 500, (url, response.status_code)
    page = client.get("/fact-checks/", {"url": url}, secure=True)
    assert page.status_code < 500, (url, page.status_code)
