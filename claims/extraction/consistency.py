"""Slips inside one article: dual months that disagree, weekdays that contradict their
date, and one figure reported with two values."""

from __future__ import annotations

import datetime as dt

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
    cur = f.get("currency", "")
    if "value" in f:
        return f"{f['value']:,} {cur}".strip()
    return f"{f['value_min']:,}-{f['value_max']:,} {cur}".strip()
