"""One stylesheet serves both directions: logical properties only, no inline styles."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CSS = (ROOT / "static" / "claimdesk" / "desk.css").read_text(encoding="utf-8")
DECLARATION = re.compile(r"([a-z-]+)\s*:\s*([^;{}]+)")


def _declarations():
    body = re.sub(r"/\*.*?\*/", "", CSS, flags=re.S)
    for block in re.findall(r"\{([^{}]*)\}", body):
        yield from DECLARATION.findall(block)


def test_it_uses_no_physical_left_or_right_in_the_stylesheet():
    physical = [
        f"{name}: {value}"
        for name, value in _declarations()
        if re.search(r"(^|-)(left|right)($|-)", name)
        or (name in {"float", "clear", "text-align"} and re.search(r"left|right", value))
    ]
    assert physical == []


def test_it_writes_no_shorthand_that_differs_between_the_two_inline_sides():
    lopsided = []
    for name, value in _declarations():
        parts = value.split()
        if (
            name in {"margin", "padding", "inset", "border-width", "border-radius"}
            and len(parts) == 4
        ):
            if parts[1] != parts[3]:
                lopsided.append(f"{name}: {value}")
    assert lopsided == []


def test_it_puts_no_inline_style_in_any_template():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if re.search(r"<style|\sstyle=", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
