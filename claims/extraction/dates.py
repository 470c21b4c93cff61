"""Dates in the three Arabic month families, English dates, numeric, Hijri and relative dates.

Outlets print a month in two families at once so that every reader understands it
(حزيران/يونيو، يونيو حزيران، حزيران (يونيو)); the pair is kept with both months so that a
slip (حزيران/يوليو) can be reported instead of silently picking one.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .anchored import from_candidates, near_word, starting_at
from .normalize import norm
from .numbers import alternation, first_chars

# (spelling, month, family): L = Levantine/Iraqi, G = Egyptian/Gulf, M = Maghreb/Moroccan.
_AR_MONTHS = [
    ("كانون الثاني", 1, "L"), ("كانون ثاني", 1, "L"), ("شباط", 2, "L"), ("آذار", 3, "L"),
    ("نيسان", 4, "L"), ("أيار", 5, "L"), ("حزيران", 6, "L"), ("تموز", 7, "L"), ("آب", 8, "L"),
    ("أيلول", 9, "L"), ("تشرين الأول", 10, "L"), ("تشرين أول", 10, "L"),
    ("تشرين الثاني", 11, "L"), ("تشرين ثاني", 11, "L"), ("كانون الأول", 12, "L"),
    ("كانون أول", 12, "L"),
    ("يناير", 1, "G"), ("فبراير", 2, "G"), ("مارس", 3, "G"), ("أبريل", 4, "G"),
    ("إبريل", 4, "G"), ("ابريل", 4, "G"), ("مايو", 5, "G"), ("يونيو", 6, "G"), ("يونيه", 6, "G"),
    ("يوليو", 7, "G"), ("يوليه", 7, "G"), ("أغسطس", 8, "G"), ("أغشت", 8, "G"),
    ("سبتمبر", 9, "G"), ("أكتوبر", 10, "G"), ("نوفمبر", 11, "G"), ("ديسمبر", 12, "G"),
    ("جانفي", 1, "M"), ("فيفري", 2, "M"), ("أفريل", 4, "M"), ("ماي", 5, "M"), ("جوان", 6, "M"),
    ("جويلية", 7, "M"), ("أوت", 8, "M"), ("يوليوز", 7, "M"), ("غشت", 8, "M"),
    ("شتنبر", 9, "M"), ("نونبر", 11, "M"), ("دجنبر", 12, "M"),
]  # fmt: skip
_EN_MONTHS = {
    "January": 1, "Jan": 1, "February": 2, "Feb": 2, "March": 3, "Mar": 3, "April": 4,
    "Apr": 4, "May": 5, "June": 6, "Jun": 6, "July": 7, "Jul": 7, "August": 8, "Aug": 8,
    "September": 9, "Sept": 9, "Sep": 9, "October": 10, "Oct": 10, "November": 11, "Nov": 11,
    "December": 12, "Dec": 12,
}  # fmt: skip
# Full month names that are not also common words: a month wherever they stand.
_EN_PLAIN = {"January", "February", "April", "July", "September", "October", "November",
             "December"}  # fmt: skip
MONTH_NAMES_EN = [
    "", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]  # fmt: skip
# Short or common words that are months only in a date context (آب is also "father";
# مارس is also "he practised"; ماي and جوان are short; May and March are English verbs).
_AMBIGUOUS = {norm(w) for w in ("آب", "ماي", "مارس", "جوان", "أوت")} | {"May", "March", "Mar"}
_CONTEXT_BEFORE = {
    norm(w)
    for w in (
        "في", "من", "منذ", "خلال", "مطلع", "منتصف", "أواخر", "أوائل", "أواسط", "بداية",
        "نهاية", "شهر", "حتى", "قبل", "بعد", "وفي", "ومنذ", "ومطلع", "ونهاية", "لشهر",
    )
} | {"in", "since", "by", "until", "from", "during", "early", "mid", "late", "last", "next",
     "this", "of", "before", "after", "through", "between", "end", "start", "mid-"}  # fmt: skip

AR_MONTH: dict[str, tuple[int, str]] = {}
for _w, _m, _f in _AR_MONTHS:
    AR_MONTH[re.sub(r"\s+", " ", norm(_w))] = (_m, _f)

_AR_WEEKDAYS = {
    "الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3, "الجمعة": 4,
    "السبت": 5, "الأحد": 6,
}  # fmt: skip
AR_WEEKDAY = {norm(k): v for k, v in _AR_WEEKDAYS.items()}
EN_WEEKDAY = {
    "Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4, "Saturday": 5,
    "Sunday": 6, "Mon": 0, "Tue": 1, "Tues": 1, "Wed": 2, "Thu": 3, "Thurs": 3, "Fri": 4,
    "Sat": 5, "Sun": 6,
}  # fmt: skip

_AR_MONTH_RE = alternation(AR_MONTH).replace(r"\ ", r"\s+")
_OPTIONAL_DOT = r"\.?"
_EN_MONTH_RE = "|".join(
    k if len(k) > 4 or k in ("May", "June", "July") else k + _OPTIONAL_DOT
    for k in sorted(_EN_MONTHS, key=len, reverse=True)
)
_AR_WD_RE = alternation(AR_WEEKDAY)
_EN_WD_RE = "|".join(
    sorted((k if len(k) > 4 else k + r"\.?" for k in EN_WEEKDAY), key=len, reverse=True)
)
_DIR = {
    norm(w): d
    for w, d in (
        ("الماضي", "last"), ("الماضية", "last"), ("الفائت", "last"), ("الفائتة", "last"),
        ("المنصرم", "last"), ("المنصرمة", "last"), ("المقبل", "next"), ("المقبلة", "next"),
        ("القادم", "next"), ("القادمة", "next"), ("الحالي", "this"), ("الحالية", "this"),
        ("الجاري", "this"), ("الجارية", "this"),
    )
}  # fmt: skip
_DIR_RE = alternation(_DIR)

_AR_DATE = re.compile(
    first_chars(list(AR_MONTH) + list(AR_WEEKDAY), "0123456789و")
    + rf"(?:(?<!\w)(?P<wd>{_AR_WD_RE})\s*[,،]?\s+(?:(?:الموافق|يوم)\s+)?)?"
    rf"(?:(?<![\d.,/])(?P<day>\d{{1,2}})(?![\d.,/:])\s*(?:من\s+)?(?:شهر\s+)?)?"
    rf"(?:(?<!\w)و|(?<!\w))(?P<m1>{_AR_MONTH_RE})(?!\w)"
    rf"(?:(?:\s*/\s*(?P<m2s>{_AR_MONTH_RE})|\s*\(\s*(?P<m2p>{_AR_MONTH_RE})\s*\)"
    rf"|\s+(?P<m2r>{_AR_MONTH_RE}))(?!\w))?"
    rf"(?:\s*[,،]?\s*(?:(?:من\s+)?(?:عام|العام|سنه)\s+)?(?P<year>\d{{4}})(?![\d])"
    rf"(?:\s*(?P<hijri>ه)(?!\w)|\s*م(?!\w))?)?"
    rf"(?:\s+(?P<dir>{_DIR_RE})(?!\w))?"
)
_EN_DATE = re.compile(
    first_chars(list(_EN_MONTHS) + list(EN_WEEKDAY), "0123456789")
    + rf"(?<![\w])(?:(?P<wd>{_EN_WD_RE})\s*,?\s+(?:the\s+)?)?"
    rf"(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
    rf"(?P<m1>{_EN_MONTH_RE})(?![\w])"
    rf"(?:\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:.,]\d|\d|\s*(?:%|per|million|billion)))?"
    rf"(?:\s*,?\s*(?P<year>\d{{4}})(?!\d))?"
)
_NUMERIC_DATE = re.compile(
    r"(?=\d)(?<![\d/.\-])(?:(?P<d>\d{1,2})(?P<s>[/.\-])(?P<m>\d{1,2})(?P=s)(?P<y>(?:19|20)\d\d)"
    r"|(?P<iy>(?:19|20)\d\d)-(?P<im>\d{1,2})-(?P<id>\d{1,2}))(?![\d/\-]|\.\d)"
)
_YEAR_PRE_AR = [norm(w) for w in ("عام", "العام", "سنة", "لعام", "للعام")]
_YEAR_PRE = _YEAR_PRE_AR + [
    norm(w)
    for w in (
        "في", "منذ", "خلال", "مطلع", "منتصف", "أواخر", "أوائل", "بداية", "نهاية", "حتى",
        "قبل", "بعد", "وفي", "ومنذ", "بحلول",
    )
] + ["the", "its", "their", "his", "her", "our"] + [
     "in", "since", "by", "until", "during", "early", "late", "of", "from", "before",
     "after", "through", "mid-", "In", "Since", "By", "Until", "During", "From"]  # fmt: skip
# Years and Hijri years are found from their digits; the word before is checked after,
# because scanning for common words like في at every position costs more than the digits.
_YEAR = re.compile(
    r"(?=[12])(?<![\d.,])(?P<year>(?:1[3-9]|20)\d\d)(?![\d.,]?\d)"
    r"(?:\s*(?P<hijri>ه|هجري|هجريه|للهجره)(?!\w)|\s*م(?!\w))?"
)
# Every match of _NUMERIC_DATE holds a digit, a separator, one or two digits, a separator
# and a digit: a text without that skips the scan, which is tried at every digit.
_NUMERIC_HINT = re.compile(r"\d[/.\-]\d{1,2}[/.\-]\d")
# Every match of _YEAR starts where this finds one (from_candidates): a year inside a
# longer run of digits follows a digit, which _YEAR's lookbehind refuses.
_YEAR_CANDIDATE = re.compile(r"(?:1[3-9]|20)\d\d")


_YEAR_BEFORE = re.compile(rf"(?<!\w)(?P<pre>{alternation(_YEAR_PRE)})\s*$")
_EN_DET = {"the", "its", "their", "his", "her", "our"}
_PLURAL_NEXT = re.compile(r"\s+[a-z]+s(?!\w)")
_YEAR_WORD_BEFORE = re.compile(r"(?<!\w)(?:عام|العام|سنه)\s+$")

_REL_AR = re.compile(
    first_chars(["اليوم", "امس", "غدا", "يوم", "الشهر", "اول", "هذا", "هذه"])
    + rf"(?<!\w)(?:(?P<rel>اليوم|امس|الامس|غدا|يوم)\s+(?P<wd>{_AR_WD_RE})(?!\w)"
    rf"|(?P<wd2>{_AR_WD_RE})\s+(?P<dir>{_DIR_RE})(?!\w)"
    rf"|(?P<unit>الشهر|العام|السنه|الاسبوع)\s+(?P<dir2>{_DIR_RE})(?!\w)"
    rf"|(?:هذا|هذه)\s+(?P<unit3>الشهر|العام|السنه|الاسبوع)(?!\w)"
    rf"|(?P<yest>امس\s+الاول|اول\s+امس|امس|الامس)(?!\w)"
    rf"|(?P<wd3>{_AR_WD_RE})(?!\w))"
)
_REL_EN = re.compile(
    first_chars(["yesterday", "tomorrow", "today", "last", "next", "this", *EN_WEEKDAY])
    + rf"(?<![\w])(?:(?P<today>[Tt]oday|[Yy]esterday|[Tt]omorrow)\s*(?:,|\()\s*(?P<wdt>{_EN_WD_RE})(?![\w])\)?"
    rf"|(?P<yest>[Yy]esterday|[Tt]omorrow)"
    rf"|(?P<dir>[Ll]ast|[Nn]ext|[Tt]his)\s+(?P<unit>week|month|year|(?:{_EN_WD_RE}))"
    rf"|(?P<wd>{_EN_WD_RE}))(?![\w])"
)
# Every match of _REL_AR / _REL_EN starts at one of these words (anchored.starting_at).
_REL_AR_WORD = re.compile(
    alternation(
        ["اليوم", "امس", "الامس", "غدا", "يوم", *AR_WEEKDAY, "الشهر", "العام", "السنه",
         "الاسبوع", "هذا", "هذه", "اول"]
    )
)  # fmt: skip
_REL_EN_WORD = re.compile(
    "Today|today|Yesterday|yesterday|Tomorrow|tomorrow|Last|last|Next|next|This|this|" + _EN_WD_RE
)


_REL_WORDS = {
    norm("اليوم"): "today", norm("امس"): "yesterday", norm("الامس"): "yesterday",
    norm("غدا"): "tomorrow", "yesterday": "yesterday", "tomorrow": "tomorrow",
}  # fmt: skip
_UNIT_AR = {"الشهر": "month", "العام": "year", "السنه": "year", "الاسبوع": "week"}
_PREV_WORD = re.compile(r"([\w\-]+)[\s,،]*$")


def _ar_month(s: str) -> tuple[int, str]:
    return AR_MONTH[re.sub(r"\s+", " ", s)]


def _en_month(s: str) -> int:
    return _EN_MONTHS[s.rstrip(".")]


def _date(start: int, end: int, year=None, month=None, day=None) -> dict:
    return {"type": "date", "start": start, "end": end, "year": year, "month": month, "day": day}


def _prev_word(t: str, pos: int) -> str:
    m = _PREV_WORD.search(t, max(0, pos - 24), pos)
    return m.group(1) if m else ""


def _month_context(prev: str) -> bool:
    # A list of months ("جويلية وأوت") is context for the short one.
    return prev in _CONTEXT_BEFORE or prev in AR_MONTH or prev in _EN_MONTHS


def _valid_day(day: int | None) -> bool:
    return day is None or 1 <= day <= 31


def scan_dates(t: str) -> tuple[list[dict], list[dict]]:
    """Date facts (normalised offsets) and the dual month pairs found in them."""
    facts: list[dict] = []
    pairs: list[dict] = []
    taken: list[tuple[int, int]] = []
    _scan_ar(t, facts, pairs)
    _scan_hijri(t, facts)
    _scan_en(t, facts)
    _ordinal_days(t, facts)
    taken = sorted((f["start"], f["end"]) for f in facts)
    for m in _NUMERIC_DATE.finditer(t) if _NUMERIC_HINT.search(t) else ():
        if m.group("iy"):
            y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
        else:
            d, mo, y = int(m.group("d")), int(m.group("m")), int(m.group("y"))
            if mo > 12 and d <= 12:
                d, mo = mo, d  # month-first US order
        if 1 <= mo <= 12 and 1 <= d <= 31:
            facts.append(_date(m.start(), m.end(), y, mo, d))
    taken = sorted((f["start"], f["end"]) for f in facts)
    for m in from_candidates(_YEAR, _YEAR_CANDIDATE, t):
        if not _free(taken, m.start("year"), m.end()):
            continue
        year = int(m.group("year"))
        hijri = bool(m.group("hijri"))
        before = _YEAR_BEFORE.search(t, max(0, m.start() - 12), m.start())
        if hijri and year < 1600:
            pre = _YEAR_WORD_BEFORE.search(t, max(0, m.start() - 8), m.start())
            s = pre.start() if pre else m.start()
        elif before and before.group("pre") in _EN_DET and _PLURAL_NEXT.match(t, m.end()):
            continue  # "the 2000 people": a count
        elif before and year >= 1500:
            s = m.start() if before.group("pre") not in _YEAR_PRE_AR else before.start()
        else:
            continue
        f = _date(s, m.end(), year)
        if hijri:
            f["calendar"] = "hijri"
        facts.append(f)
    taken = sorted((f["start"], f["end"]) for f in facts)
    _scan_relative(t, facts, taken)
    facts.sort(key=lambda f: f["start"])
    return facts, pairs


def _free(taken: list[tuple[int, int]], s: int, e: int) -> bool:
    """`taken` is sorted by start; spans of one scanner do not nest, so the one starting
    last before `e` is the only one that can overlap [s, e)... or the one before it."""
    i = bisect_left(taken, (e, -1))
    for a, b in taken[max(0, i - 2) : i]:
        if a < e and s < b:
            return False
    return True


# Every match of _AR_DATE / _EN_DATE holds a month (m1) standing as a word; before it stand
# at most a weekday, الموافق or "the", a day, من شهر or "of" and و: 24 letters and 6 runs
# of spaces (anchored.near_word).
_AR_MONTH_WORD = re.compile(rf"(?:{_AR_MONTH_RE})(?!\w)")
_EN_MONTH_WORD = re.compile(rf"(?:{_EN_MONTH_RE})(?![\w])")


def _ar_date_search(t: str, pos: int) -> re.Match | None:
    return near_word(_AR_DATE, _AR_MONTH_WORD, t, pos, "و")


def _en_dates(t: str):
    """The matches of `_EN_DATE.finditer(t)` (none is empty)."""
    pos = 0
    while True:
        m = near_word(_EN_DATE, _EN_MONTH_WORD, t, pos)
        if m is None:
            return
        yield m
        pos = m.end()


def _scan_ar(t: str, facts: list[dict], pairs: list[dict]) -> None:
    pos = 0
    while True:
        m = _ar_date_search(t, pos)
        if not m:
            return
        m1, f1 = _ar_month(m.group("m1"))
        second = m.group("m2s") or m.group("m2p") or m.group("m2r")
        end = m.end()
        if m.group("m2r"):
            m2, f2 = _ar_month(second)
            if (f1 == "L") == (f2 == "L"):
                # Two months side by side in one family are a list, not a dual notation.
                m = _AR_DATE.match(t, m.start(), m.end("m1"))  # type: ignore[assignment]
                if m is None:
                    pos = end
                    continue
                second = None
                end = m.end()
        day = int(m.group("day")) if m.group("day") else None
        year = int(m.group("year")) if m.group("year") else None
        word = m.group("m1")
        if (
            word in _AMBIGUOUS
            and not (day or year or second or m.group("dir"))
            and not _month_context(_prev_word(t, m.start()))
        ):
            pos = m.end("m1")
            continue
        if not _valid_day(day):
            day = None
        start = m.start("wd") if m.group("wd") else m.start("day") if day else m.start("m1")
        f = _date(start, end, year, m1, day)
        if second:
            s_key = "m2s" if m.group("m2s") else "m2p" if m.group("m2p") else "m2r"
            m2, _f2 = _ar_month(second)
            pair_end = m.end(s_key) + (1 if s_key == "m2p" else 0)
            if s_key == "m2p":
                close = t.find(")", m.end(s_key), m.end(s_key) + 3)
                pair_end = close + 1 if close >= 0 else m.end(s_key)
            if m2 != m1:
                f["month"] = None
                f["months"] = [m1, m2]
            pairs.append(
                {"start": m.start("m1"), "end": pair_end, "m1": m.span("m1"),
                 "m2": m.span(s_key), "months": [m1, m2]}
            )  # fmt: skip
        if m.group("wd"):
            f["weekday"] = AR_WEEKDAY[m.group("wd")]
        if m.group("hijri"):
            f["calendar"] = "hijri"
        if m.group("dir"):
            f["relative"] = _DIR[m.group("dir")]
            d = m.start("dir")
            while d > start and t[d - 1].isspace():
                d -= 1  # the month or year before الماضي/المقبل (no copy of the text)
            f["end"] = d
        facts.append(f)
        pos = end


def _scan_en(t: str, facts: list[dict]) -> None:
    for m in _en_dates(t):
        month = _en_month(m.group("m1"))
        day_s = m.group("day") or m.group("day2")
        day = int(day_s) if day_s else None
        year = int(m.group("year")) if m.group("year") else None
        prev = _prev_word(t, m.start("m1") if not m.group("day") else m.start())
        if not (day or year) and prev not in _CONTEXT_BEFORE and m.group("m1") not in _EN_PLAIN:
            continue
        if not _valid_day(day):
            continue
        f = _date(m.start(), m.end(), year, month, day)
        if m.group("wd"):
            f["weekday"] = EN_WEEKDAY[m.group("wd").rstrip(".")]
        if prev in ("last", "next") and not (day or year):
            f["relative"] = prev
        facts.append(f)


def _scan_relative(t: str, facts: list[dict], taken: list[tuple[int, int]]) -> None:
    for m in starting_at(_REL_AR, _REL_AR_WORD, t):
        if not _free(taken, m.start(), m.end()):
            continue
        f = _date(m.start(), m.end())
        if m.group("wd"):
            f["weekday"] = AR_WEEKDAY[m.group("wd")]
            rel = _REL_WORDS.get(m.group("rel"))
            if rel:
                f["relative"] = rel
            else:
                f["start"] = m.start("wd")  # "يوم الأربعاء": the day name is the date
        elif m.group("wd2"):
            f["weekday"] = AR_WEEKDAY[m.group("wd2")]
            f["relative"] = _DIR[m.group("dir")]
        elif m.group("unit"):
            f["relative"] = f"{_DIR[m.group('dir2')]}_{_UNIT_AR[m.group('unit')]}"
        elif m.group("unit3"):
            f["relative"] = f"this_{_UNIT_AR[m.group('unit3')]}"
        elif m.group("yest"):
            y = m.group("yest")
            f["relative"] = "yesterday" if y in ("امس", "الامس") else "day_before_yesterday"
        else:
            f["weekday"] = AR_WEEKDAY[m.group("wd3")]
        facts.append(f)
    for m in starting_at(_REL_EN, _REL_EN_WORD, t):
        if not _free(taken, m.start(), m.end()):
            continue
        f = _date(m.start(), m.end())
        if m.group("today"):
            # "today, Wednesday": checked against the publication date like اليوم الأربعاء.
            f["relative"] = m.group("today").lower()
            f["weekday"] = EN_WEEKDAY[m.group("wdt").rstrip(".")]
        elif m.group("yest"):
            f["relative"] = m.group("yest").lower()
        elif m.group("unit"):
            unit = m.group("unit").rstrip(".")
            d = m.group("dir").lower()
            if unit in EN_WEEKDAY:
                f["weekday"] = EN_WEEKDAY[unit]
                f["relative"] = d
            else:
                f["relative"] = f"{d}_{unit}"
        else:
            f["weekday"] = EN_WEEKDAY[m.group("wd").rstrip(".")]
        facts.append(f)


# -- Hijri months ---------------------------------------------------------------------------
# Month numbers in the Hijri calendar; the date is never converted. رمضان، رجب، شعبان are
# also given names and صفر is "zero", so a Hijri month needs a date context: a Hijri year,
# a day, the word شهر, الماضي/المقبل after it, or a time preposition before it.
_HIJRI_MONTHS = {
    "محرم": 1, "صفر": 2, "ربيع الأول": 3, "ربيع الاول": 3, "ربيع الآخر": 4, "ربيع الثاني": 4,
    "جمادى الأولى": 5, "جمادى الاولى": 5, "جمادى الآخرة": 6, "جمادى الثانية": 6,
    "جمادى الاخرة": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10, "ذو القعدة": 11,
    "ذي القعدة": 11, "ذو الحجة": 12, "ذي الحجة": 12,
}  # fmt: skip
HIJRI_MONTH = {re.sub(r"\s+", " ", norm(k)): v for k, v in _HIJRI_MONTHS.items()}
_HIJRI_CONTEXT = {
    norm(w)
    for w in (
        "في", "وفي", "منذ", "خلال", "مطلع", "منتصف", "أواخر", "أوائل", "بداية", "نهاية", "حتى",
        "قبل", "بعد", "بدء", "حلول", "انتهاء", "غرة", "طوال", "شهر", "لشهر", "وشهر", "من",
    )
}  # fmt: skip
_HIJRI_RE = re.compile(
    first_chars(HIJRI_MONTH)
    + rf"(?<!\w)(?P<m>{alternation(HIJRI_MONTH).replace(chr(92) + ' ', chr(92) + 's+')})(?!\w)"
    rf"(?:\s*[,،]?\s*(?:(?:من\s+)?(?:عام|العام|سنه)\s+)?(?P<year>\d{{4}})(?!\d)"
    rf"\s*(?P<h>ه|هجري|هجريه|للهجره)?(?!\w))?"
    rf"(?:\s+(?P<dir>{_DIR_RE})(?!\w))?"
)
_DAY_BEFORE = re.compile(r"(?<![\d.,/])(?P<day>\d{1,2})\s+(?:من\s+)?(?:شهر\s+)?$")


# A word of every Hijri month name (the pattern matches each word literally): a text with
# none of them skips the scan, whose first letters are among the commonest in Arabic.
_HIJRI_WORDS = frozenset(
    k.split()[0] if len(k.split()[0]) > 2 else k.split()[-1] for k in HIJRI_MONTH
)


def _scan_hijri(t: str, facts: list[dict]) -> None:
    if not any(w in t for w in _HIJRI_WORDS):
        return
    taken = sorted((f["start"], f["end"]) for f in facts)
    for m in _HIJRI_RE.finditer(t):
        if not _free(taken, m.start(), m.end()):
            continue
        year = int(m.group("year")) if m.group("year") else None
        if year is not None and not m.group("h") and year > 1600:
            year = None  # "رمضان 2024": a Gregorian year beside a Hijri month; keep it apart
        day_m = _DAY_BEFORE.search(t, max(0, m.start() - 12), m.start())
        day = int(day_m.group("day")) if day_m and 1 <= int(day_m.group("day")) <= 30 else None
        prev = _prev_word(t, m.start())
        if not (year or day or m.group("dir") or prev in _HIJRI_CONTEXT):
            continue
        end = m.end() if year else m.end("m")
        start = day_m.start() if day else m.start()
        f = _date(start, end, year, HIJRI_MONTH[re.sub(r"\s+", " ", m.group("m"))], day)
        f["calendar"] = "hijri"
        if m.group("dir") and not year:
            f["relative"] = _DIR[m.group("dir")]
        facts.append(f)


_AR_ORDINAL_DAYS = {
    norm(w): i
    for i, w in enumerate(
        ("الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن",
         "التاسع", "العاشر"), start=1,
    )
}  # fmt: skip
_ORDINAL_BEFORE = re.compile(
    rf"(?<!\w)(?:(?P<ord>{alternation(_AR_ORDINAL_DAYS)})\s+من|(?P<first>اول|مطلع))\s+(?:شهر\s+)?$"
)


def _ordinal_days(t: str, facts: list[dict]) -> None:
    """ "السابع من تشرين الأول", "الثامن من ذي الحجة", "أول يوليو": a day in words."""
    for f in facts:
        if f["day"] is not None or (f["month"] is None and not f.get("months")):
            continue
        m = _ORDINAL_BEFORE.search(t, max(0, f["start"] - 20), f["start"])
        if not m or (m.group("first") and m.group("first") != "اول"):
            continue
        f["day"] = _AR_ORDINAL_DAYS[m.group("ord")] if m.group("ord") else 1
        f["start"] = m.start()
