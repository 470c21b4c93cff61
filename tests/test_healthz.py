import os
import subprocess
import sys
from pathlib import Path

from config.celery import app

REPO = Path(__file__).resolve().parents[1]


def test_it_reports_database_and_broker_up(client, db):
    response = client.get("/healthz", secure=True)
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["broker"] == "ok"


def test_it_answers_503_when_the_broker_is_down(client, db, monkeypatch):
    monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:1/0")
    monkeypatch.setattr(app.conf, "broker_transport_options", {})
    response = client.get("/healthz", secure=True)
    assert response.status_code == 503
    assert response.json()["broker"] == "down"
    assert response.json()["database"] == "ok"


def test_it_answers_503_when_the_database_is_down(tmp_path):
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz', secure=True);"
        "print(r.status_code, r.json()['database'], r.json()['broker'])"
    )
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="0",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="testserver",
        DATABASE_URL="postgres://nobody@127.0.0.1:1/nothing",
        CLAIMDESK_VAR_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["503", "down", "ok"], result.stderr
