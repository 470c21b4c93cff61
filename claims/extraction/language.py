"""Language by script: Arabic letters against Latin letters."""

from __future__ import annotations

import re

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]+")
_SAMPLE = 6_000
# Counted on the UTF-8 bytes: U+0600-U+06FF are the characters led by D8-DB, A-Z and a-z are
# single bytes, U+00C0-U+023F are led by C3-C8. Two C-level passes instead of two regex scans
# building a list of every word. Texts with a lead byte that the ranges share only in part
# (DD: U+0740-U+077F, C9: U+0240-U+027F, EF: the presentation forms) take the regex path.
_ARABIC_LEADS = bytes(range(0xD8, 0xDC))
_LATIN_BYTES = bytes(range(0x41, 0x5B)) + bytes(range(0x61, 0x7B)) + bytes(range(0xC3, 0xC9))
_ALL_BYTES = bytes(range(256))
_NOT_ARABIC = bytes(b for b in _ALL_BYTES if b not in _ARABIC_LEADS)
_NOT_LATIN = bytes(b for b in _ALL_BYTES if b not in _LATIN_BYTES)
_PARTIAL_LEADS = (b"\xdd", b"\xc9", b"\xef")


def detect_language(text: str) -> str:
    # Arabic articles quote Latin names, tickers and URLs; an Arabic share of a third of
    # the letters is already an Arabic article.
    arabic, latin = _letters(text[:_SAMPLE])
    if arabic and arabic * 2 >= latin:
        return "ar"
    return "en"


def _letters(sample: str) -> tuple[int, int]:
    raw = sample.encode("utf-8", "surrogatepass")
    if any(lead in raw for lead in _PARTIAL_LEADS):
        return sum(map(len, _ARABIC.findall(sample))), sum(map(len, _LATIN.findall(sample)))
    return len(raw.translate(None, _NOT_ARABIC)), len(raw.translate(None, _NOT_LATIN))
