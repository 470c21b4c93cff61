"""The desk's articles and claims pages, search and saved views."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, reverse_lazy

from claims.models import Article, Claim
from reviews.models import SavedView
from tests.factories import ArticleFactory, ClaimFactory
from tests.workflow_setup import plain_http, queue  # noqa: F401

pytestmark = pytest.mark.django_db
ARABIC = "وأكّد الرئيسُ الإيرانيّ أنّ الصفقة بقيمة ٤٠ مليار دولار."


@pytest.fixture
def desk(client, checker):
    client.force_login(checker)
    return client


def arabic_claim() -> Claim:
    on = ArticleFactory(body=ARABIC, language="ar", title="صفقة")
    return ClaimFactory(article=on, start=0, end=len(ARABIC), text=ARABIC, queue=queue())


def test_it_refuses_the_lists_to_outsiders(client, outsider):
    client.force_login(outsider)

    for name in ("desk:articles_list", "desk:claims_list", "desk:search"):
        assert client.get(reverse(name)).status_code == 403


def test_it_sends_anonymous_visitors_to_log_in(client):
    response = client.get(reverse("desk:claims_list"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_searches_claims_typed_without_diacritics_and_highlights_them(desk):
    wanted = arabic_claim()
    ClaimFactory(queue=queue())

    response = desk.get(reverse("desk:search"), {"q": "اكد الايراني"})

    body = response.content.decode()
    assert response.status_code == 200
    assert reverse("desk:claim_workspace", args=[wanted.pk]) in body
    assert "<mark>أكّد</mark>" in body
    assert "<mark>الإيرانيّ</mark>" in body


def test_it_filters_the_claims_page_and_offers_to_take_a_queued_claim(desk):
    wanted = arabic_claim()
    other = ClaimFactory(queue=queue(), kind=Claim.Kind.MONEY)

    response = desk.get(reverse("desk:claims_list"), {"language": "ar"})

    rows = response.content.decode()
    assert reverse("desk:claim_workspace", args=[wanted.pk]) in rows
    assert reverse("desk:claim_workspace", args=[other.pk]) not in rows
    assert 'data-testid="take-this"' in rows


@pytest.mark.parametrize("name", ["desk:articles_list", "desk:claims_list"])
def test_it_lists_everything_before_any_filter_is_chosen(desk, name):
    first, second = ClaimFactory(queue=queue()), ClaimFactory(queue=queue())

    rows = desk.get(reverse(name)).content.decode()

    for claim in (first, second):
        target = "desk:claim_workspace" if name == "desk:claims_list" else "desk:article_detail"
        pk = claim.pk if name == "desk:claims_list" else claim.article_id
        assert reverse(target, args=[pk]) in rows
    assert "No claim matches" not in rows and "No article matches" not in rows


def test_it_says_what_is_wrong_with_a_filter(desk):
    response = desk.get(reverse("desk:articles_list"), {"published_after": "yesterday"})

    assert response.status_code == 200
    assert "Enter a valid date" in response.content.decode()


def test_it_saves_uses_and_deletes_a_view(desk, checker):
    arabic_claim()

    saved = desk.post(
        reverse("desk:saved_view_save"),
        {"page": "claims", "name": "Arabic money", "query": "language=ar&page=3"},
    )
    view = SavedView.objects.get(user=checker)
    page = desk.get(reverse("desk:claims_list"))
    deleted = desk.post(reverse("desk:saved_view_delete", args=[view.pk]))

    assert saved.status_code == 302
    assert view.query == "language=ar"
    assert "?language=ar" in page.content.decode()
    assert deleted.status_code == 302
    assert not SavedView.objects.exists()


def test_it_never_deletes_someone_elses_view(client, checker, checker2):
    view = SavedView.objects.create(user=checker2, page="claims", name="mine", query="")
    client.force_login(checker)

    response = client.post(reverse("desk:saved_view_delete", args=[view.pk]))

    assert response.status_code == 404
    assert SavedView.objects.filter(pk=view.pk).exists()


def _queries(client, url: str, rows: int) -> int:
    """Queries to draw the page, which must show `rows` rows (an empty page proves nothing)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("data-nav-item") == rows
    return len(captured)


def _articles_with_claims(count: int, holder) -> None:
    """`count` articles of one claim each; every fifth claim is held by `holder`."""
    from datetime import timedelta

    from django.utils import timezone

    from reviews.models import Assignment

    articles = Article.objects.bulk_create(ArticleFactory.build_batch(count))
    claims = Claim.objects.bulk_create(
        ClaimFactory.build(article=article, queue=queue()) for article in articles
    )
    held = claims[::5]
    Claim.objects.filter(pk__in=[claim.pk for claim in held]).update(status="assigned")
    lease = timezone.now() + timedelta(hours=1)
    Assignment.objects.bulk_create(
        Assignment(claim=claim, checker=holder, assigned_by=holder, lease_expires_at=lease)
        for claim in held
    )


@pytest.mark.parametrize(
    "url",
    [
        reverse_lazy("desk:articles_list"),
        reverse_lazy("desk:claims_list"),
        f"{reverse_lazy('desk:claims_list')}?search=ministry+exports",
        f"{reverse_lazy('desk:articles_list')}?search=ministry",
    ],
)
def test_it_keeps_the_query_count_from_10_to_500_rows(desk, checker, url):
    _articles_with_claims(10, checker)
    desk.get(str(url))  # the first page of a session sets up what later pages reuse
    few = _queries(desk, str(url), rows=10)
    _articles_with_claims(490, checker)
    many = _queries(desk, str(url), rows=50)  # a page holds 50

    assert Claim.objects.count() == 500
    assert few == many


def test_it_lists_every_claim_and_article_when_no_filter_is_set(desk):
    wanted = arabic_claim()

    claims = desk.get(reverse("desk:claims_list")).content.decode()
    articles = desk.get(reverse("desk:articles_list")).content.decode()

    assert f'href="/claims/{wanted.pk}/"' in claims
    assert "No claim matches these filters." not in claims
    assert f'href="/articles/{wanted.article_id}/"' in articles
