"""A cache that is down, or stale, must not take the publishers' badges or an approval down."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from reviews.approval import verdict_approve
from reviews.models import Verdict
from tests.test_public_caching import ARTICLE_URL, get, make_article, make_verdict

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def submitted(defaults, checker):
    article = make_article()
    return make_verdict(article, rating="false", author=checker, summary="Exports rose 12%")


@pytest.mark.django_db(transaction=True)
def test_it_answers_from_the_database_when_the_cache_is_unreachable(client, submitted, editor):
    verdict_approve(verdict=submitted, editor=editor)
    with override_settings(CACHES=UNREACHABLE_REDIS):
        badge = get(client, "badge.json")
        reviews = get(client, "claimreview.json")
    assert badge.status_code == 200
    assert badge.json()["message"] == "1 claim checked · 1 false"
    assert reviews.status_code == 200
    assert reviews.json()[0]["headline"] == "Exports rose 12%"


@pytest.mark.django_db(transaction=True)
def test_it_publishes_an_approval_while_the_cache_is_unreachable(client, submitted, editor):
    with override_settings(CACHES=UNREACHABLE_REDIS):
        verdict_approve(verdict=submitted, editor=editor)
        badge = get(client, "badge.json")
    submitted.refresh_from_db()
    assert submitted.status == Verdict.Status.PUBLISHED
    assert badge.json()["message"] == "1 claim checked · 1 false"
    assert get(client, "badge.json", url=ARTICLE_URL).json()["message"].startswith("1 claim")


@pytest.mark.django_db(transaction=True)
def test_it_forgets_a_cached_404_once_the_address_is_registered(client, checker):
    from claims.ingest import article_submit

    assert get(client, "badge.json").status_code == 404  # cached as unknown
    article, _ = article_submit(submitted_by=checker, body="Exports rose 5% in 2023.")
    article_submit(submitted_by=checker, body=article.body, published_url=ARTICLE_URL)

    badge = get(client, "badge.json")
    assert badge.status_code == 200
    assert badge.json()["message"] == "no claims checked yet"


@pytest.mark.django_db(transaction=True)
def test_it_repairs_an_invalidation_lost_while_the_cache_was_down(
    client, submitted, editor, settings
):
    from reviews.models import PublicationChange
    from reviews.publication_repair import publication_repair_checked

    settings.CLAIMDESK_PUBLIC_REPAIR_SECONDS = 3600
    publication_repair_checked()
    assert get(client, "badge.json").json()["message"] == "no claims checked yet"  # cached
    with override_settings(CACHES=UNREACHABLE_REDIS):
        verdict_approve(verdict=submitted, editor=editor)  # the cache never hears of it
    assert PublicationChange.objects.count() == 1

    # The cache is back with its old data: until the repair looks, the old answer still matches.
    assert get(client, "badge.json").json()["message"] == "no claims checked yet"
    settings.CLAIMDESK_PUBLIC_REPAIR_SECONDS = 0
    publication_repair_checked()
    assert get(client, "badge.json").json()["message"] == "1 claim checked · 1 false"
    assert get(client, "claimreview.json").json()[0]["headline"] == "Exports rose 12%"
    assert PublicationChange.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_it_forgets_a_delivered_invalidation_at_once(client, submitted, editor):
    from reviews.models import PublicationChange

    verdict_approve(verdict=submitted, editor=editor)
    assert PublicationChange.objects.count() == 0
    assert get(client, "badge.json").json()["message"] == "1 claim checked · 1 false"
