"""An outage answers like an API: 503 JSON with `detail` and `Retry-After`, never an HTML 500."""

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.authtoken.models import Token

from config.throttling import LOCAL_CACHE, UserRateThrottle
from tests.test_public_caching import ARTICLE_URL, get, make_article

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:18799/0",
    }
}
# Input each POST endpoint would accept, so validation passes and the database is needed.
PLAUSIBLE_INPUT = {
    "url": ARTICLE_URL,
    "username": "checker",
    "password": "correct-horse-battery-staple",
    "title": "Budget",
    "body": "Exports rose 5% in 2023.",
    "rating": "false",
    "summary": "Exports fell",
    "comment": "Check the source",
    "reason": "duplicate",
    "claims": [1],
    "checker": "checker",
    "start": 0,
    "end": 5,
    "text": "Exports rose",
    "at": [3],
    "version": 1,
}
ARGUMENTS = {"int": "1", "slug": "general", "str": "x", "path": "x"}
# Answers that never need the database: the constant ping and the schema documents.
NO_DATABASE = {"/api/v1/public/ping.json", "/api/schema/", "/api/docs/"}


def _routes(patterns, prefix: str = "") -> list[str]:
    found = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found += _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            found.append(route)
    return found


def api_paths() -> list[str]:
    """Every API route the project serves, with sample arguments: a new endpoint is covered too."""
    paths = set()
    for route in _routes(get_resolver().url_patterns):
        if not route.startswith("api/"):
            continue
        path = "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda m: ARGUMENTS[m.group(1) or "str"], route)
        if path not in NO_DATABASE:
            paths.add(path)
    return sorted(paths)


def assert_unavailable(response, part: str = "database", path: str = "") -> None:
    assert response.status_code == 503, (path, response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]
    assert response.json()["unavailable"] == part
    assert response["Retry-After"] == str(settings.CLAIMDESK_OUTAGE_RETRY_AFTER)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_it_knows_every_api_family():
    paths = api_paths()
    for family in ("articles", "claims", "queues", "verdicts", "auth", "public", "inbox"):
        assert any(path.startswith(f"/api/v1/{family}") for path in paths), family


@pytest.mark.parametrize("method", ["get", "post"])
def test_it_answers_503_json_on_every_api_endpoint_while_the_database_is_down(
    client, checker, database_down, method
):
    token = Token.objects.create(user=checker).key
    with database_down():
        for path in api_paths():
            response = getattr(client, method)(
                path,
                {"url": ARTICLE_URL} if method == "get" else PLAUSIBLE_INPUT,
                **({} if method == "get" else {"content_type": "application/json"}),
                headers={"Authorization": f"Token {token}"},
                secure=True,
            )
            if response.status_code == 405:  # the method is refused before any query
                continue
            assert_unavailable(response, path=path)


def test_it_answers_503_json_to_a_session_api_call(client, checker, database_down):
    client.force_login(checker)
    with database_down():
        assert_unavailable(client.get("/api/v1/articles/", secure=True))


def test_it_shows_a_friendly_page_on_the_desk(client, checker, database_down):
    client.force_login(checker)
    with database_down():
        response = client.get("/", secure=True)
    assert response.status_code == 503
    assert response["Retry-After"] == str(settings.CLAIMDESK_OUTAGE_RETRY_AFTER)
    page = response.content.decode()
    assert "temporarily unavailable" in page
    assert "Nothing you saved before is lost" in page


def test_it_keeps_serving_cached_badges_while_the_database_is_down(client, defaults, database_down):
    make_article()
    assert get(client, "badge.json").status_code == 200  # cached now
    with database_down():
        cached = get(client, "badge.json")
        unknown = get(client, "badge.json", url="https://unknown.example.org/a")
    assert cached.status_code == 200
    assert cached.json()["message"] == "no claims checked yet"
    assert_unavailable(unknown)


def test_it_says_which_part_is_down_on_healthz(client, database_down):
    with database_down():
        response = client.get("/healthz", secure=True)
    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert response.json()["broker"] == "ok"


def test_it_keeps_the_api_working_when_the_throttle_cache_is_down(checker_api, defaults):
    with override_settings(CACHES=UNREACHABLE_REDIS):
        response = checker_api.get("/api/v1/queues/", secure=True)
    assert response.status_code == 200
    assert response.json()


def test_it_still_limits_in_process_when_the_throttle_cache_is_down(checker_api, monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "rate", "2/minute", raising=False)
    LOCAL_CACHE.clear()
    with override_settings(CACHES=UNREACHABLE_REDIS):
        statuses = [checker_api.get("/api/v1/queues/", secure=True).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_it_signs_in_for_a_token_when_the_throttle_cache_is_down(client, checker):
    with override_settings(CACHES=UNREACHABLE_REDIS):
        response = client.post(
            "/api/v1/auth/token/",
            {"username": "checker", "password": "correct-horse-battery-staple"},
            content_type="application/json",
            secure=True,
        )
    assert response.status_code == 200
    assert response.json()["token"]
