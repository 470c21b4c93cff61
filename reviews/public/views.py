"""The public publication API (/api/v1/public/): anonymous, cached, throttled.

Plain Django views rather than DRF ones: these answer on every page view of every publisher, so
they skip content negotiation and authentication altogether. They never touch `request.user` or
`request.session`, which is what keeps a session cookie and `Vary: Cookie` off the responses and
the database out of a cache hit.
"""

import json
import logging
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.redis import RedisCache
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils.cache import parse_etags, patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

from config.api_errors import json_error
from reviews.publication import (
    CACHE_ERRORS,
    InvalidURL,
    Publication,
    Rendered,
    articles_payload,
    claimreview_payload,
    publication_cache_keys,
    publication_for_claim,
    publication_rendered,
    published_verdicts_for_url,
)
from reviews.publication_repair import publication_repair_if_due

THROTTLE_SCOPE = "public"
THROTTLE_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
PING_BODY = b'{"ok":true}'
PING = Rendered(200, PING_BODY, "application/json", '"ping"', 0)

logger = logging.getLogger(__name__)


def _now() -> float:
    return time.time()


def _client_ident(request: HttpRequest) -> str:
    # DRF trusts X-Forwarded-For unless NUM_PROXIES is set, which would let anyone pick a fresh
    # identity per request; behind no declared proxy the peer address is the only honest one.
    if api_settings.NUM_PROXIES:
        return BaseThrottle().get_ident(request)
    return request.META.get("REMOTE_ADDR", "")


def _throttle_rate() -> tuple[int, int] | None:
    rate = api_settings.DEFAULT_THROTTLE_RATES.get(THROTTLE_SCOPE)
    if not rate:
        return None
    count_text, period = rate.split("/")
    return int(count_text), THROTTLE_PERIODS[period[0]]


def _count_and_read_redis(backend: RedisCache, counter: str, duration: int, keys) -> tuple:
    # One round trip instead of four (EXISTS+INCR for the counter, MGET for the answer): on a
    # cache hit this round trip is all the work there is. Django 5.2's RedisCache internals.
    # Django builds a new redis-py client (and its table of reply parsers) per call: keep one.
    client = getattr(backend, "_public_api_client", None)
    if client is None:
        client = backend._public_api_client = backend._cache.get_client(None, write=True)
    counter_key = backend.make_and_validate_key(counter)
    full_keys = [backend.make_and_validate_key(key) for key in keys]
    pipeline = client.pipeline(transaction=False)
    pipeline.set(counter_key, 0, ex=duration + 1, nx=True)
    pipeline.incr(counter_key)
    if full_keys:
        pipeline.mget(full_keys)
    results = pipeline.execute()
    loads = backend._cache._serializer.loads
    found = {}
    if full_keys:
        found = {
            key: loads(raw) for key, raw in zip(keys, results[2], strict=True) if raw is not None
        }
    return results[1], found


def _count_and_read(counter: str, duration: int, keys) -> tuple[int, dict]:
    backend = caches[DEFAULT_CACHE_ALIAS]
    if isinstance(backend, RedisCache):
        return _count_and_read_redis(backend, counter, duration, keys)
    try:
        count = backend.incr(counter)
    except ValueError:
        count = 1 if backend.add(counter, 1, timeout=duration + 1) else backend.incr(counter)
    return count, backend.get_many(keys) if keys else {}


def throttle_and_read(request: HttpRequest, keys=()) -> tuple[int | None, dict]:
    """Count the request against its IP and read `keys` from the cache.

    Returns (None, found) when the request may go on, else (seconds to wait, {}). A fixed window
    per IP, in the cache only: O(1) per request, where DRF's sliding log re-stores every timestamp.
    """
    rate = _throttle_rate()
    try:
        if rate is None:
            return None, cache.get_many(keys) if keys else {}
        allowed, duration = rate
        now = _now()
        window = int(now // duration)
        counter = f"claimdesk:throttle:{THROTTLE_SCOPE}:{_client_ident(request)}:{window}"
        count, found = _count_and_read(counter, duration, list(keys))
    except CACHE_ERRORS as error:
        # No cache, no throttle: serving readers beats refusing them while the cache is down.
        logger.warning("public cache unreachable, not throttling: %s", error)
        return None, {}
    if count <= allowed:
        return None, found
    return max(1, int((window + 1) * duration - now + 0.999)), {}


def _too_many(wait: int) -> HttpResponse:
    response = json_error(429, f"Too many requests. Try again in {wait} seconds.")
    response["Retry-After"] = str(wait)
    return response


def public_endpoint(view: Callable) -> Callable:
    """GET/HEAD only, for any origin (the CORS middleware opens the URL prefix). The view throttles."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if request.method not in ("GET", "HEAD"):
            response = json_error(405, f"Method {request.method} is not allowed here.")
            response["Allow"] = "GET, HEAD, OPTIONS"
            return response
        return view(request, *args, **kwargs)

    return wrapped


def throttled(view: Callable) -> Callable:
    """For views that read nothing from the cache themselves: the throttle on its own."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        wait, _ = throttle_and_read(request)
        if wait is not None:
            return _too_many(wait)
        return view(request, *args, **kwargs)

    return wrapped


def _cache_control(max_age: int) -> str:
    stale = settings.CLAIMDESK_PUBLIC_STALE_WHILE_REVALIDATE
    return f"public, max-age={max_age}, stale-while-revalidate={stale}"


def _not_modified(request: HttpRequest, etag: str) -> bool:
    header = request.META.get("HTTP_IF_NONE_MATCH")
    if not header:
        return False
    tags = parse_etags(header)
    if tags == ["*"]:
        return True
    # If-None-Match compares weakly (RFC 9110 13.1.2): W/"x" matches "x".
    return any(tag.removeprefix("W/") == etag for tag in tags)


def respond(request: HttpRequest, rendered: Rendered) -> HttpResponse:
    if rendered.status == 200 and _not_modified(request, rendered.etag):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(
            rendered.body, status=rendered.status, content_type=rendered.content_type
        )
    if rendered.status == 200:
        response["ETag"] = rendered.etag
    response["Cache-Control"] = _cache_control(rendered.max_age)
    return response


def _serve(request: HttpRequest, fmt: str) -> HttpResponse:
    url = request.GET.get("url", "")
    keys, problem = (), "Give the article's address: ?url=https://…"
    if url.strip():
        try:
            keys, problem = publication_cache_keys(url=url, fmt=fmt), None
        except InvalidURL as error:
            problem = f"url: {error}"
    wait, found = throttle_and_read(request, keys)
    if wait is not None:
        return _too_many(wait)
    if problem:
        return json_error(400, problem)
    if publication_repair_if_due():
        found = None  # an invalidation the cache missed was just delivered: read it again
    return respond(request, publication_rendered(url=url, fmt=fmt, cached=found))


@public_endpoint
def badge_json(request: HttpRequest) -> HttpResponse:
    return _serve(request, "badge.json")


@public_endpoint
def badge_svg(request: HttpRequest) -> HttpResponse:
    return _serve(request, "badge.svg")


@public_endpoint
def claimreview_json(request: HttpRequest) -> HttpResponse:
    return _serve(request, "claimreview.json")


@public_endpoint
def article_verdicts(request: HttpRequest) -> HttpResponse:
    return _serve(request, "articles")


@public_endpoint
@throttled
def ping(request: HttpRequest) -> HttpResponse:
    """Constant JSON through the same stack: the floor the benchmark compares the badge with."""
    return respond(request, PING)


# --- public pages (HTML, no login) ---------------------------------------------------------------


def _json_ld(data) -> str:
    # A JSON-LD block is data, not script, but `</script>` in a summary would still end it.
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _page(request: HttpRequest, publication: Publication, *, title: str) -> HttpResponse:
    article = publication.article
    reviews = claimreview_payload(publication)
    verdicts = articles_payload(publication)["verdicts"]
    for verdict, review in zip(verdicts, reviews, strict=True):
        verdict["review"] = review
    context = {
        "title": title,
        "article": article,
        "urls": publication.urls,
        "verdicts": verdicts,
        "organization_name": settings.CLAIMDESK_ORGANIZATION_NAME,
        "organization_url": settings.CLAIMDESK_ORGANIZATION_URL,
        # One block: the ClaimReview itself on a claim's page, the list of them on an article's.
        "json_ld": mark_safe(_json_ld(reviews[0] if len(reviews) == 1 else reviews)),  # noqa: S308
    }
    response = render(request, "reviews/public_verdict.html", context)
    response["Cache-Control"] = _cache_control(settings.CLAIMDESK_PUBLIC_MAX_AGE)
    # The page speaks the reader's language: from their cookie, or else Accept-Language.
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response


@public_endpoint
@throttled
def verdict_page(request: HttpRequest, claim_id: int) -> HttpResponse:
    publication = publication_for_claim(claim_id)
    if publication is None:
        raise Http404(_("No published verdict for this claim."))
    return _page(request, publication, title=publication.verdicts[0].claim.text)


@public_endpoint
@throttled
def article_page(request: HttpRequest) -> HttpResponse:
    try:
        publication = published_verdicts_for_url(request.GET.get("url", ""))
    except InvalidURL as error:
        return render(request, "reviews/public_bad_address.html", {"detail": error}, status=400)
    if publication is None:
        raise Http404(_("Claimdesk knows no article at this address."))
    title = publication.article.title or next(iter(publication.urls), _("Fact-check"))
    return _page(request, publication, title=title)
