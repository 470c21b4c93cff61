"""Every desk and public page (the monitoring pages too), as checker, editor and anonymous reader, in Arabic and English, on a
desktop and on a 360 px phone: the page's language and direction, no horizontal scrolling, no raw
fact keys, and zero axe-core violations (WCAG 2.2 A and AA).

axe-core's axe.min.js comes from the `axe-playwright-python` package (PyPI), read from disk: no page
or test needs the internet. One browser context per person; the language is the reader's cookie.
"""

import os
import shutil
from pathlib import Path

import axe_playwright_python
import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.test import Client

from claims.feeds import feed_create
from claims.ingest import article_extract, article_submit
from claims.models import Article, Claim
from reviews.approval import verdict_approve
from reviews.assignment import claim_reassign
from reviews.models import SavedView
from reviews.repeats import claim_repeat_detected
from reviews.verdicts import verdict_submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED = Path(settings.BASE_DIR) / "claims" / "demo" / "putin-raisi-call.ar.txt"
PUBLISHED_URL = "https://news.example.org/2024/06/putin-raisi-call"
ENGLISH_SUMMARY = "The Iranian side gave the figure; the Kremlin readout names no sum at all."
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(
    encoding="utf-8"
)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RAW_KEYS = ("value:", "weekday:", "months:", "month_mismatch")
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 360, "height": 740}}
LANGUAGES = {"ar": "rtl", "en": "ltr"}


@pytest.fixture
def newsroom(checker, editor):
    """The seed article extracted and routed, a verdict waiting for the editor, one published,
    and a claim the checker holds with its verdict form open."""
    article, _created = article_submit(
        submitted_by=checker,
        title="بوتين ورئيسي يبحثان التعاون",
        body=SEED.read_text(encoding="utf-8"),
        language="ar",
        published_url=PUBLISHED_URL,
    )
    article_extract(article=article)
    claims = list(Claim.objects.filter(article=article).exclude(kind="inconsistency"))
    money = next(claim for claim in claims if claim.kind == "money")
    others = [claim for claim in claims if claim.pk != money.pk and claim.queue_id]
    published, waiting, held = money, others[0], others[1]
    for claim in (published, waiting, held):
        claim_reassign(claim=claim, checker=checker, editor=editor)
    for claim, summary in ((published, ENGLISH_SUMMARY), (waiting, "لم يصدر بيان بهذا المعنى")):
        claim.refresh_from_db()
        verdict_submit(claim=claim, author=checker, rating="unverifiable", summary=summary)
    verdict_approve(verdict=published.verdicts.get(), editor=editor)
    # Monitoring pages with something on them: a feed, and a claim that repeats a checked one.
    feed_create(
        url="https://news.example.org/feeds/politics.xml",
        publisher="وكالة الأنباء",
        created_by=editor,
        language="ar",
    )
    claim_repeat_detected(claim=held, matched_claim=published, score=0.91)
    # The finding pages with saved views on them, and an editor who manages the team.
    for person in (checker, editor):
        SavedView.objects.create(
            user=person, page=SavedView.Page.CLAIMS, name="أموال قيد التحقق", query="kind=money"
        )
        SavedView.objects.create(
            user=person, page=SavedView.Page.ARTICLES, name="Arabic articles", query="language=ar"
        )
    editor.user_permissions.add(Permission.objects.get(codename="manage_team"))
    # An article whose fetch failed: no title, no text, only the reason.
    failed = Article.objects.create(
        source_url="https://news.example.org/gone",
        status=Article.Status.FAILED,
        status_detail="HTTP 404",
        submitted_by=checker,
    )
    return {
        "failed": failed,
        "article": article,
        "published": published,
        "waiting": waiting,
        "held": held,
        "inconsistency": Claim.objects.get(article=article, kind="inconsistency"),
    }


def _pages(role: str, world: dict) -> list[str]:
    article, queue = world["article"], world["held"].queue
    if role == "anonymous":
        return [
            "/login/",
            f"/claims/{world['published'].pk}/verdict/",
            f"/fact-checks/?url={PUBLISHED_URL}",
            "/fact-checks/?url=not+a+url",  # the public "bad address" page
        ]
    if role == "checker":
        return [
            "/",
            "/articles/new/",
            f"/articles/{article.pk}/",
            f"/claims/{world['held'].pk}/",
            f"/claims/{world['inconsistency'].pk}/",
            f"/queues/{queue.slug}/",
            "/notifications/",
            "/preferences/",
            "/articles/",
            "/claims/?kind=money",
            "/search/?q=%D8%A8%D9%88%D8%AA%D9%8A%D9%86",  # بوتين: claims, articles, verdicts
            "/team/",  # a checker is refused: the "not for you" page
            f"/articles/{world['failed'].pk}/",
        ]
    return [
        "/",
        "/inbox/",
        f"/claims/{world['waiting'].pk}/",
        f"/claims/{world['published'].pk}/",  # published: the correction form
        f"/verdicts/{world['waiting'].verdicts.get().pk}/approve/",  # confirm before publishing
        f"/queues/{queue.slug}/",
        "/articles/?language=ar&has_inconsistencies=true",
        "/claims/",
        "/search/?q=Kremlin",
        "/team/",
        "/feeds/",
        "/webhooks/",
        "/morning/",
        "/repeats/",
    ]


def _context_for(browser, live_server, user=None):
    context = browser.new_context(viewport=SIZES["desktop"])
    context.set_default_timeout(20_000)
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context


def _set_language(context, live_server, language: str) -> None:
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )


def _axe_violations(page) -> list[str]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    assert len(result["passes"]) > 10, "axe-core did not run its rules"
    return [
        f"{violation['id']}: {node['target']} {node.get('failureSummary', '')[:160]}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


def _check_page(page, url: str, language: str, size: str) -> list[str]:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    where = f"{language}/{size} {url}"
    problems = []
    lang, direction = page.evaluate(
        "() => [document.documentElement.lang, document.documentElement.dir]"
    )
    if (lang, direction) != (language, LANGUAGES[language]):
        problems.append(f"{where}: <html lang={lang} dir={direction}>")
    scroll, width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    if scroll > width:
        problems.append(f"{where}: page is {scroll}px wide in a {width}px window")
    text = page.evaluate("() => document.body.innerText")
    problems += [f"{where}: raw key {key!r} on the page" for key in RAW_KEYS if key in text]
    problems += [f"{where}: {violation}" for violation in _axe_violations(page)]
    return problems


def _visit_all(browser, live_server, role: str, world: dict, user=None) -> list[str]:
    context = _context_for(browser, live_server, user)
    page = context.new_page()
    problems = []
    try:
        for language in LANGUAGES:
            _set_language(context, live_server, language)
            for size, viewport in SIZES.items():
                page.set_viewport_size(viewport)
                for path in _pages(role, world):
                    problems += _check_page(page, live_server.url + path, language, size)
    finally:
        context.close()
    return problems


def test_it_serves_every_public_page_to_anonymous_readers_in_both_languages_and_sizes(
    _playwright_browser, browser_settings, live_server, newsroom
):
    problems = _visit_all(_playwright_browser, live_server, "anonymous", newsroom)
    assert problems == [], "\n".join(problems)


def test_it_serves_every_checker_page_in_both_languages_and_sizes(
    _playwright_browser, browser_settings, live_server, newsroom, checker
):
    problems = _visit_all(_playwright_browser, live_server, "checker", newsroom, user=checker)
    assert problems == [], "\n".join(problems)


def test_it_serves_every_editor_page_in_both_languages_and_sizes(
    _playwright_browser, browser_settings, live_server, newsroom, editor
):
    problems = _visit_all(_playwright_browser, live_server, "editor", newsroom, user=editor)
    assert problems == [], "\n".join(problems)


def test_it_renders_an_english_verdict_left_to_right_on_an_arabic_page(
    _playwright_browser, browser_settings, live_server, newsroom
):
    context = _context_for(_playwright_browser, live_server)
    _set_language(context, live_server, "ar")
    page = context.new_page()
    page.goto(f"{live_server.url}/claims/{newsroom['published'].pk}/verdict/")
    assert page.evaluate("() => document.documentElement.dir") == "rtl"
    first, last = page.evaluate(
        """() => {
            const text = document.querySelector('[data-testid=public-summary]').firstChild;
            const box = (start, end) => {
                const range = document.createRange();
                range.setStart(text, start);
                range.setEnd(text, end);
                return range.getBoundingClientRect().left;
            };
            const words = text.textContent.trim();
            const lead = text.textContent.indexOf(words);
            const firstEnd = lead + words.indexOf(' ');
            const lastStart = lead + words.lastIndexOf(' ') + 1;
            return [box(lead, firstEnd), box(lastStart, lead + words.length)];
        }"""
    )
    context.close()
    assert first < last, "the English summary's first word must stand left of its last word"


def test_it_stores_the_language_chosen_in_the_header_on_the_user(
    _playwright_browser, browser_settings, live_server, newsroom, checker
):
    from claims.models import UserPreferences

    context = _context_for(_playwright_browser, live_server, checker)
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    assert page.evaluate("() => document.documentElement.lang") == "en"
    page.get_by_test_id("language-ar").click()
    page.wait_for_function("() => document.documentElement.lang === 'ar'")
    context.close()
    assert UserPreferences.objects.get(user=checker).language == "ar"
    # Another browser, no cookie: the account remembers.
    context = _context_for(_playwright_browser, live_server, checker)
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    assert page.evaluate("() => document.documentElement.dir") == "rtl"
    context.close()


def test_it_takes_the_readme_screenshots(
    _playwright_browser, browser_settings, live_server, newsroom, checker, screenshot_dir
):
    """`make screenshots` copies these into docs/screenshots/ for the README."""
    shots = {
        "desk-arabic.png": ("ar", "desktop", f"/articles/{newsroom['article'].pk}/"),
        "workspace-english.png": ("en", "desktop", f"/claims/{newsroom['held'].pk}/"),
        "phone-arabic.png": ("ar", "phone", f"/claims/{newsroom['held'].pk}/"),
    }
    context = _context_for(_playwright_browser, live_server, checker)
    page = context.new_page()
    for name, (language, size, path) in shots.items():
        _set_language(context, live_server, language)
        page.set_viewport_size(SIZES[size])
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(screenshot_dir / name), full_page=size == "desktop")
        assert (screenshot_dir / name).stat().st_size > 10_000
    context.close()
    target = os.environ.get("CLAIMDESK_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        for name in shots:
            shutil.copyfile(screenshot_dir / name, Path(target) / name)
