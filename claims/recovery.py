"""The recovery sweep: work the database says is unfinished and no worker holds is sent again.

This is the durable hand-off between the database and the broker, in its state-based form: the
rows themselves (`pending`, `fetching`, `extracting` articles; `pending`, `fetching` sources) are
the outbox. A row is due when nobody holds its lease and no task was sent for it during the last
lease length; then a task is sent (again) and `dispatched_at` is stamped. That covers a send the
broker refused (broker down at submission), a message lost with a broker's data, a worker killed
with messages reserved, and a worker killed mid-task. Resends are harmless: the task takes the
row's lease first, and a row that is taken or finished makes it stop.

Beat runs it every `CLAIMDESK_RECOVERY_SWEEP_SECONDS`; it is safe to run twice at once
(`skip_locked`).
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from claims import dispatch
from claims.leases import gave_up_reason, lease_free, lease_length
from claims.models import ACTIVE_ARTICLE_STATUSES, Article, Source
from claims.sources import source_fetch_failed

logger = logging.getLogger(__name__)

BATCH = 500
RETRYING_DETAIL = "Retrying: an earlier attempt was interrupted."


def _due(now: datetime) -> Q:
    return lease_free(now) & (
        Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=now - lease_length())
    )


@transaction.atomic
def articles_recover(*, now: datetime | None = None) -> int:
    """Send again, or give up on, every article whose work is unfinished and unheld."""
    now = now or timezone.now()
    limit = settings.CLAIMDESK_MAX_TASK_ATTEMPTS
    due = (
        Article.objects.select_for_update(skip_locked=True)
        .filter(_due(now), status__in=ACTIVE_ARTICLE_STATUSES)
        .order_by("pk")[:BATCH]
    )
    count = 0
    for article in due:
        interrupted = article.status != Article.Status.PENDING and article.attempts >= 1
        if interrupted and article.attempts >= limit:
            Article.objects.filter(pk=article.pk).update(
                status=Article.Status.FAILED,
                status_detail=gave_up_reason()[:500],
                lease_expires_at=None,
                updated_at=now,
            )
            logger.warning("article %s failed after %s attempts", article.pk, article.attempts)
            continue
        if interrupted:
            Article.objects.filter(pk=article.pk).update(status_detail=RETRYING_DETAIL)
        if article.status == Article.Status.FETCHING:
            dispatch.article_fetch_enqueue(article.pk)
        else:
            dispatch.article_extraction_enqueue(article.pk)
        count += 1
    return count


@transaction.atomic
def sources_recover(*, now: datetime | None = None) -> int:
    """Send again, or give up on, every source round that is unfinished and unheld."""
    now = now or timezone.now()
    limit = settings.CLAIMDESK_MAX_TASK_ATTEMPTS
    due = (
        Source.objects.select_for_update(skip_locked=True)
        .filter(_due(now), status__in=[Source.Status.PENDING, Source.Status.FETCHING])
        .exclude(fetch_key="")
        .order_by("pk")[:BATCH]
    )
    rounds = []
    for source in due:
        interrupted = source.status == Source.Status.FETCHING and source.attempts >= 1
        if interrupted and source.attempts >= limit:
            source_fetch_failed(
                source=source,
                reason=gave_up_reason(source.failure_reason.removeprefix("Retrying: ")),
            )
            continue
        if interrupted and not source.failure_reason.startswith("Retrying"):
            Source.objects.filter(pk=source.pk).update(failure_reason=RETRYING_DETAIL)
        rounds.append((source.pk, source.fetch_key))
    dispatch.source_checks_enqueue(rounds)
    return len(rounds)


def work_recover() -> dict[str, int]:
    return {"articles": articles_recover(), "sources": sources_recover()}
