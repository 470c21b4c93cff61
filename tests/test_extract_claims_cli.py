"""python manage.py extract_claims PATH --json, exactly as CONTRACTS §2."""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "claims" / "demo" / "putin-raisi-call.ar.txt"


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    # No database configured at all: the command must not need one.
    env = dict(os.environ, DATABASE_URL="postgres://nobody@127.0.0.1:1/none", DEBUG="0")
    env.setdefault("SECRET_KEY", "x" * 60)
    return subprocess.run(
        [sys.executable, "manage.py", "extract_claims", *args],
        cwd=REPO,
        env=env,
        input=stdin,
        capture_output=True,
        timeout=120,
    )


def test_it_prints_the_contract_json_for_the_seed_article_without_a_database():
    result = run_cli(str(SEED), "--json")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert data["language"] == "ar"
    money_claim = next(c for c in data["claims"] if c["kind"] == "money")
    assert (money_claim["start"], money_claim["end"]) == (1962, 2188)
    assert {"text", "start", "end", "kind", "checkworthiness", "facts"} <= money_claim.keys()
    fact = next(f for f in money_claim["facts"] if f["type"] == "money")
    assert {k: fact[k] for k in ("start", "end", "text", "value", "currency", "approximate")} == {
        "start": 2041,
        "end": 2060,
        "text": "بنحو 40 مليار دولار",
        "value": 40000000000,
        "currency": "USD",
        "approximate": True,
    }
    mismatch = data["inconsistencies"][0]
    assert (mismatch["type"], mismatch["start"], mismatch["end"], mismatch["text"]) == (
        "month_mismatch",
        2168,
        2180,
        "حزيران/يوليو",
    )
    assert "June" in mismatch["detail"] and "July" in mismatch["detail"]


def test_it_reads_standard_input():
    result = run_cli(
        "-", "--json", "--language", "en", stdin=b"Exports rose 5% in 2023, the minister said."
    )
    assert result.returncode == 0, result.stderr.decode()
    facts = json.loads(result.stdout)["claims"][0]["facts"]
    assert any(f["type"] == "percent" and f["value"] == 5 for f in facts)


def test_it_prints_a_table_for_people():
    result = run_cli(str(SEED), "--format", "table")
    assert result.returncode == 0
    out = result.stdout.decode()
    assert "[money] 1962-2188" in out
    assert "month_mismatch 2168-2180" in out


def test_it_refuses_an_empty_file_with_a_clear_message(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\t")
    result = run_cli(str(empty), "--json")
    assert result.returncode != 0
    assert b"empty" in result.stderr
    assert b"Traceback" not in result.stderr


def test_it_refuses_binary_and_non_utf8_files(tmp_path):
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("اتفاقية بقيمة 40 مليار دولار".encode("cp1256"))
    for path, message in ((binary, b"binary"), (legacy, b"not valid UTF-8")):
        result = run_cli(str(path), "--json")
        assert result.returncode != 0
        assert message in result.stderr
        assert b"Traceback" not in result.stderr


def test_it_explains_a_missing_file(tmp_path):
    result = run_cli(str(tmp_path / "nope.txt"), "--json")
    assert result.returncode != 0
    assert b"Cannot read" in result.stderr
