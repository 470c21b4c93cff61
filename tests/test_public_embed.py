"""The one-line embed on a publisher's page, in a real browser: another origin, CORS, no cookies.

The publisher's page is served by our own HTTP server on 127.0.0.1; Claimdesk is the live server
(a different origin), serving embed.js, badge.json and badge.svg.
"""

import pytest
from django.core.cache import cache
from django.utils import timezone

from claims.models import Claim
from reviews.models import Rating, Verdict
from tests.factories import ArticleFactory, ArticleURLFactory, ClaimFactory, VerdictFactory

pytestmark = pytest.mark.browser

ARTICLE_URL = "https://news.example.org/2025/01/budget-speech"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def publisher_page(outside_web, live_server, *, data_url: str) -> str:
    claimdesk = live_server.url  # localhost: another origin than the publisher (127.0.0.1)
    html = f"""<!doctype html><html><head><title>Budget speech</title></head><body>
<p>The article.</p>
<script src="{claimdesk}/static/claimdesk/embed.js" data-url="{data_url}"></script>
<p id="after">End of article.</p>
</body></html>"""
    return outside_web.add("/story", html, content_type="text/html; charset=utf-8")


@pytest.fixture
def browser_page(_playwright_browser, browser_settings):
    context = _playwright_browser.new_context()
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()


def test_it_embeds_the_badge_and_a_link_on_a_publishers_page(
    browser_page, outside_web, live_server, transactional_db, defaults
):
    article = ArticleFactory()
    ArticleURLFactory(article=article, url=ARTICLE_URL)
    claim = ClaimFactory(article=article, status=Claim.Status.PUBLISHED)
    VerdictFactory(
        claim=claim,
        rating=Rating.objects.get(scale__is_default=True, slug="false"),
        status=Verdict.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    page_url = publisher_page(outside_web, live_server, data_url=ARTICLE_URL + "?utm_source=x")
    errors = []
    browser_page.on("pageerror", lambda error: errors.append(str(error)))

    browser_page.goto(page_url)
    image = browser_page.locator("a.claimdesk-badge > img")
    image.wait_for()
    assert image.get_attribute("alt") == "Claimdesk: 1 claim checked · 1 false"
    browser_page.wait_for_function(
        "document.querySelector('a.claimdesk-badge > img').naturalWidth > 0"
    )
    link = browser_page.locator("a.claimdesk-badge")
    assert "/fact-checks/?url=" in link.get_attribute("href")
    # Inserted right after the script tag, where the publisher put it.
    assert (
        browser_page.evaluate("document.querySelector('a.claimdesk-badge').nextElementSibling.id")
        == "after"
    )
    assert errors == []

    browser_page.goto(link.get_attribute("href"))
    assert browser_page.locator("html").get_attribute("lang") == "en"
    assert browser_page.get_by_text("False").first.is_visible()


def test_it_shows_nothing_for_an_article_claimdesk_does_not_know(
    browser_page, outside_web, live_server, transactional_db
):
    page_url = publisher_page(outside_web, live_server, data_url="https://unknown.example.org/a")
    with browser_page.expect_response(lambda response: "badge.json" in response.url) as answer:
        browser_page.goto(page_url)
    assert answer.value.status == 404
    browser_page.wait_for_load_state("networkidle")
    assert browser_page.locator("a.claimdesk-badge").count() == 0
