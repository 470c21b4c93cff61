"""Bad input gets a clear error and nothing half-made is stored."""

import pytest
from django.test import override_settings

from claims.ingest import ArticleRejected, article_submit, content_hash
from claims.models import Article, ArticleURL, AuditEvent
from claims.text_input import UnreadableText, clean_body, text_from_bytes


@pytest.mark.parametrize("body", ["", "   ", "\n\n\t \n", "\u00a0"])
def test_it_refuses_empty_or_whitespace_text(checker, body):
    with pytest.raises(ArticleRejected) as refused:
        article_submit(submitted_by=checker, title="t", body=body)
    assert refused.value.status_code == 400
    assert "empty" in refused.value.detail
    assert Article.objects.count() == 0


def test_it_refuses_binary_text(checker):
    with pytest.raises(ArticleRejected) as refused:
        article_submit(
            submitted_by=checker, body="\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c" * 4
        )
    assert "binary" in refused.value.detail
    assert Article.objects.count() == 0


@override_settings(CLAIMDESK_MAX_ARTICLE_CHARS=1000)
def test_it_refuses_an_oversized_article_with_413(checker):
    with pytest.raises(ArticleRejected) as refused:
        article_submit(submitted_by=checker, body="word " * 300)
    assert refused.value.status_code == 413
    assert "1,000 characters" in refused.value.detail
    assert Article.objects.count() == 0


def test_it_refuses_a_language_it_does_not_know(checker):
    with pytest.raises(ArticleRejected):
        article_submit(submitted_by=checker, body="Exports rose 5%.", language="fr")


def test_it_strips_pasted_html_and_keeps_spans_relative_to_the_stored_body(checker):
    markup = (
        "<html><head><style>p{}</style><script>alert(1)</script></head><body>"
        "<h1>Deal signed</h1><p>The deal is worth <b>$40 billion</b>, the ministry said.</p>"
        "<p>Second &amp; last paragraph.</p></body></html>"
    )
    article, created = article_submit(submitted_by=checker, body=markup)
    assert created
    assert article.body == (
        "Deal signed\n\nThe deal is worth $40 billion, the ministry said.\n\nSecond & last paragraph."
    )
    assert "alert" not in article.body and "<" not in article.body


def test_it_recognises_a_resubmission_of_the_same_article(checker, checker2):
    first, created_first = article_submit(submitted_by=checker, body="Exports rose 5% last year.")
    again, created_again = article_submit(
        submitted_by=checker2, body="  Exports rose 5%\r\nlast year.  "
    )
    assert created_first and not created_again
    assert again.pk == first.pk
    assert Article.objects.count() == 1
    assert first.content_hash == content_hash("Exports rose 5% last year.")


def test_it_records_who_submitted_an_article(checker):
    article, _ = article_submit(submitted_by=checker, body="Exports rose 5% last year.")
    event = AuditEvent.objects.get(action="article.submit", object_id=str(article.pk))
    assert event.actor == checker


def test_it_registers_the_published_url_once_and_refuses_it_for_another_article(checker):
    article, _ = article_submit(
        submitted_by=checker, body="Exports rose 5%.", published_url="https://www.news.example/a/"
    )
    assert ArticleURL.objects.get(article=article).match_key == "news.example/a"
    with pytest.raises(ArticleRejected) as refused:
        article_submit(
            submitted_by=checker, body="Imports fell 2%.", published_url="http://news.example/a"
        )
    assert refused.value.status_code == 409
    assert Article.objects.count() == 1


def test_it_queues_a_url_submission_for_fetching(checker):
    article, created = article_submit(
        submitted_by=checker, url="https://News.Example.org/story?utm_source=x"
    )
    assert created
    assert article.status == Article.Status.FETCHING
    assert article.source_url == "https://news.example.org/story"


def test_it_refuses_a_url_that_is_not_http(checker):
    with pytest.raises(ArticleRejected) as refused:
        article_submit(submitted_by=checker, url="file:///etc/passwd")
    assert "http" in refused.value.detail
    assert Article.objects.count() == 0


def test_it_decodes_utf8_files_and_refuses_binary_and_other_encodings():
    assert text_from_bytes("بنحو 40 مليار دولار".encode()) == "بنحو 40 مليار دولار"
    assert text_from_bytes(b"\xef\xbb\xbfhello") == "hello"
    with pytest.raises(UnreadableText, match="binary"):
        text_from_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(UnreadableText, match="not valid UTF-8"):
        text_from_bytes("بنحو".encode("cp1256"))


def test_it_keeps_plain_text_with_angle_brackets_as_written():
    assert clean_body("If x < 5 and y > 3, then 2 < 4.") == "If x < 5 and y > 3, then 2 < 4."
