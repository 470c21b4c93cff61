"""An inconsistency in a real browser: resolved from a source's suggestion, approved by an
editor, shown as a correction notice on the article page; axe-core finds nothing on the way."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from claims.models import Evidence, Source
from reviews.models import Verdict
from tests.inconsistency_setup import cited, inconsistency
from tests.test_browser_i18n_matrix import SIZES, _check_page

pytestmark = pytest.mark.browser

NOTICE = "The article should say July where it says حزيران/يوليو."


def _checked_source(claim, **fields):
    """A cited source already fetched and compared, as the fetch worker leaves it."""
    snapshot = cited(claim, **fields)
    Source.objects.filter(pk=snapshot.source_id).update(status=Source.Status.CHECKED)
    Evidence.objects.create(claim=claim, snapshot=snapshot, stance=Evidence.Stance.MENTIONS)
    return snapshot


def test_it_resolves_an_inconsistency_from_a_sources_suggestion_to_a_correction_notice(
    desk_login, checker, editor, live_server, screenshot_dir
):
    claim = inconsistency(holder=checker)
    _checked_source(claim, published_on=date(2022, 7, 19))
    workspace = f"{live_server.url}/claims/{claim.pk}/"

    # 1. The checker sees the outcomes in words and what the dated source backs.
    page = desk_login(checker)
    page.goto(workspace)
    expect(page.get_by_role("heading", name="Outcome")).to_be_visible()
    choices = page.get_by_test_id("outcome-choices")
    expect(choices.get_by_label("The article should say June")).not_to_be_checked()
    expect(choices.get_by_label("No error")).to_be_visible()
    expect(page.get_by_label("Rating")).to_have_count(0)  # not rated True/False
    suggestion = page.get_by_test_id("outcome-suggestion")
    expect(suggestion).to_contain_text("A source dated 19 July 2022 backs July.")

    # 2. One click accepts it: the outcome is filled, focus moves to it, and it is announced.
    suggestion.get_by_role("button", name="Accept").click()
    result = page.get_by_test_id("outcome-result")
    expect(result).to_have_text(NOTICE)
    expect(result).to_be_focused()
    expect(page.locator("#announcer")).to_contain_text(
        "Outcome filled in: the article should say July."
    )
    expect(choices.get_by_label("The article should say July")).to_be_checked()
    expect(page.locator("#outcome-form input[name=evidence]")).to_be_checked()
    page.screenshot(path=str(screenshot_dir / "inconsistency-outcome.png"), full_page=True)
    problems = []
    for language in ("en", "ar"):
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        page.set_viewport_size(SIZES["phone"])
        problems += _check_page(page, workspace, language, "phone")
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.set_viewport_size(SIZES["desktop"])
    page.goto(workspace)
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messages")).to_contain_text("Outcome submitted")
    verdict = Verdict.objects.get(claim=claim)
    assert (verdict.status, verdict.rating.slug, verdict.should_say) == (
        "submitted",
        "should-say",
        "month-7",
    )

    # 3. The editor approves it from the claim page, after a preview of the notice.
    editor_page = desk_login(editor)
    editor_page.goto(workspace)
    editor_page.get_by_test_id("decide-here").click()
    expect(editor_page.get_by_test_id("preview-notice")).to_have_text(NOTICE)
    expect(editor_page.get_by_test_id("preview-rating")).to_have_count(0)
    editor_page.get_by_role("button", name="Approve the outcome").click()
    expect(editor_page.locator(".messages")).to_contain_text("Approved: the correction notice")
    expect(editor_page.get_by_test_id("outcome-approved")).to_be_visible()

    # 4. The article page shows the correction notice, in a sentence.
    editor_page.get_by_role("link", name=re.compile("بوتين ورئيسي")).click()
    notice = editor_page.get_by_test_id("correction-notice")
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text(NOTICE)
    expect(notice).to_contain_text("approved by editor")
    editor_page.screenshot(path=str(screenshot_dir / "correction-notice.png"), full_page=True)
    article_url = editor_page.url.split("#")[0]
    for language in ("en", "ar"):
        editor_page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        editor_page.set_viewport_size(SIZES["phone"])
        problems += _check_page(editor_page, article_url, language, "phone")
    assert problems == []
