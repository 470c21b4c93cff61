"""Language by script: Arabic letters against Latin letters."""

from __future__ import annotations

import re

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]+")
_SAMPLE = 6_000


def detect_language(text: str) -> str:
    # Arabic articles quote Latin names, tickers and URLs; an Arabic share of a third of
    # the letters is already an Arabic article.
    sample = text[:_SAMPLE]
    arabic = sum(map(len, _ARABIC.findall(sample)))
    latin = sum(map(len, _LATIN.findall(sample)))
    if arabic and arabic * 2 >= latin:
        return "ar"
    return "en"
