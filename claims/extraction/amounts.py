"""One pass over the numbers of a text, turning each into a money, percent or quantity fact.

A number alone is not a fact: it needs a currency, a percent sign or word, or a unit.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from . import money, percent, quantities
from .numbers import APPROX, APPROX_RE, NUMBER, WORD_VALUES, alternation, parse_number

_RANGE_JOIN = {"بين": ("و", "and"), "ما بين": ("و", "and"), "between": ("و", "and")}

AMOUNT_RE = re.compile(
    rf"(?:(?<!\w)(?:[وف]|ل(?=نحو|حوالي|قراب|زهاء))?(?P<approx>{APPROX_RE})\s+)?"
    rf"(?:(?<!\w)(?P<open>ما\s+بين|بين|between|from|من)\s+)?"
    rf"(?P<cur1>{money.CUR_PREFIX})?"
    rf"(?P<n1>{NUMBER})"
    rf"(?:\s*(?P<sep>-|الي|حتي|to|and|و)\s*(?P<cur2>{money.CUR_PREFIX})?(?P<n2>{NUMBER}))?",
    re.IGNORECASE,
)
# Every amount has a digit, a currency sign or code, or a number word at its core; only
# around such an anchor is the full pattern tried, from up to five words earlier so that
# approximations and range openers (ما لا يقل عن، بين، between) are included.
_ANCHOR_WORDS = [
    w for w in WORD_VALUES if w not in ("a", "an", "k", "m", "b", "mn", "bn", "tn", "tr", "trn")
    and not (w.isascii() and len(w) <= 3 and w not in ("one", "two", "six", "ten"))
]  # fmt: skip
_ANCHOR_VARIANTS = set(_ANCHOR_WORDS) | {w.capitalize() for w in _ANCHOR_WORDS if w.isascii()}
ANCHOR_RE = re.compile(
    rf"\d+(?:[.,،]\d+)*|[$€£¥₽₺₹₪]|(?:{alternation(_ANCHOR_VARIANTS | set(money.CODES))})(?!\w)"
)
# The same anchors found in two cheap passes: one pattern mixing digits and a word trie
# defeats `re`'s first-character skip and costs several times more than both passes.
_SIGN_OR_DIGIT = re.compile(r"[0-9$€£¥₽₺₹₪]")
_DIGIT_RUN = re.compile(r"\d+(?:[.,،]\d+)*")
_OTHER_DIGIT = re.compile(r"[^\D0-9]")  # digits of other scripts: the single-pattern path
_BARE = frozenset(_ANCHOR_VARIANTS)
_CODES = frozenset(money.CODES)
# A number word glued to و / ب / ال is found from the clitic, so that positions inside a
# word can be rejected by the character before them instead of by a lookbehind at every
# position (which also defeats the first-character skip).
_CLITIC_FORMS = {c + w for w in _BARE if not w.isascii() for c in ("و", "ب", "ال")}
_WORD_ANCHOR = re.compile(rf"(?:{alternation(_BARE | _CODES | _CLITIC_FORMS)})(?!\w)")
_WORD_CHAR = re.compile(r"\w")
_LOOKBACK_CHARS = 40
_LOOKBACK_WORDS = 5


_LEAD_WORDS = {w.split()[0] for w in APPROX} | {"بين", "ما", "من", "between", "from"}
_LEAD_WORDS |= {c + w for w in list(_LEAD_WORDS) for c in "وفل" if not w.isascii()}
_LEAD_WORDS |= {"a", "an"}  # "a dozen villages", "a million people"


def _match_around(t: str, anchor: int, floor: int) -> re.Match | None:
    lo = max(floor, anchor - _LOOKBACK_CHARS)
    window = t[lo:anchor]
    words = window.split()  # the same tokens as \S+ (both split on str.isspace)
    cut = bool(words) and lo > floor and not window[0].isspace() and not t[lo - 1].isspace()
    keep = max(int(cut), len(words) - _LOOKBACK_WORDS)  # a cut word, then the last five
    starts = []
    if any(w.lower() in _LEAD_WORDS for w in words[keep:]):
        pos = 0
        for i, w in enumerate(words):
            at = window.find(w, pos)  # only spaces lie between the tokens
            pos = at + len(w)
            if i >= keep and w.lower() in _LEAD_WORDS:
                starts.append(lo + at)
    if len(words) > keep and not window[-1].isspace():
        starts.append(anchor - len(words[-1]))  # the anchor is glued to a clitic or a sign (ب40)
    for s0 in [*starts, anchor]:
        m = AMOUNT_RE.match(t, s0)
        if m is None:
            continue
        core = m.start("cur1") if m.group("cur1") else m.start("n1")
        if core <= anchor < m.end("n1"):
            return m
    return None


_TRAILING_APPROX = re.compile(r"\s+(?:تقريبا|approximately|or so)(?!\w)", re.IGNORECASE)
_HAS_MULT_WORD = re.compile(
    r"(?:الف|مليون|مليار|بليون|تريليون|الاف|ملايين|thousand|million|billion|trillion|"
    r"\d\s?(?:k|m|mn|mln|bn|b|bln|tn|trn))\b",
    re.IGNORECASE,
)
_LAST_MULT = re.compile(
    r"(الفين|الفان|الفي|الفا|الف|الاف|مليونين|مليونان|مليوني|مليونا|مليون|ملايين|"
    r"مليارين|ملياران|ملياري|مليارا|مليارات|مليار|تريليون|thousand|million|billion|trillion|"
    r"k|mn|mln|m|bn|bln|b|tn|trn)\s*$",
    re.IGNORECASE,
)
_MULT_VALUE = {
    "الف": 1e3, "الفا": 1e3, "الفين": 1e3, "الفان": 1e3, "الفي": 1e3, "الاف": 1e3,
    "مليون": 1e6, "مليونا": 1e6, "مليونين": 1e6, "مليونان": 1e6, "مليوني": 1e6, "ملايين": 1e6,
    "مليار": 1e9, "مليارا": 1e9, "مليارين": 1e9, "ملياران": 1e9, "ملياري": 1e9,
    "مليارات": 1e9, "تريليون": 1e12, "thousand": 1e3, "million": 1e6, "billion": 1e9,
    "trillion": 1e12, "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "bln": 1e9,
    "b": 1e9, "tn": 1e12, "trn": 1e12,
}  # fmt: skip
_HUGE = 1e30  # beyond any reported figure; also keeps inf and nan out
_SHORT_LETTER_MULT = re.compile(r"\d(?:k|m|b)$", re.IGNORECASE)


def _sane(value: float | None, vague: tuple[float, float] | None) -> bool:
    if value is not None:
        return value < _HUGE
    return vague is not None and vague[1] < _HUGE


def _whole(v: float) -> int | float:
    return round(v) if abs(v - round(v)) < 1e-6 or abs(v) >= 1000 else round(v, 4)


class _Anchors:
    """`next(pos)` is `ANCHOR_RE.search(t, pos)` as (start, end, usable): a number word
    inside a longer word ("الف" in "التحالف") is found but can never start an amount."""

    __slots__ = ("_d", "_single", "_t", "_w")

    def __init__(self, t: str) -> None:
        self._t = t
        self._d: tuple[int, int] | None = None  # next digit or sign at or after the last pos
        self._w: tuple[int, int, bool] | None = None  # next word or currency code
        self._single = _OTHER_DIGIT.search(t) is not None

    def next(self, pos: int) -> tuple[int, int, bool] | None:
        t = self._t
        if self._single:
            a = ANCHOR_RE.search(t, pos)
            return (a.start(), a.end(), True) if a else None
        d = self._d
        if d is None or (d[0] < pos and d[0] >= 0):
            m = _SIGN_OR_DIGIT.search(t, pos)
            if m is None:
                d = (-1, -1)
            else:
                s = m.start()
                d = (s, _DIGIT_RUN.match(t, s).end() if "0" <= t[s] <= "9" else s + 1)  # type: ignore[union-attr]
            self._d = d
        w = self._w
        if w is None or (w[0] < pos and w[0] >= 0):
            w = self._word(pos)
            self._w = w
        if d[0] < 0:
            return None if w[0] < 0 else w
        if w[0] < 0 or d[0] < w[0]:
            return d[0], d[1], True
        return w

    def _word(self, pos: int) -> tuple[int, int, bool]:
        t = self._t
        m = _WORD_ANCHOR.search(t, pos)
        if m is None:
            return (-1, -1, False)
        s, e = m.span()
        word = m.group()
        if word in _CODES:
            return (s, e, True)
        if s > 0 and _WORD_CHAR.match(t, s - 1):
            return (s, e, False)
        if word in _BARE:
            return (s, e, True)
        if word[1:] in _BARE:
            return (s + 1, e, True)
        return (s + 2, e, True)


def scan_amounts(t: str, skip: list[tuple[int, int]]) -> list[dict]:
    """Money, percent and quantity facts in normalised text (normalised offsets)."""
    facts: list[dict] = []
    pos = 0
    n = len(t)
    skip_i = 0
    anchors = _Anchors(t)
    while pos < n:
        a = anchors.next(pos)
        if not a:
            break
        a_start, a_end, usable = a
        while skip_i < len(skip) and skip[skip_i][1] <= a_start:
            skip_i += 1
        if skip_i < len(skip) and skip[skip_i][0] <= a_start:
            pos = a_end  # a number inside a date ("19 تموز 2022", "2022-07-19")
            continue
        m = _match_around(t, a_start, pos) if usable else None
        if not m:
            pos = a_end
            continue
        n1s, n1e = m.span("n1")
        # Numbers inside a date ("19 تموز 2022", "2022-07-19") belong to the date.
        while skip_i < len(skip) and skip[skip_i][1] <= n1s:
            skip_i += 1
        if skip_i < len(skip) and skip[skip_i][0] < n1e:
            pos = n1e
            continue
        fact, end = _classify(t, m)
        if fact is not None:
            facts.append(fact)
        pos = max(end, m.start() + 1)
    facts.extend(_dual_quantities(t, facts, skip))
    facts.sort(key=lambda f: f["start"])
    return facts


def _classify(t: str, m: re.Match) -> tuple[dict | None, int]:
    # 1. Decide whether this is a range; a "و"/"and" join needs بين/between first.
    use_range = m.group("n2") is not None
    open_word = (m.group("open") or "").lower()
    sep = (m.group("sep") or "").lower()
    if use_range:
        if sep in ("و", "and") and open_word.replace("ما ", "").strip() not in ("بين", "between"):
            use_range = False
        elif sep in ("الي", "حتي", "to", "-") and open_word in ("بين", "between"):
            use_range = False
        elif (
            sep == "to" and not open_word and _BY_BEFORE.search(t, max(0, m.start() - 6), m.start())
        ):
            use_range = False  # "fell by £238 to £1,690": a change, then the new level
    end = m.end("n2") if use_range else m.end("n1")
    n1_start = _skip_clitic(t, m.start("n1"), m.group("n1"))
    number_start = m.start("cur1") if m.group("cur1") else n1_start
    approx_word = m.group("approx")
    if (
        approx_word
        and approx_word.lower().startswith("up")
        and _MOVED_BEFORE.search(t, max(0, m.start() - 12), m.start())
    ):
        approx_word = None  # "ticked up to 4.1%", "went up to": a movement, not a bound
    if approx_word:
        start = m.start("approx")
    elif open_word and use_range:
        start = m.start("open")
    else:
        start = number_start
    if not use_range and open_word and open_word not in ("from", "من"):
        return None, m.end("n1")  # بين with a single number: not a figure we can read

    raw1 = m.group("n1")
    v1, vague1 = parse_number(raw1)
    if (v1 is None and vague1 is None) or not _sane(v1, vague1):
        return None, m.end("n1")
    v2 = vague2 = None
    if use_range:
        v2, vague2 = parse_number(m.group("n2"))
        if v2 is None or not _sane(v2, vague2):
            use_range = False
            end = m.end("n1")
    cur_prefix = m.group("cur1") or (m.group("cur2") if use_range else None)
    if _SHORT_LETTER_MULT.search(raw1) and not cur_prefix:
        return None, m.end("n1")  # "40m" with no currency is metres as often as millions
    if use_range and v1 is not None and v2 is not None:
        last2 = _LAST_MULT.search(m.group("n2"))
        if last2 and not _HAS_MULT_WORD.search(raw1):
            v1 *= _MULT_VALUE.get(last2.group(1).lower(), 1)  # بين 2 و3 مليارات

    # 2. What follows names the kind of figure.
    kind_info = _what_follows(t, end, cur_prefix)
    if kind_info is None and not cur_prefix and not open_word.startswith(("from", "من")):
        kind_info = _count_follows(t, n1_start, end, v1, vague1, use_range)
        if kind_info is not None and kind_info[1].pop("vague_scale", None):
            mult = kind_info[1].pop("scale")
            vague1 = (vague1[0] * mult, vague1[1] * mult)  # type: ignore[index]
    if kind_info is None:
        return None, end
    kind, extra, end = kind_info
    ta = _TRAILING_APPROX.match(t, end)
    approx = approx_word
    approximation = APPROX.get(re.sub(r"\s+", " ", approx.lower())) if approx else None
    if ta:
        end = ta.end()
        approximation = approximation or "about"
    if vague1 is not None and not use_range:
        approximation = approximation or "vague"

    fact: dict = {"type": kind, "start": start, "end": end}
    if use_range:
        lo = v1 if v1 is not None else vague1[0]  # type: ignore[index]
        hi = v2 if v2 is not None else vague2[1]  # type: ignore[index]
        fact["value_min"] = _whole(lo)
        fact["value_max"] = _whole(hi)
    elif vague1 is not None:
        fact["value_min"] = _whole(vague1[0])
        fact["value_max"] = _whole(vague1[1])
    else:
        fact["value"] = _whole(v1)  # type: ignore[arg-type]
    fact.update(extra)
    if extra.get("note", "").startswith("toman") and "value" in fact:
        fact["value_irr"] = _whole(fact["value"] * 10)  # so a source quoting rials matches
    if fact.pop("subunit", None):
        for key in ("value", "value_min", "value_max"):
            if key in fact:
                fact[key] = _whole(fact[key] / 100)
    if fact.get("basis_points"):
        for key in ("value", "value_min", "value_max"):
            if key in fact:
                fact[key] = _whole(fact[key] / 100)
    if approximation:
        fact["approximate"] = True
        fact["approximation"] = approximation
    return fact, end


def _skip_clitic(t: str, pos: int, raw: str) -> int:
    # و / ب glued to a number word ("ومليون", "بخمسة") is a conjunction or preposition.
    if raw[:1] in ("و", "ب"):
        first = raw.split()[0]
        if first not in WORD_VALUES and first[1:] in WORD_VALUES:
            return pos + 1
    return pos


def _what_follows(t: str, end: int, cur_prefix: str | None) -> tuple[str, dict, int] | None:
    if cur_prefix:
        code = money.currency_from_prefix(cur_prefix)
        extra: dict = {"currency": code or "XXX"}
        if code is None:
            extra["note"] = f"unresolved currency sign {cur_prefix.strip()}"
        after = money.CURRENCY_AFTER.match(t, end)
        if after and after.group("code") is None and code == "USD" and after.group("en"):
            end = after.end()
        return "money", extra, end
    sm = _SUBUNIT_AFTER.match(t, end)
    if sm:
        code = "GBP" if sm.group("w").lower() == "pence" else "USD"
        return "money", {"currency": code, "subunit": 100}, sm.end()
    cm = money.CURRENCY_AFTER.match(t, end)
    if cm:
        extra = money.resolve_after(cm)
        family = extra.pop("family", None)
        if family:
            found = money.resolve_from_country(t, end, family) or money.resolve_from_context(
                t, end, family
            )
            if found:
                extra = {"currency": found[0], "note": f"resolved from context: {found[1]}"}
        return "money", extra, cm.end()
    pm = percent.PERCENT_AFTER.match(t, end)
    if pm:
        extra = {"points": True} if pm.group("points") or pm.group("bp") else {}
        if pm.group("bp"):
            extra["basis_points"] = True
        return "percent", extra, pm.end()
    um = quantities.UNIT_AFTER.match(t, end)
    if um:
        unit = quantities.unit_key(um.group("unit"))
        if unit is None:
            return None
        if unit == "barrel" and um.group("perday"):
            unit = "barrel_per_day"
            end = um.end()
        else:
            end = um.end("unit")
        extra = {"unit": unit}
        if unit == "person":
            extra["subject"] = um.group("unit").lower()
        return "quantity", extra, end
    return None


# Words before a number that make it a label, not a count: "Route 87", "المادة 5", "No. 7".
_LABEL_BEFORE = {
    "no", "no.", "nos", "number", "article", "route", "highway", "flight", "room", "page",
    "resolution", "chapter", "section", "paragraph", "item", "line", "channel", "gate",
    "platform", "bus", "model", "version", "level", "phase", "grade", "class", "size",
    "رقم", "الرقم", "المادة", "الماده", "البند", "الفقرة", "الفقره", "القرار", "طراز", "الطراز",
    "موديل", "الفصل", "الجولة", "الجوله", "الصفحة", "الصفحه", "الطريق", "الخط", "الرحلة",
    "الرحله", "بالرقم", "برقم", "نسخة", "نسخه", "الاصدار", "المرحلة", "المرحله", "المستوى",
}  # fmt: skip
_EN_ALLOWED_CAPS = {
    "the", "about", "around", "some", "more", "over", "nearly", "almost", "roughly", "at",
    "up", "only", "just", "and", "but", "all", "another", "as", "fewer", "less", "under",
    "approximately", "those", "these", "its", "their", "his", "her", "our", "a", "of", "with",
    "in", "by", "for", "since", "to", "from", "on", "while", "after", "before", "least",
}  # fmt: skip
_DETERMINERS = {"the", "its", "their", "his", "her", "our", "this", "that", "a", "an", "whose"}
_PREV_TOKEN = re.compile(r"(\S+)\s+$")
_VAGUE_OF_EN = re.compile(r"\s+of\s+(thousands|millions)(?!\w)", re.IGNORECASE)
_VAGUE_OF_AR = re.compile(r"\s+(?:ال)?(الاف|ملايين)(?!\w)")
_OF_BEFORE_NOUN = re.compile(r"\s+(?:of|من)(?=\s)", re.IGNORECASE)
_SENTENCE_END = (".", "!", "?", "\n", '"', "“", ":", "(", "-", "—")


def _count_follows(
    t: str, n1_start: int, end: int, v1: float | None, vague1, use_range: bool
) -> tuple[str, dict, int] | None:
    """A number followed by the noun it counts, unless the number is a label or a year."""
    if n1_start > 1 and t[n1_start - 1] in "-/" and t[n1_start - 2].isalpha():
        return None  # "F-16", "سو-35", "COVID-19"
    value = v1 if v1 is not None else (vague1[0] if vague1 else None)
    if value is None:
        return None
    pm = _PREV_TOKEN.search(t, max(0, n1_start - 30), n1_start)
    prev = pm.group(1) if pm else ""
    low = prev.lower()
    if low in _LABEL_BEFORE or low.rstrip(".,") in _LABEL_BEFORE:
        return None
    if prev[:1].isupper() and low not in _EN_ALLOWED_CAPS:
        before = t[max(0, pm.start() - 2) : pm.start()].strip() if pm else ""  # type: ignore[union-attr]
        if before and before[-1] not in _SENTENCE_END:
            return None  # "Route 87 closures", "Astana 19", "S&P 500"
    raw = t[n1_start:end]
    if v1 is not None and raw.isdigit() and 1900 <= v1 <= 2100 and low in _DETERMINERS:
        return None  # "the 2024 budget"
    extra: dict = {}
    pos = end
    if vague1 is not None and not use_range:
        vm = _VAGUE_OF_EN.match(t, pos) or _VAGUE_OF_AR.match(t, pos)
        if vm:
            extra["vague_scale"] = True
            extra["scale"] = 1e6 if vm.group(1).lower() in ("millions", "ملايين") else 1e3
            pos = vm.end()
        om = _OF_BEFORE_NOUN.match(t, pos)
        if om:
            pos = om.end()
        found = quantities.count_after(t, pos, value, definite_ok=True)
    else:
        found = quantities.count_after(t, pos, value)
    if found is None:
        return None
    unit, noun, noun_end = found
    extra["unit"] = unit
    if unit == "item":
        extra["unit_text"] = noun
    elif unit == "person":
        extra["subject"] = noun.lower()
    else:
        extra["subject"] = unit
    return "quantity", extra, noun_end


def _dual_quantities(t: str, found: list[dict], skip: list[tuple[int, int]]) -> list[dict]:
    out: list[dict] = []
    if not any(w in t for w in quantities.DUAL_OF):
        return out  # the scan tries most Arabic letters; the words themselves are rare
    taken = sorted([(f["start"], f["end"]) for f in found] + skip)
    starts = [a for a, _b in taken]
    for m in quantities.DUAL_RE.finditer(t):
        s, e = m.span("dual")
        i = bisect_left(starts, e)
        if any(a < e and s < b for a, b in taken[max(0, i - 3) : i]):
            continue
        f = {"type": "quantity", "start": s, "end": e, "value": 2,
             "unit": quantities.DUAL_OF[m.group("dual")]}  # fmt: skip
        am = _APPROX_BEFORE.search(t, max(0, s - 24), s)
        if am:
            f["start"] = am.start("approx")
            f["approximate"] = True
            f["approximation"] = APPROX.get(re.sub(r"\s+", " ", am.group("approx").lower()))
        out.append(f)
    return out


_MOVED_BEFORE = re.compile(
    r"(?<!\w)(?:ticked|went|moved|crept|edged|shot|picked|revised|ramped|stepped|rose|"
    r"jumped|climbed|rounded|ticks|goes|moves)\s+$",
    re.IGNORECASE,
)
_BY_BEFORE = re.compile(r"(?<!\w)by\s+$", re.IGNORECASE)
_APPROX_BEFORE = re.compile(rf"(?<!\w)[وفل]?(?P<approx>{APPROX_RE})\s+$")
_SUBUNIT_AFTER = re.compile(r"\s*(?P<w>cents?|pence)(?!\w)", re.IGNORECASE)
