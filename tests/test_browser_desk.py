"""The desk in a real browser: submit the seed article, watch extraction live, review, approve.

Headless Debian Chromium through Playwright against live_server; extraction runs in a real Celery
worker process that shares the test database. Playwright's auto-waiting assertions do all the
waiting: no sleeps.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from claims.models import Article, Claim
from reviews.models import Notification, Verdict

pytestmark = pytest.mark.browser

SEED = Path(__file__).resolve().parents[1] / "claims" / "demo" / "putin-raisi-call.ar.txt"
EXTRACTION_TIMEOUT = 90_000  # ms: the worker starts, then extracts


@pytest.mark.worker
def test_it_takes_an_arabic_article_from_submission_to_published_verdict(
    desk_login, worker_factory, checker, editor, live_server, screenshot_dir
):
    # 1. The checker submits the seed article; no worker runs yet, so it waits as "pending".
    page = desk_login(checker)
    page.get_by_role("link", name="Submit article").click()
    page.get_by_label("Article text").fill(SEED.read_text(encoding="utf-8"))
    page.get_by_label("Language").select_option("ar")
    page.get_by_role("button", name="Submit for extraction").click()
    status = page.get_by_test_id("article-status")
    expect(status).to_have_attribute("data-status", "pending")
    expect(status).to_have_text("Waiting for extraction")
    expect(page.get_by_test_id("article-body")).to_have_attribute("dir", "rtl")
    page.evaluate("window.claimdeskSamePage = true")  # gone if the page reloads

    # 2. A real worker extracts it; the page follows by polling, without a reload.
    worker_factory()
    expect(status).to_have_attribute("data-status", "extracted", timeout=EXTRACTION_TIMEOUT)
    assert page.evaluate("window.claimdeskSamePage") is True
    money = page.locator("span.fact-money", has_text="بنحو 40 مليار دولار")
    expect(money).to_be_visible()
    expect(money).to_have_text("بنحو 40 مليار دولار")
    flag = page.get_by_test_id("inconsistency")
    expect(flag).to_contain_text("حزيران/يوليو")
    expect(flag).to_contain_text("two different months, June (حزيران) and July (يوليو)")
    expect(page.locator("mark.claim.flag")).to_have_text("حزيران/يوليو")
    # polling stopped: the settled block carries no trigger
    expect(page.locator("#article-live")).not_to_have_attribute("hx-trigger", re.compile(".*"))
    page.screenshot(path=str(screenshot_dir / "article-page.png"), full_page=True)
    article = Article.objects.get()
    assert Claim.objects.filter(article=article, queue__slug="arabic-desk").exists()

    # 3. Take the next claim from the Arabic desk and write a verdict; drafts save as we type.
    page.get_by_role("link", name="Desk", exact=True).click()
    page.screenshot(path=str(screenshot_dir / "desk-home.png"), full_page=True)
    page.get_by_test_id("queue-arabic-desk").get_by_role("button", name="Take next").click()
    expect(page).to_have_url(re.compile(r"/claims/\d+/$"))
    claim_id = int(re.search(r"/claims/(\d+)/$", page.url).group(1))
    expect(page.locator("[data-testid=claim-excerpt] mark.focus")).to_be_visible()
    expect(page.get_by_test_id("claim-excerpt")).to_have_attribute("dir", "rtl")
    draft_status = page.get_by_test_id("draft-status")
    page.get_by_label("Summary").press_sequentially("The figure is not in the ministry data")
    expect(draft_status).to_contain_text("version 1")
    page.get_by_label("Rating").select_option(label="Misleading")
    expect(draft_status).to_contain_text("version 2")
    counter = page.locator("#summary-counter")
    expect(counter).to_contain_text("38 / 75")
    page.get_by_label("Summary").fill("x" * 80)
    expect(counter).to_contain_text("80 / 75")
    expect(counter).to_have_class(re.compile(r"\bover\b"))
    page.get_by_label("Summary").fill("")
    page.get_by_label("Summary").press_sequentially("No public source gives this figure")
    page.get_by_label("Rationale").press_sequentially("Neither company published the deal size.")
    expect(draft_status).to_contain_text("version 3")
    verdict = Verdict.objects.get(claim_id=claim_id)
    assert verdict.status == Verdict.Status.DRAFT
    assert verdict.rationale == "Neither company published the deal size."
    # A rating that needs evidence is refused without a cited source; nothing typed is lost.
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("alert")).to_contain_text("cites at least one archived source")
    expect(page.get_by_label("Rationale")).to_have_value("Neither company published the deal size.")
    # No source settles it, so the rating that needs none is the honest one.
    page.get_by_label("Rating").select_option(label="Unverifiable")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messages")).to_contain_text("Verdict submitted")

    # 4. The editor approves it from the inbox.
    editor_page = desk_login(editor)
    editor_page.get_by_role("navigation").get_by_role("link", name="Editor inbox").click()
    item = editor_page.get_by_test_id("inbox-item")
    expect(item).to_have_count(1)
    expect(item.get_by_test_id("inbox-summary")).to_have_text("No public source gives this figure")
    expect(item.get_by_test_id("inbox-rating")).to_have_text("Unverifiable")
    editor_page.screenshot(path=str(screenshot_dir / "editor-inbox.png"), full_page=True)
    item.get_by_role("button", name="Approve and publish").click()
    expect(editor_page.locator(".messages")).to_contain_text("Approved and published")
    expect(editor_page.get_by_test_id("inbox-empty")).to_be_visible()
    assert Verdict.objects.get(claim_id=claim_id).status == Verdict.Status.PUBLISHED

    # 5. The checker is told.
    page.goto(f"{live_server.url}/")
    expect(page.get_by_test_id("unread-count")).to_have_text("1")
    page.get_by_role("link", name=re.compile("Notifications")).click()
    note = page.get_by_test_id("notification")
    expect(note).to_contain_text("approved")
    expect(note).to_contain_text("No public source gives this figure")
    assert Notification.objects.get(recipient=checker).verb == "approved"


def test_it_returns_a_verdict_with_a_comment_the_checker_reads(
    desk_login, checker, editor, live_server
):
    from reviews.assignment import claim_assign_next
    from reviews.verdicts import verdict_submit
    from tests.factories import ArticleFactory, ClaimFactory
    from tests.workflow_setup import cited_snapshot

    article = ArticleFactory(language="ar", body="قال الوزير إن الصادرات بلغت بنحو 40 مليار دولار.")
    claim = ClaimFactory(article=article, end=len(article.body))
    held = claim_assign_next(queue=claim.queue, checker=checker)
    verdict_submit(
        claim=held,
        author=checker,
        rating="false",
        summary="Wrong figure",
        evidence=[cited_snapshot(held).pk],
    )

    editor_page = desk_login(editor)
    editor_page.goto(f"{live_server.url}/inbox/")
    item = editor_page.get_by_test_id("inbox-item")
    item.get_by_role("button", name="Return to checker").click()
    # the browser refuses an empty comment before anything is sent
    expect(editor_page.get_by_test_id("inbox-item")).to_have_count(1)
    item.get_by_label("Return with a comment").fill("Cite the customs table, please.")
    item.get_by_role("button", name="Return to checker").click()
    expect(editor_page.locator(".messages")).to_contain_text("Returned to checker")

    page = desk_login(checker)
    page.get_by_test_id("my-claim").get_by_role("link").click()
    expect(page.get_by_test_id("returned-comment")).to_contain_text(
        "Cite the customs table, please."
    )
    expect(page.get_by_label("Summary")).to_have_value("Wrong figure")


@pytest.mark.worker
def test_it_follows_each_source_live_until_it_is_checked_or_failed(
    desk_login, worker_factory, outside_web, checker, screenshot_dir
):
    from reviews.assignment import claim_assign_next
    from tests.factories import ArticleFactory, ClaimFactory
    from tests.sources_pages import ENGLISH_PAGE

    text = "وقّعت إيران وروسيا صفقة بنحو 40 مليار دولار في حزيران/يوليو، بحسب ما قال الكرملين."
    article = ArticleFactory(language="ar", body=text)
    claim = ClaimFactory(article=article, end=len(text), kind=Claim.Kind.MONEY)
    claim_assign_next(queue=claim.queue, checker=checker)
    good = outside_web.add("/deal", ENGLISH_PAGE, content_type="text/html; charset=utf-8")
    gone = outside_web.add("/gone", "no such page", status=404, content_type="text/plain")

    page = desk_login(checker)
    page.goto(f"{page.url.rstrip('/')}/claims/{claim.pk}/")
    for url in (good, gone):
        page.get_by_label("Source URL").fill(url)
        page.get_by_role("button", name="Attach source").click()
        expect(page.get_by_test_id("source").filter(has_text=url)).to_be_visible()
    statuses = page.get_by_test_id("source-status")
    expect(statuses).to_have_text(["Waiting", "Waiting"])

    # The worker may fetch our own loopback server only because this test allows it.
    worker_factory(extra_env={"CLAIMDESK_FETCH_ALLOW_PRIVATE": "1"})
    checked = page.get_by_test_id("source").filter(has_text=good)
    failed = page.get_by_test_id("source").filter(has_text=gone)
    expect(checked.get_by_test_id("source-status")).to_have_text("Checked", timeout=60_000)
    expect(checked.get_by_test_id("source-stance")).to_have_text("Supports")
    expect(failed.get_by_test_id("source-status")).to_have_text("Failed", timeout=60_000)
    expect(failed.get_by_test_id("source-reason")).to_contain_text("404")
    expect(page.locator("#evidence-list")).not_to_have_attribute("hx-trigger", re.compile(".*"))
    # The checked source's snapshot is now offered for citing; ticking it autosaves the draft.
    snapshot_box = page.locator("#evidence-choices input[type=checkbox]")
    expect(snapshot_box).to_have_count(1)
    snapshot_box.check()
    expect(page.get_by_test_id("draft-status")).to_contain_text("version 1")
    verdict = Verdict.objects.get(claim=claim)
    assert [s.final_url for s in verdict.evidence.all()] == [good]
    page.screenshot(path=str(screenshot_dir / "claim-workspace.png"), full_page=True)


def test_it_keeps_the_typed_text_when_another_tab_saved_first(desk_login, checker):
    from reviews.assignment import claim_assign_next
    from tests.factories import ClaimFactory

    claim = ClaimFactory()
    claim_assign_next(queue=claim.queue, checker=checker)
    first = desk_login(checker)
    workspace = f"{first.url.rstrip('/')}/claims/{claim.pk}/"
    first.goto(workspace)
    second = first.context.new_page()  # same session, a second tab opened before any save
    second.goto(workspace)

    first.get_by_label("Summary").press_sequentially("Saved from the first tab")
    expect(first.get_by_test_id("draft-status")).to_contain_text("version 1")
    second.get_by_label("Summary").press_sequentially("Typed in the second tab")
    status = second.get_by_test_id("draft-status")
    expect(status).to_contain_text("Not saved")
    expect(status).to_contain_text("Your text is still here")
    expect(second.get_by_label("Summary")).to_have_value("Typed in the second tab")
    assert Verdict.objects.get(claim=claim).summary == "Saved from the first tab"
