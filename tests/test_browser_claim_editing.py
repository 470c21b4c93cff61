"""Adding a claim by hand in a real browser: select Arabic text, use the selection, see it marked.

Headless Debian Chromium through Playwright against live_server; the seed article is extracted
in-process (the worker wiring is test_browser_desk's job). Playwright's auto-waiting assertions do
all the waiting: no sleeps.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from claims.ingest import article_extract
from claims.models import Article, AuditEvent, Claim
from reviews.models import ClaimSkip
from tests.factories import ArticleFactory

pytestmark = pytest.mark.browser

SEED = Path(__file__).resolve().parents[1] / "claims" / "demo" / "putin-raisi-call.ar.txt"
PHRASE = "إيران تدعم سيادة سوريا ووحدة أراضيها"  # a line no extracted claim covers

# Select `phrase` inside `#article-text` with the DOM Selection API, as a mouse drag would: the
# phrase comes after many claim and fact marks, so its text nodes are deep in the markup.
SELECT_PHRASE = """([phrase, rootId]) => {
  const root = document.getElementById(rootId || "article-text");
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = "";
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    nodes.push([node, text.length]);
    text += node.data;
  }
  const at = index => {
    const [node, base] = nodes.filter(([, start]) => start <= index).pop();
    return [node, index - base];
  };
  const start = text.indexOf(phrase);
  const range = document.createRange();
  range.setStart(...at(start));
  range.setEnd(...at(start + phrase.length));
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return selection.toString();
}"""


def test_it_adds_a_claim_from_a_text_selection_in_the_arabic_article(
    desk_login, checker, live_server, screenshot_dir
):
    body = SEED.read_text(encoding="utf-8")
    article = ArticleFactory(
        title="بوتين ورئيسي", body=body, language="ar", status=Article.Status.PENDING
    )
    article_extract(article=article)
    start = body.index(PHRASE)

    page = desk_login(checker)
    page.goto(f"{live_server.url}/articles/{article.pk}/")
    text = page.get_by_test_id("article-body")
    expect(text).to_have_attribute("dir", "rtl")
    add = page.get_by_test_id("claim-add")
    expect(add).to_be_visible()

    assert page.evaluate(SELECT_PHRASE, [PHRASE, "article-text"]) == PHRASE
    add.get_by_role("button", name="Use my text selection").click()
    expect(add.get_by_label("Start")).to_have_value(str(start))
    expect(add.get_by_label("End")).to_have_value(str(start + len(PHRASE)))
    expect(add.locator("#add-preview")).to_have_text(f"Selected: «{PHRASE}»")
    add.get_by_label("Kind").select_option("statement")
    add.get_by_role("button", name="Add the claim").click()

    expect(page).to_have_url(re.compile(r"/articles/\d+/#claim-\d+$"))
    claim_id = int(page.url.rsplit("#claim-", 1)[1])
    expect(page.locator(".messages")).to_contain_text(f"Claim #{claim_id} added by hand")
    mark = page.locator(f"#article-text mark#claim-{claim_id}")
    expect(mark).to_have_text(PHRASE)
    expect(mark).to_be_in_viewport()
    expect(page.locator("mark:target")).to_have_attribute("data-claim", str(claim_id))
    page.screenshot(path=str(screenshot_dir / "claim-added-by-hand.png"), full_page=True)

    claim = Claim.objects.get(pk=claim_id)
    assert (claim.start, claim.end, claim.text) == (start, start + len(PHRASE), PHRASE)
    assert claim.origin == Claim.Origin.MANUAL
    assert claim.queue.slug == "arabic-desk"
    assert AuditEvent.objects.get(action="claim.add", claim_id=claim_id).actor == checker


def test_it_asks_for_a_selection_before_using_it(desk_login, checker, live_server):
    article = ArticleFactory(body="The ministry said exports rose 12% in 2023.")

    page = desk_login(checker)
    page.goto(f"{live_server.url}/articles/{article.pk}/")
    add = page.get_by_test_id("claim-add")
    add.get_by_role("button", name="Use my text selection").click()
    expect(add.locator("#add-preview")).to_have_text("Select part of the article text first.")
    expect(add.get_by_label("Start")).to_have_value("")


def test_it_narrows_a_claim_to_the_text_selected_in_its_workspace(
    desk_login, checker, live_server, screenshot_dir
):
    from reviews.assignment import claim_assign_next
    from tests.factories import ClaimFactory

    lead = "x" * 600 + "\n"  # the excerpt starts after this: offsets must count from its base
    sentence = "قال الوزير إن الصادرات بلغت بنحو 40 مليار دولار في عام 2023."
    article = ArticleFactory(language="ar", body=lead + sentence)
    claim = ClaimFactory(article=article, start=len(lead), end=len(article.body))
    claim = claim_assign_next(queue=claim.queue, checker=checker)
    narrowed = "الصادرات بلغت بنحو 40 مليار دولار"

    page = desk_login(checker)
    page.goto(f"{live_server.url}/claims/{claim.pk}/")
    tools = page.get_by_test_id("span-form")
    assert page.evaluate(SELECT_PHRASE, [narrowed, "claim-text"]) == narrowed
    tools.get_by_role("button", name="Use my text selection").click()
    start = article.body.index(narrowed)
    expect(tools.get_by_label("Start")).to_have_value(str(start))
    expect(tools.get_by_label("End")).to_have_value(str(start + len(narrowed)))
    tools.get_by_role("button", name="Save span").click()

    expect(page.locator(".messages")).to_contain_text("The claim now covers characters")
    expect(page.locator(f"mark.focus#claim-{claim.pk}")).to_have_text(narrowed)
    expect(page.get_by_test_id("claim-version")).to_have_text(str(claim.version + 1))
    page.screenshot(path=str(screenshot_dir / "claim-span-edited.png"), full_page=True)
    claim.refresh_from_db()
    assert claim.text == narrowed


def test_it_narrows_a_claim_to_a_selection_made_with_the_keyboard(
    desk_login, checker, live_server, screenshot_dir
):
    """No mouse: Tab into the claim's text, move by words, Shift to select, Enter on the
    buttons. Left moves forward in Arabic, as the text reads."""
    from reviews.assignment import claim_assign_next
    from tests.factories import ClaimFactory

    sentence = "قال الوزير إن الصادرات بلغت بنحو 40 مليار دولار في عام 2023."
    article = ArticleFactory(language="ar", body=sentence)
    claim = ClaimFactory(article=article, start=0, end=len(sentence))
    claim = claim_assign_next(queue=claim.queue, checker=checker)
    narrowed = "الصادرات بلغت بنحو 40 مليار دولار"

    page = desk_login(checker)
    page.goto(f"{live_server.url}/claims/{claim.pk}/")
    text = page.locator("#claim-text")
    expect(text).to_have_attribute("tabindex", "0")
    expect(text).to_have_attribute("aria-describedby", "claim-text-keys")
    page.get_by_test_id("claim-version").focus()  # just before the text in the tab order
    for _ in range(40):
        if page.evaluate("document.activeElement.id") == "claim-text":
            break
        page.keyboard.press("Tab")
    expect(text).to_be_focused()
    page.keyboard.press("s")  # in the text, "s" is no shortcut ("skip this claim")

    for _ in range(3):  # past «قال الوزير إن»
        page.keyboard.press("Control+ArrowLeft")
    status = page.locator('[data-selection-status="claim-text"]')
    expect(status).to_have_text(re.compile("^Cursor before «الصادرات بلغت"))
    # The caret is shown: the character after it is marked (the space before «الصادرات»).
    marked = "[...(CSS.highlights.get('text-caret') || [])].map(range => range.toString()).join('')"
    assert page.evaluate(marked) == " "
    text.screenshot(path=str(screenshot_dir / "claim-keyboard-caret.png"))
    for _ in range(6):  # «الصادرات بلغت بنحو 40 مليار دولار»
        page.keyboard.press("Control+Shift+ArrowLeft")
    expect(status).to_have_text(f"Selected: «{narrowed}»")
    page.keyboard.press("Shift+ArrowRight")  # one character back, and forward again
    page.keyboard.press("Shift+ArrowLeft")
    expect(status).to_have_text(f"Selected: «{narrowed}»")
    assert page.evaluate("window.getSelection().toString().trim()") == narrowed
    assert page.evaluate(marked) == ""  # a selection shows itself; no caret mark
    text.screenshot(path=str(screenshot_dir / "claim-keyboard-selection.png"))

    tools = page.get_by_test_id("span-form")
    tools.get_by_role("button", name="Use my text selection").focus()
    page.keyboard.press("Enter")
    start = sentence.index(narrowed)
    expect(tools.get_by_label("Start")).to_have_value(str(start))
    expect(tools.get_by_label("End")).to_have_value(str(start + len(narrowed)))
    tools.get_by_role("button", name="Save span").focus()
    page.keyboard.press("Enter")

    expect(page.locator(".messages")).to_contain_text("The claim now covers characters")
    claim.refresh_from_db()
    assert (claim.start, claim.end, claim.text) == (start, start + len(narrowed), narrowed)
    assert not ClaimSkip.objects.exists()


def test_it_selects_in_the_article_with_the_keyboard_to_add_a_claim(
    desk_login, checker, live_server
):
    body = "The ministry said exports rose 12% in 2023. Imports fell."
    article = ArticleFactory(body=body, language="en", status=Article.Status.PENDING)
    article_extract(article=article)
    phrase = "Imports fell"

    page = desk_login(checker)
    page.goto(f"{live_server.url}/articles/{article.pk}/")
    text = page.get_by_test_id("article-body")
    expect(text).to_have_attribute("aria-describedby", "article-text-keys")
    text.focus()
    page.keyboard.press("End")  # the end of the line: after «fell.»
    page.keyboard.press("ArrowLeft")  # before the full stop
    page.keyboard.press("Control+Shift+ArrowLeft")
    page.keyboard.press("Control+Shift+ArrowLeft")
    page.keyboard.press("ArrowRight")  # a plain arrow collapses the selection...
    page.keyboard.press("Home")  # ...and Home goes to the line's start
    expect(page.locator('[data-selection-status="article-text"]')).to_have_text(
        re.compile("^Cursor before «The ministry")
    )
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")
    for _ in range(len(phrase)):
        page.keyboard.press("Shift+ArrowLeft")

    add = page.get_by_test_id("claim-add")
    add.get_by_role("button", name="Use my text selection").focus()
    page.keyboard.press("Enter")
    start = body.index(phrase)
    expect(add.get_by_label("Start")).to_have_value(str(start))
    expect(add.get_by_label("End")).to_have_value(str(start + len(phrase)))
    expect(add.locator("#add-preview")).to_have_text(f"Selected: «{phrase}»")
