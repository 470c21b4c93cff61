"""The safe fetcher against a web server of our own on 127.0.0.1."""

import gzip
import hashlib
import io
import subprocess
import sys
import time
import tracemalloc
import zlib

import brotli
import pytest

from claims.fetching import (
    USER_AGENT,
    FetchFailed,
    FetchOptions,
    FetchRefused,
    extract_content,
    fetch,
)
from claims.fetching.content import decode_text
from claims.fetching.fetcher import parse_retry_after
from tests.plugins.services import REPO_ROOT, child_environment
from tests.sources_pages import (
    ARABIC_ARTICLE,
    ARABIC_PAGE,
    ENGLISH_PAGE,
    minimal_pdf,
)

LOCAL = FetchOptions(allow_private=True, connect_timeout=2, read_timeout=2, deadline=5)
SMALL_CAP = FetchOptions(allow_private=True, max_bytes=1_000_000, deadline=10)


def _zeros_gzip(size: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * (1 << 20)
    out = [compressor.compress(block) for _ in range(size >> 20)]
    return b"".join(out) + compressor.flush()


def test_it_fetches_an_english_page_and_keeps_only_the_main_text(outside_web):
    url = outside_web.add("/en", ENGLISH_PAGE)

    result = fetch(url, LOCAL)
    page = extract_content(result.body, kind=result.kind, charset=result.charset)

    assert result.http_status == 200
    assert result.content_type == "text/html"
    assert result.sha256 == hashlib.sha256(ENGLISH_PAGE.encode()).hexdigest()
    assert "$40bn" in page.text
    assert "Subscribe to our newsletter" not in page.text  # menu
    assert "First!!" not in page.text  # comment
    assert page.title == "Iran and Russia sign $40bn gas deal"
    assert page.published_on.isoformat() == "2022-07-19"


def test_it_fetches_an_arabic_utf8_page(outside_web):
    url = outside_web.add("/ar", ARABIC_PAGE, content_type="text/html; charset=utf-8")

    result = fetch(url, LOCAL)
    page = extract_content(result.body, kind=result.kind, charset=result.charset)

    assert "بنحو 40 مليار دولار" in page.text
    assert "اقرأ أيضاً" not in page.text


@pytest.mark.parametrize(
    ("encoding", "where"),
    [
        ("windows-1256", "header"),
        ("windows-1256", "meta"),
        ("windows-1256", "nowhere"),
        ("iso-8859-6", "header"),
        ("iso-8859-6", "meta"),
    ],
)
def test_it_decodes_legacy_arabic_encodings(outside_web, encoding, where):
    meta = f'<meta charset="{encoding}">' if where == "meta" else ""
    html = (
        f"<html><head>{meta}<title>خبر</title></head><body><article>"
        f"<p>{ARABIC_ARTICLE}</p><p>{ARABIC_ARTICLE}</p></article></body></html>"
    )
    header = f"text/html; charset={encoding}" if where == "header" else "text/html"
    url = outside_web.add("/legacy", html.encode(encoding), content_type=header)

    result = fetch(url, LOCAL)
    page = extract_content(result.body, kind=result.kind, charset=result.charset)

    assert "40 مليار دولار" in page.text
    assert "الكرملين" in page.text


def test_it_prefers_the_header_charset_to_detection():
    body = ARABIC_ARTICLE.encode("iso-8859-6")

    text, encoding = decode_text(body, header_charset="ISO-8859-6", is_html=False)

    assert text == ARABIC_ARTICLE
    assert encoding == "iso8859-6"


def test_it_sends_an_honest_user_agent_and_the_real_host_name(outside_web):
    outside_web.add("/ua", "<p>hello</p>")

    fetch(outside_web.url("/ua", host="localhost"), LOCAL)

    headers = outside_web.headers_of("/ua")[0]
    assert headers["User-Agent"] == USER_AGENT
    assert "fact-checking" in USER_AGENT
    assert headers["Host"] == f"localhost:{outside_web.port}"


def test_it_reads_text_from_a_pdf(outside_web):
    url = outside_web.add(
        "/report.pdf",
        minimal_pdf(["Exports rose 5% in 2022.", "Page two."]),
        content_type="application/pdf",
    )

    result = fetch(url, LOCAL)
    page = extract_content(result.body, kind=result.kind)

    assert result.kind == "pdf"
    assert "Exports rose 5% in 2022." in page.text
    assert "Page two." in page.text


def test_it_reads_strings_out_of_json(outside_web):
    url = outside_web.add(
        "/data.json",
        '{"items": [{"label": "deal", "amount": "$40bn"}]}',
        content_type="application/json",
    )

    result = fetch(url, LOCAL)
    page = extract_content(result.body, kind=result.kind, charset=result.charset)

    assert page.text.splitlines() == ["deal", "$40bn"]


def test_it_refuses_an_unsupported_content_type(outside_web):
    url = outside_web.add("/img", b"\x89PNG....", content_type="image/png")

    with pytest.raises(FetchFailed) as failure:
        fetch(url, LOCAL)

    assert "unsupported content type 'image/png'" in failure.value.reason
    assert not failure.value.retryable


def test_it_fails_on_a_404_as_a_dead_link_without_retrying(outside_web):
    url = outside_web.add("/gone", "nope", status=404)

    with pytest.raises(FetchFailed) as failure:
        fetch(url, LOCAL)

    assert failure.value.http_status == 404
    assert failure.value.dead
    assert not failure.value.retryable
    assert "404" in failure.value.reason


def test_it_fails_on_a_500_as_a_dead_link(outside_web):
    url = outside_web.add("/broken", "oops", status=500)

    with pytest.raises(FetchFailed) as failure:
        fetch(url, LOCAL)

    assert failure.value.http_status == 500
    assert failure.value.dead


def test_it_marks_a_429_retryable_and_reads_retry_after(outside_web):
    url = outside_web.add("/busy", "slow down", status=429, headers={"Retry-After": "7"})

    with pytest.raises(FetchFailed) as failure:
        fetch(url, LOCAL)

    assert failure.value.retryable
    assert failure.value.retry_after == 7
    assert not failure.value.dead


def test_it_reads_retry_after_as_an_http_date():
    later = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 120))

    assert 100 < parse_retry_after(later) <= 120
    assert parse_retry_after("soon") is None


def test_it_gives_up_on_a_server_that_says_nothing_within_the_read_timeout(outside_web):
    url = outside_web.add("/slow", "late", delay=5)
    options = FetchOptions(allow_private=True, read_timeout=0.5, deadline=5)
    started = time.monotonic()

    with pytest.raises(FetchFailed) as failure:
        fetch(url, options)

    assert time.monotonic() - started < 3
    assert "sent nothing for 0.5 s" in failure.value.reason
    assert failure.value.retryable


def test_it_stops_a_trickling_body_at_the_total_deadline(outside_web):
    url = outside_web.add("/drip", chunks=[b"x" * 10] * 100, chunk_delay=0.2)
    options = FetchOptions(allow_private=True, read_timeout=1, deadline=1.5)
    started = time.monotonic()

    with pytest.raises(FetchFailed) as failure:
        fetch(url, options)

    assert time.monotonic() - started < 4
    assert "deadline" in failure.value.reason


def test_it_refuses_a_body_announced_over_the_cap_before_reading_it(outside_web):
    url = outside_web.add("/huge", b"x" * 1_500_000, content_type="text/plain")

    with pytest.raises(FetchFailed) as failure:
        fetch(url, SMALL_CAP)

    assert "over the 1000000-byte cap" in failure.value.reason


def test_it_stops_an_endless_body_at_the_cap(outside_web):
    url = outside_web.add("/endless", endless=True)

    with pytest.raises(FetchFailed) as failure:
        fetch(url, SMALL_CAP)

    assert "cap" in failure.value.reason


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_it_stops_a_compression_bomb_at_the_cap_without_inflating_it(outside_web, encoding):
    size = 200 << 20  # 200 MiB of zeros
    if encoding == "gzip":
        bomb = _zeros_gzip(size)
    else:
        bomb = brotli.compress(b"\0" * size, quality=5)
    assert len(bomb) < 1_000_000
    url = outside_web.add(
        f"/bomb-{encoding}", bomb, headers={"Content-Encoding": encoding}, content_type="text/plain"
    )
    tracemalloc.start()
    try:
        with pytest.raises(FetchFailed) as failure:
            fetch(url, SMALL_CAP)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert "after decompression" in failure.value.reason
    assert peak < 20 << 20


def test_it_inflates_an_honest_gzip_page(outside_web):
    html = "<html><body><article><p>Exports rose 5% last year.</p></article></body></html>"
    url = outside_web.add("/gz", gzip.compress(html.encode()), headers={"Content-Encoding": "gzip"})

    result = fetch(url, LOCAL)

    assert result.body == html.encode()


def test_it_follows_redirects_and_reports_the_final_url(outside_web):
    outside_web.add("/a", redirect=outside_web.url("/b"))
    outside_web.add("/b", redirect="/c")
    outside_web.add("/c", "<p>here</p>")

    result = fetch(outside_web.url("/a"), LOCAL)

    assert result.final_url == outside_web.url("/c")
    assert result.redirects == [outside_web.url("/a"), outside_web.url("/b")]


def test_it_refuses_more_than_five_redirects(outside_web):
    for hop in range(7):
        outside_web.add(f"/loop{hop}", redirect=f"/loop{hop + 1}")

    with pytest.raises(FetchRefused) as refused:
        fetch(outside_web.url("/loop0"), LOCAL)

    assert refused.value.reason == "too many redirects (more than 5)"
    assert outside_web.hits("/loop5") == 1
    assert outside_web.hits("/loop6") == 0


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("http://10.0.0.1/admin", "10.0.0.1 is a private address"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("http://127.0.0.2:{port}/ok", "127.0.0.2 is a loopback address"),
        ("http://[::ffff:127.0.0.1]:{port}/ok", "wraps 127.0.0.1 is a loopback address"),
        ("http://0x7f000002:{port}/ok", "127.0.0.2 is a loopback address"),
        ("file:///etc/passwd", "only http and https URLs are fetched, not file"),
    ],
)
def test_it_checks_every_redirect_hop_again(outside_web, target, reason):
    """127.0.0.1 is allowed for the first hop only; the hop to anything else private is refused."""
    outside_web.add("/ok", "<p>should never be reached</p>")
    outside_web.add("/jump", redirect=target.format(port=outside_web.port))
    only_first_hop = FetchOptions(allow_addresses=frozenset({"127.0.0.1"}), deadline=5)

    with pytest.raises(FetchRefused) as refused:
        fetch(outside_web.url("/jump"), only_first_hop)

    assert reason in refused.value.reason
    assert outside_web.hits("/jump") == 1
    assert outside_web.hits("/ok") == 0


def test_it_fails_a_name_that_does_not_resolve_as_a_dead_link():
    with pytest.raises(FetchFailed) as failure:
        fetch("http://no-such-host.invalid/", FetchOptions(allow_private=True))

    assert "does not resolve" in failure.value.reason
    assert failure.value.dead


def test_it_keeps_private_fetching_off_unless_the_environment_turns_it_on():
    env = child_environment()
    env.pop("CLAIMDESK_FETCH_ALLOW_PRIVATE", None)
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings');"
        "django.setup(); from django.conf import settings; from claims.sources import fetch_options;"
        "print(settings.CLAIMDESK_FETCH_ALLOW_PRIVATE, fetch_options().allow_private)"
    )

    off = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, env=env, capture_output=True, text=True
    )
    on = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        env={**env, "CLAIMDESK_FETCH_ALLOW_PRIVATE": "1"},
        capture_output=True,
        text=True,
    )

    assert off.stdout.split() == ["False", "False"], off.stderr
    assert on.stdout.split() == ["True", "True"], on.stderr
    assert FetchOptions().allow_private is False


def test_it_reads_a_pdf_generated_for_the_tests():
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(minimal_pdf(["one", "two", "three"])))

    assert [page.extract_text().strip() for page in reader.pages] == ["one", "two", "three"]
