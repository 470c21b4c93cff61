"""Settings come from the environment, and bad configuration gets a clear message at start-up."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from config.celery import app

REPO = Path(__file__).resolve().parents[1]
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "k8Jf2-pQ9zXv7_Lw3Rt6Yb1Nm4Hs0Dc5Ge8Ua2Ko7Ti9Pl3Wq6Er1Ty4Ui7Op0As3Df6Gh9",
    "ALLOWED_HOSTS": "desk.example.org",
    "DATABASE_URL": "sqlite:////tmp/claimdesk-deploy-check.sqlite3",
}


def run_manage(*args: str, env: dict[str, str], cwd: Path = REPO) -> subprocess.CompletedProcess:
    # A production-like environment: nothing the test run itself set (the browser tests allow
    # async-unsafe ORM calls in their process, which a deployment must never do).
    dropped = {"SECRET_KEY", "DEBUG", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=cwd,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_passes_the_deploy_check_with_production_values(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={**PRODUCTION_ENV, "CLAIMDESK_VAR_DIR": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off(tmp_path):
    result = run_manage("check", env={"DEBUG": "0", "CLAIMDESK_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_it_generates_a_development_secret_key_shared_by_processes(tmp_path):
    env = {"DEBUG": "1", "CLAIMDESK_VAR_DIR": str(tmp_path)}
    first = run_manage(
        "shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)", env=env
    )
    second = run_manage(
        "shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)", env=env
    )
    assert first.returncode == 0, first.stderr
    assert len(first.stdout.strip()) >= 50
    assert first.stdout == second.stdout


def test_it_explains_a_malformed_redis_url(tmp_path):
    result = run_manage(
        "check",
        env={**PRODUCTION_ENV, "REDIS_URL": "localhost:6379", "CLAIMDESK_VAR_DIR": str(tmp_path)},
    )
    assert result.returncode != 0
    assert "REDIS_URL='localhost:6379' must start with redis://" in result.stderr
    assert "Traceback" not in result.stderr.splitlines()[-1]


def test_it_explains_an_unreachable_database_at_start_up(tmp_path):
    result = run_manage(
        "preflight",
        env={
            **PRODUCTION_ENV,
            "DATABASE_URL": "postgres://nobody@127.0.0.1:1/nothing",
            "CLAIMDESK_VAR_DIR": str(tmp_path),
        },
    )
    assert result.returncode == 1
    assert "The database at 127.0.0.1:1/nothing cannot be reached" in result.stderr
    assert "Traceback" not in result.stderr


def test_it_explains_a_malformed_database_url(tmp_path):
    result = run_manage(
        "check",
        env={**PRODUCTION_ENV, "DATABASE_URL": "nosuchdb://x", "CLAIMDESK_VAR_DIR": str(tmp_path)},
    )
    assert result.returncode != 0
    assert "DATABASE_URL='nosuchdb://x' is not a database URL" in result.stderr


def test_it_configures_celery_for_safe_redelivery():
    conf = app.conf
    assert conf.task_serializer == "json"
    assert conf.accept_content == ["json"]
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.task_always_eager is False
    visibility = settings.CELERY_VISIBILITY_TIMEOUT
    assert conf.task_soft_time_limit < conf.task_time_limit < visibility


def test_it_routes_cpu_and_io_work_to_separate_declared_queues():
    declared = {queue.name for queue in app.conf.task_queues}
    assert settings.CLAIMDESK_CPU_QUEUE != settings.CLAIMDESK_IO_QUEUE
    assert {settings.CLAIMDESK_CPU_QUEUE, settings.CLAIMDESK_IO_QUEUE} <= declared
    for task_name, queue_name in (
        ("claims.tasks.extract_article", "extraction"),
        ("claims.tasks.check_source", "sources"),
        ("reviews.tasks.expire_assignment_leases", "maintenance"),
    ):
        queue = app.amqp.router.route({}, task_name)["queue"]
        # The message must reach that queue, not just name it: exchange and key follow the name.
        assert (queue.name, queue.routing_key, queue.exchange.name) == (queue_name,) * 3


def test_it_has_no_missing_migrations(db):
    from django.core.management import call_command

    call_command("makemigrations", check=True, dry_run=True, verbosity=0)
