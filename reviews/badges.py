"""A small flat badge in SVG, shaped like shields.io's: a grey label and a coloured message.

No font is available on the server, so text widths are estimated from Verdana's advance widths at
11px for Latin (the font shields.io measures with) and a wider flat estimate for Arabic, whose
glyph widths vary with joining; `textLength` then makes the browser fit the text to that box, so a
wrong estimate squeezes or stretches the text a little instead of spilling out of the badge.
"""

import re
import unicodedata
from xml.sax.saxutils import escape, quoteattr

HEIGHT = 20
PADDING = 5
FONT_SIZE = 11
MAX_CHARS = 100
LATIN_FONTS = "Verdana,Geneva,DejaVu Sans,sans-serif"
ARABIC_FONTS = "Tahoma,Noto Sans Arabic,DejaVu Sans,Verdana,sans-serif"

# Verdana, 11px, advance widths in px (printable ASCII).
VERDANA_11 = dict(
    zip(
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
        [
            3.87, 4.33, 5.05, 9.0, 6.99, 11.84, 7.99, 2.95, 4.99, 4.99, 6.99, 9.0, 4.0, 4.99, 4.0,
            4.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 4.99, 4.99, 9.0, 9.0,
            9.0, 5.99, 11.0, 7.52, 7.54, 7.68, 8.48, 6.96, 6.32, 8.53, 8.27, 4.63, 5.0, 7.62, 6.12,
            9.27, 8.23, 8.66, 6.63, 8.66, 7.65, 7.52, 6.78, 8.05, 7.52, 10.88, 7.54, 6.77, 7.54,
            4.99, 4.99, 4.99, 9.0, 6.99, 6.99, 6.61, 6.85, 5.73, 6.85, 6.55, 3.87, 6.85, 6.96, 3.02,
            3.79, 6.51, 3.02, 10.7, 6.96, 6.68, 6.85, 6.85, 4.69, 5.73, 4.33, 6.96, 6.51, 8.98, 6.51,
            6.51, 5.78, 6.98, 4.99, 6.98, 9.0,
        ],
        strict=True,
    )
)  # fmt: skip
VERDANA_EXTRA = {
    "·": 4.0,
    "…": 11.0,
    "–": 6.99,
    "—": 11.0,
    "‘": 2.95,
    "’": 2.95,
    "“": 5.05,
    "”": 5.05,
}
ARABIC_LETTER = 7.5  # wider than a Latin lower-case average (≈6.3): clipping is worse than air
ARABIC_DIGIT = 6.99
WIDE = 11.0  # CJK and other full-width characters
OTHER = 7.5

COLORS = {
    "brightgreen": "#4c1",
    "green": "#97ca00",
    "yellowgreen": "#a4a61d",
    "yellow": "#dfb317",
    "orange": "#fe7d37",
    "red": "#e05d44",
    "blue": "#007ec6",
    "grey": "#555",
    "gray": "#555",
    "lightgrey": "#9f9f9f",
    "lightgray": "#9f9f9f",
    "success": "#4c1",
    "important": "#fe7d37",
    "critical": "#e05d44",
    "informational": "#007ec6",
    "inactive": "#9f9f9f",
}
LABEL_COLOR = "#555"
HEX_COLOR = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")

# Explicit bidi embeddings/overrides/isolates: we set the direction ourselves, and a stray
# U+202E in a rating label must not be able to reverse the badge.
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def _xml_safe(text: str) -> str:
    """Only characters XML 1.0 allows, no bidi controls, at most MAX_CHARS."""
    text = "".join(
        char
        for char in str(text).translate(BIDI_CONTROLS)
        if char in "\t\n\r"
        or ("\x20" <= char <= "\ud7ff")
        or ("\ue000" <= char <= "\ufffd")
        or char >= "\U00010000"
    )
    text = " ".join(text.split())
    if len(text) > MAX_CHARS:
        text = text[: MAX_CHARS - 1].rstrip() + "…"
    return text


def is_rtl(text: str) -> bool:
    """Like dir="auto": the first strongly directional character decides."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def _char_width(char: str) -> float:
    if char in VERDANA_11:
        return VERDANA_11[char]
    if char in VERDANA_EXTRA:
        return VERDANA_EXTRA[char]
    category = unicodedata.category(char)
    if category in ("Mn", "Me", "Cf"):  # harakat, shadda and other marks sit on their letter
        return 0.0
    if "\u0660" <= char <= "\u0669" or "\u06f0" <= char <= "\u06f9":
        return ARABIC_DIGIT
    if unicodedata.bidirectional(char) in ("AL", "R"):
        return ARABIC_LETTER
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return WIDE
    base = unicodedata.normalize("NFD", char)[0]  # é is as wide as e
    return VERDANA_11.get(base, OTHER)


def text_width(text: str) -> float:
    """Estimated width in px of `text` at 11px."""
    return sum(_char_width(char) for char in text)


def badge_color(color: str) -> str:
    """A shields colour name or hex code as an SVG fill; unknown names become lightgrey."""
    color = (color or "").strip()
    if color.lower() in COLORS:
        return COLORS[color.lower()]
    if HEX_COLOR.fullmatch(color):
        return "#" + color.lstrip("#").lower()
    return COLORS["lightgrey"]


def _text(x: float, length: float, text: str) -> str:
    rtl = is_rtl(text)
    attributes = (
        f'x="{x:.1f}" y="14" textLength="{length:.1f}" lengthAdjust="spacingAndGlyphs"'
        f" font-family={quoteattr(ARABIC_FONTS if rtl else LATIN_FONTS)}"
    )
    if rtl:
        attributes += ' direction="rtl" unicode-bidi="embed"'
    content = escape(text)
    shadow = attributes.replace('y="14"', 'y="15"')
    return (
        f'<text {shadow} fill="#010101" fill-opacity=".3" aria-hidden="true">{content}</text>'
        f"<text {attributes}>{content}</text>"
    )


def badge_svg(label: str, message: str, color: str) -> str:
    """A flat badge `label | message`, accessible (`<title>`, `role`, `aria-label`)."""
    label, message = _xml_safe(label), _xml_safe(message)
    label_text, message_text = text_width(label), text_width(message)
    label_width = round(label_text + 2 * PADDING) if label else 0
    message_width = round(message_text + 2 * PADDING)
    width = label_width + message_width
    title = f"{label}: {message}" if label else message
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT}"'
        f' viewBox="0 0 {width} {HEIGHT}" role="img" aria-label={quoteattr(title)}>',
        f"<title>{escape(title)}</title>",
        '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb"'
        ' stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>',
        f'<clipPath id="r"><rect width="{width}" height="{HEIGHT}" rx="3" fill="#fff"/></clipPath>',
        '<g clip-path="url(#r)">',
        f'<rect width="{label_width}" height="{HEIGHT}" fill="{LABEL_COLOR}"/>',
        f'<rect x="{label_width}" width="{message_width}" height="{HEIGHT}"'
        f' fill="{badge_color(color)}"/>',
        f'<rect width="{width}" height="{HEIGHT}" fill="url(#s)"/>',
        "</g>",
        f'<g fill="#fff" text-anchor="middle" font-size="{FONT_SIZE}"'
        ' text-rendering="geometricPrecision">',
    ]
    if label:
        parts.append(_text(label_width / 2, label_text, label))
    parts.append(_text(label_width + message_width / 2, message_text, message))
    parts.append("</g></svg>")
    return "".join(parts)
