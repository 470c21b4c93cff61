"""Numbers in digits and in words, with multipliers, ranges and approximations.

`scan_amounts` finds every numeric expression once; money, percent and quantity then
only look at what sits right after (or before) each amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import norm

# -- Arabic number words (normalised spelling) -------------------------------------------
_AR_UNITS = {
    "واحد": 1, "واحدة": 1, "أحد": 1, "إحدى": 1,
    "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2, "اثني": 2, "اثنتا": 2,
    "ثلاث": 3, "ثلاثة": 3, "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6,
    "سبع": 7, "سبعة": 7, "ثمان": 8, "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9,
    "عشر": 10, "عشرة": 10,
}  # fmt: skip
_AR_TENS = {
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "أربعون": 40, "أربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
}  # fmt: skip
_AR_HUNDREDS = {
    "مئة": 100, "مائة": 100, "مئتان": 200, "مئتين": 200, "مئتا": 200, "مئتي": 200,
    "مائتان": 200, "مائتين": 200, "مائتا": 200, "مائتي": 200,
    **{p + h: v * 100 for p, v in (("ثلاث", 3), ("أربع", 4), ("خمس", 5), ("ست", 6),
                                  ("سبع", 7), ("ثمان", 8), ("تسع", 9))
       for h in ("مئة", "مائة")},
}  # fmt: skip
# Multipliers: singular/accusative forms multiply the count before them; when nothing
# comes before, the accusative ألفا / مليارا reads as the dual construct (مليارا دولار).
_AR_MULT = {
    "ألف": 1e3, "ألفا": 1e3, "مليون": 1e6, "مليونا": 1e6, "مليار": 1e9, "مليارا": 1e9,
    "بليون": 1e9, "بليونا": 1e9, "تريليون": 1e12, "تريليونا": 1e12,
}  # fmt: skip
_AR_DUAL = {
    "ألفان": 2e3, "ألفين": 2e3, "ألفي": 2e3, "مليونان": 2e6, "مليونين": 2e6, "مليوني": 2e6,
    "ملياران": 2e9, "مليارين": 2e9, "ملياري": 2e9, "بليونين": 2e9, "بليوني": 2e9,
    "تريليونان": 2e12, "تريليونين": 2e12, "تريليوني": 2e12,
}  # fmt: skip
# Plural multipliers: after a count (ثلاثة ملايين) they multiply; alone they are vague
# ("آلاف" = thousands of) and become a range.
_AR_PLURAL = {"آلاف": 1e3, "ألوف": 1e3, "ملايين": 1e6, "مليارات": 1e9, "بلايين": 1e9,
              "تريليونات": 1e12}  # fmt: skip
_AR_VAGUE = {"عشرات": (10, 99), "مئات": (100, 999), "بضعة": (3, 9), "بضع": (3, 9)}
_AR_FRACTION = {"نصف": 0.5, "ربع": 0.25, "ثلث": 1 / 3}

_EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "a": 1, "an": 1,
}  # fmt: skip
_EN_MULT = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_EN_PLURAL = {"hundreds": 1e2, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
_EN_VAGUE = {"dozens": (24, 99), "tens": (10, 99), "several": (3, 9)}
_EN_SHORT_MULT = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "bln": 1e9,
    "tn": 1e12, "tr": 1e12, "trn": 1e12,
}  # fmt: skip


def _norm_map(d: dict) -> dict:
    return {norm(k): v for k, v in d.items()}


AR_UNITS = _norm_map(_AR_UNITS)
AR_TENS = _norm_map(_AR_TENS)
AR_HUNDREDS = _norm_map(_AR_HUNDREDS)
AR_MULT = _norm_map(_AR_MULT)
AR_DUAL = _norm_map(_AR_DUAL)
AR_PLURAL = _norm_map(_AR_PLURAL)
AR_VAGUE = _norm_map(_AR_VAGUE)
AR_FRACTION = _norm_map(_AR_FRACTION)

_WORD_VALUES: dict[str, tuple[str, object]] = {}
for _k, _v in AR_UNITS.items():
    _WORD_VALUES[_k] = ("unit", _v)
for _k, _v in AR_TENS.items():
    _WORD_VALUES[_k] = ("unit", _v)
for _k, _v in AR_HUNDREDS.items():
    _WORD_VALUES[_k] = ("hundred_abs", _v)
for _k, _v in AR_MULT.items():
    _WORD_VALUES[_k] = ("mult", _v)
for _k, _v in AR_DUAL.items():
    _WORD_VALUES[_k] = ("dual", _v)
for _k, _v in AR_PLURAL.items():
    _WORD_VALUES[_k] = ("plural", _v)
for _k, _v in AR_VAGUE.items():
    _WORD_VALUES[_k] = ("vague", _v)
for _k, _v in AR_FRACTION.items():
    _WORD_VALUES[_k] = ("fraction", _v)
for _k, _v in _EN_UNITS.items():
    _WORD_VALUES[_k] = ("unit", _v)
_WORD_VALUES["hundred"] = ("hundred", 100)
for _k, _v in _EN_MULT.items():
    if _k != "hundred":
        _WORD_VALUES[_k] = ("mult", _v)
for _k, _v in _EN_PLURAL.items():
    _WORD_VALUES[_k] = ("plural", _v)
for _k, _v in _EN_VAGUE.items():
    _WORD_VALUES[_k] = ("vague", _v)
_WORD_VALUES["half"] = ("fraction", 0.5)
_WORD_VALUES["quarter"] = ("fraction", 0.25)
for _k, _v in _EN_SHORT_MULT.items():
    _WORD_VALUES[_k] = ("mult", _v)


WORD_VALUES = _WORD_VALUES


def alternation(words) -> str:
    """Regex alternation of words as a character trie.

    Python's `re` tries alternatives one by one, so a flat list of a few hundred words is
    tried at every position of the text; a trie fails on the first character instead.
    Longer words win (مليارات before مليار) because each optional tail is greedy.
    """
    trie: dict = {}
    for w in set(words):
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def first_chars(words, extra: str = "") -> str:
    """A lookahead on the possible first characters of a pattern: `re` then rejects most
    positions with one character test instead of walking every alternative."""
    chars = {w[0] for w in words if w} | set(extra)
    chars |= {c.upper() for c in chars} | {c.lower() for c in chars}
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"


def _trie_regex(node: dict) -> str:
    end = "" in node
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return "(?:" + body + ")?"
    return body


_AR_WORDS = alternation(
    list(AR_UNITS) + list(AR_TENS) + list(AR_HUNDREDS) + list(AR_MULT) + list(AR_DUAL)
    + list(AR_PLURAL) + list(AR_VAGUE) + list(AR_FRACTION)
)  # fmt: skip
_AR_CONT = alternation(
    list(AR_UNITS) + list(AR_TENS) + list(AR_HUNDREDS) + list(AR_MULT) + list(AR_DUAL)
    + list(AR_PLURAL) + ["نصف", "ربع"]
)  # fmt: skip
_EN_FIRST = alternation(
    [k for k in _EN_UNITS if k not in ("a", "an")]
    + list(_EN_MULT) + list(_EN_PLURAL) + list(_EN_VAGUE) + ["half"]
)  # fmt: skip
_EN_CONT = alternation(
    [k for k in _EN_UNITS if k not in ("a", "an", "dozen")] + list(_EN_MULT) + ["half", "quarter"]
)
_EN_MULTS = alternation([*_EN_MULT, "dozen"])
_SHORT = alternation(_EN_SHORT_MULT)
# "40m" is only a million beside a currency sign; "40 m" is more often metres.
_SHORT_TIGHT = alternation(_EN_SHORT_MULT)
_SHORT_LOOSE = alternation(["bn", "mn", "mln", "bln", "tn", "trn"])

# Digits: separators are a different character class from digits, so the repetition
# cannot backtrack; malformed runs ("1,1,1") are matched whole and rejected in Python.
DIGITS = r"(?<![\d.,،A-Za-z])\d+(?:[.,،]\d+)*(?![\d])"
_AR_TOKEN = rf"(?<!\w)(?:[وب]|ال)?(?:{_AR_WORDS})(?!\w)"
_AR_NEXT = rf"(?:و\s?)?(?:ال)?(?:{_AR_CONT})(?!\w)"
_EN_TOKEN = rf"(?<![\w])(?:(?:a|an)\s+(?:{_EN_MULTS}|half)|{_EN_FIRST})(?![\w])"
_EN_NEXT = rf"(?:(?:and|-)\s*|-)?(?:a\s+)?(?:{_EN_CONT})(?![\w])"

# "مليار و200 مليون" and "3 ملايين و500 ألف": a smaller order added after a larger one.
_CONT_AFTER_BILLION = (
    r"(?:(?<=مليار)|(?<=مليارا)|(?<=مليارات)|(?<=ملياري)|(?<=مليارين)|(?<=ملياران))"
    r"\s+و\s?\d+(?:[.,]\d+)?\s+(?:ملايين|مليونا|مليون|الاف|الفا|الف)(?!\w)"
)
_CONT_AFTER_MILLION = (
    r"(?:(?<=مليون)|(?<=ملايين)|(?<=مليونا)|(?<=مليوني)|(?<=مليونين)|(?<=مليونان))"
    r"\s+و\s?\d+(?:[.,]\d+)?\s+(?:الاف|الفا|الف)(?!\w)"
)
NUMBER = (
    rf"(?:{DIGITS}(?:(?:{_SHORT_TIGHT}|\s?(?:{_SHORT_LOOSE}))(?![\w])|(?:\s+(?:{_AR_CONT}|{_EN_CONT}|{_EN_MULTS})(?!\w))"
    rf"(?:\s+(?:{_AR_NEXT}|{_EN_NEXT}))*)?"
    rf"|{_AR_TOKEN}(?:\s+{_AR_NEXT})*"
    rf"|{_EN_TOKEN}(?:(?:\s+|-){_EN_NEXT})*)"
    rf"(?:{_CONT_AFTER_BILLION})?(?:{_CONT_AFTER_MILLION})?"
)

_APPROX_WORDS = {
    "بنحو": "about", "نحو": "about", "حوالي": "about", "بحوالي": "about", "حوالى": "about",
    "قرابة": "nearly", "بقرابة": "nearly", "زهاء": "about", "بزهاء": "about",
    "ما يقارب": "nearly", "بما يقارب": "nearly", "يقارب": "nearly", "ما يناهز": "nearly",
    "يناهز": "nearly", "بما يناهز": "nearly", "تقارب": "nearly",
    "أكثر من": "more_than", "بأكثر من": "more_than", "ما يزيد على": "more_than",
    "ما يزيد عن": "more_than", "يزيد على": "more_than", "يزيد عن": "more_than",
    "بما يزيد على": "more_than", "بما يزيد عن": "more_than", "أزيد من": "more_than",
    "ما يربو على": "more_than", "يربو على": "more_than",
    "أقل من": "less_than", "بأقل من": "less_than", "ما يقل عن": "less_than", "دون": "less_than",
    "لا يقل عن": "at_least", "ما لا يقل عن": "at_least", "بما لا يقل عن": "at_least",
    "على الأقل": "at_least", "حتى": "up_to", "ما يصل إلى": "up_to", "يصل إلى": "up_to",
    "about": "about", "around": "about", "roughly": "about", "approximately": "about",
    "some": "about", "an estimated": "about", "approx.": "about", "circa": "about",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "less_than",
    "more than": "more_than", "over": "more_than", "just over": "more_than",
    "in excess of": "more_than", "upwards of": "more_than", "less than": "less_than",
    "under": "less_than", "fewer than": "less_than", "at least": "at_least",
    "up to": "up_to", "as many as": "up_to", "as much as": "up_to",
}  # fmt: skip
APPROX = {norm(k).lower(): v for k, v in _APPROX_WORDS.items()}
APPROX_RE = alternation(APPROX).replace(r"\ ", r"\s+")


@dataclass(slots=True)
class Amount:
    start: int  # normalised offsets, approximation and range words included
    end: int
    num_start: int
    value: float | None
    value_min: float | None = None
    value_max: float | None = None
    approximation: str | None = None
    vague: bool = False
    cur_prefix: str | None = None


_DIGIT_GROUPS = re.compile(r"\d+")
_MAX_DIGITS = 32


def parse_digits(s: str) -> float | None:
    """Digits with thousands and decimal separators in either convention."""
    if len(s) > _MAX_DIGITS:
        return None  # a serial number or a run of junk, not a figure
    s = s.replace("،", ",")
    if s.isdigit():
        return float(s)
    seps = [c for c in s if c in ".,"]
    groups = _DIGIT_GROUPS.findall(s)
    if len(seps) == 1:
        sep = seps[0]
        if sep == "," and len(groups[1]) == 3:
            return float(groups[0] + groups[1])  # 1,500
        return float(groups[0] + "." + groups[1])  # 2.5 or the decimal comma 0،6 / 1,5
    first = seps[0]
    last = seps[-1]
    # 1,234,567 / 1.234.567 / 1,234.5 / 1.234,5 ; anything else ("1,1,1") is not a number.
    body_seps = seps[:-1] if last != first else seps
    if any(c != first for c in body_seps):
        return None
    if any(len(g) != 3 for g in groups[1 : len(body_seps) + 1]) or len(groups[0]) > 3:
        return None
    whole = "".join(groups[: len(body_seps) + 1])
    if last != first:
        return float(whole + "." + groups[-1])
    return float(whole)


_SPLIT_WORDS = re.compile(r"[\s\-]+")
_SHORT_AFTER_DIGITS = re.compile(rf"^(\S+?)\s?({_SHORT})$", re.IGNORECASE)


def parse_number(s: str) -> tuple[float | None, tuple[float, float] | None]:
    """(value, None) for an exact number or (None, (min, max)) for vague ones (عشرات، آلاف)."""
    if s.isascii() and s.isdigit():  # most numbers: what the word path gives, without it
        return (float(s), None) if len(s) <= _MAX_DIGITS else (None, None)
    tokens = [t for t in _SPLIT_WORDS.split(s.strip()) if t]
    if not tokens:
        return None, None
    words: list[tuple[str, object]] = []
    for raw in tokens:
        t = raw.lower()
        if len(t) > 1 and t[0] == "و" and t[1].isdigit():
            t = t[1:]
        if t in ("and", "و", "a", "an", "of"):
            continue
        if t[0].isdigit():
            m = _SHORT_AFTER_DIGITS.match(t)
            if m and not m.group(1)[-1:].isalpha():
                v = parse_digits(m.group(1))
                if v is None:
                    return None, None
                words.append(("num", v))
                words.append(("mult", _EN_SHORT_MULT[m.group(2).lower()]))
                continue
            v = parse_digits(t)
            if v is None:
                return None, None
            words.append(("num", v))
            continue
        kind_value = _WORD_VALUES.get(t)
        if kind_value is None and t[0] == "و":
            kind_value = _WORD_VALUES.get(t[1:])
        if kind_value is None and t[0] == "ب":
            kind_value = _WORD_VALUES.get(t[1:])
        if kind_value is None and t.startswith("ال"):
            kind_value = _WORD_VALUES.get(t[2:])
        if kind_value is None:
            return None, None
        words.append(kind_value)
    if words and words[0][0] == "mult" and tokens[0].endswith("ا") and len(words) == 1:
        # A bare accusative multiplier is the dual construct: مليارا دولار = 2 billion.
        words[0] = ("dual", 2 * words[0][1])  # type: ignore[operator]
    return _combine(words)


def _combine(words: list[tuple[str, object]]) -> tuple[float | None, tuple[float, float] | None]:
    total = 0.0
    current = 0.0
    have_current = False
    vague: tuple[float, float] | None = None
    last_mult = 1.0
    absorb = False
    for kind, v in words:
        if absorb and kind in ("mult", "dual") and v in (last_mult, 2 * last_mult):
            absorb = False  # مليون ونصف المليون: the second مليون restates the unit
            continue
        absorb = False
        if kind in ("num", "unit"):
            if kind == "unit" and v == 10 and have_current and current < 10:
                current += 10  # ثلاثة عشر, أحد عشر
            else:
                current += v  # type: ignore[operator]
            have_current = True
        elif kind == "hundred_abs":
            if v == 100 and have_current and 1 <= current <= 9:
                current *= 100  # ثلاث مئة written apart
                continue
            current += v  # type: ignore[operator]
            have_current = True
        elif kind == "hundred":
            current = (current if have_current else 1) * 100
            have_current = True
        elif kind in ("mult", "plural"):
            if vague is not None and not have_current:
                vague = (vague[0] * v, vague[1] * v)  # type: ignore[operator]
                continue
            if not have_current:
                if kind == "plural":
                    vague = (v, v * 9)  # type: ignore[operator]
                    continue
                current = 1
            total += current * v  # type: ignore[operator]
            last_mult = v  # type: ignore[assignment]
            current = 0.0
            have_current = False
        elif kind == "dual":
            if have_current:
                # "40 ملياري" is a misspelt accusative; the count wins.
                total += current * (v / 2)  # type: ignore[operator]
                last_mult = v / 2  # type: ignore[operator]
            else:
                total += v  # type: ignore[operator]
                last_mult = v / 2  # type: ignore[operator]
            current = 0.0
            have_current = False
        elif kind == "fraction":
            if total and not have_current:
                total += v * last_mult  # type: ignore[operator]  # مليون ونصف
                absorb = True
            elif have_current:
                current += v  # type: ignore[operator]  # two and a half
            else:
                current = v  # type: ignore[assignment]  # نصف مليون
                have_current = True
        elif kind == "vague":
            vague = v  # type: ignore[assignment]
    if vague is not None and total == 0 and not have_current:
        return None, vague
    if vague is not None:
        return None, None
    value = total + current
    return value, None
