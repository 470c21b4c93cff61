"""Figures that the number-then-unit reading of `amounts` misses:

- temperatures: "38.5C", "44.1°C (111.4F)", "45 درجة مئوية";
- ages: "aged 70", "a 64-year-old farmer", "Maria Lopez, 71,";
- tenors and periods used as adjectives: "five-year notes", "a three-week low";
- fractions of a percentage point: "a quarter of a percentage point", "ربع نقطة مئوية";
- Arabic compound numbers: "12 ألفاً و450 طناً" (the amount read "450 طناً");
- bare counts of a noun named nearby: "2,150 of the jobs", "430 of them".

Runs on normalised text after `scan_amounts`; returns the new facts and the amounts they
replace.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort

from . import quantities
from .normalize import norm
from .numbers import APPROX, APPROX_RE, WORD_VALUES

_NUM = r"\d+(?:[.,]\d+)*"
# Found from the unit, then the number read back from a short slice.
# Every branch opens with a plain literal so the scan can skip ahead (a class such as [CF]
# or a nested group defeats that and costs four times as much).
_TEMPERATURE_ANCHOR = re.compile(r"°|C(?![\w$'’])|F(?![\w$'’])|Degree|degree|" + norm("درج"))
_TEMPERATURE_UNIT = re.compile(
    r"°\s?(?P<u1>[CF])\b|(?P<u2>[CF])(?![\w$'’])|(?:°\s?)?[Dd]egrees?\s+"
    r"(?P<w>[Cc]elsius|[Cc]entigrade|[Ff]ahrenheit)\b"
    + norm(r"|(?:درجة|درجات|درجه)\s+(?:مئوية|مئويه|سيليزية|سلزيوس)")
)
_NUMBER_BEFORE = re.compile(rf"(?<![\w.,])-?{_NUM}\s?$")
_EN_NUMBER_WORDS = {
    w: v[1] for w, v in WORD_VALUES.items() if w.isascii() and v[0] == "unit" and len(w) > 2
}
_WORD_OR_DIGITS = rf"(?:\d{{1,3}}|{'|'.join(sorted(_EN_NUMBER_WORDS, key=len, reverse=True))})"
# Found from the unit after the hyphen, then the number read back: trying a number-word
# alternation at every position of a long text costs more than the rest of this module.
_ADJECTIVE_UNIT = re.compile(
    r"-(?P<u>year|month|week|day|hour|minute|decade)s?(?P<old>-old)?(?![\w\-])", re.IGNORECASE
)
_ADJECTIVE_NUMBER = re.compile(rf"(?<![\w\-])(?P<n>{_WORD_OR_DIGITS})$", re.IGNORECASE)
_AGED = re.compile(r"(?<![\w])aged\s+(?P<n>\d{1,3})(?![\d.,]\d|\s*(?:%|per))", re.IGNORECASE)
# "Maria Lopez, 71, who ...": a capitalised name, then an age between commas.
_NAME_AGE = re.compile(r", (?P<n>\d{1,3}), ")
_NAME_BEFORE = re.compile(r"(?:^|[\s(])[A-Z][a-z]+(?:\s+[A-Z][a-z'\-]+)+$")
_MONTHS_ETC = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$"
)
_POINT_UNIT = re.compile(
    r"(?:[Pp]ercentage|pct)\s+points?(?![\w])|-point(?![\w\-])"
    + norm(r"|نقطة\s+مئوية|في\s+المئة|في\s+المائة|بالمئة|بالمائة")
)
_POINT_FRACTION = re.compile(
    r"(?<![\w])(?P<f>(?:a|one)\s+quarter|half|(?:a|one)\s+third|three[\s\-]quarters|"
    r"two[\s\-]thirds)(?:\s+(?:of\s+)?(?:a\s+)?)?$"
    + norm(r"|(?<![\w])(?P<fa>ربع|نصف|ثلث|ثلاثة\s+أرباع)\s+$"),
    re.IGNORECASE,
)
_FRACTIONS = {
    "quarter": 0.25, "half": 0.5, "third": 1 / 3, "three quarters": 0.75, "two thirds": 2 / 3,
    norm("ربع"): 0.25, norm("نصف"): 0.5, norm("ثلث"): 1 / 3, norm("ثلاثة أرباع"): 0.75,
}  # fmt: skip
_FRACTION_ANCHOR = re.compile("quarter|half|third|Quarter|Half|Third|" + norm("ربع|نصف|ثلث|أرباع"))
_FRACTION_HINTS = ("quarter", "half", "third", norm("ربع"), norm("نصف"), norm("ثلث"), norm("أرباع"))
_AND_DIGIT = re.compile(norm(r" و\s?(?=\d)"))
_SPACE_AND = " " + norm("و")
_AR_COMPOUND = re.compile(
    norm(
        rf"(?<![\w.,])(?P<a>{_NUM})\s+(?P<m>ألفا|ألف|آلاف|مليونا|مليون|ملايين|مليارا|مليار|مليارات)"
        r"$"
    )
)
_AR_MULT = {
    norm(w): v
    for w, v in (
        ("ألف", 1e3), ("ألفا", 1e3), ("آلاف", 1e3), ("مليون", 1e6), ("مليونا", 1e6),
        ("ملايين", 1e6), ("مليار", 1e9), ("مليارا", 1e9), ("مليارات", 1e9),
    )
}  # fmt: skip
_OF_THE = re.compile(
    r" of (?:(?P<pron>them|whom|those|which)\b|(?:the|its|their|these|those|our)\s+"
    r"(?:[\w\-]+['’]s\s+)?(?:\d[\d,]*\s+)?)",
    re.IGNORECASE,
)
_NUM_END = re.compile(r"(?<![\w.,])(?P<n>\d{1,3}(?:,\d{3})+|\d+)$")
_COUNT_REACH = 400
_APPROX_BEFORE = re.compile(rf"(?<!\w)(?P<approx>{APPROX_RE})\s+$", re.IGNORECASE)


def scan_measures(
    t: str, amounts: list[dict], dates: list[dict], point_word: bool | None = None
) -> tuple[list[dict], set]:
    """New facts and the (start, end) of amounts they replace. `point_word`: whether a
    fraction word stands alone in the text, when the caller knows (`scan_shares` does)."""
    out: list[dict] = []
    replaced: set[tuple[int, int]] = set()
    taken: list[tuple[int, int]] = []

    def spans() -> list[tuple[int, int]]:
        if not taken:  # built on first use: most texts have none of these figures
            taken.extend(sorted([(f["start"], f["end"]) for f in amounts + dates]))
            taken.append((len(t) + 1, len(t) + 1))
        return taken

    def free(s: int, e: int) -> bool:
        spans_ = spans()
        i = bisect_left(spans_, (e, -1))
        return not any(a < e and s < b for a, b in spans_[max(0, i - 3) : i])

    def add(f: dict) -> None:
        out.append(f)
        insort(spans(), (f["start"], f["end"]))

    _temperatures(t, amounts, add, replaced, taken)
    _adjectives(t, add, free)
    _ages(t, add, free)
    if point_word is None:
        point_word = any(_bounded(t, m.start(), m.end()) for m in _FRACTION_ANCHOR.finditer(t))
    if point_word:  # "الأربعاء" holds ربع, "behalf" holds half: only a whole word counts
        _point_fractions(t, amounts, add, replaced)
    _compounds(t, amounts, replaced)
    _bare_counts(t, amounts, add, free)
    return out, replaced


def _quantity(s: int, e: int, value: float, unit: str, **extra) -> dict:
    v = round(value, 4)
    return {"type": "quantity", "start": s, "end": e, "value": int(v) if v == int(v) else v,
            "unit": unit, **extra}  # fmt: skip


def _number(raw: str) -> float | None:
    raw = raw.replace(",", "") if re.fullmatch(r"-?\d{1,3}(?:,\d{3})+", raw) else raw
    try:
        return float(raw.replace(",", "."))
    except ValueError:
        return None


def _temperatures(t, amounts, add, replaced, taken) -> None:
    for a in _TEMPERATURE_ANCHOR.finditer(t):
        if not t[max(0, a.start() - 2) : a.start()].strip(" ")[-1:].isdigit():
            continue  # a temperature's unit follows its number
        m = _TEMPERATURE_UNIT.match(t, a.start())
        if m is None:
            continue
        n = _NUMBER_BEFORE.search(t, max(0, m.start() - 16), m.start())
        if n is None:
            continue
        if m.group("w") is None and m.group().startswith(("C", "F")) and n.group()[-1:] == " ":
            continue  # "5 C" is rarely a temperature; "5C" and "5 °C" are
        raw = n.group().strip()
        value = _number(raw.lstrip("-"))
        if value is None:
            continue
        if raw.startswith("-"):
            value = -value
        unit_letter = (m.group("u1") or m.group("u2") or m.group("w") or "c")[:1].lower()
        unit = "fahrenheit" if unit_letter == "f" else "celsius"
        s, e = n.start(), m.end()
        for f in amounts:
            if f["start"] < e and s < f["end"]:
                replaced.add((f["start"], f["end"]))
        add(_quantity(s, e, value, unit))


def _adjectives(t, add, free) -> None:
    if "-" not in t:
        return
    for m in _ADJECTIVE_UNIT.finditer(t):
        n = _ADJECTIVE_NUMBER.search(t, max(0, m.start() - 12), m.start())
        if n is None or not free(n.start(), m.end()):
            continue
        raw = n.group("n").lower()
        value = float(raw) if raw.isdigit() else _EN_NUMBER_WORDS.get(raw)
        if not value or (value == 1 and not m.group("old")):
            continue  # "a one-day visit" counts nothing a checker needs
        extra = {"age": True} if m.group("old") else {}
        add(_quantity(n.start(), m.end(), value, m.group("u").lower(), **extra))


def _ages(t, add, free) -> None:
    if "aged" in t or "Aged" in t:
        for m in _AGED.finditer(t):
            if free(m.start("n"), m.end("n")):
                add(_quantity(m.start(), m.end(), float(m.group("n")), "year", age=True))
    for m in _NAME_AGE.finditer(t):
        if not ("a" <= t[m.start() - 1 : m.start()] <= "z"):
            continue
        before = t[max(0, m.start() - 40) : m.start()]
        if not _NAME_BEFORE.search(before) or _MONTHS_ETC.search(before):
            continue
        value = float(m.group("n"))
        if 1 <= value <= 120 and free(m.start("n"), m.end("n")):
            add(_quantity(m.start("n"), m.end("n"), value, "year", age=True))


def _bounded(t: str, s: int, e: int) -> bool:
    return (s == 0 or not t[s - 1].isalpha()) and (e == len(t) or not t[e].isalpha())


def _point_fractions(t, amounts, add, replaced) -> None:
    for u in _POINT_UNIT.finditer(t):
        if u.group() == "-point" and not t[max(0, u.start() - 7) : u.start()].lower().endswith(
            ("quarter", "half")
        ):
            continue
        lo = max(0, u.start() - 30)
        head = t[lo : u.start()].lower()
        if not any(w in head for w in _FRACTION_HINTS):
            continue
        m = _POINT_FRACTION.search(t, lo, u.start())
        if m is None:
            continue
        word = re.sub(r"[\s\-]+", " ", (m.group("f") or m.group("fa"))).lower()
        word = re.sub(r"^(?:a|one) ", "", word)
        value = _FRACTIONS.get(word)
        if value is None:
            continue
        s, e = m.start(), u.end()
        for f in amounts:
            if f["start"] < e and s < f["end"]:
                replaced.add((f["start"], f["end"]))
        points = "point" in u.group().lower() or norm("نقطة") in u.group()
        fact = {"type": "percent", "start": s, "end": e, "value": round(value, 4)}
        if points:
            fact["points"] = True
        add(fact)


def _compounds(t, amounts, replaced) -> None:
    """12 ألفاً و450 طناً: the amount that starts after و takes the thousands before it."""
    if _SPACE_AND not in t:
        return
    by_start: dict[int, dict] = {}
    for j in _AND_DIGIT.finditer(t):
        if not by_start:
            by_start = {f["start"]: f for f in amounts} or {-1: {}}
        f = by_start.get(j.end())
        if f is None:
            continue
        m = _AR_COMPOUND.search(t, max(0, j.start() - 24), j.start())
        if m is None or "value" not in f:
            continue
        a = _number(m.group("a"))
        mult = _AR_MULT.get(m.group("m"))
        if a is None or mult is None or f["value"] >= mult:
            continue
        f["value"] = (
            int(a * mult + f["value"]) if (a * mult).is_integer() else a * mult + f["value"]
        )
        f["start"] = m.start()


def _bare_counts(t, amounts, add, free) -> None:
    if " of " not in t:
        return
    for m in _OF_THE.finditer(t):
        if not t[m.start() - 1 : m.start()].isdigit():
            continue
        num = _NUM_END.search(t, max(0, m.start() - 16), m.start())
        if num is None:
            continue
        s, e = num.span("n")
        if not free(s, e):
            continue
        value = _number(num.group("n"))
        if value is None or value < 2 or 1900 <= value <= 2100:
            continue
        if m.group("pron"):
            unit = _recent_count(amounts, s)
            if unit is None:
                continue
            add(_quantity(s, e, value, unit[0], **unit[1]))
            continue
        um = quantities.UNIT_AFTER.match(t, m.end() - 1)
        unit_word = quantities.unit_key(um.group("unit")) if um else None
        found = (unit_word, "", 0) if unit_word else quantities.count_after(t, m.end() - 1, value)
        if found is None:
            continue
        unit, noun, _end = found
        extra = {"unit_text": noun} if unit == "item" else {}
        am = _APPROX_BEFORE.search(t, max(0, s - 24), s)
        if am:  # "About 2,150 of the jobs": the approximation is part of the figure
            s = am.start()
            extra["approximate"] = True
            extra["approximation"] = APPROX.get(re.sub(r"\s+", " ", am.group("approx").lower()))
        add(_quantity(s, e, value, unit, **extra))


def _recent_count(amounts: list[dict], pos: int) -> tuple[str, dict] | None:
    for f in reversed(amounts):
        if f["start"] >= pos:
            continue
        if pos - f["end"] > _COUNT_REACH:
            return None
        if f["type"] == "quantity" and f.get("unit") not in (None, "year", "month", "day"):
            extra = {"unit_text": f["unit_text"]} if "unit_text" in f else {}
            return f["unit"], extra
    return None
