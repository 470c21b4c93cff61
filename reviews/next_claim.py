"""`next` on PostgreSQL in one round trip: take, lease and audit in a single statement.

The ORM path (reviews.assignment) reads the candidate, updates it, inserts the audit event and
the assignment: with BEGIN, savepoints and COMMIT about ten round trips, during which the row
lock is held. Here one `UPDATE … RETURNING` over a `SELECT … FOR UPDATE SKIP LOCKED` subquery,
with the assignment and the audit event inserted by data-modifying CTEs of the same statement,
does all of it. A single statement is a transaction of its own in autocommit, so no BEGIN or
COMMIT is sent; inside a caller's transaction it simply joins it.

The guarantees are those of the ORM path: SKIP LOCKED hands concurrent checkers different
rows, the UPDATE re-checks `status = 'queued'` on the latest row version, and the partial unique
index `one_open_assignment` refuses a second open lease (the whole statement then fails and
changes nothing). The audit event carries the same before/after as `claim_transition` writes.

Cost: the pick walks the queue index `(queue, status, checkworthiness DESC, created_at)` and
stops at the first unlocked row. Repeats come first, but an `ORDER BY EXISTS (…)` would sort
the whole queue on every call (2.6 ms at 1,500 queued claims, growing with the queue), so the
repeats are picked apart (few rows, through the repeat table) and the ordinary order is tried
only when none is free. The statement is prepared once per connection (generic plan): planning
it cost more than running it. The WAL flush at commit costs more than everything else together;
settings.CLAIMDESK_NEXT_ASYNC_COMMIT (off by default) lets a take run on its own commit without
waiting for it, at the price that a database crash can forget the last takes (claim, lease and
audit event together, never one without the others).
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import nullcontext
from datetime import datetime

import psycopg
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from claims.db_rows import model_from_row
from claims.models import AuditEvent, Claim
from reviews.lifecycle import ClaimEvent
from reviews.models import Assignment, Queue, RepeatOccurrence


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _column(model, name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def _statement() -> str:
    claim, assignment, audit = Claim, Assignment, AuditEvent
    members = Queue.members.through
    c = {name: _column(claim, name) for name in ("id", "queue", "status", "version", "updated_at")}
    claim_columns = ", ".join(
        f"taken.{connection.ops.quote_name(field.column)}" for field in claim._meta.concrete_fields
    )
    a = {
        name: _column(assignment, name)
        for name in ("claim", "checker", "assigned_by", "assigned_at", "lease_expires_at")
    }
    e = {
        name: _column(audit, name)
        for name in (
            "actor", "action", "object_type", "object_id", "claim", "before", "after", "created_at"
        )
    }  # fmt: skip
    # Only quoted table and column names from the models are formatted in; values are parameters.
    return f"""
WITH repeat_first AS (
    SELECT {c["id"]} AS id FROM {_table(claim)}
    WHERE {c["queue"]} = %(queue)s AND {c["status"]} = %(queued)s
      AND NOT ({c["id"]} = ANY(%(exclude)s::bigint[]))
      AND {c["id"]} IN (SELECT {_column(RepeatOccurrence, "claim")} FROM {_table(RepeatOccurrence)})
      AND (%(superuser)s OR EXISTS (
          SELECT 1 FROM {_table(members)}
          WHERE {_column(members, "queue")} = %(queue)s AND {_column(members, "user")} = %(checker)s
      ))
    ORDER BY {_column(claim, "checkworthiness")} DESC, {_column(claim, "created_at")} ASC,
             {c["id"]} ASC
    LIMIT 1
    FOR UPDATE SKIP LOCKED
), in_order AS (
    SELECT {c["id"]} AS id FROM {_table(claim)}
    WHERE {c["queue"]} = %(queue)s AND {c["status"]} = %(queued)s
      AND NOT ({c["id"]} = ANY(%(exclude)s::bigint[]))
      AND (%(superuser)s OR EXISTS (
          SELECT 1 FROM {_table(members)}
          WHERE {_column(members, "queue")} = %(queue)s AND {_column(members, "user")} = %(checker)s
      ))
    ORDER BY {_column(claim, "checkworthiness")} DESC, {_column(claim, "created_at")} ASC,
             {c["id"]} ASC
    LIMIT 1
    FOR UPDATE SKIP LOCKED
), picked AS (
    SELECT COALESCE((SELECT id FROM repeat_first), (SELECT id FROM in_order)) AS id
), taken AS (
    UPDATE {_table(claim)} AS taken
    SET {c["status"]} = %(assigned)s, {c["version"]} = taken.{c["version"]} + 1,
        {c["updated_at"]} = %(now)s
    WHERE taken.{c["id"]} = (SELECT id FROM picked) AND taken.{c["status"]} = %(queued)s
    RETURNING {claim_columns}
), lease AS (
    INSERT INTO {_table(assignment)}
        ({a["claim"]}, {a["checker"]}, {a["assigned_by"]}, {a["assigned_at"]},
         {a["lease_expires_at"]}, {_column(assignment, "end_reason")})
    SELECT taken.{c["id"]}, %(checker)s, %(checker)s, %(now)s, %(lease)s, '' FROM taken
    RETURNING {_column(assignment, "id")} AS id
), audit AS (
    INSERT INTO {_table(audit)}
        ({e["actor"]}, {e["action"]}, {e["object_type"]}, {e["object_id"]}, {e["claim"]},
         {e["before"]}, {e["after"]}, {e["created_at"]})
    SELECT %(checker)s, %(action)s, %(object_type)s, taken.{c["id"]}::text, taken.{c["id"]},
           jsonb_build_object('status', %(queued)s::text, 'version', taken.{c["version"]} - 1),
           jsonb_build_object('status', %(assigned)s::text, 'version', taken.{c["version"]},
                              'checker', %(username)s::text, 'lease_expires_at', %(lease_iso)s::text),
           %(now)s
    FROM taken
), durability AS (
    SELECT set_config('synchronous_commit',
        CASE WHEN %(async_commit)s THEN 'off' ELSE current_setting('synchronous_commit') END, true)
)
SELECT {claim_columns}, lease.id FROM taken, lease, durability
"""  # noqa: S608


_STATEMENT: str | None = None
_ONLY_WHEN_ASKED = 2**31 - 1


def claim_take_next_postgres(
    *, queue: Queue, checker, lease: datetime, exclude: Iterable[int] = ()
) -> Claim | None:
    """The claim taken, with `current_assignment` set; None when the queue has nothing for
    this checker (empty, or not a member: the caller tells which).

    Raises IntegrityError when the one-open-assignment constraint refuses the lease; then
    nothing was changed.
    """
    global _STATEMENT
    if _STATEMENT is None:
        _STATEMENT = _statement()
    now = timezone.now()
    params = {
        "queue": queue.pk,
        "exclude": sorted({int(pk) for pk in exclude}),
        "queued": Claim.Status.QUEUED.value,
        "assigned": Claim.Status.ASSIGNED.value,
        "superuser": bool(checker.is_superuser),
        "checker": checker.pk,
        "username": checker.get_username(),
        "now": now,
        "lease": lease,
        "lease_iso": lease.isoformat(),
        "action": f"claim.{ClaimEvent.ASSIGN.value}",
        "object_type": Claim._meta.label_lower,
        # Only for a transaction of its own: never relax a caller's transaction.
        "async_commit": settings.CLAIMDESK_NEXT_ASYNC_COMMIT and not connection.in_atomic_block,
    }
    # Inside a caller's transaction a failed statement would poison it: keep it apart.
    apart = transaction.atomic() if connection.in_atomic_block else nullcontext()
    with apart, connection.cursor() as wrapper, connection.wrap_database_errors:
        # Bound and prepared on the server (Django's cursors bind on the client): the plan
        # is made once per connection instead of on every call.
        raw = wrapper.cursor.connection
        if raw.prepare_threshold is None:
            # Django turns psycopg's preparing off (its own cursors bind on the client and never
            # prepare); without a threshold `prepare=True` is ignored too. A threshold nothing
            # else reaches lets this one statement, which asks for it, be prepared.
            raw.prepare_threshold = _ONLY_WHEN_ASKED
        with psycopg.Cursor(raw) as cursor:
            cursor.execute(_STATEMENT, params, prepare=True)
            row = cursor.fetchone()
    if row is None:
        return None
    names = [field.attname for field in Claim._meta.concrete_fields]
    claim = model_from_row(Claim, names, row)
    claim.current_assignment = Assignment(
        id=row[-1],
        claim=claim,
        checker=checker,
        assigned_by=checker,
        assigned_at=now,
        lease_expires_at=lease,
        end_reason="",
    )
    return claim
