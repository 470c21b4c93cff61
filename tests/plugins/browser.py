"""Web UI test clients: Playwright (sync API) driving Debian's Chromium against live_server,
and the Django test client set up for the desk.

Playwright's own browser download is not possible here; `scripts/ensure-chromium.sh` installs
Debian's `chromium`, which these fixtures launch. The tests fail (never skip) without it.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connections
from django.test import override_settings

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "correct-horse-battery-staple"  # the one tests/conftest.py gives everybody


def chromium_path() -> str:
    path = os.environ.get("CLAIMDESK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    assert Path(path).exists(), (
        f"Chromium not found at {path}: run `bash scripts/ensure-chromium.sh` (browser tests need it)"
    )
    return path


@pytest.fixture
def _playwright_browser(monkeypatch):
    """One Chromium per test: Playwright's event loop must not outlive the browser tests."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
    # test itself (fixtures, assertions) are still plain synchronous code. Only for this test:
    # child processes and later tests (`check --deploy`) must not inherit it.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()
            # While Playwright's loop runs, Django keeps this test's ORM connection in a context
            # variable, apart from the thread's own: close it here, or it outlives the test
            # database (PostgreSQL then refuses to drop it).
            connections.close_all()


def _live_server_middleware_reload(live_server) -> None:
    # SecurityMiddleware reads SECURE_SSL_REDIRECT once, when the (session-wide) live server
    # builds its middleware chain: rebuild it so a settings change reaches the browser.
    app = live_server.thread.httpd.get_app()
    while app is not None:
        if hasattr(app, "load_middleware"):
            app.load_middleware()
        app = getattr(app, "application", None)


@pytest.fixture
def browser_settings(live_server):
    """The live server speaks plain HTTP: no HTTPS redirect, cookies not marked Secure."""
    with override_settings(
        SECURE_SSL_REDIRECT=False,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
        SECURE_HSTS_SECONDS=0,
    ):
        _live_server_middleware_reload(live_server)
        yield
    _live_server_middleware_reload(live_server)


@pytest.fixture
def desk_login(_playwright_browser, browser_settings, live_server) -> Iterator:
    """`desk_login(user)` gives a page logged in as `user` in its own browser context."""
    contexts = []

    def login(user, password: str = PASSWORD):
        context = _playwright_browser.new_context(
            viewport={"width": 1360, "height": 1000}, locale="en-GB"
        )
        context.set_default_timeout(20_000)
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/login/")
        page.get_by_label("Username").fill(user.get_username())
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    yield login
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot_dir() -> Path:
    folder = Path(django_settings.BASE_DIR) / "var" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def desk_client(settings):
    """`desk_client(user, csrf=False)`: a Django test client for the web UI, logged in as `user`.

    DEBUG=0 turns the HTTPS redirect on; the test client speaks plain HTTP.
    """
    from django.test import Client

    settings.SECURE_SSL_REDIRECT = False

    def client_for(user=None, *, csrf: bool = False) -> Client:
        client = Client(enforce_csrf_checks=csrf)
        if user is not None:
            client.force_login(user)
        return client

    return client_for
