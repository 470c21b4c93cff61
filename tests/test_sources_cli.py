"""python manage.py check_url URL [--claim-text TEXT] [--language ar|en] --json"""

import io
import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from claims.models import Snapshot, Source
from tests.plugins.services import REPO_ROOT, child_environment
from tests.sources_pages import ENGLISH_PAGE

ARABIC_CLAIM = "وقّعت إيران وروسيا صفقة بنحو 40 مليار دولار في حزيران/يوليو، بحسب ما قال الكرملين."


def run(*args) -> tuple[dict, CommandError | None]:
    out = io.StringIO()
    error = None
    try:
        call_command("check_url", *args, "--json", stdout=out)
    except CommandError as failure:
        error = failure
    return json.loads(out.getvalue()), error


@pytest.mark.django_db
def test_it_checks_a_claim_against_a_url_and_stores_nothing(outside_web, settings):
    settings.CLAIMDESK_FETCH_ALLOW_PRIVATE = True
    url = outside_web.add("/deal", ENGLISH_PAGE)

    report, error = run(url, "--claim-text", ARABIC_CLAIM, "--language", "ar")

    assert error is None
    assert report["ok"] is True
    assert report["refused"] is None and report["error"] is None
    assert report["url"] == report["final_url"] == url
    assert report["http_status"] == 200
    assert report["content_type"] == "text/html"
    assert len(report["sha256"]) == 64
    assert report["text_length"] > 100
    assert report["stance"] == "supports"
    money = report["facts"][0]
    assert money["type"] == "money"
    assert money["claim_text"] == "بنحو 40 مليار دولار"
    assert money["result"] == "equal"
    assert money["seen"] == "$40bn"
    assert set(money["passage"]) == {"start", "end"}
    assert not Source.objects.exists() and not Snapshot.objects.exists()


def test_it_leaves_the_stance_null_without_a_claim(outside_web, settings):
    settings.CLAIMDESK_FETCH_ALLOW_PRIVATE = True
    url = outside_web.add("/plain", "just text", content_type="text/plain")

    report, error = run(url)

    assert error is None
    assert report["stance"] is None
    assert report["facts"] == []


def test_it_exits_1_with_error_set_when_the_fetch_fails(outside_web, settings):
    settings.CLAIMDESK_FETCH_ALLOW_PRIVATE = True
    url = outside_web.add("/gone", "no", status=404)

    report, error = run(url)

    assert error is not None and error.returncode == 1
    assert report["ok"] is False
    assert report["refused"] is None
    assert report["error"] == "the server answered 404 Not Found"
    assert report["http_status"] == 404


def test_it_exits_1_with_refused_set_for_a_private_address_in_a_real_process(outside_web):
    env = child_environment()
    env.pop("CLAIMDESK_FETCH_ALLOW_PRIVATE", None)
    outside_web.add("/secret", "internal")

    completed = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "check_url",
            f"http://127.1:{outside_web.port}/secret",
            "--json",
        ],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    report = json.loads(completed.stdout)
    assert completed.returncode == 1
    assert report["ok"] is False
    assert report["refused"] == "127.1 is 127.0.0.1, and 127.0.0.1 is a loopback address"
    assert report["error"] is None
    assert outside_web.connections == 0
