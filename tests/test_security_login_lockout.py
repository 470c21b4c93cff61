"""Brute force: per-account and per-address lockout with a cool-off, on every way to log in.

Before, /login/ and /admin/login/ answered 150 wrong passwords with 200 and then let the right
one in, and the token endpoint's throttle keyed on a forgeable X-Forwarded-For.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import PASSWORD
from tests.workflow_setup import plain_http  # noqa: F401

LIMIT = 10  # wrong passwords answered as wrong; the next one locks


def _login(client: Client, path: str, username: str, password: str, **headers):
    if path.startswith("/api/"):
        return client.post(
            path,
            {"username": username, "password": password},
            content_type="application/json",
            headers=headers,
        )
    return client.post(path, {"username": username, "password": password}, headers=headers)


def _succeeded(path: str, response) -> bool:
    if path.startswith("/api/"):
        return response.status_code == 200 and "token" in response.json()
    return response.status_code == 302


def _locked(path: str, response) -> bool:
    if response.status_code != 429:
        return False
    if path.startswith("/api/"):
        return "locked" in response.json()["detail"]
    return "locked" in response.content.decode()


def _cool_off_passes():
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(hours=1))


@pytest.fixture(autouse=True)
def _staff(settings, admin_user):
    """The admin login needs a staff account; the others log in as the checker."""
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


@pytest.mark.parametrize("path", ["/login/", "/admin/login/", "/api/v1/auth/token/"])
def test_the_eleventh_wrong_password_locks_until_the_cool_off_ends(db, checker, path):
    client = Client()
    username = "admin" if path.startswith("/admin/") else "checker"
    for attempt in range(LIMIT):
        response = _login(client, path, username, "wrong")
        assert response.status_code in (200, 400), (attempt, response.status_code)

    assert _locked(path, _login(client, path, username, "wrong"))
    # Locked: even the right password is refused, however the header is forged.
    assert _locked(path, _login(client, path, username, PASSWORD))
    assert _locked(path, _login(client, path, username, PASSWORD, X_Forwarded_For="203.0.113.99"))

    _cool_off_passes()
    assert _succeeded(path, _login(client, path, username, PASSWORD))


def test_a_forged_forwarded_for_does_not_reset_the_address_lock(db, checker, checker2):
    client = Client()
    for n in range(LIMIT + 1):
        # A different made-up account each time, each with a fresh forged client address.
        _login(client, "/login/", f"nobody{n}", "wrong", X_Forwarded_For=f"198.51.100.{n}")

    response = _login(client, "/login/", "checker2", PASSWORD, X_Forwarded_For="192.0.2.1")

    assert _locked("/login/", response)


def test_the_token_endpoint_throttle_ignores_a_forged_forwarded_for(db, checker):
    client = Client()
    for n in range(LIMIT + 1):
        _login(client, "/api/v1/auth/token/", "checker", "wrong", X_Forwarded_For=f"10.9.{n}.1")

    response = _login(client, "/api/v1/auth/token/", "checker", PASSWORD)

    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert "Retry-After" in response


def test_the_locked_out_user_reads_why_and_for_how_long(db, checker):
    client = Client()
    for _ in range(LIMIT + 1):
        response = _login(client, "/login/", "checker", "wrong")

    html = response.content.decode()
    assert 'data-testid="locked-out"' in html
    assert "15 minutes" in html
