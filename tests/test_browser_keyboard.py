"""The checker's loop from the keyboard alone, in Chromium: take next, skip, rate, submit."""

import re

import pytest
from playwright.sync_api import expect

from claims.models import Claim
from reviews.models import Assignment, ClaimSkip, Verdict
from tests.factories import ArticleFactory, ClaimFactory
from tests.workflow_setup import queue

pytestmark = pytest.mark.browser


def test_it_runs_take_next_skip_rate_and_submit_from_the_keyboard(desk_login, checker):
    article = ArticleFactory(
        body="Exports rose 12% in 2023. Imports fell 3% in 2022.", language="en"
    )
    first = ClaimFactory(article=article, start=0, end=25, queue=queue(), checkworthiness=0.9)
    second = ClaimFactory(article=article, start=26, end=50, queue=queue(), checkworthiness=0.8)
    page = desk_login(checker)
    page.goto(page.url.split("/login")[0] + "/queues/english-desk/")

    page.keyboard.press("?")
    expect(page.locator("#shortcut-help")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#shortcut-help")).not_to_be_visible()

    page.keyboard.press("n")
    expect(page).to_have_url(re.compile(rf"/claims/{first.pk}/$"))
    page.keyboard.press("s")
    expect(page).to_have_url(re.compile(rf"/claims/{second.pk}/$"))
    assert ClaimSkip.objects.filter(claim=first, checker=checker).exists()

    page.keyboard.press("r")
    rating = page.locator("#id_rating")
    expect(rating).to_be_focused()
    page.keyboard.type("Unverifiable")  # a focused select picks the option typed
    expect(rating.locator("option:checked")).to_have_text(re.compile("Unverifiable"))
    page.get_by_label("Summary").focus()
    page.keyboard.type("No public record either way")
    # Tab out of the fields (shortcuts sleep while typing), then submit with "v".
    for _ in range(12):
        if not page.evaluate("document.activeElement.matches('input, textarea, select')"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("v")

    expect(page.locator(".messages")).to_be_visible()  # back on the desk, with the news
    verdict = Verdict.objects.get(claim=second)
    assert verdict.status == Verdict.Status.SUBMITTED
    assert Claim.objects.get(pk=first.pk).status == Claim.Status.QUEUED
    assert not Assignment.objects.filter(claim=first, ended_at__isnull=True).exists()


def test_it_never_fires_a_shortcut_while_typing(desk_login, checker):
    ClaimFactory(queue=queue(), checkworthiness=0.9)
    page = desk_login(checker)
    page.goto(page.url.split("/login")[0] + "/search/")

    page.locator("#search-q").type("n s ?")

    expect(page.locator("#search-q")).to_have_value("n s ?")
    expect(page.locator("#shortcut-help")).not_to_be_visible()
    assert not Assignment.objects.exists()


# Records every click and form submission the page would act on (and stops them), so a test can
# tell at once whether a key acted: keydown handlers, and the clicks they make, run before
# keyboard.press returns.
WATCH_ACTIONS = """() => {
  window.acted = [];
  for (const type of ["click", "submit"]) {
    document.addEventListener(type, event => {
      window.acted.push(type);
      event.preventDefault();
    }, true);
  }
}"""


def test_it_turns_single_key_shortcuts_off_and_on_from_the_preferences_page(
    desk_login, checker, live_server
):
    claim = ClaimFactory(queue=queue(), checkworthiness=0.9)
    page = desk_login(checker)
    switch_label = "Single-key keyboard shortcuts"

    page.goto(f"{live_server.url}/preferences/")
    expect(page.get_by_label(switch_label)).to_be_checked()  # on by default
    page.get_by_label(switch_label).uncheck()
    page.get_by_role("button", name="Save preferences").click()
    expect(page.locator(".messages")).to_contain_text("Your preferences are saved.")
    expect(page.get_by_label(switch_label)).not_to_be_checked()

    page.goto(f"{live_server.url}/queues/english-desk/")
    expect(page.locator("body")).to_have_attribute("data-shortcuts", "off")
    page.evaluate(WATCH_ACTIONS)
    for key in ("n", "t", "/", "?"):
        page.keyboard.press(key)
    assert page.evaluate("window.acted") == []
    expect(page.locator("#shortcut-help")).not_to_be_visible()
    assert not Assignment.objects.exists()

    page.goto(f"{live_server.url}/preferences/")
    page.get_by_label(switch_label).check()
    page.get_by_role("button", name="Save preferences").click()
    expect(page.get_by_label(switch_label)).to_be_checked()

    page.goto(f"{live_server.url}/queues/english-desk/")
    expect(page.locator("body")).to_have_attribute("data-shortcuts", "on")
    page.keyboard.press("?")
    expect(page.locator("#shortcut-help")).to_be_visible()
    expect(page.get_by_test_id("shortcuts-off-link")).to_have_attribute("href", "/preferences/")
    page.keyboard.press("Escape")
    page.keyboard.press("n")
    expect(page).to_have_url(re.compile(rf"/claims/{claim.pk}/$"))
    assert Assignment.objects.get(ended_at__isnull=True).claim_id == claim.pk
