"""Choosing, finding, handing over and discussing work, in Chromium as checkers and editors do it.

The checker's whole loop from the keyboard (take next, skip, cite a source, rate, submit), taking a
chosen claim from the claims page, finding an Arabic claim typed without its diacritics and with
another hamza, an editor taking held claims only after confirming (the holder is told), and an
`@name` in a comment reaching its person. Playwright's auto-waiting assertions do the waiting.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from claims.models import Claim
from reviews.assignment import claim_assign_next
from reviews.choosing import claim_take
from reviews.models import Assignment, ClaimSkip, Notification, Verdict
from tests.factories import ArticleFactory, ClaimFactory
from tests.sources_pages import ENGLISH_PAGE
from tests.workflow_setup import queue

pytestmark = pytest.mark.browser


def _desk(page: Page) -> str:
    return page.url.split("/login")[0].rstrip("/")


def _tab_to(page: Page, selector: str, presses: int = 60) -> None:
    """Move the focus with Tab alone until `selector` has it, as a keyboard user would."""
    for _ in range(presses):
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.worker
def test_it_runs_the_checkers_loop_with_a_cited_source_from_the_keyboard_alone(
    desk_login, worker_factory, outside_web, checker
):
    body = (
        "Iran and Russia signed a deal worth about $40bn on July 19, 2022, the Kremlin said. "
        "Exports rose 12% in 2023."
    )
    article = ArticleFactory(body=body, language="en")
    unwanted = ClaimFactory(
        article=article, start=84, end=len(body), queue=queue(), checkworthiness=0.95
    )
    wanted = ClaimFactory(article=article, start=0, end=83, queue=queue(), checkworthiness=0.9)
    source_url = outside_web.add("/deal", ENGLISH_PAGE, content_type="text/html; charset=utf-8")
    worker_factory(extra_env={"CLAIMDESK_FETCH_ALLOW_PRIVATE": "1"})
    page = desk_login(checker)
    page.goto(f"{_desk(page)}/queues/english-desk/")

    page.keyboard.press("n")  # take next: the top claim
    expect(page).to_have_url(re.compile(rf"/claims/{unwanted.pk}/$"))
    page.keyboard.press("s")  # skip it: the next one comes instead
    expect(page).to_have_url(re.compile(rf"/claims/{wanted.pk}/$"))

    _tab_to(page, "#sources input[name=url]")
    page.keyboard.type(source_url)
    page.keyboard.press("Enter")
    source = page.get_by_test_id("source").filter(has_text=source_url)
    expect(source.get_by_test_id("source-status")).to_have_text("Checked", timeout=60_000)
    expect(source.get_by_test_id("source-stance")).to_have_text("Supports")

    _tab_to(page, "#evidence-choices input[type=checkbox]")
    page.keyboard.press("Space")  # cite the archived snapshot: the draft saves itself
    expect(page.get_by_test_id("draft-status")).to_contain_text("version 1")
    page.keyboard.press("Escape")
    page.evaluate("document.activeElement.blur()")  # as a keyboard user leaves a field
    page.keyboard.press("r")
    rating = page.locator("#id_rating")
    expect(rating).to_be_focused()
    page.keyboard.type("True")
    expect(rating.locator("option:checked")).to_have_text(re.compile("^True"))
    _tab_to(page, "#id_summary")  # past the claim as reviewed, which keeps the claim's text
    page.keyboard.type("The Kremlin's readout gives the same figure and date.")
    for _ in range(12):  # Tab out of the fields: shortcuts sleep while typing
        if not page.evaluate("document.activeElement.matches('input, textarea, select')"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("v")

    expect(page.locator(".messages")).to_be_visible()
    verdict = Verdict.objects.get(claim=wanted)
    assert verdict.status == Verdict.Status.SUBMITTED
    assert verdict.rating.slug == "true"
    assert [snapshot.final_url for snapshot in verdict.evidence.all()] == [source_url]
    assert ClaimSkip.objects.filter(claim=unwanted, checker=checker).exists()
    assert Claim.objects.get(pk=unwanted.pk).status == Claim.Status.QUEUED


def test_it_takes_the_claim_the_checker_chose_from_the_claims_page(desk_login, checker):
    ClaimFactory(text="Top of the queue: unemployment fell to 4% in 2023.", checkworthiness=0.99)
    chosen = ClaimFactory(text="Chosen: the port handled 3 million tonnes.", checkworthiness=0.6)
    page = desk_login(checker)
    page.goto(f"{_desk(page)}/claims/")

    row = page.get_by_test_id("claim-row").filter(has_text="the port handled 3 million tonnes")
    row.get_by_role("button", name="Take this claim").click()

    expect(page).to_have_url(re.compile(rf"/claims/{chosen.pk}/$"))
    assignment = Assignment.objects.get(ended_at__isnull=True)
    assert (assignment.claim_id, assignment.checker) == (chosen.pk, checker)


def test_it_finds_an_arabic_claim_typed_without_diacritics_and_with_another_hamza(
    desk_login, checker
):
    article = ArticleFactory(
        language="ar", body="أعلنَت الحكومةُ إنشاءَ مصنعٍ جديد بكلفة 300 مليون دولار."
    )
    found = ClaimFactory(article=article, start=0, end=len(article.body))
    ClaimFactory(text="Unrelated: the bridge opened in 2019.")
    page = desk_login(checker)
    page.goto(f"{_desk(page)}/search/")

    page.get_by_role("searchbox").fill("اعلنت انشاء")  # no diacritics, bare alef for hamza
    page.get_by_role("button", name="Search").click()

    results = page.get_by_test_id("search-claims")
    expect(results.get_by_role("link")).to_have_count(1)
    expect(results.get_by_role("link")).to_have_attribute(
        "href", re.compile(rf"/claims/{found.pk}/$")
    )
    expect(results.locator("mark").first).to_be_visible()  # the match is highlighted


def test_it_takes_held_claims_only_after_the_editor_confirms_and_tells_the_holder(
    desk_login, checker, checker2, editor
):
    held = ClaimFactory(text="Held: the airline carried 2 million passengers.", queue=queue())
    claim_take(claim=held, checker=checker2)
    page = desk_login(editor)
    page.goto(f"{_desk(page)}/queues/english-desk/")

    page.locator(f"#pick-{held.pk}").check()
    page.get_by_label("Assign the ticked claims to").select_option(label=checker.get_username())
    page.get_by_role("button", name="Assign selected").click()
    warning = page.get_by_test_id("held-claims")
    expect(warning).to_contain_text(checker2.get_username())
    assert Assignment.objects.get(ended_at__isnull=True).checker == checker2  # nothing taken yet

    page.get_by_label("Take them from their holders (each is notified)").check()
    page.locator(f"#pick-{held.pk}").check()
    page.get_by_role("button", name="Assign selected").click()
    expect(page.get_by_test_id("held-claims")).to_have_count(0)
    assert Assignment.objects.get(ended_at__isnull=True).checker == checker

    holder = desk_login(checker2)
    holder.goto(f"{_desk(holder)}/notifications/")
    expect(holder.locator("main")).to_contain_text(str(held.pk))
    assert Notification.objects.filter(recipient=checker2, verb="reassigned").count() == 1


def test_it_notifies_the_colleague_named_with_an_at_sign(desk_login, checker, editor):
    claim = ClaimFactory(text="Inflation rose to 7.5% in March.", queue=queue())
    claim_assign_next(queue=claim.queue, checker=checker)
    page = desk_login(checker)
    page.goto(f"{_desk(page)}/claims/{claim.pk}/")

    page.get_by_label("Add a comment (write @name to notify a colleague)").fill(
        "@editor the central bank revised March: can you look?"
    )
    page.get_by_role("button", name="Comment").click()
    expect(page.get_by_test_id("comment")).to_contain_text("the central bank revised March")

    reader = desk_login(editor)
    reader.goto(f"{_desk(reader)}/notifications/")
    expect(reader.locator("main")).to_contain_text("checker mentioned you")
    assert Notification.objects.filter(recipient=editor, verb="mentioned").count() == 1
