import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Article, Claim
from tests.factories import ArticleFactory, ClaimFactory
from tests.workflow_setup import plain_http  # noqa: F401

ARTICLES = "/api/v1/articles/"


def test_it_accepts_an_article_with_201_and_starts_extraction(
    checker_api, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = checker_api.post(
            ARTICLES,
            {
                "title": "Exports",
                "body": "The ministry said exports rose 12% in 2023.",
                "language": "en",
                "published_url": "https://news.example.org/exports",
            },
            format="json",
        )

    assert response.status_code == 201
    body = response.json()
    assert body["id"] == Article.objects.get().pk
    assert body["status"] == "pending"
    assert body["published_urls"] == ["https://news.example.org/exports"]
    # On commit: the extraction task is enqueued, and the new address's public cache is reset.
    assert sum("extract_article" in repr(callback) for callback in callbacks) == 1
    assert sum("publication_change_deliver" in repr(callback) for callback in callbacks) == 1


def test_it_answers_200_with_the_same_article_on_resubmission(editor_api):
    payload = {"title": "Exports", "body": "The ministry said exports rose 12% in 2023."}

    first = editor_api.post(ARTICLES, payload, format="json")
    again = editor_api.post(ARTICLES, payload, format="json")

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"title": "nothing"},
        {"body": "   "},
        {"body": "x", "language": "fr"},
        {"body": ["not", "text"]},
    ],
)
def test_it_refuses_bad_article_input_with_400_and_a_detail(checker_api, payload):
    response = checker_api.post(ARTICLES, payload, format="json")

    assert response.status_code == 400
    assert isinstance(response.json()["detail"], str) and response.json()["detail"]
    assert not Article.objects.exists()


def test_it_refuses_an_article_over_the_size_limit_with_413(checker_api, settings):
    settings.CLAIMDESK_MAX_ARTICLE_CHARS = 1000

    response = checker_api.post(ARTICLES, {"body": "word " * 400}, format="json")

    assert response.status_code == 413
    assert "1,000" in response.json()["detail"]


def test_it_shows_an_article_with_its_claims(checker_api):
    article = ArticleFactory(body="The ministry said exports rose 12% in 2023.")
    ClaimFactory(article=article, start=4, end=12, facts=[{"type": "percent", "value": 12}])

    response = checker_api.get(f"{ARTICLES}{article.pk}/")

    assert response.status_code == 200
    (claim,) = response.json()["claims"]
    assert set(claim) >= {
        "id",
        "text",
        "start",
        "end",
        "kind",
        "facts",
        "status",
        "checkworthiness",
        "queue",
    }
    assert (claim["text"], claim["queue"], claim["facts"][0]["value"]) == (
        "ministry",
        "english-desk",
        12,
    )


def _queries(client, url: str) -> int:
    from django.contrib.auth.models import User

    from tests.conftest import api_client_for

    # A fresh user each time: the role lookup is cached on the user object.
    client = api_client_for(User.objects.get(pk=client.handler._force_user.pk))
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_it_reads_an_article_in_as_many_queries_for_200_claims_as_for_10(checker_api):
    from reviews.models import Queue

    desk = Queue.objects.get(slug="english-desk")
    small, large = ArticleFactory(body="x" * 400), ArticleFactory(body="y" * 400)
    for article, count in ((small, 10), (large, 200)):
        Claim.objects.bulk_create(
            Claim(article=article, start=i, end=i + 1, text="x", queue=desk) for i in range(count)
        )

    assert _queries(checker_api, f"{ARTICLES}{small.pk}/") == _queries(
        checker_api, f"{ARTICLES}{large.pk}/"
    )


def test_it_lists_claims_in_as_many_queries_for_200_claims_as_for_10(checker_api):
    small, large = ArticleFactory(), ArticleFactory()
    ClaimFactory.create_batch(10, article=small, origin="manual")
    ClaimFactory.create_batch(200, article=large, origin="manual")

    few = _queries(checker_api, f"/api/v1/claims/?article={small.pk}&page_size=500")
    many = _queries(
        checker_api, f"/api/v1/claims/?article={large.pk}&status=queued&queue=english-desk"
    )

    assert few == many


def test_it_filters_and_paginates_claims(checker_api):
    article = ArticleFactory()
    ClaimFactory.create_batch(3, article=article, kind=Claim.Kind.MONEY, origin="manual")
    ClaimFactory(article=article, kind=Claim.Kind.DATE, status=Claim.Status.DISMISSED)
    ClaimFactory.create_batch(60, origin="manual")

    money = checker_api.get("/api/v1/claims/", {"article": article.pk, "kind": "money"}).json()
    dismissed = checker_api.get("/api/v1/claims/", {"status": "dismissed"}).json()
    page_one = checker_api.get("/api/v1/claims/", {"queue": "english-desk"}).json()

    assert money["count"] == 3
    assert [c["id"] for c in dismissed["results"]] == [Claim.objects.get(kind="date").pk]
    assert page_one["count"] == 64 and len(page_one["results"]) == 50 and page_one["next"]


def test_it_refuses_an_unknown_filter_value_with_400(checker_api):
    response = checker_api.get("/api/v1/claims/", {"status": "pending-forever"})

    assert response.status_code == 400
    assert "status" in response.json()["detail"]


def test_it_answers_401_json_to_anonymous_callers(anonymous_api):
    response = anonymous_api.get("/api/v1/claims/")

    assert response.status_code == 401
    assert response.json()["detail"]
    assert response["WWW-Authenticate"] == "Token"


def test_it_answers_404_json_for_a_missing_article(checker_api):
    response = checker_api.get(f"{ARTICLES}999999/")

    assert response.status_code == 404
    assert response.json()["detail"]


def test_it_issues_a_token_that_authenticates(checker):
    from rest_framework.test import APIClient

    from tests.conftest import PASSWORD

    client = APIClient()
    wrong = client.post(
        "/api/v1/auth/token/", {"username": "checker", "password": "nope"}, format="json"
    )
    token = client.post(
        "/api/v1/auth/token/", {"username": "checker", "password": PASSWORD}, format="json"
    )
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.json()['token']}")

    assert wrong.status_code == 400 and wrong.json()["detail"]
    assert token.status_code == 200 and set(token.json()) == {"token"}
    assert client.get("/api/v1/queues/").status_code == 200
