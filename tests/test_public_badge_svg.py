"""The SVG badge: well-formed, accessible, sized for its text, right-to-left for Arabic, escaped."""

import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.utils import timezone

from claims.models import Claim
from reviews.badges import badge_color, badge_svg, text_width
from reviews.models import Rating, RatingScale, Verdict
from reviews.publication import publication_invalidate
from tests.factories import ArticleFactory, ArticleURLFactory, ClaimFactory, VerdictFactory

SVG_NS = "{http://www.w3.org/2000/svg}"
ARTICLE_URL = "https://news.example.org/2025/01/budget-speech"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG_NS}svg"
    return root


def width(svg: str) -> int:
    return int(parse(svg).get("width"))


def texts(root: ET.Element) -> list[ET.Element]:
    return [
        element for element in root.iter(f"{SVG_NS}text") if element.get("aria-hidden") != "true"
    ]


def test_it_renders_well_formed_accessible_svg():
    root = parse(badge_svg("Claimdesk", "3 claims checked · 1 false", "red"))
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Claimdesk: 3 claims checked · 1 false"
    assert root.find(f"{SVG_NS}title").text == "Claimdesk: 3 claims checked · 1 false"
    assert [element.text for element in texts(root)] == ["Claimdesk", "3 claims checked · 1 false"]
    fills = [rect.get("fill") for rect in root.iter(f"{SVG_NS}rect")]
    assert "#e05d44" in fills


def test_it_grows_the_badge_with_its_text():
    widths = [width(badge_svg("Claimdesk", "x" * n, "red")) for n in (1, 5, 10, 20, 40)]
    assert widths == sorted(widths) and len(set(widths)) == len(widths)
    assert width(badge_svg("Claimdesk", "WWWW", "red")) > width(
        badge_svg("Claimdesk", "iiii", "red")
    )


def test_it_fits_each_part_to_its_estimated_text_width():
    root = parse(badge_svg("Claimdesk", "1 claim checked · 1 true", "green"))
    label_rect, message_rect = list(root.iter(f"{SVG_NS}rect"))[1:3]
    assert int(label_rect.get("width")) >= text_width("Claimdesk")
    assert int(message_rect.get("width")) >= text_width("1 claim checked · 1 true")
    assert int(root.get("width")) == int(label_rect.get("width")) + int(message_rect.get("width"))


def test_it_gives_arabic_more_room_than_latin_of_the_same_length():
    arabic, english = "تم التحقق من ادعاءين", "two claims checked!!"
    assert len(arabic) == len(english)
    assert width(badge_svg("Claimdesk", arabic, "red")) > width(
        badge_svg("Claimdesk", english, "red")
    )
    # Harakat sit on their letter and take no room of their own.
    assert text_width("خَاطِئ") == text_width("خاطئ")


def test_it_renders_arabic_right_to_left_and_english_left_to_right():
    root = parse(badge_svg("مسبار", "٣ ادعاءات · ١ خاطئ", "red"))
    label, message = texts(root)
    assert message.text == "٣ ادعاءات · ١ خاطئ"
    assert (label.get("direction"), message.get("direction")) == ("rtl", "rtl")
    assert message.get("unicode-bidi") == "embed"
    english = texts(parse(badge_svg("Claimdesk", "1 claim checked", "red")))[1]
    assert english.get("direction") is None


def test_it_escapes_hostile_text():
    hostile = '<script>alert("x")</script> & "quotes" \'single\''
    svg = badge_svg(hostile, hostile, '"/><script>alert(1)</script>')
    root = parse(svg)
    assert not list(root.iter(f"{SVG_NS}script"))
    assert not list(root.iter("script"))
    assert "<script>" not in svg
    assert [element.text for element in texts(root)] == [hostile, hostile]
    assert root.get("aria-label") == f"{hostile}: {hostile}"


def test_it_drops_characters_xml_forbids_and_bidi_overrides():
    root = parse(badge_svg("Claim\x00desk\x1b", "false\u202e eurt", "red"))
    assert [element.text for element in texts(root)] == ["Claimdesk", "false eurt"]


def test_it_shortens_a_very_long_message():
    root = parse(badge_svg("Claimdesk", "very long " * 50, "red"))
    message = texts(root)[1].text
    assert len(message) <= 100 and message.endswith("…")


@pytest.mark.parametrize(
    ("color", "fill"),
    [("red", "#e05d44"), ("brightgreen", "#4c1"), ("LightGrey", "#9f9f9f"), ("#A1B2C3", "#a1b2c3"),
     ("abc", "#abc"), ("url(#x)", "#9f9f9f"), ("", "#9f9f9f")],
)  # fmt: skip
def test_it_accepts_shields_colour_names_and_hex_codes_only(color, fill):
    assert badge_color(color) == fill


def test_it_serves_the_badge_as_svg_with_an_escaped_hostile_rating_label(client, defaults):
    scale = RatingScale.objects.create(slug="hostile", name="Hostile")
    rating = Rating.objects.create(
        scale=scale, slug="evil", label="<script>alert(1)</script>", alternate_name="Evil",
        rating_value=1, color="red", severity=9,
    )  # fmt: skip
    article = ArticleFactory()
    ArticleURLFactory(article=article, url=ARTICLE_URL)
    claim = ClaimFactory(article=article, status=Claim.Status.PUBLISHED)
    VerdictFactory(
        claim=claim, rating=rating, status=Verdict.Status.PUBLISHED, published_at=timezone.now()
    )
    publication_invalidate(article_id=article.pk)
    response = client.get("/api/v1/public/badge.svg", {"url": ARTICLE_URL}, secure=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    root = parse(response.content.decode())
    assert not list(root.iter(f"{SVG_NS}script"))
    assert texts(root)[1].text == "1 claim checked · 1 <script>alert(1)</script>"
    assert root.get("aria-label").endswith("1 <script>alert(1)</script>")
