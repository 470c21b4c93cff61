"""Submitting articles in the desk and reading them with their claims highlighted."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.ingest import article_extract
from claims.models import Article, Claim
from reviews.desk.highlighting import Mark, highlighted_html
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[1] / "claims" / "demo" / "putin-raisi-call.ar.txt"
SCRIPT = "<script>alert(1)</script>"


def _submit(client, **data):
    fields = {"title": "", "body": "", "url": "", "language": "", "published_url": ""}
    fields.update(data)
    return client.post(reverse("desk:article_submit"), fields)


@pytest.fixture
def seed_article(checker) -> Article:
    """The seed article, extracted in-process (the worker wiring is the browser test's job)."""
    from claims.ingest import article_submit

    article, _ = article_submit(submitted_by=checker, body=SEED.read_text(encoding="utf-8"))
    article_extract(article=article)
    article.refresh_from_db()
    assert article.status == Article.Status.EXTRACTED
    return article


# --- submitting -------------------------------------------------------------------------------


def test_it_submits_pasted_text_and_opens_the_article(desk_client, checker):
    response = _submit(desk_client(checker), title="Exports", body="Exports rose 5% in 2023.")
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:article_detail", args=[article.pk])
    assert article.body == "Exports rose 5% in 2023."
    assert article.submitted_by == checker


def test_it_submits_an_uploaded_text_file(desk_client, checker):
    upload = SimpleUploadedFile("seed.txt", SEED.read_bytes(), content_type="text/plain")
    response = desk_client(checker).post(
        reverse("desk:article_submit"), {"file": upload, "language": "ar"}
    )
    article = Article.objects.get()
    assert response.status_code == 302
    assert article.language == "ar"
    assert "بنحو 40 مليار دولار" in article.body


def test_it_submits_a_url_for_fetching(desk_client, checker):
    response = _submit(
        desk_client(checker),
        url="https://news.example.org/story",
        published_url="https://news.example.org/story",
    )
    article = Article.objects.get()
    assert response.status_code == 302
    assert article.status == Article.Status.FETCHING
    assert article.source_url.startswith("https://news.example.org/story")


def test_it_keeps_what_was_typed_when_the_article_is_empty(desk_client, checker):
    response = _submit(
        desk_client(checker),
        title="My title kept",
        body="   \n  ",
        published_url="https://news.example.org/kept",
        language="ar",
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "The article is empty" in body
    assert 'value="My title kept"' in body
    assert 'value="https://news.example.org/kept"' in body
    assert '<option value="ar" selected>' in body
    assert not Article.objects.exists()


def test_it_explains_a_binary_upload(desk_client, checker):
    upload = SimpleUploadedFile("x.txt", b"\x89PNG\x00\x00binary", content_type="text/plain")
    response = desk_client(checker).post(
        reverse("desk:article_submit"), {"file": upload, "title": "Kept title"}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "looks binary" in body
    assert 'value="Kept title"' in body


def test_it_explains_an_upload_that_is_not_utf8(desk_client, checker):
    upload = SimpleUploadedFile("x.txt", "مرحبا".encode("cp1256"), content_type="text/plain")
    response = desk_client(checker).post(reverse("desk:article_submit"), {"file": upload})
    assert response.status_code == 400
    assert "not valid UTF-8" in response.content.decode()


def test_it_explains_an_oversized_article_and_keeps_the_text(desk_client, checker, settings):
    settings.CLAIMDESK_MAX_ARTICLE_CHARS = 50
    text = "The ministry said exports rose five percent last year, again and again."
    response = _submit(desk_client(checker), body=text)
    body = response.content.decode()
    assert response.status_code == 413
    assert "longer than 50 characters" in body
    assert text in body


def test_it_refuses_two_inputs_at_once(desk_client, checker):
    response = _submit(desk_client(checker), body="Some text here.", url="https://example.org/a")
    assert response.status_code == 400
    assert "one way" in response.content.decode()


def test_it_explains_an_invalid_url(desk_client, checker):
    response = _submit(desk_client(checker), url="ftp://example.org/a")
    assert response.status_code == 400
    assert "Only http and https" in response.content.decode()


def test_it_opens_the_earlier_article_when_the_same_text_comes_twice(desk_client, checker):
    client = desk_client(checker)
    first = _submit(client, body="Exports rose 5% in 2023.")
    second = _submit(client, body="Exports  rose 5% in 2023.")
    assert first["Location"] == second["Location"]
    assert "submitted before" in client.get(second["Location"]).content.decode()


# --- reading ----------------------------------------------------------------------------------


def test_it_highlights_each_claim_at_its_exact_span(desk_client, checker, seed_article):
    body = desk_client(checker).get(reverse("desk:article_detail", args=[seed_article.pk]))
    html = body.content.decode()
    money = Claim.objects.get(
        article=seed_article, kind=Claim.Kind.MONEY, text__contains="40 مليار"
    )
    assert f'id="claim-{money.pk}"' in html
    assert (
        '40 billion US dollars">بنحو 40 مليار دولار</span>' in html
    )  # the value in words on hover
    # Every claim's text is inside its mark, in article order.
    for claim in Claim.objects.filter(article=seed_article):
        assert f'data-claim="{claim.pk}"' in html


def test_it_flags_the_month_mismatch_prominently(desk_client, checker, seed_article):
    html = (
        desk_client(checker)
        .get(reverse("desk:article_detail", args=[seed_article.pk]))
        .content.decode()
    )
    flags = html[
        html.index('class="flags"') : html.index("</section>", html.index('class="flags"'))
    ]
    assert "حزيران/يوليو" in flags
    assert "month_mismatch" not in flags  # said in words, never as a key
    assert "The article names two different months, June (حزيران) and July (يوليو)." in flags
    assert 'class="claim claim-inconsistency flag"' in html


def test_it_marks_arabic_text_right_to_left(desk_client, checker, seed_article):
    html = (
        desk_client(checker)
        .get(reverse("desk:article_detail", args=[seed_article.pk]))
        .content.decode()
    )
    assert 'class="article-body" lang="ar" dir="rtl"' in html
    assert 'lang="ar" dir="rtl">بوتين ورئيسي يعربان' in html  # the title
    assert html.count('lang="ar" dir="rtl"') > Claim.objects.filter(article=seed_article).count()


def test_it_escapes_article_and_claim_text(desk_client, checker):
    article = ArticleFactory(title=f"Title {SCRIPT}", body=f"He wrote {SCRIPT} and left.")
    ClaimFactory(
        article=article,
        start=9,
        end=9 + len(SCRIPT),
        facts=[{"type": "quantity", "start": 9, "end": 17, "text": "<script>", "unit": SCRIPT}],
    )
    html = desk_client(checker).get(reverse("desk:article_detail", args=[article.pk])).content
    assert SCRIPT.encode() not in html
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_it_polls_the_status_until_extraction_settles(desk_client, checker):
    article = ArticleFactory(status=Article.Status.EXTRACTING)
    client = desk_client(checker)
    live = reverse("desk:article_live", args=[article.pk])
    waiting = client.get(live).content.decode()
    assert 'hx-trigger="every 1s"' in waiting
    assert f'hx-get="{live}"' in waiting
    assert 'data-status="extracting"' in waiting
    Article.objects.filter(pk=article.pk).update(status=Article.Status.EXTRACTED)
    done = client.get(live).content.decode()
    assert "hx-trigger" not in done
    assert 'data-status="extracted"' in done


def test_it_shows_why_extraction_failed(desk_client, checker):
    article = ArticleFactory(status=Article.Status.FAILED, status_detail="The page answered 404.")
    html = desk_client(checker).get(reverse("desk:article_detail", args=[article.pk])).content
    assert b"The page answered 404." in html
    assert b"hx-trigger" not in html


def _article_with_claims(count: int) -> Article:
    sentences = [f"Exports rose {n}% in 20{n % 90 + 10}. " for n in range(count)]
    article = ArticleFactory(body="".join(sentences))
    offset = 0
    for sentence in sentences:
        ClaimFactory(
            article=article,
            start=offset,
            end=offset + len(sentence) - 1,
            facts=[{"type": "percent", "start": offset + 12, "end": offset + 14, "text": "x"}],
        )
        offset += len(sentence)
    return article


def _queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_it_reads_an_article_in_the_same_queries_for_10_or_100_claims(desk_client, checker):
    client = desk_client(checker)
    small, large = _article_with_claims(10), _article_with_claims(100)
    client.get(reverse("desk:article_detail", args=[small.pk]))  # warm the session
    few = _queries_for(client, reverse("desk:article_detail", args=[small.pk]))
    many = _queries_for(client, reverse("desk:article_detail", args=[large.pk]))
    assert few == many
    assert few <= 8


def test_it_highlights_crossing_spans_as_well_formed_markup():
    marks = [
        Mark(0, 8, "mark", {"class": "a"}),
        Mark(4, 12, "mark", {"class": "b", "id": "b"}),
        Mark(5, 6, "span", {"class": "f"}),
    ]
    html = highlighted_html("0123<5>789AB", marks)
    assert html == (
        '<mark class="a">0123<mark class="b" id="b">&lt;<span class="f">5</span>&gt;'
        '7</mark></mark><mark class="b">89AB</mark>'
    )
