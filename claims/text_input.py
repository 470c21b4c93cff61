"""Turning what a person pastes or uploads into the article body that spans refer to."""

import re

from django.core.exceptions import AppRegistryNotReady, ImproperlyConfigured
from django.utils.translation import gettext
from lxml import html as lxml_html

HTML_TAG = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*|/[a-zA-Z][a-zA-Z0-9]*|!--)[^>]*>")
BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "figcaption",
    "figure",
    "pre",
    "hr",
}
# Control characters other than tab/newline/carriage return never occur in news text.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _(message: str) -> str:
    # The command-line tools read files without Django's settings: the English text then.
    try:
        return gettext(message)
    except (AppRegistryNotReady, ImproperlyConfigured):
        return message


class UnreadableText(ValueError):
    pass


def text_from_bytes(data: bytes) -> str:
    """Decode an uploaded file; refuse binary content rather than store noise."""
    if b"\x00" in data[:65536]:
        raise UnreadableText(_("The file looks binary (it contains NUL bytes); send UTF-8 text."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableText(
            _("The file is not valid UTF-8 (byte %(byte)s); save it as UTF-8 and try again.")
            % {"byte": error.start}
        ) from None
    return text


def looks_like_html(text: str) -> bool:
    return len(HTML_TAG.findall(text[:20000])) >= 2


def html_to_plain_text(markup: str) -> str:
    """Keep the visible text and paragraph breaks of pasted HTML; drop scripts and styles."""
    try:
        root = lxml_html.fromstring(markup)
    except (ValueError, lxml_html.etree.ParserError):
        return HTML_TAG.sub(" ", markup)
    for element in root.iter("script", "style", "noscript", "template"):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in BLOCK_TAGS:
            # Paragraphs stay paragraphs: segmentation relies on the blank line.
            gap = "\n" if element.tag.lower() in {"br", "li", "tr"} else "\n\n"
            element.tail = gap + (element.tail or "")
    text = root.text_content()
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def clean_body(text: str) -> str:
    """The stored body: HTML stripped, newlines unified. Spans are offsets into this string."""
    if CONTROL_CHARS.search(text):
        if len(CONTROL_CHARS.findall(text[:65536])) > 8:
            raise UnreadableText(_("The text contains binary control characters; send plain text."))
        text = CONTROL_CHARS.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_html(text):
        text = html_to_plain_text(text)
    return text.strip("\n")
