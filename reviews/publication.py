"""Publication: what the public API says about an article, and when that answer changes.

Publishers' pages ask, on every page view, how the claims of the article at some URL were rated.
The answer is rendered once, stored in Django's cache under the URL's match key and served from
there without touching the database. `publication_invalidate` (called on commit of every
publication or correction) moves the *generation* of each of the article's URLs on, so every
stored answer for them stops matching at once.

Why a generation rather than only a delete: a request that read the database just before the
approval committed could otherwise write its stale answer back after the delete. Such a request
stores the generation it saw before reading, which no longer matches after the invalidation.
"""

import hashlib
import json
import logging
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import redis
from django.conf import settings
from django.core.cache import cache
from django.db.models import Max, Min
from django.urls import reverse

from claims.models import Article, ArticleURL, Claim
from claims.url_keys import InvalidURL, url_match_key
from claims.web_addresses import is_web_address
from reviews.badges import badge_svg
from reviews.claimreview import canonical_urls, claim_review, iso_date, verdict_public_url
from reviews.models import Rating, Verdict

logger = logging.getLogger(__name__)

# A cache that is down must never take the publishers' badges down with it: answer from the
# database instead (slower, still correct) and say so in the log.
CACHE_ERRORS = (redis.exceptions.RedisError, OSError)

__all__ = [
    "FORMATS",
    "InvalidURL",
    "Publication",
    "Rendered",
    "articles_payload",
    "badge_payload",
    "claimreview_payload",
    "publication_cache_keys",
    "publication_for_claim",
    "publication_invalidate",
    "publication_rendered",
    "published_verdicts_for_url",
    "verdict_public_url",
]

# Cached answers are pickled `Rendered` objects: bump the version when that class changes.
CACHE_PREFIX = "claimdesk:public:v1"
NOT_FOUND_DETAIL = "Claimdesk knows no article at this address."
NO_CLAIMS_MESSAGE = "no claims checked yet"
NO_CLAIMS_COLOR = "lightgrey"

JSON = "application/json"
LD_JSON = "application/ld+json"
SVG = "image/svg+xml"


@dataclass(frozen=True)
class Publication:
    """An article as the public sees it: its addresses and its live (published) verdicts."""

    article: Article
    urls: list[str]
    verdicts: list[Verdict]
    first_published: dict[int, datetime]  # claim id -> first publication, across corrections
    best_worst: dict[int, tuple[int, int]]  # rating scale id -> (best, worst) rating values


@dataclass(frozen=True)
class Rendered:
    """One response body, ready to send many times."""

    status: int
    body: bytes
    content_type: str
    etag: str
    max_age: int


# --- selectors ----------------------------------------------------------------------------------


def _published_verdicts(article_ids: Iterable[int] = (), claim_id: int | None = None):
    # An inconsistency's outcome is a correction notice for the newsroom, never a public rating.
    verdicts = Verdict.objects.filter(status=Verdict.Status.PUBLISHED).exclude(
        claim__kind=Claim.Kind.INCONSISTENCY
    )
    if claim_id is not None:
        verdicts = verdicts.filter(claim_id=claim_id)
    else:
        verdicts = verdicts.filter(claim__article_id__in=list(article_ids))
    return verdicts.select_related("claim", "rating").order_by("claim__start", "claim_id")


def _publication(article: Article, verdicts: list[Verdict], *, details: bool = True) -> Publication:
    if not details:  # a badge needs the ratings only: two queries on a cache miss, not six
        return Publication(article, [], verdicts, {}, {})
    # Only web addresses are published: anything else stored before the rule stays private.
    urls = [
        url
        for url in ArticleURL.objects.filter(article=article)
        .order_by("created_at", "id")
        .values_list("url", flat=True)
        if is_web_address(url)
    ]
    claim_ids = [verdict.claim_id for verdict in verdicts]
    first_published = {}
    best_worst = {}
    if verdicts:
        # A correction keeps the date the claim was first rated; the superseded text stays private.
        first_published = dict(
            Verdict.objects.filter(
                claim_id__in=claim_ids,
                status__in=[Verdict.Status.PUBLISHED, Verdict.Status.SUPERSEDED],
                published_at__isnull=False,
            )
            .values("claim_id")
            .annotate(first=Min("published_at"))
            .values_list("claim_id", "first")
        )
        scale_ids = {verdict.rating.scale_id for verdict in verdicts if verdict.rating}
        best_worst = {
            scale_id: (best, worst)
            for scale_id, best, worst in Rating.objects.filter(scale_id__in=scale_ids)
            .values("scale_id")
            .annotate(best=Max("rating_value"), worst=Min("rating_value"))
            .values_list("scale_id", "best", "worst")
            if best is not None
        }
    return Publication(article, urls, verdicts, first_published, best_worst)


def published_verdicts_for_url(url: str, *, details: bool = True) -> Publication | None:
    """The article published at `url` (any of its addresses, written any usual way), or None.

    Without `details`, only what a badge needs: the verdicts and their ratings.
    Raises InvalidURL when `url` is not an http(s) address.
    """
    key = url_match_key(url)
    article_url = ArticleURL.objects.select_related("article").filter(match_key=key).first()
    if article_url is None:
        return None
    article = article_url.article
    verdicts = _published_verdicts([article.pk])
    if details:
        verdicts = verdicts.prefetch_related("evidence")
    return _publication(article, list(verdicts), details=details)


def publication_for_claim(claim_id: int) -> Publication | None:
    """The claim's live verdict as a publication of one, or None when nothing is published."""
    verdict = (
        _published_verdicts(claim_id=claim_id)
        .select_related("claim__article")
        .prefetch_related("evidence")
        .first()
    )
    if verdict is None:
        return None
    return _publication(verdict.claim.article, [verdict])


# --- payloads -----------------------------------------------------------------------------------


def article_public_url(url: str) -> str:
    from urllib.parse import urlencode

    return (
        settings.CLAIMDESK_PUBLIC_BASE_URL
        + reverse("public_pages:article")
        + "?"
        + urlencode({"url": url})
    )


def _pluralise(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def badge_payload(publication: Publication) -> dict:
    """The shields.io endpoint schema: these four keys and nothing else."""
    rated = [verdict for verdict in publication.verdicts if verdict.rating is not None]
    label = settings.CLAIMDESK_ORGANIZATION_NAME or "fact-check"
    if not publication.verdicts:
        return {
            "schemaVersion": 1,
            "label": label,
            "message": NO_CLAIMS_MESSAGE,
            "color": NO_CLAIMS_COLOR,
        }
    message = _pluralise(len(publication.verdicts), "claim checked", "claims checked")
    color = NO_CLAIMS_COLOR
    if rated:
        worst = max(rated, key=lambda verdict: (verdict.rating.severity, verdict.rating.order))
        worst_count = sum(1 for verdict in rated if verdict.rating_id == worst.rating_id)
        message += f" · {worst_count} {worst.rating.label.lower()}"
        color = worst.rating.color or NO_CLAIMS_COLOR
    return {"schemaVersion": 1, "label": label, "message": message, "color": color}


def claimreview_payload(publication: Publication) -> list[dict]:
    """schema.org ClaimReview objects, one per live verdict (the newest version of a correction)."""
    return [
        claim_review(
            verdict,
            article=publication.article,
            urls=publication.urls,
            first_published=publication.first_published.get(verdict.claim_id),
            best_worst=publication.best_worst,
        )
        for verdict in publication.verdicts
    ]


def articles_payload(publication: Publication) -> dict:
    article = publication.article
    verdicts = []
    for verdict in publication.verdicts:
        rating = verdict.rating
        first = publication.first_published.get(verdict.claim_id) or verdict.published_at
        verdicts.append(
            {
                "id": verdict.pk,
                "claim": {
                    "id": verdict.claim_id,
                    "text": verdict.claim.text,
                    "kind": verdict.claim.kind,
                },
                "rating": {
                    "slug": rating.slug,
                    "label": rating.label,
                    "alternate_name": rating.alternate_name,
                    "rating_value": rating.rating_value,
                    "color": rating.color,
                }
                if rating
                else None,
                "claim_reviewed": verdict.claim_reviewed or verdict.claim.text,
                "summary": verdict.summary,
                "rationale": verdict.rationale,
                "version": verdict.version,
                "corrected": verdict.supersedes_id is not None,
                "first_published_at": first.isoformat() if first else None,
                "published_at": verdict.published_at.isoformat() if verdict.published_at else None,
                "url": verdict_public_url(verdict.claim_id),
                "sources": [
                    {
                        "final_url": snapshot.final_url,
                        "fetched_at": snapshot.fetched_at.isoformat(),
                        "sha256": snapshot.sha256,
                    }
                    for snapshot in sorted(
                        verdict.evidence.all(), key=lambda s: (s.fetched_at, s.pk)
                    )
                ],
            }
        )
    return {
        "article": {
            "title": article.title,
            "publisher": article.publisher,
            "language": article.language,
            "published_on": iso_date(article.published_on),
            "urls": canonical_urls(publication.urls),
        },
        "count": len(verdicts),
        "verdicts": verdicts,
    }


# --- rendering and the cache --------------------------------------------------------------------


def _json_bytes(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _render(fmt: str, publication: Publication) -> Rendered:
    max_age = settings.CLAIMDESK_PUBLIC_MAX_AGE
    if fmt == "badge.json":
        body, content_type = _json_bytes(badge_payload(publication)), JSON
    elif fmt == "badge.svg":
        badge = badge_payload(publication)
        body = badge_svg(badge["label"], badge["message"], badge["color"]).encode()
        content_type = SVG
    elif fmt == "claimreview.json":
        body, content_type = _json_bytes(claimreview_payload(publication)), LD_JSON
    elif fmt == "articles":
        body, content_type = _json_bytes(articles_payload(publication)), JSON
    else:
        raise ValueError(f"Unknown public format {fmt!r}")
    return Rendered(200, body, content_type, _etag(body), max_age)


def _not_found() -> Rendered:
    body = _json_bytes({"detail": NOT_FOUND_DETAIL})
    return Rendered(404, body, JSON, _etag(body), settings.CLAIMDESK_PUBLIC_NOT_FOUND_MAX_AGE)


FORMATS = ("badge.json", "badge.svg", "claimreview.json", "articles")
BADGE_FORMATS = ("badge.json", "badge.svg")


@lru_cache(maxsize=2048)
def _digest_of_url(url: str) -> str:
    # The same few addresses arrive on every page view: remember their keys (InvalidURL is
    # raised, never remembered).
    return _digest(url_match_key(url))


def _digest(match_key: str) -> str:
    # Match keys can be long and hold any character; cache keys must be short and plain.
    return hashlib.sha256(match_key.encode()).hexdigest()[:40]


def _generation_key(digest: str) -> str:
    return f"{CACHE_PREFIX}:gen:{digest}"


def _entry_key(digest: str, fmt: str) -> str:
    return f"{CACHE_PREFIX}:{fmt}:{digest}"


def publication_cache_keys(*, url: str, fmt: str) -> tuple[str, str]:
    """The cache keys of the answer about `url` in `fmt`: (entry, generation).

    Raises InvalidURL when `url` is not an http(s) address.
    """
    if fmt not in FORMATS:
        raise ValueError(f"Unknown public format {fmt!r}")
    digest = _digest_of_url(url)
    return _entry_key(digest, fmt), _generation_key(digest)


def publication_rendered(*, url: str, fmt: str, cached: Mapping | None = None) -> Rendered:
    """The public answer about `url` in `fmt`: from the cache, else built from the database.

    `cached` holds what the caller already read of `publication_cache_keys` (the views read it
    in the same round trip as the throttle counter); without it the cache is read here.
    Raises InvalidURL when `url` is not an http(s) address.
    """
    entry_key, generation_key = publication_cache_keys(url=url, fmt=fmt)
    if cached is None:
        try:
            cached = cache.get_many([entry_key, generation_key])
        except CACHE_ERRORS as error:
            logger.warning("public cache unreachable, answering from the database: %s", error)
            cached = {}
    generation = cached.get(generation_key)
    entry = cached.get(entry_key)
    if entry is not None and entry[0] == generation:
        return entry[1]
    # The generation was read before the database: a publication committing now moves it on.
    publication = published_verdicts_for_url(url, details=fmt not in BADGE_FORMATS)
    if publication is None:
        rendered = _not_found()
        timeout = settings.CLAIMDESK_PUBLIC_NOT_FOUND_MAX_AGE
    else:
        rendered = _render(fmt, publication)
        timeout = settings.CLAIMDESK_PUBLIC_CACHE_TIMEOUT
    try:
        cache.set(entry_key, (generation, rendered), timeout=timeout)
    except CACHE_ERRORS as error:
        logger.warning("public cache unreachable, answer not cached: %s", error)
    return rendered


def publication_invalidate(*, article_id: int) -> None:
    """Forget every cached public answer about this article; call it on commit of a publication.

    Safe to call any number of times, for any article (known or not, published or not).
    """
    keys = ArticleURL.objects.filter(article_id=article_id).values_list("match_key", flat=True)
    digests = [_digest(key) for key in keys]
    if not digests:
        return
    # A fresh token per call: a generation is never reused, so no old entry can match again.
    token = uuid.uuid4().hex
    cache.set_many({_generation_key(digest): token for digest in digests}, timeout=None)
    cache.delete_many([_entry_key(digest, fmt) for digest in digests for fmt in FORMATS])
