"""Reading other fact-checkers' ClaimReview, in the forms they publish it, without holding a
whole feed in memory.

`read_reviews(stream)` takes a binary file object and yields one `Parsed` per review it meets,
in order: either a `ReviewRecord` or a readable `error` for that record alone, so one bad record
never stops the rest. Forms:

- a JSON list of ClaimReview objects;
- a schema.org DataFeed, reviews in `dataFeedElement[].item` (a list or one object);
- JSON-LD in an HTML page (`<script type="application/ld+json">`, plain, a list or `@graph`);
- a Google Fact Check Tools `claims:search` response, reviews in `claims[].claimReview[]`.

JSON is read with ijson (an incremental parser): each review is built alone, then dropped.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

import ijson

from claims.matching.text import is_arabic

MAX_CLAIM_TEXT = 5000
CHUNK = 64 * 1024
# A JSON-LD block larger than this is not a page's metadata: refuse it rather than buffer it.
MAX_SCRIPT_BYTES = 8 * 1024 * 1024

_SCRIPT_START = re.compile(rb"<script[^>]*type\s*=\s*[\"']?application/ld\+json[^>]*>", re.I)
_SCRIPT_END = re.compile(rb"</script\s*>", re.I)
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


class FeedError(ValueError):
    """The input as a whole cannot be read (not JSON or HTML, or JSON broken mid-way)."""


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    url: str
    claim_text: str
    publisher: str
    publisher_site: str
    rating_text: str
    rating_value: float | None
    best_rating: float | None
    worst_rating: float | None
    date_published: dt.date | None
    language: str
    claimant: str


@dataclass(frozen=True, slots=True)
class Parsed:
    position: int
    record: ReviewRecord | None = None
    error: str | None = None


# --- field helpers -----------------------------------------------------------------------------


def _text(value: Any) -> str:
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("@value") or "")
    if isinstance(value, list) and value:
        return _text(value[0])
    return ""


def _number(value: Any) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _date(value: Any) -> dt.date | None:
    match = _DATE.match(_text(value))
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _language(value: Any, text: str) -> str:
    code = _text(value).lower()[:2]
    if code in {"ar", "en"}:
        return code
    return "ar" if is_arabic(text) else ("en" if not code else code)


def _site(url: str) -> str:
    match = re.match(r"https?://([^/:?#]+)", url)
    return match.group(1).lower().removeprefix("www.") if match else ""


def review_from_schema(item: Any) -> ReviewRecord:
    """A schema.org ClaimReview object → ReviewRecord; ValueError says what is wrong."""
    if not isinstance(item, dict):
        raise ValueError("not an object")
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    if "ClaimReview" not in kinds:
        raise ValueError(f"@type is {kind!r}, not ClaimReview")
    url = _text(item.get("url"))
    if not re.match(r"^https?://", url):
        raise ValueError("url is missing or not http(s)")
    claim_text = _text(item.get("claimReviewed"))
    reviewed = item.get("itemReviewed") if isinstance(item.get("itemReviewed"), dict) else {}
    if not claim_text:
        claim_text = _text(reviewed.get("text") or reviewed.get("name"))
    if not claim_text:
        raise ValueError("claimReviewed is missing")
    rating = item.get("reviewRating") if isinstance(item.get("reviewRating"), dict) else {}
    author = item.get("author")
    author = author[0] if isinstance(author, list) and author else author
    publisher = _text(author) or _site(url)
    site = _text(author.get("url")) if isinstance(author, dict) else ""
    return ReviewRecord(
        url=url[:2000],
        claim_text=claim_text[:MAX_CLAIM_TEXT],
        publisher=publisher[:200],
        publisher_site=(_site(site) or _site(url))[:200],
        rating_text=(_text(rating.get("alternateName")) or _text(rating.get("name")))[:200],
        rating_value=_number(rating.get("ratingValue")),
        best_rating=_number(rating.get("bestRating")),
        worst_rating=_number(rating.get("worstRating")),
        date_published=_date(item.get("datePublished")),
        language=_language(item.get("inLanguage"), claim_text),
        claimant=_text(reviewed.get("author"))[:200],
    )


def reviews_from_google_claim(claim: Any) -> Iterator[ReviewRecord | str]:
    """One `claims[]` entry of a Fact Check Tools response → its reviews (or error strings)."""
    if not isinstance(claim, dict):
        yield "claims[] entry is not an object"
        return
    claim_text = _text(claim.get("text"))
    reviews = claim.get("claimReview")
    if not isinstance(reviews, list) or not reviews:
        yield "claimReview is missing"
        return
    for review in reviews:
        if not isinstance(review, dict):
            yield "claimReview entry is not an object"
            continue
        url = _text(review.get("url"))
        if not re.match(r"^https?://", url):
            yield "url is missing or not http(s)"
        elif not claim_text:
            yield "text (the claim) is missing"
        else:
            publisher = review.get("publisher") if isinstance(review.get("publisher"), dict) else {}
            yield ReviewRecord(
                url=url[:2000],
                claim_text=claim_text[:MAX_CLAIM_TEXT],
                publisher=(_text(publisher.get("name")) or _site(url))[:200],
                publisher_site=(_text(publisher.get("site")) or _site(url))[:200],
                rating_text=_text(review.get("textualRating"))[:200],
                rating_value=None,
                best_rating=None,
                worst_rating=None,
                date_published=_date(review.get("reviewDate")),
                language=_language(review.get("languageCode"), claim_text),
                claimant=_text(claim.get("claimant"))[:200],
            )


# --- streaming readers ---------------------------------------------------------------------------

# ijson prefixes at which a whole review (or a Fact Check Tools claim) starts.
_REVIEW_PREFIXES = {
    "item",  # a JSON list of ClaimReview
    "dataFeedElement.item.item",  # DataFeedItem.item as one object
    "dataFeedElement.item.item.item",  # DataFeedItem.item as a list
    "@graph.item",
    "item.@graph.item",
}
_GOOGLE_PREFIX = "claims.item"


def _json_objects(stream: IO[bytes]) -> Iterator[tuple[str, Any]]:
    """(prefix, object) for every object that starts at one of the known prefixes."""
    builder: ijson.ObjectBuilder | None = None
    depth = 0
    target = ""
    try:
        for prefix, event, value in ijson.parse(stream, use_float=True):
            if builder is None:
                if event == "start_map" and (
                    prefix in _REVIEW_PREFIXES or prefix == _GOOGLE_PREFIX
                ):
                    builder, depth, target = ijson.ObjectBuilder(), 0, prefix
                else:
                    continue
            builder.event(event, value)
            if event in ("start_map", "start_array"):
                depth += 1
            elif event in ("end_map", "end_array"):
                depth -= 1
                if depth == 0:
                    yield target, builder.value
                    builder = None
    except ijson.JSONError as error:
        raise FeedError(f"the JSON is broken: {error}") from None


def _read_json(stream: IO[bytes]) -> Iterator[Parsed]:
    position = 0
    for prefix, obj in _json_objects(stream):
        if prefix == _GOOGLE_PREFIX:
            for found in reviews_from_google_claim(obj):
                position += 1
                yield _parsed(position, found)
            continue
        # A list item or @graph node that is not a ClaimReview (an Organization) is no error.
        if prefix in ("@graph.item", "item.@graph.item") and _not_review(obj):
            continue
        position += 1
        try:
            yield Parsed(position, record=review_from_schema(obj))
        except ValueError as error:
            yield Parsed(position, error=str(error))


def _not_review(obj: Any) -> bool:
    kind = obj.get("@type") if isinstance(obj, dict) else None
    return "ClaimReview" not in (kind if isinstance(kind, list) else [kind])


def _parsed(position: int, found: ReviewRecord | str) -> Parsed:
    if isinstance(found, str):
        return Parsed(position, error=found)
    return Parsed(position, record=found)


def _script_blocks(stream: IO[bytes], head: bytes) -> Iterator[bytes]:
    """The contents of each JSON-LD script element, reading the page in chunks."""
    buffer = head
    while True:
        start = _SCRIPT_START.search(buffer)
        if start is None:
            chunk = stream.read(CHUNK)
            if not chunk:
                return
            buffer = buffer[-512:] + chunk  # a tag split across chunks is found next round
            continue
        end = _SCRIPT_END.search(buffer, start.end())
        if end is None:
            chunk = stream.read(CHUNK)
            if not chunk or len(buffer) > MAX_SCRIPT_BYTES:
                return
            buffer += chunk
            continue
        yield buffer[start.end() : end.start()]
        buffer = buffer[end.end() :]


def _flatten_jsonld(value: Any) -> Iterator[Any]:
    if isinstance(value, list):
        for item in value:
            yield from _flatten_jsonld(item)
    elif isinstance(value, dict):
        if "@graph" in value:
            yield from _flatten_jsonld(value["@graph"])
        elif value.get("@type") == "DataFeed":
            for element in value.get("dataFeedElement") or []:
                yield from _flatten_jsonld((element or {}).get("item"))
        else:
            yield value


def _read_html(stream: IO[bytes], head: bytes) -> Iterator[Parsed]:
    position = 0
    for block in _script_blocks(stream, head):
        try:
            data = json.loads(block.decode("utf-8", errors="replace"))
        except ValueError as error:
            position += 1
            yield Parsed(position, error=f"a JSON-LD block is not valid JSON: {error}")
            continue
        for obj in _flatten_jsonld(data):
            if _not_review(obj):
                continue
            position += 1
            try:
                yield Parsed(position, record=review_from_schema(obj))
            except ValueError as error:
                yield Parsed(position, error=str(error))


class _Prefixed:
    """A stream with some already-read bytes put back in front."""

    def __init__(self, head: bytes, stream: IO[bytes]):
        self.head, self.stream = head, stream

    def read(self, size: int = -1) -> bytes:
        if self.head:
            if size < 0:
                data, self.head = self.head + self.stream.read(), b""
                return data
            data, self.head = self.head[:size], self.head[size:]
            return data
        return self.stream.read(size)


def read_reviews(stream: IO[bytes]) -> Iterator[Parsed]:
    head = stream.read(4096)
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if first in (b"[", b"{"):
        yield from _read_json(_Prefixed(head, stream))
    elif first == b"<":
        yield from _read_html(stream, head)
    else:
        raise FeedError("the input is neither JSON nor an HTML page")
