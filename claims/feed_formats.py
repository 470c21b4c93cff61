"""Reading a fetched feed: RSS 2.0, RSS 1.0, Atom, JSON Feed or a news sitemap, into entries.

Pure Python, no Django. XML is first parsed by defusedxml, which refuses entity declarations (a
"billion laughs" bomb expands a kilobyte into gigabytes) and external references; only a
document it accepts reaches feedparser, or our own reading of sitemaps (feedparser does not
know them). JSON Feed is JSON with a depth cap. Entry links must be absolute http(s) addresses
once resolved against the feed's own address; any other link (`javascript:`, `data:`) is
refused and reported, and the other entries carry on.
"""

from __future__ import annotations

import calendar
import datetime
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import Element, ParseError

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_xml

MAX_JSON_DEPTH = 20
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"
_JSON_STRING = re.compile(r'"(?:\\.|[^"\\])*"')
_JSON_BRACKET = re.compile(r"[\[\]{}]")


class FeedUnreadable(Exception):
    """The document is not a feed we can read safely; `reason` says why, in words."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Entry:
    url: str
    title: str = ""
    guid: str = ""
    published: datetime.datetime | None = None
    language: str = ""


@dataclass
class RefusedEntry:
    title: str
    link: str
    reason: str


@dataclass
class ParsedFeed:
    format: str
    title: str = ""
    entries: list[Entry] = field(default_factory=list)
    refused: list[RefusedEntry] = field(default_factory=list)


def entry_link(link: object, base: str) -> str:
    """The absolute http(s) address of an entry, or raise ValueError with the reason."""
    if not isinstance(link, str) or not link.strip():
        raise ValueError("the entry has no link")
    absolute = urljoin(base, link.strip())
    parts = urlsplit(absolute)
    if parts.scheme.lower() not in {"http", "https"}:
        raise ValueError(f"the link is not an http(s) address ({parts.scheme or 'no'} scheme)")
    if not parts.hostname:
        raise ValueError("the link names no host")
    return absolute


def _json_depth(text: str) -> int:
    depth = deepest = 0
    for bracket in _JSON_BRACKET.finditer(_JSON_STRING.sub('""', text)):
        depth += 1 if bracket.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _date(value: object) -> datetime.datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.UTC)


def _add(feed: ParsedFeed, *, link: object, base: str, title: str, **fields) -> None:
    title = re.sub(r"\s+", " ", title or "").strip()[:500]
    try:
        url = entry_link(link, base)
    except ValueError as error:
        shown = link if isinstance(link, str) else ""
        feed.refused.append(RefusedEntry(title=title, link=shown[:200], reason=str(error)))
        return
    feed.entries.append(Entry(url=url, title=title, **fields))


def parse_json_feed(text: str, base: str) -> ParsedFeed:
    if _json_depth(text) > MAX_JSON_DEPTH:
        raise FeedUnreadable(f"the JSON is nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        data = json.loads(text)
    except ValueError as error:
        raise FeedUnreadable(f"the JSON Feed is not valid JSON ({error})") from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise FeedUnreadable("the JSON document is not a JSON Feed (no 'items' list)")
    feed = ParsedFeed(format="json", title=str(data.get("title") or "")[:500])
    language = str(data.get("language") or "")[:10]
    for item in data["items"]:
        if not isinstance(item, dict):
            continue
        _add(
            feed,
            link=item.get("url") or item.get("external_url"),
            base=base,
            title=str(item.get("title") or ""),
            guid=str(item.get("id") or "")[:500],
            published=_date(item.get("date_published")),
            language=str(item.get("language") or language)[:10],
        )
    return feed


def _text(element: Element | None, path: str) -> str:
    found = element.find(path) if element is not None else None
    return (found.text or "").strip() if found is not None else ""


def parse_sitemap(root: Element, base: str) -> ParsedFeed:
    if root.tag == f"{SITEMAP_NS}sitemapindex":
        raise FeedUnreadable(
            "this is a sitemap index: add the news sitemaps it lists as feeds of their own"
        )
    feed = ParsedFeed(format="sitemap")
    for url in root.iter(f"{SITEMAP_NS}url"):
        news = url.find(f"{NEWS_NS}news")
        _add(
            feed,
            link=_text(url, f"{SITEMAP_NS}loc"),
            base=base,
            title=_text(news, f"{NEWS_NS}title"),
            published=_date(_text(news, f"{NEWS_NS}publication_date")),
            language=_text(news, f"{NEWS_NS}publication/{NEWS_NS}language")[:10],
        )
    return feed


def _feedparser_date(entry) -> datetime.datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime.datetime.fromtimestamp(calendar.timegm(parsed), tz=datetime.UTC)


def parse_xml_feed(body: bytes, base: str) -> ParsedFeed:
    try:
        root = safe_xml(body)
    except DefusedXmlException as refused:
        raise FeedUnreadable(
            f"the XML declares entities or external references, which are refused "
            f"(an entity bomb or an attempt to read other files): {type(refused).__name__}"
        ) from None
    except ParseError as error:
        raise FeedUnreadable(f"the feed is not well-formed XML ({error})") from None
    if root.tag.startswith(SITEMAP_NS):
        return parse_sitemap(root, base)
    parsed = feedparser.parse(
        body, response_headers={"content-location": base}, sanitize_html=False
    )
    version = parsed.get("version") or ""
    if not version:
        raise FeedUnreadable(f"the XML is not RSS, Atom or a news sitemap (root <{root.tag}>)")
    kind = "atom" if version.startswith("atom") else "rss"
    feed = ParsedFeed(format=kind, title=str(parsed.feed.get("title") or "")[:500])
    language = str(parsed.feed.get("language") or "")[:10]
    for entry in parsed.entries:
        _add(
            feed,
            link=entry.get("link"),
            base=base,
            title=str(entry.get("title") or ""),
            guid=str(entry.get("id") or "")[:500],
            published=_feedparser_date(entry),
            language=language,
        )
    return feed


def parse_feed(body: bytes, *, base: str) -> ParsedFeed:
    """Read any supported format; raises FeedUnreadable with a reason a person can act on."""
    head = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        try:
            text = body.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FeedUnreadable("the JSON Feed is not UTF-8") from None
        return parse_json_feed(text, base)
    if not head.startswith(b"<"):
        raise FeedUnreadable("the document is neither XML nor JSON")
    return parse_xml_feed(body, base)
