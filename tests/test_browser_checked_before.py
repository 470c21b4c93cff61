"""The "Checked before" panel in a real browser: matches with their reasons, linking to our
published verdict starts a draft citing it, and the article page marks the claim."""

import pytest
from playwright.sync_api import expect

from claims.extraction import extract_facts
from reviews.approval import verdict_approve
from reviews.assignment import claim_reassign
from reviews.matching import claim_matches_refresh, match_items_index_claims
from reviews.models import Verdict
from reviews.verdicts import verdict_submit
from tests.factories import ArticleFactory, ClaimFactory
from tests.workflow_setup import cited_snapshot

pytestmark = pytest.mark.browser

AR_TRADE = "قال الكرملين إن حجم التبادل التجاري بين روسيا وإيران بلغ نحو 40 مليار دولار في حزيران/يونيو 2024."
EN_TRADE = "Trade between Russia and Iran reached about $40bn in June 2024, the Kremlin said."


def a_claim(text: str, language: str, **fields):
    article = ArticleFactory(body=text, language=language, **fields)
    return ClaimFactory(
        article=article, start=0, end=len(text), text=text, facts=extract_facts(text, language)
    )


def test_it_shows_matches_and_links_to_our_verdict_with_a_draft(
    desk_login, checker, checker2, editor, live_server, screenshot_dir
):
    earlier = a_claim(AR_TRADE, "ar", publisher="Al Example")
    claim_reassign(claim=earlier, checker=checker2, editor=editor)
    earlier.refresh_from_db()
    verdict_approve(
        verdict=verdict_submit(
            claim=earlier,
            author=checker2,
            rating="false",
            summary="No.",
            evidence=[cited_snapshot(earlier).pk],
        ),
        editor=editor,
    )
    match_items_index_claims(claims=[earlier])
    new = a_claim(EN_TRADE, "en")
    claim_reassign(claim=new, checker=checker, editor=editor)
    claim_matches_refresh(claim=new)

    page = desk_login(checker)
    page.goto(f"{live_server.url}/claims/{new.pk}/")

    panel = page.get_by_test_id("checked-before")
    match = panel.get_by_test_id("match")
    expect(match).to_have_count(1)
    expect(match).to_contain_text("Probably the same claim")
    expect(match).to_contain_text("Our published verdict")
    expect(match.get_by_test_id("match-rating")).to_have_text("false")
    expect(match.get_by_test_id("match-why")).to_contain_text("same figure 40 bn USD")
    expect(match.locator("blockquote")).to_have_attribute("dir", "auto")
    page.screenshot(path=str(screenshot_dir / "checked-before.png"), full_page=True)

    match.get_by_test_id("match-link").click()

    expect(page.get_by_test_id("match-linked")).to_be_visible()
    draft = Verdict.objects.get(claim=new)
    assert draft.status == Verdict.Status.DRAFT and draft.rating.slug == "false"
    expect(page.locator("#id_rating")).to_have_value(str(draft.rating_id))

    page.goto(f"{live_server.url}/articles/{new.article_id}/")
    expect(page.get_by_test_id("checked-before-mark")).to_be_visible()


def test_it_says_so_when_nothing_was_checked_before(desk_login, checker, live_server):
    new = a_claim(EN_TRADE, "en")
    claim_matches_refresh(claim=new)

    page = desk_login(checker)
    page.goto(f"{live_server.url}/claims/{new.pk}/")

    expect(page.get_by_test_id("no-matches")).to_be_visible()
    page.goto(f"{live_server.url}/articles/{new.article_id}/")
    expect(page.get_by_test_id("claim-row").first).to_be_visible()
    expect(page.get_by_test_id("checked-before-mark")).to_have_count(0)
