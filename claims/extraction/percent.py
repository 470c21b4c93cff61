"""Percent signs and words; percentage points are a different figure from percent."""

from __future__ import annotations

import re

from .normalize import norm

_AR_POINTS = [norm(w) for w in ("نقطة مئوية", "نقاط مئوية", "نقطتين مئويتين", "نقطتان مئويتان")]
_AR_PERCENT = [norm(w) for w in ("في المئة", "في المائة", "بالمئة", "بالمائة", "في المية",
                                 "بالمية", "في الميه")]  # fmt: skip


def _alt(words: list[str]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


_AR_BASIS = [norm(w) for w in ("نقطة أساس", "نقاط أساس", "نقطة مئوية أساس")]

# Basis points are hundredths of a percentage point: "25 basis points" is value 0.25 points.
PERCENT_AFTER = re.compile(
    rf"(?:\s?%|\s+(?:(?P<bp>{_alt(_AR_BASIS)}|basis\s+points?|bps?)|(?P<points>{_alt(_AR_POINTS)}|percentage\s+points?|pct\s+points?|"
    rf"points?\s+percentage)"
    rf"|(?:{_alt(_AR_PERCENT)}|per\s?cent|percent|pct)))(?!\w)",
    re.IGNORECASE,
)
