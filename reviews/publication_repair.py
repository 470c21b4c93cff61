"""Cache invalidations that cannot be lost: recorded in the database, repaired when the cache is back.

`publication.publication_invalidate` talks to the cache only. If the cache is down when a verdict is approved,
the old answer would stay valid in the cache for `CLAIMDESK_PUBLIC_CACHE_TIMEOUT` once the cache
returns with its data. So every change is first written as a `PublicationChange` row in the
change's own transaction, delivered to the cache on commit and deleted once delivered. Rows that
remain are undelivered invalidations.

Who repairs them: every web process, at most once every `CLAIMDESK_PUBLIC_REPAIR_SECONDS`, asks
the database whether any row remains (one indexed query) before it trusts a cached answer. The
trade-off: a badge cache hit costs zero queries except that one check per process per interval,
and an approval made during a cache outage shows at most that interval after the cache is back.
"""

import logging
import time
from functools import partial

from django.conf import settings
from django.db import DatabaseError, transaction

from reviews import publication
from reviews.models import PublicationChange
from reviews.publication import CACHE_ERRORS

logger = logging.getLogger(__name__)

REPAIR_BATCH = 500

_next_check = 0.0  # time.monotonic() of this process's next look at the database


def publication_changed(*, article_id: int) -> None:
    """Record, in the caller's transaction, that the article's public answers changed."""
    change = PublicationChange.objects.create(article_id=article_id)
    transaction.on_commit(
        partial(publication_change_deliver, change_id=change.pk, article_id=article_id),
        robust=True,
    )


def publication_change_deliver(*, change_id: int, article_id: int) -> bool:
    """Tell the cache; forget the change once told. False when the cache is down (kept for repair)."""
    try:
        publication.publication_invalidate(article_id=article_id)
    except CACHE_ERRORS as error:
        logger.warning("public cache unreachable, invalidation kept for repair: %s", error)
        return False
    PublicationChange.objects.filter(pk=change_id).delete()
    return True


def publication_changes_repair() -> int:
    """Deliver every invalidation the cache missed; returns how many articles were refreshed."""
    changes = list(PublicationChange.objects.order_by("id")[:REPAIR_BATCH])
    repaired = set()
    for change in changes:
        if change.article_id not in repaired:
            try:
                publication.publication_invalidate(article_id=change.article_id)
            except CACHE_ERRORS as error:
                logger.warning("public cache still unreachable, repair postponed: %s", error)
                break
            repaired.add(change.article_id)
        PublicationChange.objects.filter(pk=change.pk).delete()
    if repaired:
        logger.info("public cache repaired for %d article(s)", len(repaired))
    return len(repaired)


def publication_repair_checked(*, now: float | None = None) -> None:
    """Start a new interval without looking (tests that count queries use it)."""
    global _next_check
    _next_check = (
        time.monotonic() if now is None else now
    ) + settings.CLAIMDESK_PUBLIC_REPAIR_SECONDS


def publication_repair_if_due() -> int:
    """At most once per interval per process: repair missed invalidations, if there are any.

    Never raises: a database that is down must not stop the cache from answering.
    """
    now = time.monotonic()
    if now < _next_check:
        return 0
    publication_repair_checked(now=now)
    try:
        if not PublicationChange.objects.exists():
            return 0
        return publication_changes_repair()
    except DatabaseError as error:
        logger.warning("database unreachable, public cache repair postponed: %s", error)
        return 0
