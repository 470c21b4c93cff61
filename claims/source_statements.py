"""The source check's busy path in hand-written SQL, one statement per step.

A source check spends most of its own CPU building ORM queries, not running them (bench figures
in the README, "Worker layout"). The three steps every check takes are written out here, for
PostgreSQL and SQLite alike; anything unusual (a redelivery, a held lease, an exhausted source)
still goes through the ORM code in claims.sources, which these functions fall back to by
returning None.

Only constants (column names, placeholders) are put into the SQL text; every value is a
parameter (hence the `noqa: S608` marks).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from django.db import connection
from django.utils import timezone

from claims.db_rows import model_from_row
from claims.leases import lease_length
from claims.models import Evidence, Snapshot, Source

# The Source fields the rest of a check reads.
_SOURCE_COLUMNS = (
    "id", "url", "normalized_url", "host", "status", "failure_reason", "fetch_key", "attempts",
    "lease_owner", "lease_expires_at", "dispatched_at", "is_dead", "content_changed",
    "last_fetched_at", "created_at", "updated_at",
)  # fmt: skip


def _datetime_param(value: datetime | None):
    return connection.ops.adapt_datetimefield_value(value)


def _param(value):
    if isinstance(value, datetime):
        return _datetime_param(value)
    if isinstance(value, date):
        return connection.ops.adapt_datefield_value(value)
    return value


def attempt_take(*, source_id: int, fetch_key: str, owner: str | None) -> Source | None:
    """Start a first fetch attempt in one UPDATE … RETURNING, committed at once.

    Only the usual case: the source exists in this round, is waiting or fetching, nobody else
    holds it, and this round's snapshot is not stored yet. None otherwise: the caller then
    decides with the full rules (claims.sources.source_attempt_start).
    """
    owner = owner or uuid.uuid4().hex
    now = timezone.now()
    sql = f"""
        UPDATE claims_source
           SET status = %s, attempts = attempts + 1, lease_owner = %s,
               lease_expires_at = %s, updated_at = %s
         WHERE id = %s AND fetch_key = %s AND status IN (%s, %s)
           AND (lease_expires_at IS NULL OR lease_expires_at < %s OR lease_owner = %s)
           AND NOT EXISTS (
               SELECT 1 FROM claims_snapshot WHERE source_id = %s AND fetch_key = %s)
        RETURNING {", ".join(_SOURCE_COLUMNS)}
    """  # noqa: S608
    fetching, pending = Source.Status.FETCHING.value, Source.Status.PENDING.value
    params = [
        fetching, owner, _datetime_param(now + lease_length()), _datetime_param(now),
        source_id, fetch_key, pending, fetching, _datetime_param(now), owner, source_id, fetch_key,
    ]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return model_from_row(Source, _SOURCE_COLUMNS, row) if row else None


def snapshot_insert(*, source_id: int, fetch_key: str, values: dict) -> Snapshot | None:
    """Store a round's snapshot in one INSERT (autocommit); None when it is stored already."""
    values = {"source_id": source_id, "fetch_key": fetch_key, **values}
    columns = list(values)
    params = [_param(value) for value in values.values()]
    sql = (
        f"INSERT INTO claims_snapshot ({', '.join(columns)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(columns))}) "
        "ON CONFLICT (source_id, fetch_key) DO NOTHING RETURNING id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    return Snapshot(id=row[0], **values)


@dataclass
class CitingClaim:
    id: int
    text: str
    facts: list
    language: str


def round_claims_locked(*, source_id: int, snapshot_id: int) -> tuple[str, list[CitingClaim]]:
    """Inside a transaction: lock the source row, then (the round's current fetch key, the
    claims citing it that have no evidence from this snapshot yet), in one SELECT."""
    lock = " FOR UPDATE OF s" if connection.features.has_select_for_update_of else ""
    sql = f"""
        SELECT s.fetch_key, c.id, c.text, c.facts, a.language
          FROM claims_source s
          LEFT JOIN claims_citation ci ON ci.source_id = s.id
          LEFT JOIN claims_claim c ON c.id = ci.claim_id AND NOT EXISTS (
               SELECT 1 FROM claims_evidence e WHERE e.claim_id = c.id AND e.snapshot_id = %s)
          LEFT JOIN claims_article a ON a.id = c.article_id
         WHERE s.id = %s
         ORDER BY c.id{lock}
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [snapshot_id, source_id])
        rows = cursor.fetchall()
    if not rows:
        raise Source.DoesNotExist(f"source {source_id} is gone")
    claims = [
        CitingClaim(
            id=claim_id,
            text=text or "",
            facts=json.loads(facts) if isinstance(facts, str | bytes) else (facts or []),
            language=language or "",
        )
        for _, claim_id, text, facts, language in rows
        if claim_id is not None
    ]
    return rows[0][0], claims


def evidence_insert(rows: list[dict]) -> int:
    """One INSERT for every claim's evidence; a row stored already (a redelivery) is skipped."""
    if not rows:
        return 0
    columns = ["claim_id", "snapshot_id", "stance", "fact_results", "passages", "created_at"]
    json_prep = {name: Evidence._meta.get_field(name) for name in ("fact_results", "passages")}
    now = _datetime_param(timezone.now())
    params = []
    for row in rows:
        params += [
            row["claim_id"],
            row["snapshot_id"],
            str(row["stance"]),
            json_prep["fact_results"].get_db_prep_save(row["fact_results"], connection),
            json_prep["passages"].get_db_prep_save(row["passages"], connection),
            now,
        ]
    values = ", ".join([f"({', '.join(['%s'] * len(columns))})"] * len(rows))
    sql = (
        f"INSERT INTO claims_evidence ({', '.join(columns)}) VALUES {values} "  # noqa: S608
        "ON CONFLICT (claim_id, snapshot_id) DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return max(cursor.rowcount, 0)


def round_checked(*, source_id: int, fetched_at: datetime) -> None:
    """The round's snapshot is the latest and every citing claim is matched."""
    now = _datetime_param(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE claims_source SET status = %s, failure_reason = '', is_dead = %s, "
            "attempts = 0, lease_expires_at = NULL, last_fetched_at = %s, updated_at = %s "
            "WHERE id = %s",
            [Source.Status.CHECKED.value, False, _datetime_param(fetched_at), now, source_id],
        )
