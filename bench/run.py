"""make bench: run every bench/bench_*.py and print one table.

Each benchmark prints TSV rows `figure<TAB>value<TAB>unit<TAB>compared with` on stdout.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent


def answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def bench_environment() -> dict[str, str]:
    """The production-like stack when it is here: PostgreSQL and Redis on their usual ports.

    Benchmarks create and drop their own databases and use a spare Redis database number.
    Without them, they fall back to SQLite and the embedded broker (and say so).
    """
    env = dict(os.environ)
    if "DATABASE_URL" not in env and answers(5432):
        env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/claimdesk_bench_suite"
    if "REDIS_URL" not in env and answers(6379):
        env["REDIS_URL"] = "redis://127.0.0.1:6379/13"
    print(
        f"bench stack: database={env.get('DATABASE_URL', 'sqlite')} "
        f"broker={env.get('REDIS_URL', 'embedded')}",
        file=sys.stderr,
    )
    return env


def main() -> int:
    env = bench_environment()
    rows: list[tuple[str, str, str, str, str]] = []
    failures = 0
    for script in sorted(BENCH_DIR.glob("bench_*.py")):
        name = script.stem.removeprefix("bench_")
        print(f"running {script.name} …", file=sys.stderr, flush=True)
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, str(script)],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=3600,  # bench_matching fills a 200,000-item index first
        )
        if result.returncode != 0:
            failures += 1
            rows.append(
                (
                    name,
                    "FAILED",
                    "",
                    "",
                    result.stderr.strip().splitlines()[-1:][0] if result.stderr.strip() else "",
                )
            )
            continue
        for line in result.stdout.splitlines():
            parts = line.split("\t")
            if len(parts) == 4:
                rows.append((name, *parts))
        print(f"  done in {time.monotonic() - started:.0f}s", file=sys.stderr)
    widths = [
        max(len(row[i]) for row in [("bench", "figure", "value", "unit", "compared with"), *rows])
        for i in range(5)
    ]
    header = ("bench", "figure", "value", "unit", "compared with")
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
