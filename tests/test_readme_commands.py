"""Every command line the README prints works exactly as printed, on a clone after `make run`,
with nothing configured; a missing or malformed setting stops any manage.py command with one
line, never a traceback."""

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.sources_pages import ENGLISH_PAGE

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
SH_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.DOTALL | re.MULTILINE)
# The address the README's check-url example fetches; the test serves it from its own server.
README_SOURCE = "https://example.org/"

# Printed, but not run here: each with the reason.
EXCLUDED = {
    "make run": "starts web and worker until Ctrl-C; the same steps run in test_load_demo, "
    "test_worker_process and the browser tests",
    "make test": "is this suite",
    "DEBUG=1 .venv/bin/python manage.py createsuperuser": "Django's own interactive command",
    "DEBUG=1 .venv/bin/python manage.py add_user layla --role fact-checker "
    "--queue arabic-desk --email layla@example.org": "needs the database `make run` made; the same command runs "
    "in tests/test_team_setup.py",
    "DEBUG=1 .venv/bin/python manage.py add_user omar --role editor --role fact-checker --password": (
        "asks for a password; the command runs in tests/test_team_setup.py"
    ),
    "export DATABASE_URL=postgres://claimdesk:secret@db.internal:5432/claimdesk": "deployment "
    "recipe against your own PostgreSQL and Redis hosts (db.internal, redis.internal)",
    "export REDIS_URL=redis://redis.internal:6379/0": "deployment recipe (see above)",
    "export SECRET_KEY=… DEBUG=0 ALLOWED_HOSTS=desk.example.org": "deployment recipe (see above)",
    ".venv/bin/python manage.py migrate": "deployment recipe, needs its exported DATABASE_URL; "
    "migrations run in every database test",
    ".venv/bin/python manage.py collectstatic --noinput": "deployment recipe; static files are "
    "tested in test_static_files",
    ".venv/bin/honcho start -f Procfile.production -c worker-sources=4": "deployment recipe: "
    "web, workers and beat until stopped; bench_sources starts the same worker-sources line "
    "and test_worker_process, test_sources_worker start real workers",
}


def readme_command_lines() -> list[str]:
    lines = []
    for block in SH_BLOCK.findall(README.read_text(encoding="utf-8")):
        for line in block.splitlines():
            command = re.sub(
                r"\s+#(?![^'\"]*['\"]).*$", "", line
            ).strip()  # drop a trailing comment
            if command and not command.startswith("#"):
                lines.append(command)
    return lines


def fresh_shell_env(**extra) -> dict:
    """A terminal on a machine where nobody set anything: no DEBUG, no SECRET_KEY, no venv."""
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": "C.UTF-8",
    }
    env.update(extra)
    return env


def run(command: str, **extra) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-c", command],
        cwd=REPO,
        env=fresh_shell_env(**extra),
        capture_output=True,
        text=True,
        timeout=120,
    )


RUNNABLE = [line for line in readme_command_lines() if line not in EXCLUDED]


def test_it_runs_or_explicitly_excludes_every_command_the_readme_prints():
    lines = readme_command_lines()
    assert len(lines) >= 10
    assert set(EXCLUDED) <= set(lines), set(EXCLUDED) - set(lines)  # no stale exclusion
    assert any("claimdesk extract" in line for line in RUNNABLE)
    assert any("claimdesk check-url" in line for line in RUNNABLE)
    assert any("manage.py extract_claims" in line for line in RUNNABLE)


@pytest.mark.parametrize("command", RUNNABLE)
def test_it_runs_the_readme_command_exactly_as_printed(command, outside_web, request):
    extra = {}
    if README_SOURCE in command:
        # The test's own server stands in for the outside web (the printed URL is the only change).
        outside_web.add("/", ENGLISH_PAGE, content_type="text/html; charset=utf-8")
        command = command.replace(README_SOURCE, outside_web.url("/"))
        extra["CLAIMDESK_FETCH_ALLOW_PRIVATE"] = "1"

    result = run(command, **extra)

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.strip()
    if "--json" in command:
        data = json.loads(result.stdout)
        assert data.get("claims") or data.get("ok"), data
    if "check-url" in command:
        assert data["ok"] and data["stance"] in {"supports", "mentions", "mixed", "contradicts"}


@pytest.mark.parametrize(
    "command",
    [
        "migrate",
        "load_demo",
        "preflight",
        "runserver 127.0.0.1:0 --noreload",
        "showmigrations",
        "check",
        "shell -c 'print(1)'",
    ],
)
def test_it_says_in_one_line_that_a_setting_is_missing(command):
    result = run(f".venv/bin/python manage.py {command}")

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert "SECRET_KEY must be set when DEBUG is off" in line


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        ({"DATABASE_URL": "nonsense"}, "DATABASE_URL"),
        ({"REDIS_URL": "localhost:6379"}, "REDIS_URL"),
        ({"CLAIMDESK_LEASE_MINUTES": "an hour"}, "CLAIMDESK_LEASE_MINUTES"),
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"DATABASE_URL": "mysql://db/claimdesk"}, "mysqlclient"),
    ],
)
def test_it_says_in_one_line_what_is_wrong_with_a_setting(setting, said):
    result = run(".venv/bin/python manage.py migrate", **{"DEBUG": "1", **setting})

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert said in line


def test_it_keeps_the_database_free_tools_free_of_settings():
    # Settings that would stop any other command do not matter to these two.
    result = run(
        ".venv/bin/claimdesk extract - --json <<< 'Exports rose 12% in 2023.'",
        DEBUG="maybe",
        DATABASE_URL="nonsense",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["claims"]

    missing = run(".venv/bin/claimdesk extract no-such-file.txt")
    assert missing.returncode == 2
    assert missing.stderr.strip() == (
        "claimdesk: Cannot read no-such-file.txt: No such file or directory."
    )


def test_it_exits_1_with_one_line_when_check_url_is_refused():
    result = run(".venv/bin/claimdesk check-url http://127.0.0.1:9/ --json")

    assert result.returncode == 1
    assert json.loads(result.stdout)["refused"]
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("claimdesk: http://127.0.0.1:9/: refused:")
