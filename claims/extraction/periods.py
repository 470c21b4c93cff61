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
# Everything here hangs on a year or on a few literal words, found first; the words around
# them are read from short slices (a pattern tried at every position of a long article costs
# more than all of them).
_YEARS = re.compile(_Y)  # neighbours checked in Python: a lookbehind per position costs 5x
_RANGE_HEAD = re.compile(
    rf"(?<![\w])(?:[Bb]etween|[Ff]rom|{norm('بين')}|{norm('من')})\s+"
    rf"(?:{norm('عام')}\s+|{norm('العام')}\s+)?$"
)
_RANGE_TAIL = re.compile(
    rf"\s*(?:and|to|until|till|through|{norm('و')}|{norm('إلى')}|{norm('حتى')})\s*"
    rf"(?:{norm('عام')}\s+|{norm('العام')}\s+)?(?P<y2>{_Y})(?![\d%])"
)
_HYPHEN_TAIL = re.compile(rf"\s?[-–](?P<y2>{_Y}|\d\d)(?![\d\-/%])")
_SAME_EN = re.compile(
    r"(?<![\w])[Tt]he\s+same\s+(?:period|quarter|month|week|time)\s+"
    r"(?:last\s+year|a\s+year\s+(?:earlier|ago|before)|of\s+(?:last|the\s+previous)\s+year)"
)
_AR_LAST_YEAR = re.compile(norm(r"(?:العام|السنة)\s+(?:الماضي|الماضية|السابق|السابقة)(?![\w])"))
_AR_FROM = re.compile(norm(r"\s+(?:من|في)\s+$"))
_SAME_AR_HEAD = re.compile(
    norm(
        r"(?<![\w])[بلو]?(?P<ar>(?:الفترة|الربع|الشهر|الموسم)\s+(?:ذاتها|نفسها|ذاته|نفسه)"
        r"|(?:نفس|ذات)\s+(?:الفترة|الربع|الشهر|الموسم))$"
    )
)
# A bare year after a word that uses it as a yardstick; in Arabic, a season before it.
_YARDSTICK = re.compile(
    rf"(?<![\w])(?:like|than|record|versus|vs\.?|unlike|on|over|against|compared\s+(?:with|to)|"
    rf"(?:end|beginning|start|middle|turn)\s+of|early|late|mid-?|"
    rf"{norm('مقارنة')}\s+(?:ب|مع)\s*(?:(?:ال)?{norm('عام')}\s+)?|"
    rf"[بلو]?(?:{norm('صيف')}|{norm('شتاء')}|{norm('ربيع')}|{norm('خريف')}|{norm('موسم')}|"
    rf"{norm('نهاية')}|{norm('أواخر')}|{norm('مطلع')}|{norm('بداية')}|{norm('منتصف')}|"
    rf"{norm('أوائل')}|{norm('أواسط')})(?:\s+{norm('عام')})?)\s*$",
    re.IGNORECASE,
)
_NOT_AFTER_YEAR = re.compile(r"[\d%]|[.,]\d|s\b|\s+[a-z]+s\b")
_PART_HINTS = (
    "end", "beginning", "start", "middle", "turn", "early", "late", "mid",
    *(norm(w) for w in ("نهاية", "أواخر", "مطلع", "بداية", "منتصف", "أوائل", "أواسط", "آخر")),
)  # fmt: skip
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
_HEAD_REACH = 36
_YARD_WORDS = frozenset(
    "like than record versus vs vs. unlike on over against with to of early late mid mid-".split()
    + [
        p + norm(w)
        for w in ("صيف", "شتاء", "ربيع", "خريف", "موسم", "نهاية", "أواخر", "مطلع", "بداية",
                  "منتصف", "أوائل", "أواسط", "مقارنة")
        for p in ("", "ب", "ل", "و")
    ]
    + [norm("ب"), norm("مع")]
)  # fmt: skip
_NOT_BEFORE_YEAR = frozenset("0123456789.,")


def add_periods(t: str, dates: list[dict]) -> list[dict]:
    """`dates` plus ranges, same-period and yardstick years; inner dates of a range or of a
    same-period phrase give way to it. Returns the list sorted by start."""
    n = len(t)
    years = [
        (s, e)
        for s, e in (m.span() for m in _YEARS.finditer(t))
        if (s == 0 or t[s - 1] not in _NOT_BEFORE_YEAR) and (e == n or not t[e].isdigit())
    ]
    added: list[dict] = []
    for s, e in years:
        tail = _RANGE_TAIL.match(t, e)
        if tail and _RANGE_HEAD.search(t, max(0, s - _HEAD_REACH), s):
            head = _RANGE_HEAD.search(t, max(0, s - _HEAD_REACH), s)
            start = head.start()  # type: ignore[union-attr]
        else:
            tail = _HYPHEN_TAIL.match(t, e)
            if not tail or (s > 0 and (t[s - 1].isalnum() or t[s - 1] in "-/.")):
                continue
            start = s
        y1, raw2 = int(t[s:e]), tail.group("y2")
        y2 = int(raw2) if len(raw2) == 4 else (y1 // 100) * 100 + int(raw2)
        if 0 < y2 - y1 <= 100:
            added.append(_date(start, tail.end(), year=y1, end_year=y2))
    if "same" in t or "Same" in t:
        for m in _SAME_EN.finditer(t):
            added.append(_date(m.start(), m.end(), relative="same_period_last_year"))
    for m in _AR_LAST_YEAR.finditer(t):
        join = _AR_FROM.search(t, max(0, m.start() - 8), m.start())
        if join is None:
            continue
        head = _SAME_AR_HEAD.search(t, max(0, join.start() - _HEAD_REACH), join.start())
        if head:
            added.append(_date(head.start("ar"), m.end(), relative="same_period_last_year"))
    if added:
        spans = sorted((f["start"], f["end"]) for f in added)
        dates = [f for f in dates if not _inside(spans, f["start"], f["end"])]
    taken = sorted([(f["start"], f["end"]) for f in dates + added])
    for s, e in years:
        if _overlaps(taken, s, e) or _NOT_AFTER_YEAR.match(t, e):
            continue
        before = t[max(0, s - _HEAD_REACH) : s].split()
        if not before or not _YARD_WORDS.intersection(w.lower() for w in before[-3:]):
            continue  # most years follow في، عام، in, since: no yardstick word, no regex
        if not _YARDSTICK.search(t, max(0, s - _HEAD_REACH), s):
            continue
        if quantities.UNIT_AFTER.match(t, e) or quantities.count_after(t, e, 2.0):
            continue  # "than 2019 people": a count
        added.append(_date(s, e, year=int(t[s:e])))
    if added:
        dates = sorted(dates + added, key=lambda f: f["start"])
    _parts(t, dates)
    return dates


def _parts(t: str, dates: list[dict]) -> None:
    hinted = None
    for f in dates:
        if f.get("month") is None and f.get("year") is None:
            continue
        if "end_year" in f or f.get("day"):
            continue
        lo = max(0, f["start"] - 40)
        if hinted is None:
            hinted = _hint_finder(t)
        if not hinted(lo, f["start"]):
            continue
        m = _PART.search(t, lo, f["start"])
        if m:
            word = (m.group("en") or m.group("en2") or m.group("ar")).lower()
            f["part"] = _PART_NAMES.get(word, word)


def _hint_finder(t: str):
    """`hinted(lo, hi)`: whether a part hint lies in t[lo:hi], lower-cased. The hints are
    found once per text instead of once per date."""
    low = t.lower()
    if len(low) != len(t):  # a letter whose lower case is longer: offsets would drift

        def sliced(lo: int, hi: int) -> bool:
            head = t[lo:hi].lower()
            return any(w in head for w in _PART_HINTS)

        return sliced
    hits = []
    for w in _PART_HINTS:
        i = low.find(w)
        while i >= 0:
            hits.append((i, i + len(w)))
            i = low.find(w, i + 1)
    hits.sort()
    starts = [a for a, _b in hits]

    def hinted(lo: int, hi: int) -> bool:
        i = bisect_left(starts, lo)
        while i < len(hits) and hits[i][0] < hi:
            if hits[i][1] <= hi:
                return True
            i += 1
        return False

    return hinted


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
