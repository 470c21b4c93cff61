"""Content-Security-Policy and the other security headers on every response.

The browser tests prove the policy itself blocks injected script (not only escaping), and that the
desk, the admin and the API docs (Swagger UI served from our own static files) run under it.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.test_public_api import make_article, make_verdict, publish
from tests.workflow_setup import assigned_claim, plain_http  # noqa: F401

VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def csp_of(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2]
        for part in header.split(";")
        if part.strip()
    }


@pytest.mark.parametrize("path", ["/login/", "/admin/login/", "/api/v1/auth/token/", "/healthz"])
def test_every_response_carries_the_policy_and_the_headers(client, db, path):
    response = client.get(path, secure=True)

    policy = csp_of(response)
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]


def test_the_public_verdict_page_may_be_framed_by_the_configured_sites(client, defaults, settings):
    settings.CLAIMDESK_EMBED_ANCESTORS = ["https://news.example.org"]
    verdict = publish(make_verdict(make_article()))

    response = client.get(f"/claims/{verdict.claim_id}/verdict/", secure=True)

    assert response.status_code == 200
    policy = csp_of(response)
    assert policy["frame-ancestors"] == "https://news.example.org"
    assert policy["script-src"] == "'self'"
    assert "X-Frame-Options" not in response
    assert " style=" not in response.content.decode()  # colours come in a nonce'd block


def test_the_api_docs_load_swagger_ui_from_our_own_origin(client, db):
    response = client.get("/api/docs/", secure=True)

    html = response.content.decode()
    assert response.status_code == 200
    assert "cdn.jsdelivr.net" not in html
    assert re.search(r'src="/static/drf_spectacular_sidecar/swagger-ui-dist/[^"]+\.js"', html)
    assert "<script>" not in html  # the initialiser is a file too


@pytest.fixture
def probe_urls(settings):
    settings.ROOT_URLCONF = "tests.csp_probe_urls"


def _page(_playwright_browser):
    context = _playwright_browser.new_context()
    context.set_default_timeout(20_000)
    context.add_init_script(VIOLATIONS)
    return context, context.new_page()


@pytest.mark.browser
def test_chromium_blocks_injected_inline_script(
    _playwright_browser, browser_settings, live_server, probe_urls, db
):
    context, page = _page(_playwright_browser)
    try:
        page.goto(f"{live_server.url}/csp-probe/")
        expect(page.locator("#text")).to_be_visible()
        page.wait_for_function("window.__cspViolations.length >= 3")

        assert page.evaluate("window.injectedInline") is None
        assert page.evaluate("window.injectedHandler") is None
        assert page.evaluate("window.injectedData") is None
        violations = " ".join(page.evaluate("window.__cspViolations"))
        assert "script-src" in violations
        # Inline style attributes are refused as well (only nonce'd blocks and our files apply).
        color = page.evaluate("getComputedStyle(document.getElementById('styled')).color")
        assert color != "rgb(255, 0, 0)"
    finally:
        context.close()


@pytest.mark.browser
def test_the_desk_the_admin_and_the_docs_run_under_the_policy(
    _playwright_browser, browser_settings, live_server, checker, admin_user
):
    claim = assigned_claim(checker)
    context, page = _page(_playwright_browser)
    try:
        page.goto(f"{live_server.url}/login/")
        page.get_by_label("Username").fill("admin")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{live_server.url}/")
        assert page.evaluate("typeof window.htmx") == "object"
        assert page.evaluate("window.__cspViolations") == []
        # Each page, once ready, has had no script, style or frame refused.
        for path, ready in [
            (f"/claims/{claim.pk}/", "#sources"),
            (f"/admin/claims/claim/{claim.pk}/change/", "#content"),
            ("/admin/", "#content"),
            ("/api/docs/", ".swagger-ui .opblock"),
        ]:
            page.goto(f"{live_server.url}{path}")
            expect(page.locator(ready).first).to_be_visible()
            page.wait_for_load_state("load")  # every script and style has been tried
            assert page.evaluate("window.__cspViolations") == [], path
    finally:
        context.close()
