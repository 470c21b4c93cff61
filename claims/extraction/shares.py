"""Fractions used as shares: "a third of households", "one in five adults", "ثلث السكان".

They are reported as percent facts (`value` rounded to two decimals: a third is 33.33) with
the same approximation fields as other figures ("About a third", "نحو ربع"). The span is the
fraction (and its approximation word), never the noun it takes a share of.

A fraction word is only a share when its context says so, because the same words are
ordinals and periods: "a third day", "third-quarter results", "half an hour", "a quarter of
a century", "نصف ساعة", "ربع قرن", "الربع الثالث", "الثلث الأخير من الشهر". A share is:
- English: `<fraction> of <noun phrase>` that is not a period or a unit of measure, `half
  the/its <noun>`, `<fraction> lower/higher/more/less…`, `by <fraction>` closing a change,
  and `N in/out of (every) M`;
- Arabic: an indefinite fraction word (no ال) in construct with a definite noun or a noun
  phrase that is not a period or a unit (ثلث السكان، نحو ربع الميزانية، نصف سكان غزة),
  a fraction with a pronoun (نصفهم), and `واحد/طفل من (بين) كل خمسة`.
A fraction inside a number ("two and a half billion", "مليار ونصف", "نصف مليون") belongs to
that number and is left to the amount scanner.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .normalize import norm
from .numbers import APPROX, APPROX_RE, WORD_VALUES, parse_number

# -- values ---------------------------------------------------------------------------------
_EN_ONE = {
    "half": 1 / 2, "third": 1 / 3, "quarter": 1 / 4, "fourth": 1 / 4, "fifth": 1 / 5,
    "sixth": 1 / 6, "eighth": 1 / 8, "tenth": 1 / 10,
}  # fmt: skip
_EN_MANY = {
    "thirds": 1 / 3, "quarters": 1 / 4, "fourths": 1 / 4, "fifths": 1 / 5, "sixths": 1 / 6,
    "eighths": 1 / 8, "tenths": 1 / 10,
}  # fmt: skip
_EN_NUMERATOR = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
_EN_COUNT = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
_AR_ONE = {"نصف": 1 / 2, "ثلث": 1 / 3, "ربع": 1 / 4, "خمس": 1 / 5}

_EN_ALT = "|".join(sorted(_EN_ONE, key=len, reverse=True))
_EN_MANY_ALT = "|".join(sorted(_EN_MANY, key=len, reverse=True))
_EN_NUM_ALT = "|".join(_EN_NUMERATOR)
_EN_COUNT_ALT = "|".join(sorted(_EN_COUNT, key=len, reverse=True))

# One pattern finds every candidate; the context around it decides. The lookbehind keeps
# "third-quarter" and "mid-quarter" out, the lookahead "half-year" and "quarter-point".
_EN_FRACTION = re.compile(
    rf"(?<![\w-])(?:(?:(?:a|an|one)[\s-]+(?P<one>{_EN_ALT}))"
    rf"|(?:(?P<num>{_EN_NUM_ALT})[\s-]+(?P<many>{_EN_MANY_ALT}))"
    rf"|(?P<half>half))(?![\w-])",
    re.IGNORECASE,
)
_EN_RATIO = re.compile(
    rf"(?<![\w.,-])(?P<n>\d{{1,3}}|{_EN_COUNT_ALT})\s+(?:in|out\s+of)\s+(?:every\s+)?"
    rf"(?P<d>\d{{1,3}}(?:,\d{{3}})?|{_EN_COUNT_ALT})(?![\w-]|[.,]\d)",
    re.IGNORECASE,
)

_AR_FRACTION = re.compile(
    r"(?<!\w)(?P<cl>[وفبل])?"
    r"(?P<frac>(?P<three>ثلاثه|ثلاث)\s+ارباع|(?P<two>ثلثا|ثلثي|ثلثان|ثلثين)|(?P<one>نصف|ثلث|ربع|خمس))"
    r"(?P<pron>هم|ها|هن|هما)?(?!\w)"
)
_AR_PERSON = "|".join(
    norm(w)
    for w in (
        "واحد", "واحدة", "شخص", "طفل", "امرأة", "رجل", "مواطن", "شاب", "بالغ", "أسرة",
        "عائلة", "موظف", "عامل", "طالب", "مريض", "ناخب",
    )
)  # fmt: skip
_AR_RATIO = re.compile(
    rf"(?<!\w)[وف]?(?P<n>\d{{1,3}}|{_AR_PERSON}|اثنان|اثنين|ثلاثه|اربعه|خمسه|سته|سبعه|ثمانيه|تسعه)"
    r"\s+من\s+(?:بين\s+)?كل\s+(?P<d>\d{1,4}|[^\W\d_]+)(?!\w|[.,]\d)"
)

# -- context --------------------------------------------------------------------------------
# Periods, stretches and measures: a fraction of these is a length, not a share.
_EN_NOT_SHARE = {
    "hour", "minute", "second", "day", "night", "week", "weekend", "month", "year", "decade",
    "century", "millennium", "season", "quarter", "semester", "term", "session", "half",
    "period", "time", "way", "game", "match", "race", "inning", "lap", "mile", "kilometre",
    "kilometer", "km", "metre", "meter", "foot", "feet", "inch", "yard", "pound", "ounce",
    "cup", "gallon", "litre", "liter", "percentage", "percent", "point", "cent", "penny",
    "dollar", "million", "billion", "trillion", "thousand", "dozen", "century's", "year's",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "spring", "summer", "autumn", "fall", "winter",
    "morning", "afternoon", "evening", "journey", "distance", "trip", "length", "page",
}  # fmt: skip
_EN_DETERMINER = {
    "the", "its", "their", "his", "her", "our", "your", "my", "all", "those", "these", "this",
    "that", "every", "each", "total", "global", "world's", "country's", "nation's",
}  # fmt: skip
_EN_THEM = {"them", "us", "which", "whom", "it", "those", "these", "all"}
_EN_COMPARATIVE = re.compile(
    r"\s+(?:lower|higher|less|more|smaller|larger|bigger|greater|cheaper|fewer|below|above"
    r"|down|up)(?!\w)",
    re.IGNORECASE,
)
# What may follow "by a third" (or "fell a quarter") when it closes a change.
_EN_CHANGE_END = re.compile(
    r"\s*(?:[,.;:)\]]|$)|\s+(?:in|since|from|to|on|over|after|during|between|this|last|"
    r"than|compared|year|month|week|and|while|as|at|within|through|against|versus|vs|or|"
    r"but|when|because|under|before|until)(?!\w)",
    re.IGNORECASE,
)
_EN_BY_BEFORE = re.compile(r"(?<!\w)by\s+$", re.IGNORECASE)
_EN_MOVE_BEFORE = re.compile(
    r"(?<!\w)(?:up|down|rose|fell|dropped|jumped|grew|slumped|climbed|increased|decreased|"
    r"declined|shrank|shrunk|sank|plunged|plummeted|surged|soared|slid|tumbled|gained|lost|"
    r"cut|reduced|raised|slashed|trimmed|lifted|boosted)\s+$",
    re.IGNORECASE,
)
# "the first half", "in the second half", "one and a half": the fraction is a period or a
# part of a number.
_EN_BEFORE_HALF = {
    "first", "second", "third", "fourth", "last", "latter", "former", "other", "the", "a",
    "an", "back", "front", "top", "bottom", "upper", "lower", "northern", "southern",
    "eastern", "western", "this", "that", "its", "their", "his", "her", "in", "per",
}  # fmt: skip
_EN_WORD = re.compile(r"\s+([\w'’]+)")
_OF = re.compile(r"\s+of(?!\w)", re.IGNORECASE)
_YEAR = re.compile(r"(?:1[89]|20)\d\d$")
_PREV_WORD = re.compile(r"([\w'’]+)\s+$")
_NUM_AND_BEFORE = re.compile(
    rf"(?<![\w])(?:\d[\d.,]*|{_EN_COUNT_ALT}|{'|'.join(_EN_NUMERATOR)}|hundred|thousand|"
    r"million|billion|trillion)\s+and\s+$",
    re.IGNORECASE,
)

_AR_NOT_SHARE = {
    norm(w)
    for w in (
        "ساعة", "ساعات", "دقيقة", "دقائق", "ثانية", "يوم", "أيام", "ليلة", "ليل", "نهار",
        "أسبوع", "شهر", "أشهر", "سنة", "سنوات", "عام", "أعوام", "قرن", "عقد", "موسم",
        "وقت", "مدة", "فترة", "دورة", "جولة", "شوط", "طريق", "مسافة", "نهائي", "نهائية",
        "كرة", "قطر", "دائرة", "متر", "كيلو", "كيلومتر", "كيلوغرام", "كيلوجرام", "غرام",
        "لتر", "ميل", "طن", "برميل", "نقطة", "درجة", "دينار", "دولار", "جنيه", "ريال",
        "ليرة", "درهم", "يورو", "ألف", "مليون", "مليار", "تريليون", "قيراط", "رغيف",
        "أول", "ثاني", "ثالث", "رابع", "أخير", "أخيرة", "ماضي", "مقبل", "جاري", "حالي",
        "صباح", "مساء", "ظهر", "فجر", "شتاء", "صيف", "ربيع", "خريف", "قرون", "عقود",
        # نصف/ربع + an adjective is "semi-", "quarterly": وكالة نصف رسمية، تقرير ربع سنوي
        "سنوي", "شهري", "أسبوعي", "يومي", "فصلي", "رسمي", "دائري", "كروي", "قطري",
    )
}  # fmt: skip
# Indefinite nouns that take a share without a following definite word (ربع سكان غزة).
_AR_SHARE_NOUN = {
    norm(w)
    for w in (
        "سكان", "عدد", "قيمة", "حجم", "إجمالي", "ميزانية", "موازنة", "إنتاج", "صادرات",
        "واردات", "مساحة", "أراضي", "أطفال", "نساء", "شباب", "سكانها", "مواطني", "أعضاء",
        "عمال", "موظفي", "طلاب", "ناخبي", "أسر", "عائلات", "مستشفيات", "منازل", "مباني",
        "احتياطيات", "إيرادات", "دخل", "ثروة", "ديون", "احتياجات", "سكانه",
    )
}  # fmt: skip
_AR_WORD = re.compile(r"\s+([^\W\d_]+)")
_APPROX_BEFORE = re.compile(rf"(?<!\w)[وفل]?(?P<approx>{APPROX_RE})\s+$", re.IGNORECASE)
_AR_NUMBER_BEFORE = re.compile(r"(?<!\w)(?:\d+|[^\W\d_]+)\s+$")
# Every pattern above is tried only in a small window around a rare anchor: run over the
# whole text, their alternations of common first letters cost a sixth of the engine's time.
# One leading character class: `re` then skips most positions on a single test, where
# "[Hh]alf|[Tt]hird|…" is tried branch by branch at every position (ten times slower).
_FRACTION_ANCHOR = re.compile(
    r"[HhTtQqFfSsEeنثرخ](?:alf|hird|uarter|ourth|ifth|ixth|ighth|enth|صف|لث|بع|باع|مس)"
)
_EN_RATIO_ANCHOR = re.compile(
    rf" (?:in|out of) (?:every )?(?:\d{{1,3}}(?![\d.])|\d{{1,3}},\d{{3}}|(?:{_EN_COUNT_ALT})(?!\w))"
)
_AR_RATIO_ANCHOR = re.compile(r"من\s+(?:بين\s+)?كل\s")
# Window sizes: the longest text a pattern can hold before and after its anchor.
_FRACTION_BEFORE, _FRACTION_AFTER = 9, 12
_RATIO_BEFORE, _RATIO_AFTER = 10, 28


def scan_shares(
    t: str, taken: list[tuple[int, int]]
) -> tuple[list[dict], list[tuple[int, int]], bool]:
    """Percent facts for fractions used as shares (normalised offsets), the ratio spans
    ("one in five") whose denominator a count fact ("five adults") wrongly took, and whether
    a fraction word stands alone anywhere (for `scan_measures`)."""
    point_word = False
    out: list[dict] = []
    ratios: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    taken = sorted(taken)
    starts = [a for a, _b in taken]

    def free(s: int, e: int) -> bool:
        i = bisect_left(starts, e)
        return not any(a < e and s < b for a, b in taken[max(0, i - 4) : i])

    def count_on(s: int, d: int, e: int) -> bool:
        """Only a count found on the denominator ("five adults" in "one in five adults")
        stands in the way; it is dropped for the share."""
        i = bisect_left(starts, d)
        return free(s, d) and i < len(taken) and taken[i][0] == d and taken[i][1] > e

    def around(pattern: re.Pattern, anchor: re.Match, before: int, after: int):
        lo, hi = max(0, anchor.start() - before), min(len(t), anchor.end() + after)
        for m in pattern.finditer(t, lo, hi):
            # A match must end short of the window, where its lookahead saw real text.
            key = (id(pattern), m.start())
            if key not in seen and (m.end() + 2 <= hi or hi == len(t)):
                seen.add(key)
                yield m

    for a in _EN_RATIO_ANCHOR.finditer(t):
        for m in around(_EN_RATIO, a, _RATIO_BEFORE, _RATIO_AFTER):
            f = _en_ratio(t, m)
            if f and (free(f["start"], f["end"]) or count_on(f["start"], m.start("d"), f["end"])):
                out.append(f)
                ratios.append((f["start"], f["end"]))
    for a in _AR_RATIO_ANCHOR.finditer(t):
        for m in around(_AR_RATIO, a, _RATIO_BEFORE, _RATIO_AFTER):
            f = _ar_ratio(t, m)
            if f and (free(f["start"], f["end"]) or count_on(f["start"], m.start("d"), f["end"])):
                out.append(f)
                ratios.append((f["start"], f["end"]))
    for a in _FRACTION_ANCHOR.finditer(t):
        if not point_word and _point_word(t, a):
            point_word = True
        arabic = a.group() >= "\u0600"
        if arabic and _inside_word(t, a.start()):
            continue  # "ربع" in "الأربعاء"
        pattern = _AR_FRACTION if arabic else _EN_FRACTION
        for m in around(pattern, a, _FRACTION_BEFORE, _FRACTION_AFTER):
            if arabic:
                f = _ar_fraction(t, m)
                ok = f is not None and free(m.start("frac"), m.end())
            else:
                f = _en_fraction(t, m)
                ok = f is not None and free(m.start(), m.end())
            if ok:
                out.append(f)  # type: ignore[arg-type]
    out.sort(key=lambda f: f["start"])
    return out, ratios, point_word


# The fractions of a percentage point (measures.py) are these words standing alone; the
# anchor scan above finds every one of them that stands alone (ارباع from its رباع).
_POINT_WORDS = frozenset(["quarter", "half", "third", "Quarter", "Half", "Third"])
_POINT_WORDS |= {norm(w) for w in ("ربع", "نصف", "ثلث")}
_POINT_WORD_TAIL = norm("رباع")


def _point_word(t: str, a: re.Match) -> bool:
    s, e = a.span()
    word = a.group()
    if word == _POINT_WORD_TAIL and s > 0 and t[s - 1] == "ا":
        s -= 1
    elif word not in _POINT_WORDS:
        return False
    return (s == 0 or not t[s - 1].isalpha()) and (e == len(t) or not t[e].isalpha())


def _inside_word(t: str, at: int) -> bool:
    if at == 0 or not t[at - 1].isalpha():
        return False
    if t[at - 1] in "وفبل" and (at == 1 or not t[at - 2].isalpha()):
        return False  # a clitic: وثلث، بنصف
    return not (t[at - 1] == "ا" and t[at : at + 4] == "رباع")  # ثلاثة أرباع


def _fact(t: str, start: int, end: int, share: float, label: str) -> dict:
    value = round(share * 100, 2)
    fact: dict = {
        "type": "percent", "start": start, "end": end,
        "value": int(value) if value == int(value) else value,
    }  # fmt: skip
    am = _APPROX_BEFORE.search(t, max(0, start - 24), start)
    if am:
        approx = APPROX.get(re.sub(r"\s+", " ", am.group("approx").lower()))
        if approx:
            fact["start"] = am.start("approx")
            fact["approximate"] = True
            fact["approximation"] = approx
    fact["fraction"] = label
    return fact


# -- English --------------------------------------------------------------------------------
def _en_fraction(t: str, m: re.Match) -> dict | None:
    if m.group("one"):
        share = _EN_ONE[m.group("one").lower()]
        label = f"1/{round(1 / share)}"
    elif m.group("many"):
        n = _EN_NUMERATOR[m.group("num").lower()]
        d = round(1 / _EN_MANY[m.group("many").lower()])
        if n >= d:
            return None
        share, label = n / d, f"{n}/{d}"
    else:
        share, label = 0.5, "1/2"
    s, e = m.span()
    if _NUM_AND_BEFORE.search(t, max(0, s - 24), s):
        return None  # "two and a half", "one and a quarter"
    bare_half = m.group("half") is not None
    if bare_half:
        pm = _PREV_WORD.search(t, max(0, s - 16), s)
        if pm and pm.group(1).lower() in _EN_BEFORE_HALF:
            return None
    if _en_share_after(t, e, bare_half) or _en_change(t, s, e):
        return _fact(t, s, e, share, label)
    return None


def _en_share_after(t: str, e: int, bare_half: bool) -> bool:
    om = _OF.match(t, e)
    if om:
        pos = om.end()
    elif bare_half:
        pos = e  # "half the population", "half its staff"
    else:
        return _EN_COMPARATIVE.match(t, e) is not None  # "a third lower than"
    wm = _EN_WORD.match(t, pos)
    if not wm:
        return False
    w = wm.group(1).lower()
    if om and w in _EN_THEM:
        return True  # "half of them", "a third of which"
    if w in _EN_DETERMINER:
        nm = _EN_WORD.match(t, wm.end())
        if not nm:
            return False
        noun = nm.group(1).lower()
        if noun.isdigit() or noun[:1].isdigit():
            return True  # "a quarter of the 27 members", "half of the 2,000 workers"
        return _en_noun_is_share(noun)
    if not om:
        return False  # "half an hour", "half price", "half time"
    if w in ("a", "an") or _YEAR.match(w):
        return False  # "a quarter of a century", "half of 2024"
    return _en_noun_is_share(w)


def _en_noun_is_share(noun: str) -> bool:
    noun = noun.rstrip("'’")
    if noun in _EN_NOT_SHARE:
        return False
    return not (noun.endswith("s") and noun[:-1] in _EN_NOT_SHARE)


def _en_change(t: str, s: int, e: int) -> bool:
    """A change closed by the fraction: "cut by a third", "fell by half in May"."""
    lo = max(0, s - 40)
    before = _EN_BY_BEFORE.search(t, lo, s) or _EN_MOVE_BEFORE.search(t, lo, s)
    if not before:
        am = _APPROX_BEFORE.search(t, max(0, s - 24), s)
        if am:
            before = _EN_BY_BEFORE.search(t, lo, am.start()) or _EN_MOVE_BEFORE.search(
                t, lo, am.start()
            )
    return before is not None and _EN_CHANGE_END.match(t, e) is not None


def _en_ratio(t: str, m: re.Match) -> dict | None:
    n = _count_value(m.group("n"))
    d = _count_value(m.group("d"))
    if n is None or d is None or not 1 <= n <= d or d < 2:
        return None
    if m.group("n").lower() == "one":
        pm = _PREV_WORD.search(t, max(0, m.start() - 12), m.start())
        if pm and pm.group(1).lower() in ("no", "every", "any", "some", "each", "the", "this"):
            return None  # "no one in 10 Downing Street"
    wm = _EN_WORD.match(t, m.end())
    if wm and not _en_noun_is_share(wm.group(1).lower()):
        return None  # "one in five years": a frequency
    return _fact(t, m.start(), m.end(), n / d, f"{int(n)}/{int(d)}")


def _count_value(raw: str) -> float | None:
    low = raw.lower()
    if low in _EN_COUNT:
        return _EN_COUNT[low]
    if low[:1].isdigit():
        return float(low.replace(",", ""))
    return None


# -- Arabic ---------------------------------------------------------------------------------
def _ar_fraction(t: str, m: re.Match) -> dict | None:
    cl = m.group("cl")
    if m.group("one"):
        word = m.group("one")
        share = _AR_ONE[word]
        label = f"1/{round(1 / share)}"
    elif m.group("two"):
        word = m.group("two")
        share, label = 2 / 3, "2/3"
    else:
        word = "ارباع"
        share, label = 3 / 4, "3/4"
    s, e = m.start("frac"), m.end()
    if cl == "و":
        pm = _AR_NUMBER_BEFORE.search(t, max(0, m.start() - 24), m.start())
        if pm and _ar_is_number_or_period(t, pm.start(), m.start()):
            return None  # "مليار ونصف", "ساعة وربع"
    if m.group("pron"):
        if word == "خمس":
            return None  # خمسهم: "the five of them" as often as "a fifth of them"
        return _fact(t, s, e, share, label)
    wm = _AR_WORD.match(t, e)
    if not wm:
        return None
    noun = wm.group(1)
    if noun == "من" and word != "خمس":
        nm = _AR_WORD.match(t, wm.end())
        if nm and nm.group(1).startswith("ال") and _ar_noun_is_share(nm.group(1)[2:]):
            return _fact(t, s, e, share, label)  # نصف من المشاركين
        return None
    if noun.startswith("ال") and len(noun) > 3:
        if not _ar_noun_is_share(noun[2:]):
            return None
        return _fact(t, s, e, share, label)
    if word == "خمس" or not _ar_noun_is_share(noun):
        return None  # خمس سنوات: five years
    if noun in _AR_SHARE_NOUN:
        return _fact(t, s, e, share, label)
    nm = _AR_WORD.match(t, wm.end())
    if nm and nm.group(1).startswith("ال") and _ar_noun_is_share(nm.group(1)[2:]):
        return _fact(t, s, e, share, label)  # construct: ثلث ميزانية الدولة
    return None


def _ar_noun_is_share(noun: str) -> bool:
    if noun in _AR_NOT_SHARE:
        return False
    for suffix in ("ه", "ا", "ين", "ات", "يه"):
        if noun.endswith(suffix) and noun[: -len(suffix)] in _AR_NOT_SHARE:
            return False
    return not (noun in WORD_VALUES or noun[:1].isdigit())


def _ar_is_number(word: str) -> bool:
    return word[:1].isdigit() or word in WORD_VALUES


def _ar_is_number_or_period(t: str, s: int, e: int) -> bool:
    word = t[s:e].strip()
    if word.startswith("ال") and len(word) > 4:
        word = word[2:]
    return _ar_is_number(word) or not _ar_noun_is_share(word)


def _ar_ratio(t: str, m: re.Match) -> dict | None:
    raw_n, raw_d = m.group("n"), m.group("d")
    if raw_n.isdigit():
        n = float(raw_n)
    else:
        n = parse_number(raw_n)[0] or 1.0  # a person noun counts one: طفل من كل خمسة
    d = float(raw_d) if raw_d.isdigit() else parse_number(raw_d)[0]
    if d is None or not 1 <= n <= d or d < 2 or _YEAR.match(raw_d):
        return None
    start = m.start("n")
    return _fact(t, start, m.end(), n / d, f"{int(n)}/{int(d)}")
