"""Publishers' feeds: registering them, polling the due ones, turning new entries into articles.

A poll is one conditional GET (If-None-Match / If-Modified-Since, so an unchanged feed costs a
304 and nothing else) through the safe fetcher under the host's fetch slot. Every failure is
written on the feed in words, pushes the next poll back exponentially, and after
CLAIMDESK_FEED_DEAD_AFTER failures in a row the feed is dead until an editor turns it on again.
New entries become FeedItems, one per normalised story address across all feeds, so the same
story in two feeds is fetched once; each is fetched (under the host slot again) and handed to
`article_submit`, whose content hash merges the same text published at two addresses.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from claims import dispatch
from claims.audit import audit_record
from claims.feed_formats import FeedUnreadable, ParsedFeed, parse_feed
from claims.fetching import FetchFailed, FetchOptions, FetchRefused, fetch
from claims.host_slots import HostBusy
from claims.ingest import ArticleRejected, article_submit
from claims.models import Article, ArticleURL, Feed, FeedItem
from claims.sources import fetch_host_slot, fetch_options, url_fetch_in_slots
from claims.url_keys import InvalidURL, source_url_normalized, url_match_key
from claims.web_addresses import web_address_checked

logger = logging.getLogger(__name__)

FEED_CONTENT_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/feed+json",
        "application/json",
        "text/plain",
        "text/html",  # a surprising number of publishers serve their RSS as text/html
    }
)
EDITABLE = ("publisher", "language", "interval_minutes", "is_enabled")


class FeedRejected(Exception):
    def __init__(self, detail: str, status_code: int = 400):
        super().__init__(detail)
        self.detail = detail
        self.status_code = status_code


@dataclass
class PollOutcome:
    status: str  # "new", "not_modified", "failed", "skipped"
    new_items: int = 0
    merged: int = 0
    refused: int = 0
    error: str = ""


def feed_fetch_options() -> FetchOptions:
    return fetch_options(
        max_bytes=settings.CLAIMDESK_FEED_MAX_BYTES, extra_content_types=FEED_CONTENT_TYPES
    )


# --- registering ---------------------------------------------------------------------------


def _checked_fields(changes: dict) -> dict:
    checked = {}
    if "publisher" in changes:
        publisher = str(changes["publisher"] or "").strip()
        if not publisher:
            raise FeedRejected(_("publisher: name the publisher of this feed."))
        checked["publisher"] = publisher[:200]
    if "language" in changes:
        if changes["language"] not in ("", None, "ar", "en"):
            raise FeedRejected(_("language must be 'ar', 'en' or empty."))
        checked["language"] = changes["language"] or ""
    if "interval_minutes" in changes:
        minutes = changes["interval_minutes"]
        if not isinstance(minutes, int) or not 1 <= minutes <= 24 * 60:
            raise FeedRejected(_("interval_minutes must be a whole number from 1 to 1440."))
        checked["interval_minutes"] = minutes
    if "is_enabled" in changes:
        checked["is_enabled"] = bool(changes["is_enabled"])
    return checked


@transaction.atomic
def feed_create(
    *,
    url: str,
    publisher: str,
    created_by,
    language: str = "",
    interval_minutes: int = 15,
    is_enabled: bool = True,
) -> Feed:
    try:
        url = web_address_checked(url)
        normalized = source_url_normalized(url)
    except InvalidURL as error:
        raise FeedRejected(_("Feed address: %(error)s") % {"error": error}) from None
    if len(normalized) > 2000:
        raise FeedRejected(_("Feed address: the address is longer than 2000 characters."))
    fields = _checked_fields(
        {
            "publisher": publisher,
            "language": language,
            "interval_minutes": interval_minutes,
            "is_enabled": is_enabled,
        }
    )
    existing = Feed.objects.filter(normalized_url=normalized).first()
    if existing is not None:
        raise FeedRejected(
            _("This feed is already registered (feed %(id)s).") % {"id": existing.pk}, 409
        )
    feed = Feed.objects.create(
        url=url.strip()[:2000],
        normalized_url=normalized,
        host=(urlsplit(normalized).hostname or "")[:255],
        created_by=created_by,
        next_poll_at=timezone.now(),
        **fields,
    )
    audit_record(
        actor=created_by, action="feed.create", obj=feed, after={"url": feed.url, **fields}
    )
    return feed


@transaction.atomic
def feed_update(*, feed: Feed, actor, changes: dict) -> Feed:
    """Editable: publisher, language, interval, on/off. Turning a feed on revives a dead one."""
    fields = _checked_fields({key: value for key, value in changes.items() if key in EDITABLE})
    feed = Feed.objects.select_for_update().get(pk=feed.pk)
    before = {name: getattr(feed, name) for name in fields}
    if fields.get("is_enabled") and (feed.is_dead or not feed.is_enabled):
        fields.update(is_dead=False, failures=0, next_poll_at=timezone.now())
    for name, value in fields.items():
        setattr(feed, name, value)
    feed.save()
    audit_record(
        actor=actor,
        action="feed.update",
        obj=feed,
        before=before,
        after={k: v for k, v in fields.items() if k in EDITABLE},
    )
    return feed


# --- polling ---------------------------------------------------------------------------------


@transaction.atomic
def feeds_poll_due(*, now: datetime | None = None) -> int:
    """Start a poll task for every due feed; the claim (next_poll_at moved on) is the lock."""
    now = now or timezone.now()
    due = (
        Feed.objects.select_for_update(skip_locked=True)
        .filter(is_enabled=True, is_dead=False)
        .filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
        .order_by("next_poll_at", "pk")
    )
    count = 0
    for feed in due:
        # Provisional: the poll itself sets the real next time (or the backoff).
        Feed.objects.filter(pk=feed.pk).update(
            next_poll_at=now + timedelta(minutes=feed.interval_minutes)
        )
        dispatch.feed_poll_enqueue(feed.pk)
        count += 1
    return count


def _conditional(feed: Feed) -> dict[str, str]:
    return {"If-None-Match": feed.etag, "If-Modified-Since": feed.last_modified}


def feed_poll(*, feed: Feed) -> PollOutcome:
    """1. conditional fetch under the host slot; 2. parse; 3. record new entries, start them."""
    options = feed_fetch_options()
    try:
        with fetch_host_slot(feed.host, options):
            result = fetch(feed.url, options, conditional=_conditional(feed))
    except FetchRefused as refused:
        return feed_poll_failed(feed=feed, reason=f"Refused to fetch: {refused.reason}")
    except (FetchFailed, HostBusy) as failure:
        return feed_poll_failed(feed=feed, reason=f"Could not fetch: {failure}")
    if result.not_modified:
        _feed_poll_succeeded(feed=feed, status=304, new_items=0, error="")
        return PollOutcome(status="not_modified")
    try:
        parsed = parse_feed(result.body, base=result.final_url)
    except FeedUnreadable as unreadable:
        return feed_poll_failed(
            feed=feed, reason=f"Unreadable feed: {unreadable.reason}", status=result.http_status
        )
    outcome = feed_entries_record(feed=feed, parsed=parsed)
    Feed.objects.filter(pk=feed.pk).update(etag=result.etag, last_modified=result.last_modified)
    _feed_poll_succeeded(
        feed=feed, status=result.http_status, new_items=outcome.new_items, error=outcome.error
    )
    return outcome


def _refusal_words(parsed: ParsedFeed) -> str:
    first = parsed.refused[0]
    more = len(parsed.refused) - 1
    tail = f" (and {more} more)" if more else ""
    return f"Entry “{first.title or first.link}” was skipped: {first.reason}{tail}."[:500]


@transaction.atomic
def feed_entries_record(*, feed: Feed, parsed: ParsedFeed) -> PollOutcome:
    """Store the entries not seen before (at most the per-poll cap); ingest each after commit."""
    outcome = PollOutcome(status="new", refused=len(parsed.refused))
    cap = settings.CLAIMDESK_FEED_MAX_ITEMS_PER_POLL
    keys = {}
    for entry in parsed.entries:
        try:
            keys.setdefault(url_match_key(entry.url), entry)
        except InvalidURL:
            outcome.refused += 1
    known = {
        item.match_key: item for item in FeedItem.objects.filter(match_key__in=list(keys))[:5000]
    }
    for key, entry in keys.items():
        if key in known:
            item = known[key]
            if item.feed_id != feed.pk and not item.also_in.filter(pk=feed.pk).exists():
                item.also_in.add(feed)
                outcome.merged += 1
            continue
        if outcome.new_items >= cap:
            continue  # the rest waits for the next poll: one huge feed cannot flood the desk
        try:
            with transaction.atomic():
                item = FeedItem.objects.create(
                    match_key=key,
                    url=entry.url[:2000],
                    title=entry.title[:500],
                    published_at=entry.published,
                    language=entry.language,
                    feed=feed,
                )
        except IntegrityError:  # another feed's poll stored it a moment ago
            continue
        outcome.new_items += 1
        dispatch.feed_item_ingest_enqueue(item.pk)
    if parsed.refused:
        outcome.error = _refusal_words(parsed)
    return outcome


def _feed_poll_succeeded(*, feed: Feed, status: int, new_items: int, error: str) -> None:
    now = timezone.now()
    updated = {
        "last_polled_at": now,
        "last_success_at": now,
        "last_status": status,
        "failures": 0,
        "next_poll_at": now + timedelta(minutes=feed.interval_minutes),
        "items_seen": F("items_seen") + new_items,
        "updated_at": now,
    }
    if status != 304:
        updated["last_new_items"] = new_items
    if error:
        updated.update(last_error=error[:500], last_error_at=now)
    Feed.objects.filter(pk=feed.pk).update(**updated)


def feed_poll_failed(*, feed: Feed, reason: str, status: int | None = None) -> PollOutcome:
    """Record the failure in words; back off exponentially; dead after too many in a row."""
    now = timezone.now()
    failures = feed.failures + 1
    backoff = min(feed.interval_minutes * 2**failures, settings.CLAIMDESK_FEED_MAX_BACKOFF_MINUTES)
    dead = failures >= settings.CLAIMDESK_FEED_DEAD_AFTER
    if dead:
        reason = f"{reason} — stopped after {failures} failed polls in a row."
    Feed.objects.filter(pk=feed.pk).update(
        last_polled_at=now,
        last_status=status,
        last_error=reason[:500],
        last_error_at=now,
        failures=failures,
        is_dead=dead,
        next_poll_at=now + timedelta(minutes=backoff),
        updated_at=now,
    )
    logger.info("feed %s failed (%s in a row): %s", feed.pk, failures, reason)
    return PollOutcome(status="failed", error=reason)


# --- entries to articles -----------------------------------------------------------------------


def _item_done(item: FeedItem, status: str, *, article: Article | None = None, detail="") -> None:
    FeedItem.objects.filter(pk=item.pk, status=FeedItem.Status.PENDING).update(
        status=status, article=article, detail=detail[:500]
    )


def feed_item_ingest(*, item: FeedItem) -> FeedItem.Status | None:
    """Fetch the story and submit it as an article. Raises FetchFailed when worth retrying."""
    registered = ArticleURL.objects.filter(match_key=item.match_key).first()
    if registered is not None:
        _item_done(item, FeedItem.Status.MERGED, article=registered.article)
        return FeedItem.Status.MERGED
    feed = item.feed
    options = fetch_options()
    try:
        page = url_fetch_in_slots(
            item.url, host=(urlsplit(item.url).hostname or "")[:255], options=options
        )
    except FetchRefused as refused:
        _item_done(item, FeedItem.Status.FAILED, detail=f"Refused to fetch: {refused.reason}")
        return FeedItem.Status.FAILED
    except HostBusy as busy:
        raise FetchFailed(str(busy), retryable=True) from None
    except FetchFailed as failure:
        if failure.retryable:
            raise
        _item_done(item, FeedItem.Status.FAILED, detail=f"Could not fetch: {failure.reason}")
        return FeedItem.Status.FAILED
    return feed_item_submit(item=item, feed=feed, title=page.title, text=page.text)


def feed_item_submit(*, item: FeedItem, feed: Feed, title: str, text: str) -> FeedItem.Status:
    language = feed.language or (item.language[:2] if item.language[:2] in ("ar", "en") else "")
    try:
        article, created = article_submit(
            submitted_by=None,
            title=item.title or title,
            body=text,
            language=language,
            published_url=item.url,
            publisher=feed.publisher,
        )
    except ArticleRejected as rejected:
        registered = ArticleURL.objects.filter(match_key=item.match_key).first()
        if rejected.status_code == 409 and registered is not None:
            _item_done(item, FeedItem.Status.MERGED, article=registered.article)
            return FeedItem.Status.MERGED
        _item_done(item, FeedItem.Status.FAILED, detail=rejected.detail)
        return FeedItem.Status.FAILED
    if created:
        Article.objects.filter(pk=article.pk).update(
            source_url=item.url[:2000],
            published_on=item.published_at.date() if item.published_at else None,
        )
    status = FeedItem.Status.SUBMITTED if created else FeedItem.Status.MERGED
    _item_done(item, status, article=article)
    return status


def feed_item_failed(*, item: FeedItem, reason: str) -> None:
    _item_done(item, FeedItem.Status.FAILED, detail=reason)
