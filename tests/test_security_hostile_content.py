"""Content a hostile site serves cannot wedge work: the source or article fails, with a reason.

Before, parsing caught only ValueError: pypdf's LimitReachedError or a RecursionError crashed the
task and left the source (or the article) `fetching`. The pages come from our own HTTP server.
"""

import io

import pytest
from django.urls import reverse

from claims.ingest import article_submit
from claims.models import Article, Source
from claims.sources import source_attach
from claims.tasks import check_source, fetch_article
from tests.workflow_setup import assigned_claim, plain_http  # noqa: F401

DEEP_JSON = "[" * 200_000 + "]" * 200_000


def _pdf(objects: list[bytes], *, declared_entries: int | None = None) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    entries = declared_entries or len(objects) + 1
    out.write(f"xref\n0 {entries}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


# An xref table declaring a billion entries: pypdf refuses it with LimitReachedError.
HOSTILE_PDF = _pdf(
    [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ],
    declared_entries=999_999_999,
)


@pytest.fixture(autouse=True)
def loopback(settings):
    settings.CLAIMDESK_FETCH_ALLOW_PRIVATE = True


def _checked(source: Source) -> Source:
    check_source.apply(args=(source.pk, source.fetch_key))
    source.refresh_from_db()
    return source


def test_a_pdf_pypdf_refuses_fails_the_source_with_a_reason(outside_web, checker, desk_client):
    claim = assigned_claim(checker)
    url = outside_web.add("/report.pdf", HOSTILE_PDF, content_type="application/pdf")
    citation, _ = source_attach(claim=claim, url=url, added_by=checker)

    source = _checked(Source.objects.get(pk=citation.source_id))

    assert source.status == Source.Status.FAILED
    assert "PDF" in source.failure_reason
    html = desk_client(checker).get(reverse("desk:claim_evidence", args=[claim.pk])).content
    assert 'data-testid="source-reason"' in html.decode()
    assert "Could not read the PDF content" in html.decode()


def test_deeply_nested_json_never_leaves_the_source_fetching(outside_web, checker):
    claim = assigned_claim(checker)
    url = outside_web.add("/data.json", DEEP_JSON, content_type="application/json")
    citation, _ = source_attach(claim=claim, url=url, added_by=checker)

    source = _checked(Source.objects.get(pk=citation.source_id))

    assert source.status in (Source.Status.CHECKED, Source.Status.FAILED)


def test_a_hostile_pdf_article_fails_with_a_reason_shown_in_the_desk(
    outside_web, checker, desk_client
):
    url = outside_web.add("/article.pdf", HOSTILE_PDF, content_type="application/pdf")
    article, _ = article_submit(submitted_by=checker, url=url)

    fetch_article.apply(args=(article.pk,))

    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "PDF" in article.status_detail
    html = desk_client(checker).get(reverse("desk:article_detail", args=[article.pk])).content
    assert article.status_detail in html.decode()


def test_a_deeply_nested_json_article_moves_on(outside_web, checker):
    url = outside_web.add("/article.json", DEEP_JSON, content_type="application/json")
    article, _ = article_submit(submitted_by=checker, url=url)

    fetch_article.apply(args=(article.pk,))

    article.refresh_from_db()
    assert article.status != Article.Status.FETCHING
