"""Dates that span or compare: year ranges, the same period last year, a year as a yardstick
("a record 2021", "winters like 2010", "مقارنة بصيف 2010"), and the part of a month or year
("end of June", "نهاية أيلول/سبتمبر": the date keeps its span and gains `part`).

Runs on the date facts of `scan_dates` (normalised offsets) before amounts are read, so the
numbers of a range never become a figure.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from . import quantities
from .normalize import norm

_Y = r"(?:19|20)\d\d"
_RANGE = re.compile(
    rf"(?<![\w])(?P<open>[Bb]etween|[Ff]rom|{norm('بين')}|{norm('من')})\s+"
    rf"(?:{norm('عام')}\s+|{norm('العام')}\s+)?(?P<y1>{_Y})\s*"
    rf"(?:and|to|until|till|through|{norm('و')}|{norm('إلى')}|{norm('حتى')})\s*"
    rf"(?:{norm('عام')}\s+|{norm('العام')}\s+)?(?P<y2>{_Y})(?![\d%])"
    rf"|(?<![\w\-/.])(?P<y3>{_Y})\s?[-–](?P<y4>{_Y}|\d\d)(?![\d\-/%])"
)
_SAME_PERIOD = re.compile(
    r"(?<![\w])(?P<en>the\s+same\s+(?:period|quarter|month|week|time)\s+"
    r"(?:last\s+year|a\s+year\s+(?:earlier|ago|before)|of\s+(?:last|the\s+previous)\s+year))"
    + norm(
        r"|(?<![\w])[بلو]?(?P<ar>(?:الفترة|الربع|الشهر|الموسم)\s+(?:ذاتها|نفسها|ذاته|نفسه)"
        r"|(?:نفس|ذات)\s+(?:الفترة|الربع|الشهر|الموسم))\s+(?:من|في)\s+(?:العام|السنة)\s+"
        r"(?:الماضي|الماضية|السابق|السابقة)(?![\w])"
    ),
    re.IGNORECASE,
)
# A bare year after a word that uses it as a yardstick; in Arabic, a season before it.
_YARDSTICK = re.compile(
    rf"(?<![\w])(?:like|than|record|versus|vs\.?|unlike|on|over|against|compared\s+(?:with|to)|"
    rf"(?:end|beginning|start|middle|turn)\s+of|early|late|mid-?|"
    rf"{norm('مقارنة')}\s+(?:ب|مع)\s*(?:(?:ال)?{norm('عام')}\s+)?|"
    rf"[بلو]?(?:{norm('صيف')}|{norm('شتاء')}|{norm('ربيع')}|{norm('خريف')}|{norm('موسم')}|"
    rf"{norm('نهاية')}|{norm('أواخر')}|{norm('مطلع')}|{norm('بداية')}|{norm('منتصف')}|"
    rf"{norm('أوائل')}|{norm('أواسط')})(?:\s+{norm('عام')})?)\s*(?P<y>{_Y})"
    rf"(?![\d%]|[.,]\d|s\b|\s+[a-z]+s\b)",
    re.IGNORECASE,
)
_YEAR_HINT = re.compile(r"(?:19|20)\d\d")
_PERIOD_HINTS = ("same", norm("الماضي"), norm("السابق"))
_PART = re.compile(
    r"(?<![\w])(?:(?:the\s+)?(?P<en>end|beginning|start|middle|turn)\s+of\s+(?:the\s+month\s+of\s+)?"
    r"|(?P<en2>early|late|mid)[\s\-]"
    + norm(r"|[بلو]?(?P<ar>نهاية|أواخر|مطلع|بداية|منتصف|أوائل|أواسط|آخر)\s+(?:شهر\s+)?")
    + r")$",
    re.IGNORECASE,
)
_PART_NAMES = {
    "end": "end", "beginning": "start", "start": "start", "middle": "middle", "turn": "start",
    "early": "early", "late": "late", "mid": "middle",
    norm("نهاية"): "end", norm("أواخر"): "late", norm("مطلع"): "start", norm("بداية"): "start",
    norm("منتصف"): "middle", norm("أوائل"): "early", norm("أواسط"): "middle", norm("آخر"): "end",
}  # fmt: skip


def add_periods(t: str, dates: list[dict]) -> list[dict]:
    """`dates` plus ranges, same-period and yardstick years; inner dates of a range or of a
    same-period phrase give way to it. Returns the list sorted by start."""
    if _YEAR_HINT.search(t) is None and not any(h in t for h in _PERIOD_HINTS):
        _parts(t, dates)
        return dates
    added: list[dict] = []
    for m in _RANGE.finditer(t):
        if m.group("y1"):
            y1, y2 = int(m.group("y1")), int(m.group("y2"))
            start = m.start()
        else:
            y1 = int(m.group("y3"))
            tail = m.group("y4")
            y2 = int(tail) if len(tail) == 4 else (y1 // 100) * 100 + int(tail)
            start = m.start("y3")
        if not 0 < y2 - y1 <= 100:
            continue
        added.append(_date(start, m.end(), year=y1, end_year=y2))
    for m in _SAME_PERIOD.finditer(t):
        g = "en" if m.group("en") else "ar"
        added.append(_date(m.start(g), m.end(), relative="same_period_last_year"))
    if added:
        spans = sorted((f["start"], f["end"]) for f in added)
        dates = [f for f in dates if not _inside(spans, f["start"], f["end"])]
    taken = sorted([(f["start"], f["end"]) for f in dates + added])
    for m in _YARDSTICK.finditer(t):
        s, e = m.span("y")
        if quantities.UNIT_AFTER.match(t, e) or quantities.count_after(t, e, 2.0):
            continue  # "than 2019 people": a count
        if not _overlaps(taken, s, e):
            added.append(_date(s, e, year=int(m.group("y"))))
    dates = sorted(dates + added, key=lambda f: f["start"])
    _parts(t, dates)
    return dates


def _parts(t: str, dates: list[dict]) -> None:
    for f in dates:
        if f.get("month") is None and f.get("year") is None:
            continue
        if "end_year" in f or f.get("day"):
            continue
        m = _PART.search(t, max(0, f["start"] - 40), f["start"])
        if m:
            word = (m.group("en") or m.group("en2") or m.group("ar")).lower()
            f["part"] = _PART_NAMES.get(word, word)


def _date(start: int, end: int, **extra) -> dict:
    f = {"type": "date", "start": start, "end": end, "year": None, "month": None, "day": None}
    f.update(extra)
    return f


def _inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    i = bisect_left(spans, (s + 1, -1)) - 1
    return i >= 0 and spans[i][0] <= s and e <= spans[i][1]


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    i = bisect_left(spans, (e, -1))
    return any(a < e and s < b for a, b in spans[max(0, i - 2) : i])
