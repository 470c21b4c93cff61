"""Sources: attaching them to claims, fetching and archiving them, checking claims against them.

A Source is one normalised URL; a fetch "round" has a `fetch_key` chosen when it is scheduled,
and every task message carries it, so a redelivered message finds its own Snapshot (unique per
source and key) instead of fetching twice. Rounds are scheduled only while holding the source
row lock, and the round's last transaction matches every claim citing the source under that
same lock: a claim attached during a fetch is either seen by the fetch or schedules a match.
"""

from __future__ import annotations

import contextlib
import logging
import random
import uuid
from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from claims import dispatch
from claims.audit import audit_record
from claims.checking import CheckResult, SourceText, check_claim
from claims.extraction import extract_facts
from claims.fetch_slots import fetch_slot
from claims.fetching import FetchFailed, FetchOptions, FetchRefused, fetch
from claims.host_slots import HostBusy, host_slot
from claims.leases import LeaseKeeper, attempts_exhausted, gave_up_reason, lease_take
from claims.models import Citation, Claim, Snapshot, Source
from claims.source_statements import (
    attempt_take,
    evidence_insert,
    round_checked,
    round_claims_locked,
    snapshot_insert,
)
from claims.url_check import Fetched, page_fetch, page_read, url_check
from claims.url_keys import InvalidURL, source_url_normalized
from claims.web_addresses import web_address_checked

logger = logging.getLogger(__name__)

IN_REVIEW = [
    Claim.Status.QUEUED,
    Claim.Status.ASSIGNED,
    Claim.Status.SUBMITTED,
    Claim.Status.RETURNED,
]
MAX_RETRY_DELAY = 3600


def fetch_options(**overrides) -> FetchOptions:
    """The settings' fetch limits; feeds and webhooks override a few of them."""
    values = {
        "max_bytes": settings.CLAIMDESK_FETCH_MAX_BYTES,
        "connect_timeout": settings.CLAIMDESK_FETCH_CONNECT_TIMEOUT,
        "read_timeout": settings.CLAIMDESK_FETCH_READ_TIMEOUT,
        "deadline": settings.CLAIMDESK_FETCH_DEADLINE,
        "allow_private": settings.CLAIMDESK_FETCH_ALLOW_PRIVATE,
    }
    return FetchOptions(**{**values, **overrides})


def retry_countdown(retries: int, retry_after: float | None) -> float:
    """Exponential backoff with full jitter, never sooner than the server's Retry-After."""
    base = settings.CLAIMDESK_FETCH_RETRY_BACKOFF * (2**retries)
    delay = random.uniform(base / 2, base)
    if retry_after is not None:
        delay = max(delay, retry_after)
    return min(delay, MAX_RETRY_DELAY)


# --- attaching and scheduling --------------------------------------------------------------


def _host_of(normalized_url: str) -> str:
    return (urlsplit(normalized_url).hostname or "")[:255]


def _round_start(source: Source) -> tuple[int, str]:
    """A new fetch round (the caller holds the row lock): the (source id, fetch key) whose
    task the caller sends after commit, through claims.dispatch."""
    source.fetch_key = uuid.uuid4().hex
    source.status = Source.Status.PENDING
    source.attempts = 0
    source.failure_reason = ""
    source.save(update_fields=["fetch_key", "status", "attempts", "failure_reason", "updated_at"])
    return source.pk, source.fetch_key


def _source_schedule(source: Source) -> tuple[int, str] | None:
    """What makes the claims citing `source` get checked: the (source id, fetch key) of the
    task to send, or None when a round in flight will match them anyway."""
    if source.status == Source.Status.CHECKED and source.fetch_key:
        # Already fetched: only match the new claims against the archived snapshot.
        return source.pk, source.fetch_key
    if source.status == Source.Status.FAILED or not source.fetch_key:
        return _round_start(source)
    return None  # a round is in flight; it matches every citing claim when it ends


@transaction.atomic
def source_attach(*, claim: Claim, url: str, added_by=None) -> tuple[Citation, bool]:
    """Cite `url` for `claim`; returns (citation, created). Raises InvalidURL.

    A source is shared by everyone who cites its address, so it keeps (and is fetched from) the
    clean form: `http://x@victim.example/story` from one checker must not become what everyone
    else citing `http://victim.example/story` gets.
    """
    normalized = source_url_normalized(web_address_checked(url))
    if len(normalized) > 2000:
        raise InvalidURL(_("The URL is longer than 2000 characters."))
    source, _created = Source.objects.get_or_create(
        normalized_url=normalized,
        defaults={"url": normalized, "host": _host_of(normalized)},
    )
    source = Source.objects.select_for_update().get(pk=source.pk)
    citation, created = Citation.objects.get_or_create(
        claim=claim, source=source, defaults={"added_by": added_by}
    )
    if created:
        audit_record(
            actor=added_by,
            action="source.attach",
            obj=citation,
            claim_id=claim.pk,
            after={"source_id": source.pk, "url": source.url, "status": source.status},
        )
        if scheduled := _source_schedule(source):
            dispatch.source_check_enqueue(*scheduled)
    return citation, created


@transaction.atomic
def claim_sources_check(*, claim: Claim) -> int:
    """Check `claim` against every source it cites; returns how many tasks were started."""
    sources = (
        Source.objects.select_for_update(of=("self",)).filter(citations__claim=claim).order_by("pk")
    )
    rounds = [scheduled for source in sources if (scheduled := _source_schedule(source))]
    dispatch.source_checks_enqueue(rounds)
    return len(rounds)


@transaction.atomic
def sources_refetch_stale() -> int:
    """Start a new round for sources cited by claims in review and not fetched for a while.

    Also restarts rounds whose task message was lost (pending or fetching for far longer than
    any task may run).
    """
    now = timezone.now()
    stale = now - timedelta(hours=settings.CLAIMDESK_REFETCH_AFTER_HOURS)
    stuck = now - timedelta(seconds=settings.CELERY_VISIBILITY_TIMEOUT * 2)
    due = (
        Source.objects.filter(citations__claim__status__in=IN_REVIEW)
        .filter(
            Q(status__in=[Source.Status.CHECKED, Source.Status.FAILED], last_fetched_at__lt=stale)
            | Q(status__in=[Source.Status.PENDING, Source.Status.FETCHING], updated_at__lt=stuck)
        )
        .values("pk")
    )
    candidates = (
        Source.objects.select_for_update(skip_locked=True).filter(pk__in=due).order_by("pk")
    )
    rounds = [_round_start(source) for source in candidates]
    dispatch.source_checks_enqueue(rounds)
    return len(rounds)


# --- one task run -----------------------------------------------------------------------------


def source_attempt_start(
    *, source_id: int, fetch_key: str, owner: str | None = None
) -> Source | None:
    """The source to work on, or None when the message is stale, done or out of attempts.

    The attempt is counted in its own committed transaction before anything can crash, so a
    message that kills its worker every time is still counted and eventually given up on.
    """
    taken = attempt_take(source_id=source_id, fetch_key=fetch_key, owner=owner)
    if taken is not None:  # the usual case, in one statement
        return _attempt_counted(taken)
    fetched = Snapshot.objects.filter(source=OuterRef("pk"), fetch_key=fetch_key)
    source = Source.objects.filter(pk=source_id).annotate(fetched=Exists(fetched)).first()
    if source is None or source.fetch_key != fetch_key:
        return None
    if source.fetched:
        return source  # fetched already: only matching is left, which counts no attempt
    if source.status == Source.Status.FAILED:
        return None
    # One UPDATE in autocommit: committed at once, before anything can crash. A message whose
    # source another worker holds (a resend while the fetch runs) stops here.
    taken = lease_take(
        Source,
        pk=source.pk,
        statuses=[Source.Status.PENDING, Source.Status.FETCHING],
        status=Source.Status.FETCHING,
        owner=owner,
        read_attempts=False,  # read with the row just below
        fetch_key=fetch_key,
    )
    if taken is None:
        return None
    source.refresh_from_db()
    return _attempt_counted(source)


def _attempt_counted(source: Source) -> Source | None:
    source.fetched = False
    if attempts_exhausted(source.attempts):
        source_fetch_failed(source=source, reason=gave_up_reason(_last_error(source)))
        return None
    return source


def _last_error(source: Source) -> str:
    return source.failure_reason.removeprefix("Retrying: ").removeprefix(
        "an earlier attempt was interrupted."
    )


@transaction.atomic
def source_fetch_failed(*, source: Source, reason: str, dead: bool = False) -> None:
    """The final failure of a round, in words a checker can act on."""
    updated = {
        "status": Source.Status.FAILED,
        "failure_reason": reason[:500],
        "lease_expires_at": None,
        "last_fetched_at": timezone.now(),
        "updated_at": timezone.now(),
    }
    if dead:
        updated["is_dead"] = True
    Source.objects.filter(pk=source.pk, fetch_key=source.fetch_key).update(**updated)


def source_fetch_retrying(*, source: Source, reason: str, countdown: float = 0) -> None:
    # The retry (same task id) takes the lease back; the sweep leaves it alone until it is due.
    now = timezone.now()
    Source.objects.filter(pk=source.pk, fetch_key=source.fetch_key).update(
        failure_reason=f"Retrying: {reason}"[:500],
        updated_at=now,
        dispatched_at=now + timedelta(seconds=countdown),
    )


def url_fetch(url: str, options: FetchOptions | None = None) -> Fetched:
    """Safe fetch and text extraction; raises FetchRefused or FetchFailed."""
    return page_fetch(url, options or fetch_options())


def _database_connection_release() -> None:
    """With a connection pool (the gevent sources worker), hand the connection back while the
    fetch waits on the network: 25 greenlets then share 10 connections instead of each holding
    one idle for seconds. Outside a transaction only; without a pool, keep it (reconnecting
    costs more than it frees)."""
    if connection.settings_dict.get("OPTIONS", {}).get("pool") and not connection.in_atomic_block:
        connection.close()


@contextlib.contextmanager
def fetch_host_slot(host: str, options: FetchOptions) -> Iterator[None]:
    """One of this process's fetch slots (claims.fetch_slots), then one of the host's, shared
    by every worker process. Source checks and feed entries take them; a submitted article
    URL (one fetch a person is waiting for) takes none."""
    with (
        fetch_slot(size=settings.CLAIMDESK_FETCH_SLOTS, wait=options.deadline),
        host_slot(
            host,
            limit=settings.CLAIMDESK_FETCH_HOST_CONCURRENCY,
            wait=options.deadline,
            lease=options.deadline + 30,
            redis_url=settings.REDIS_URL,
            folder=settings.VAR_DIR / "host-slots",
        ),
    ):
        yield


def url_fetch_in_slots(url: str, *, host: str, options: FetchOptions) -> Fetched:
    """`url_fetch`, holding this process's fetch slot and the host's for the network part
    only: both are given back before the page is turned into text."""
    with fetch_host_slot(host, options):
        result = fetch(url, options)
    return page_read(result)


def _fetch_with_host_slot(source: Source) -> Fetched:
    _database_connection_release()
    # The clean, credential-free address: never whatever the first citer typed.
    return url_fetch_in_slots(
        source.normalized_url,
        host=source.host or _host_of(source.normalized_url),
        options=fetch_options(),
    )


def snapshot_store(*, source: Source, fetch_key: str, fetched: Fetched) -> Snapshot:
    """Archive one fetch, once: a redelivered task finds the snapshot it already stored.

    One INSERT, committed at once (a round's snapshot is new in all but a redelivery); the
    unique (source, fetch_key) makes a second one find the first.
    """
    previous = (
        Snapshot.objects.filter(source=source)
        .exclude(fetch_key=fetch_key)
        .order_by("-fetched_at")
        .only("sha256")
        .first()
        if source.last_fetched_at is not None  # never fetched: no earlier snapshot to compare
        else None
    )
    snapshot = snapshot_insert(
        source_id=source.pk,
        fetch_key=fetch_key,
        values={
            "fetched_at": timezone.now(),
            "final_url": fetched.final_url[:2000],
            "http_status": fetched.http_status,
            "content_type": fetched.content_type[:100],
            "byte_size": fetched.byte_size,
            "sha256": fetched.sha256,
            "title": fetched.title[:1000],
            "published_on": fetched.published_on,
            "text": fetched.text,
        },
    )
    if snapshot is None:  # a redelivered task: the first one stored it
        return Snapshot.objects.get(source=source, fetch_key=fetch_key)
    if previous is not None and previous.sha256 != snapshot.sha256:
        Source.objects.filter(pk=source.pk).update(content_changed=True)
    return snapshot


@transaction.atomic
def snapshot_evidence_record(
    *, source: Source, snapshot: Snapshot, source_text: SourceText | None = None
) -> int:
    """Match every claim citing the source against the snapshot; finish the round.

    Holding the source row lock while reading the citations is what lets `source_attach`
    rely on this run to see a claim attached while the fetch was in flight.
    """
    fetch_key, claims = round_claims_locked(source_id=source.pk, snapshot_id=snapshot.pk)
    rows = []
    if claims:
        source_text = source_text or SourceText.of(snapshot.text)
        for claim in claims:
            facts = claim.facts or (
                extract_facts(claim.text, claim.language or None) if claim.text else []
            )
            result: CheckResult = check_claim(
                claim_text=claim.text, claim_facts=facts, source=source_text
            )
            rows.append(
                {
                    "claim_id": claim.id,
                    "snapshot_id": snapshot.pk,
                    "stance": result.stance,
                    "fact_results": result.facts,
                    "passages": result.passages,
                }
            )
    # ON CONFLICT DO NOTHING: a redelivered task adds no second row for a claim.
    created = evidence_insert(rows)
    if fetch_key == snapshot.fetch_key:  # this round's snapshot is the latest one
        round_checked(source_id=source.pk, fetched_at=snapshot.fetched_at)
    return created


def source_check(*, source: Source, fetch_key: str) -> Snapshot | None:
    """1. fetch and archive (unless this round's snapshot exists), 2. match the citing claims.

    Raises FetchFailed when the failure is worth retrying; records every other failure.
    """
    # `source_attempt_start` already knows whether this round's snapshot exists.
    already_fetched = getattr(source, "fetched", True)
    snapshot = (
        Snapshot.objects.filter(source=source, fetch_key=fetch_key).first()
        if already_fetched
        else None
    )
    if snapshot is None:
        try:
            with LeaseKeeper(Source, pk=source.pk, owner=source.lease_owner):
                fetched = _fetch_with_host_slot(source)
        except FetchRefused as refused:
            source_fetch_failed(source=source, reason=f"Refused: {refused.reason}")
            return None
        except HostBusy as busy:
            raise FetchFailed(str(busy), retryable=True) from None
        except FetchFailed as failure:
            if failure.retryable:
                raise
            source_fetch_failed(source=source, reason=failure.reason, dead=failure.dead)
            return None
        snapshot = snapshot_store(source=source, fetch_key=fetch_key, fetched=fetched)
    # Facts are extracted once per snapshot, outside the row lock, for every citing claim.
    source_text = SourceText.of(snapshot.text)
    snapshot_evidence_record(source=source, snapshot=snapshot, source_text=source_text)
    return snapshot


# --- synchronous check (the check_url command): stores nothing --------------------------------


def url_check_report(
    url: str,
    *,
    claim_text: str | None = None,
    language: str | None = None,
    options: FetchOptions | None = None,
) -> dict:
    return url_check(
        url, options=options or fetch_options(), claim_text=claim_text, language=language
    )
