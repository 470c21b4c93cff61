"""Fetch one address and check a claim against it, storing nothing: no Django settings, no database.

The Celery task and `check_url` run the same fetch, text extraction and matching; this module is
the part of that which needs neither, so the `claimdesk check-url` command works on a machine
with nothing configured. Limits come from the same CLAIMDESK_FETCH_* environment variables as
the settings, with the fetcher's own defaults.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import ImproperlyConfigured

from claims.checking import SourceText, check_claim
from claims.extraction import extract_facts
from claims.fetching import (
    FetchFailed,
    FetchOptions,
    FetchRefused,
    FetchResult,
    extract_content,
    fetch,
)


@dataclass
class Fetched:
    final_url: str
    http_status: int
    content_type: str
    byte_size: int
    sha256: str
    text: str
    title: str
    published_on: object


def _env_int(name: str, default: float) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return int(default)
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def options_from_env() -> FetchOptions:
    """Raises ImproperlyConfigured (one sentence) on a malformed value.

    Read here rather than through `config.env`: importing `config` starts the Celery app, which
    loads every Django setting, and these tools must run with none configured.
    """
    defaults = FetchOptions()
    allow_private = os.environ.get("CLAIMDESK_FETCH_ALLOW_PRIVATE", "").strip().lower()
    return FetchOptions(
        max_bytes=_env_int("CLAIMDESK_FETCH_MAX_BYTES", defaults.max_bytes),
        connect_timeout=_env_int("CLAIMDESK_FETCH_CONNECT_TIMEOUT", defaults.connect_timeout),
        read_timeout=_env_int("CLAIMDESK_FETCH_READ_TIMEOUT", defaults.read_timeout),
        deadline=_env_int("CLAIMDESK_FETCH_DEADLINE", defaults.deadline),
        allow_private=allow_private in {"1", "true", "yes", "on"},
    )


def content_failure_reason(error: BaseException, *, kind: str = "") -> str:
    """What a checker reads when a page could not be read (never a traceback)."""
    what = f"the {kind.upper()} content" if kind else "the content"
    detail = str(error)[:200] or type(error).__name__
    return f"Could not read {what}: {detail}"


def page_fetch(url: str, options: FetchOptions) -> Fetched:
    """Safe fetch and text extraction; raises FetchRefused or FetchFailed."""
    return page_read(fetch(url, options))


def page_read(result: FetchResult) -> Fetched:
    """The text of a fetched page (HTML, PDF, text): CPU only, so callers holding fetch slots
    give them back first. Raises FetchFailed when the content cannot be read."""
    try:
        page = extract_content(result.body, kind=result.kind, charset=result.charset)
    except SoftTimeLimitExceeded:
        raise
    except Exception as error:  # hostile content: RecursionError, pypdf's limits, anything
        raise FetchFailed(
            content_failure_reason(error, kind=result.kind), http_status=result.http_status
        ) from None
    return Fetched(
        final_url=result.final_url,
        http_status=result.http_status,
        content_type=result.content_type,
        byte_size=result.byte_size,
        sha256=result.sha256,
        text=page.text,
        title=page.title,
        published_on=page.published_on,
    )


def url_check(
    url: str, *, options: FetchOptions, claim_text: str | None = None, language: str | None = None
) -> dict:
    """The CONTRACTS §2 report: `ok` when fetched, else `refused` or `error` says why."""
    report: dict = {
        "url": url,
        "final_url": None,
        "ok": False,
        "refused": None,
        "error": None,
        "http_status": None,
        "content_type": None,
        "sha256": None,
        "text_length": None,
        "title": None,
        "stance": None,
        "facts": [],
    }
    try:
        fetched = page_fetch(url, options)
    except FetchRefused as refused:
        report["refused"] = refused.reason
        return report
    except FetchFailed as failure:
        report["error"] = failure.reason
        report["http_status"] = failure.http_status
        return report
    report.update(
        final_url=fetched.final_url,
        ok=True,
        http_status=fetched.http_status,
        content_type=fetched.content_type,
        sha256=fetched.sha256,
        text_length=len(fetched.text),
        title=fetched.title,
    )
    if claim_text:
        result = check_claim(
            claim_text=claim_text,
            claim_facts=extract_facts(claim_text, language),
            source=SourceText.of(fetched.text),
        )
        report["stance"] = result.stance
        report["facts"] = result.facts
        report["passages"] = result.passages
    return report
