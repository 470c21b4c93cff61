"""Slips inside one article: dual months that disagree, weekdays that contradict their
date, and one figure reported with two values."""

from __future__ import annotations

import datetime as dt
import re

from .dates import MONTH_NAMES_EN

_WEEKDAY_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_RELATIVE_SHIFT = {"today": 0, "yesterday": -1, "tomorrow": 1, "day_before_yesterday": -2}


def month_mismatches(text: str, pairs: list[dict]) -> list[dict]:
    """`pairs` carry original offsets: start, end, m1, m2 spans and the two months."""
    out = []
    for p in pairs:
        a, b = p["months"]
        if a == b:
            continue
        w1 = text[p["m1"][0] : p["m1"][1]]
        w2 = text[p["m2"][0] : p["m2"][1]]
        out.append(
            {
                "type": "month_mismatch", "start": p["start"], "end": p["end"],
                "text": text[p["start"] : p["end"]],
                "detail": f"{w1} is {MONTH_NAMES_EN[a]} ({a}) but {w2} is {MONTH_NAMES_EN[b]} ({b})",
                "months": [a, b],
            }
        )  # fmt: skip
    return out


def weekday_mismatches(text: str, dates: list[dict], published: dt.date | None) -> list[dict]:
    out = []
    for f in dates:
        wd = f.get("weekday")
        if wd is None or f.get("calendar") == "hijri":
            continue
        expected: dt.date | None = None
        why = ""
        if f.get("day") and f.get("month"):
            year = f.get("year") or (published.year if published else None)
            if year is None:
                continue
            try:
                expected = dt.date(year, f["month"], f["day"])
            except ValueError:
                continue
            why = f"{f['day']} {MONTH_NAMES_EN[f['month']]} {year} was a"
        elif f.get("relative") in _RELATIVE_SHIFT and published is not None:
            expected = published + dt.timedelta(days=_RELATIVE_SHIFT[f["relative"]])
            why = f"{f['relative'].replace('_', ' ')} relative to publication on {published.isoformat()} was a"
        if expected is None or expected.weekday() == wd:
            continue
        out.append(
            {
                "type": "weekday_mismatch", "start": f["start"], "end": f["end"],
                "text": text[f["start"] : f["end"]],
                "detail": f"{why} {_WEEKDAY_EN[expected.weekday()]}, not a {_WEEKDAY_EN[wd]}",
                "expected_weekday": expected.weekday(), "weekday": wd,
            }
        )  # fmt: skip
    return out


def figure_conflicts(text: str, money: list[dict]) -> list[dict]:
    out = []
    seen: dict[tuple[str, str], dict] = {}
    for f in money:
        subject = f.get("subject")
        if not subject:
            continue
        key = (subject, f.get("currency", ""))
        first = seen.get(key)
        if first is None:
            seen[key] = f
            continue
        if _same_value(first, f):
            continue
        out.append(
            {
                "type": "figure_conflict", "start": f["start"], "end": f["end"],
                "text": text[f["start"] : f["end"]],
                "detail": (
                    f"{subject}: {_show(first)} at {first['start']} "
                    f"(\u201c{first['text']}\u201d) but {_show(f)} here"
                ),
                "other_start": first["start"], "other_end": first["end"], "subject": subject,
            }
        )  # fmt: skip
    return out


def _same_value(a: dict, b: dict) -> bool:
    def bounds(f: dict) -> tuple[float, float]:
        if "value" in f:
            return f["value"], f["value"]
        return f["value_min"], f["value_max"]

    lo1, hi1 = bounds(a)
    lo2, hi2 = bounds(b)
    if a.get("approximate") or b.get("approximate") or lo1 != hi1 or lo2 != hi2:
        # "about $40bn" and "$41bn" or a range around a value are the same report.
        return lo1 <= hi2 * 1.1 and lo2 <= hi1 * 1.1
    return lo1 == lo2


def _show(f: dict) -> str:
    cur = f.get("currency") or ("%" if f["type"] == "percent" else f.get("unit", ""))
    if "value" in f:
        return f"{f['value']:,} {cur}".strip()
    return f"{f['value_min']:,}-{f['value_max']:,} {cur}".strip()


# -- Percent and quantity conflicts ------------------------------------------------------------
# Percentages and counts recur with different subjects and times in one story ("rose to 4.1%
# from 4%"; "added 151,000 jobs ... health care added 52,000 jobs"), so only two shapes count:
# 1. a definite back-reference, "the 5.7% unemployment rate" / "The 59 turbines", against the
#    first earlier figure of that subject;
# 2. the same verb with the same subject words and the same counted noun ("دفاعاتها أسقطت 25
#    طائرة مسيرة" ... "دفاعاتها أسقطت 52 طائرة مسيرة").
_THE_BEFORE = re.compile(r"(?<![\w])(?:[Tt]he|its|their)\s+$")
_NOUNS_AFTER = re.compile(r"\s+([a-z][a-z\-]+)(?:\s+([a-z][a-z\-]+))?")
_WORD = re.compile(r"[^\W\d_]+")
_NOT_SUBJECT = {
    "the", "a", "an", "its", "their", "his", "her", "and", "of", "in", "on", "to", "by", "is",
    "was", "are", "were", "has", "have", "had", "will", "would", "said", "that", "with",
    "for", "from", "at", "as", "it", "this", "also", "still", "up", "down", "rose", "fell",
    "ان", "انه", "انها", "في", "من", "على", "الى", "عن", "قد", "كان", "كانت", "التي", "الذي",
}  # fmt: skip
# Readings vary through a story by place and hour ("44.1C in Cordoba" ... "average
# temperatures reached 25.6C" in a past year): two of them are never one figure told twice.
_READINGS = {"celsius", "fahrenheit"}
_TOLERANCE_EXACT = 0.0
_LOOKBACK = 64
_SENTENCE_REACH = 600


def figure_conflicts_other(text: str, facts: list[dict]) -> list[dict]:
    out: list[dict] = []
    figures = [
        f
        for f in facts
        if f["type"] in ("percent", "quantity")
        and not f.get("points")
        and not f.get("age")
        and f.get("unit") not in _READINGS
    ]
    by_verb: dict[tuple, list[dict]] = {}
    for i, f in enumerate(figures):
        # A bounded look-back keeps hostile inputs (thousands of figures) linear; a real
        # article refers back to one of its last few dozen figures.
        back = _back_reference(text, f, figures[max(0, i - _LOOKBACK) : i])
        if back is not None:
            if not _same_value(back, f):
                out.append(_conflict(text, f, back, "same subject referred back to"))
            continue
        verb, subject = _verb_and_subject(text, f)
        if not verb or not subject:
            continue
        key = (f["type"], f.get("unit"), f.get("unit_text"), verb)
        for other in by_verb.get(key, [])[-_LOOKBACK:]:
            if other[1] & subject:
                if not _same_value(other[0], f):
                    out.append(_conflict(text, f, other[0], "same verb and subject"))
                break
        else:
            by_verb.setdefault(key, []).append((f, subject))
    return out


def _back_reference(text: str, f: dict, earlier: list[dict]) -> dict | None:
    if not _THE_BEFORE.search(text, max(0, f["start"] - 8), f["start"]):
        return None
    if f["type"] == "quantity":
        same = [
            e for e in earlier
            if e["type"] == "quantity" and e.get("unit") == f.get("unit")
            and e.get("unit_text") == f.get("unit_text") and e.get("unit") != "item"
        ]  # fmt: skip
        return same[0] if same else None
    m = _NOUNS_AFTER.match(text, f["end"])
    if not m:
        return None
    phrase = " ".join(w for w in m.groups() if w)
    previous_percent_start = -1  # `earlier` is in text order
    for e in earlier:
        if e["type"] != "percent":
            continue
        before, previous_percent_start = previous_percent_start, e["start"]
        # Sentences are short: never scan further back than _SENTENCE_REACH characters.
        reach = max(0, e["start"] - _SENTENCE_REACH)
        line_start = (
            max(text.rfind(".", reach, e["start"]), text.rfind("\n", reach, e["start"]), reach - 1)
            + 1
        )
        # Lower-case only the sentence: lowering the whole text per figure was quadratic.
        found = text[line_start : e["start"]].lower().rfind(phrase)
        if found < 0:
            continue
        # The percent must be the first one after the phrase in its sentence.
        if before < line_start + found:
            return e
    return None


def _verb_and_subject(text: str, f: dict) -> tuple[str, frozenset]:
    floor = max(f["start"] - 60, 0)
    lo = max(text.rfind("\n", floor, f["start"]) + 1, floor)
    words = _WORD.findall(text[lo : f["start"]])
    if len(words) < 2:
        return "", frozenset()
    verb = words[-1]
    if len(verb) < 3 or verb.lower() in _NOT_SUBJECT or verb.lower() in ("and", "or", "but"):
        return "", frozenset()
    subject = frozenset(
        w.lower() for w in words[-4:-1] if len(w) > 2 and w.lower() not in _NOT_SUBJECT
    )
    return verb, subject


def _conflict(text: str, f: dict, first: dict, why: str) -> dict:
    return {
        "type": "figure_conflict", "start": f["start"], "end": f["end"],
        "text": text[f["start"] : f["end"]],
        "detail": (
            f"{why}: {_show(first)} at {first['start']} (\u201c{first['text']}\u201d) "
            f"but {_show(f)} here"
        ),
        "other_start": first["start"], "other_end": first["end"],
    }  # fmt: skip
