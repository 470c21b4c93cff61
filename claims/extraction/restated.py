"""A total given one way in the headline or opening and another way later ("$6 billion" in the
headline, "the $6.5 billion deal" below), and a rate restated differently for the same month
("inflation slowed to 25.7% in September" ... "with inflation at 26.8% in September").

Different things carry different figures in every story, so a pair counts only when both
figures describe the same noun (a content word beside each), are of one currency, lie within
a factor of 1.5 of each other, and (for percentages) are pinned to the same date.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from .normalize import norm

_WORD = re.compile(r"[^\W\d_]+(?:['’][a-z]+)?")
_STOP_EN = set(
    """the a an of in on at to for from by with and or but as is are was were be been has have
    had will would could should may might its their his her our this that these those which who
    whom whose than then into over under after before since during about around nearly almost
    some more less most least up down per cent percent billion million thousand trillion bn mn
    said says say told added noted reported showed announced expected expects estimated rose fell
    grew dropped slowed eased climbed jumped increased decreased reached hit stood totaled
    totalled worth valued now also still just only new year years month months week day days
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday last next first second third
    it he she they we there here not no all any each other such while when where what how why
    dollar dollars euro euros pound pounds yen yuan riyal riyals dinar dinars lira kronor record
    annual yearly total overall put puts putting""".split()
)
_STOP_AR = {
    norm(w)
    for w in """في من على إلى الى عن مع أن إن التي الذي الذين هذا هذه ذلك تلك كان كانت قد وقد
    لقد بين حتى نحو حوالي قرابة أكثر أقل بعد قبل منذ خلال عند لدى كما أيضا مليار مليارات
    مليون ملايين ألف آلاف دولار دولارا يورو ريال دينار جنيه ليرة درهم المئة بالمئة المائة
    بالمائة قال قالت أعلن أعلنت أكد أكدت ذكر ذكرت أوضح أوضحت أضاف أضافت بلغ بلغت يبلغ تبلغ
    البالغ البالغة ارتفع ارتفعت تراجع تراجعت انخفض انخفضت زاد زادت سجل سجلت تجاوز تجاوزت
    بقيمة قيمتها قيمته العام الشهر الأسبوع اليوم عام سنة""".split()
}
_BEFORE_WORDS = 6
_RELATIVE = re.compile(r"(?:The|Its|Their)\s+(?P<np>[\w\s\-]{1,40}?),\s+(?:which|whose)\b")
_AFTER_WORDS = 3
_RATIO = 1.5
_DATE_REACH = 30


def restated_figures(text: str, facts: list[dict], opening_end: int, sentence_of) -> list[dict]:
    """`facts` in text order (original offsets); `opening_end` is where the headline and the
    first sentences end; `sentence_of(pos)` gives the (start, end) of the sentence at pos."""
    money = [
        f for f in facts if f["type"] == "money" and "value" in f and not f.get("per_currency")
    ]
    percents = [f for f in facts if f["type"] == "percent" and "value" in f and not f.get("points")]
    figure_ends = sorted(f["end"] for f in facts if f["type"] in ("money", "percent", "quantity"))
    out: list[dict] = []
    opening = [f for f in money if f["start"] < opening_end]
    nouns: dict[int, frozenset] = {}

    def nouns_of(f: dict) -> frozenset:
        key = id(f)
        if key not in nouns:
            nouns[key] = _nouns(text, f, figure_ends, sentence_of)
        return nouns[key]

    for f in money:
        if f["start"] < opening_end:
            continue
        for first in opening:
            if first.get("currency") != f.get("currency") or not _close(first, f):
                continue  # cheap tests first: the nouns are read only for candidate pairs
            if nouns_of(f) and nouns_of(first) & nouns_of(f):
                if first["value"] != f["value"]:
                    out.append(_conflict(text, f, first, "the opening gave"))
                break
    if percents:
        dates = [(d["start"], i, d) for i, d in enumerate(facts) if d["type"] == "date"]
        starts = [d[0] for d in dates]
        seen: dict[tuple, dict] = {}
        for f in percents:
            when = _date_after(text, f, dates, starts)
            if when is None:
                continue
            before = _nouns(text, f, figure_ends, sentence_of, after=False, reach=4)
            for noun in before:
                key = (noun, when)
                first = seen.get(key)
                if first is None:
                    seen[key] = f
                elif first["value"] != f["value"] and _close(first, f):
                    out.append(_conflict(text, f, first, "the same rate for the same date was"))
                    break
    return out


def _close(a: dict, b: dict) -> bool:
    lo, hi = sorted((abs(a["value"]), abs(b["value"])))
    return lo > 0 and hi / lo <= _RATIO


def _nouns(text, f, figure_ends, sentence_of, after=True, reach=_BEFORE_WORDS) -> frozenset:
    s0, s1 = sentence_of(f["start"])
    lo = s0
    i = bisect_right(figure_ends, f["start"]) - 1  # words before an earlier figure are its own
    if i >= 0 and figure_ends[i] >= s0:
        lo = figure_ends[i]
    words = _WORD.findall(text[lo : f["start"]])[-reach:]
    rel = _RELATIVE.match(text, s0, f["start"])
    if rel and "," not in text[rel.end() : f["start"]]:
        words += _WORD.findall(rel.group("np"))  # "The settlement, which lawyers valued at $5.5bn"
    if after:
        words += _WORD.findall(text[f["end"] : s1])[:_AFTER_WORDS]
    return frozenset(k for w in words if (k := _key(w)))


@lru_cache(maxsize=4096)
def _key(word: str) -> str | None:
    low = word.lower().replace("’", "'")
    if low.endswith("'s"):
        low = low[:-2]
    if low.isascii():
        if len(low) < 4 or low in _STOP_EN or low.endswith(("ed", "ly", "ing")):
            return None
        return low[:-1] if low.endswith("s") and not low.endswith("ss") else low
    n = norm(low)
    for prefix in ("وال", "بال", "لل", "ال", "و", "ب", "ل"):
        if n.startswith(prefix) and len(n) - len(prefix) >= 3:
            n = n[len(prefix) :]
            break
    if len(n) < 3 or n in _STOP_AR or norm(low) in _STOP_AR:
        return None
    return n


def _date_after(text: str, f: dict, dates: list, starts: list[int]) -> tuple | None:
    for k in range(bisect_left(starts, f["end"]), len(dates)):  # no copy of the tail
        d = dates[k][2]
        if d["start"] > f["end"] + _DATE_REACH:
            return None
        if f["end"] <= d["start"]:
            if "." in text[f["end"] : d["start"]]:
                return None
            return (d.get("year"), d.get("month"), d.get("relative"))
    return None


def _conflict(text: str, f: dict, first: dict, why: str) -> dict:
    return {
        "type": "figure_conflict", "start": f["start"], "end": f["end"],
        "text": text[f["start"] : f["end"]],
        "detail": f"{why} {first['text']} at {first['start']} but {f['text']} here",
        "other_start": first["start"], "other_end": first["end"],
    }  # fmt: skip
