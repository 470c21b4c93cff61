"""Turn a fetched body into the text the checker reads: main content, title, publish date.

Arabic news sites still serve windows-1256 and iso-8859-6 pages, often with the charset only in
a <meta> tag or nowhere at all; the order is the HTTP header, then <meta>, then detection.
"""

from __future__ import annotations

import codecs
import datetime
import io
import json
import logging
import re
from dataclasses import dataclass

import charset_normalizer

logger = logging.getLogger(__name__)

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.IGNORECASE
)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass
class Extracted:
    text: str
    title: str = ""
    published_on: datetime.date | None = None
    encoding: str | None = None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_text(body: bytes, *, header_charset: str | None, is_html: bool) -> tuple[str, str]:
    """Decode `body`, returning (text, encoding used)."""
    candidates = [_codec(header_charset)]
    if is_html:
        match = _META_CHARSET.search(body[:4096])
        candidates.append(_codec(match.group(1).decode("ascii", "ignore")) if match else None)
    for encoding in candidates:
        if encoding:
            try:
                return body.decode(encoding), encoding
            except UnicodeDecodeError:
                continue
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(body).best()
    if best is not None:
        return str(best), best.encoding
    return body.decode("utf-8", errors="replace"), "utf-8"


def _date(value) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def html_to_text(html: str) -> Extracted:
    """Main content through trafilatura: no menus, no comments; keeps title and publish date."""
    import trafilatura  # heavy import, only where HTML is read

    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    title_match = _TITLE.search(html[:200_000])
    page_title = re.sub(r"\s+", " ", title_match.group(1)).strip() if title_match else ""
    if document is None or not (document.text or "").strip():
        # Too short for trafilatura's main-content heuristics: fall back to all visible text.
        text = trafilatura.html2txt(html) or ""
        return Extracted(text=text.strip(), title=page_title[:1000])
    title = (document.title or page_title or "").strip()
    return Extracted(
        text=_BLANK_LINES.sub("\n\n", document.text).strip(),
        title=title[:1000],
        published_on=_date(document.date),
    )


def pdf_to_text(body: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(body))
        pages = [page.extract_text() or "" for page in reader.pages]
        metadata = reader.metadata or {}
        title = str(metadata.get("/Title") or "")
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise ValueError(f"the PDF could not be read ({error})") from None
    return Extracted(text="\n\n".join(p.strip() for p in pages).strip(), title=title[:1000])


def json_to_text(text: str) -> str:
    """Every string and number in the document, one per line, in document order."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # nested past the parser's stack: read it as text
        return text
    lines: list[str] = []
    # Iterative, in document order: a deep document cannot exhaust the stack here either.
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, str | int | float) and not isinstance(node, bool):
            lines.append(str(node))
    return "\n".join(lines)


def extract_content(body: bytes, *, kind: str, charset: str | None = None) -> Extracted:
    """`kind` is one of html, text, json, pdf (see fetcher.CONTENT_TYPES)."""
    if kind == "pdf":
        return pdf_to_text(body)
    text, encoding = decode_text(body, header_charset=charset, is_html=kind == "html")
    if kind == "html":
        extracted = html_to_text(text)
        extracted.encoding = encoding
        return extracted
    if kind == "json":
        return Extracted(text=json_to_text(text), encoding=encoding)
    return Extracted(text=text.strip(), encoding=encoding)
