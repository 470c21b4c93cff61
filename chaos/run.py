"""make chaos: start the real stack on loopback, inject each fault, time the recovery, count losses.

    python chaos/run.py [--quick] [--keep] [--base-port 18710]

Prints one table (fault, recovery time, lost, duplicated, result) and exits non-zero when any
fault took longer than the target to recover, lost work or duplicated anything. A recovery time
runs from the moment the broken part is back (worker ready, server accepting) to the moment the
last piece of work it stranded is finished, so it includes working through the backlog.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chaos.faults import (
    TARGET_RECOVERY,
    Api,
    Result,
    broker_outage,
    database_outage,
    kill_extraction_worker,
    kill_sources_worker,
    poison_article,
)
from chaos.stack import Stack

logging.getLogger("httpx").setLevel(logging.WARNING)

PASSWORD = "chaos-password-1"
MAX_ATTEMPTS = 3
# Short leases and sweeps so a run takes minutes; the README gives the production defaults.
RECOVERY_SETTINGS = {
    "CLAIMDESK_WORK_LEASE_SECONDS": "12",
    "CLAIMDESK_RECOVERY_SWEEP_SECONDS": "3",
    "CLAIMDESK_MAX_TASK_ATTEMPTS": str(MAX_ATTEMPTS),
    "CLAIMDESK_PUBLIC_REPAIR_SECONDS": "2",
    # A killed sources worker keeps its per-host fetch slots until their lease ends (deadline +
    # 30 s); every chaos source is on one host, so leave room for the next worker meanwhile.
    "CLAIMDESK_FETCH_HOST_CONCURRENCY": "16",
}
SCALES = {
    "full": {"articles": 8, "sentences": 1000, "sources": 10, "timeout": 240},
    "quick": {"articles": 4, "sentences": 800, "sources": 4, "timeout": 150},
}


def duplicates() -> dict[str, int]:
    """Rows that exist twice where once is the rule (0 everywhere is the pass mark)."""
    from django.db import connection

    queries = {
        "claims": "SELECT count(*) FROM (SELECT 1 FROM claims_claim WHERE origin = 'extracted' "
        'GROUP BY article_id, start, "end", kind HAVING count(*) > 1) d',
        "evidence": "SELECT count(*) FROM (SELECT 1 FROM claims_evidence "
        "GROUP BY claim_id, snapshot_id HAVING count(*) > 1) d",
        "snapshots": "SELECT count(*) FROM (SELECT 1 FROM claims_snapshot "
        "GROUP BY source_id, fetch_key HAVING count(*) > 1) d",
        "assignments": "SELECT count(*) FROM (SELECT 1 FROM reviews_assignment "
        "WHERE ended_at IS NULL GROUP BY claim_id HAVING count(*) > 1) d",
        "decisions": "SELECT count(*) FROM (SELECT 1 FROM reviews_editorialdecision "
        "WHERE decision = 'approve' GROUP BY verdict_id HAVING count(*) > 1) d",
        "audit events": "SELECT count(*) FROM (SELECT 1 FROM reviews_auditevent "
        "GROUP BY action, object_type, object_id, before::text, after::text "
        "HAVING count(*) > 1) d",
        "extraction runs": "SELECT count(*) FROM (SELECT 1 FROM reviews_auditevent "
        "WHERE action = 'article.extract' GROUP BY object_id HAVING count(*) > 1) d",
        # Not a duplicate but its mirror image: an article marked extracted by no recorded run.
        "unrecorded extractions": "SELECT count(*) FROM claims_article a WHERE status = "
        "'extracted' AND NOT EXISTS (SELECT 1 FROM reviews_auditevent e WHERE e.action = "
        "'article.extract' AND e.object_id = a.id::text)",
    }
    with connection.cursor() as cursor:
        found = {}
        for name, sql in queries.items():
            cursor.execute(sql)
            found[name] = cursor.fetchone()[0]
    return found


def seed_claim_id() -> int:
    from claims.models import Claim

    return (
        Claim.objects.filter(article__urls__isnull=False, status="queued")
        .order_by("pk")
        .values_list("pk", flat=True)[0]
    )


def table(results: list[Result], duplicated: dict[str, int]) -> str:
    total_duplicates = sum(duplicated.values())
    rows = [("fault", "recovery", "lost", "duplicated", "result", "notes")]
    for result in results:
        recovery = f"{result.recovery:.1f} s" if result.recovery is not None else "never"
        notes = "; ".join(result.checks) or result.note
        rows.append(
            (result.fault, recovery, str(result.lost), "-", "ok" if result.ok else "FAIL", notes)
        )
    dup_note = ", ".join(f"{name} {count}" for name, count in duplicated.items())
    rows.append(
        ("no duplicates (whole run)", "-", "-", str(total_duplicates),
         "ok" if total_duplicates == 0 else "FAIL", dup_note)
    )  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = []
    for n, row in enumerate(rows):
        cells = [row[i].ljust(widths[i]) for i in range(5)]
        lines.append(" | ".join(cells) + (f" | {row[5]}" if row[5] else ""))
        if n == 0:
            lines.append("-+-".join("-" * width for width in widths))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="the bounded form CI runs")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and logs")
    parser.add_argument("--base-port", type=int, default=int(os.environ.get("CHAOS_PORT", 18710)))
    args = parser.parse_args()
    scale = SCALES["quick" if args.quick else "full"]

    root = Path(tempfile.mkdtemp(prefix="claimdesk-chaos-"))
    root.chmod(0o755)  # PostgreSQL runs as its own user and must reach its folder
    stack = Stack(root, args.base_port, RECOVERY_SETTINGS)
    results: list[Result] = []
    duplicated: dict[str, int] = {}
    started = time.monotonic()
    try:
        print(f"chaos: starting the stack under {root}", flush=True)
        stack.start()
        os.environ.update(stack.env)
        import django

        django.setup()
        api = Api(stack.web_port, PASSWORD)
        faults = [
            ("kill extraction", lambda: kill_extraction_worker(stack, api, scale)),
            ("kill sources", lambda: kill_sources_worker(stack, api, scale, seed_claim_id())),
            ("poison", lambda: poison_article(stack, api, scale, MAX_ATTEMPTS)),
            ("broker", lambda: broker_outage(stack, api, scale)),
            ("database", lambda: database_outage(stack, api, scale)),
        ]
        for name, fault in faults:
            print(f"chaos: {name} …", flush=True)
            try:
                results.append(fault())
            except Exception as error:
                traceback.print_exc()
                results.append(Result(name, None, checks=[f"{type(error).__name__}: {error}"]))
            from django.db import connection

            connection.close()  # the database may have been restarted under this connection
        duplicated = duplicates()
    except KeyboardInterrupt:
        results.append(Result("interrupted", None, checks=["the run was interrupted"]))
    finally:
        stack.stop()
        if args.keep:
            print(f"chaos: logs kept in {stack.logs}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    print()
    print(table(results, duplicated))
    print(
        f"\ntarget recovery ≤ {TARGET_RECOVERY:.0f} s; run took {time.monotonic() - started:.0f} s"
    )
    passed = results and all(r.ok for r in results) and not sum(duplicated.values())
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
