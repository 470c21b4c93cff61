"""Who said it: reporting verbs and the named speaker that follows (Arabic) or precedes (English).

Arabic news puts the verb first (أعلن الكرملين، قال نائب الوزير، فلان، إن...), so the speaker
runs from the verb to the first word that opens the reported content or a time/place
adjunct. An apposition set off by commas (نائب وزير النفط، أحمد أسد زاده،) stays in it.
"""

from __future__ import annotations

import re

from .anchored import starting_at
from .attribution_en import (
    _EN_ABBREV_DOT,
    _EN_ACRONYM_AFTER,
    _EN_AFTER_END,
    _EN_AFTER_VERB,
    _EN_AUX,
    _EN_CLAUSE_START,
    _EN_DETERMINER_START,
    _EN_EVIDENCE,
    _EN_FORECAST,
    _EN_LEAD,
    _EN_NEEDS_CONTEXT,
    _EN_NOT_SUBJECT_END,
    _EN_PRONOUNS,
    _EN_SAY_INVERTED,
    EN_ATTR,
)
from .normalize import norm
from .numbers import alternation, first_chars

_AR_VERBS = [
    norm(w)
    for w in (
        "قال", "قالت", "أعلن", "أعلنت", "أكد", "أكدت", "أشار", "أشارت", "أضاف", "أضافت",
        "صرح", "صرحت", "أوضح", "أوضحت", "أفاد", "أفادت", "ذكر", "ذكرت", "كشف", "كشفت",
        "نقل", "نقلت", "أفصح", "أفصحت", "نفى", "نفت", "حذر", "حذرت", "أبلغ", "أبلغت",
        "يقول", "تقول", "يؤكد", "تؤكد", "أورد", "أوردت", "توقع", "توقعت", "يتوقع", "تتوقع",
        "أعرب", "أعربت", "لفت", "لفتت", "حذّر", "تحذر", "يحذر", "ينفي", "تنفي", "يرى", "ترى",
        "قدّر", "قدّرت",
    )
]  # fmt: skip
# قدّر / قدّرت lose their shadda in normalised text and then read as قُدِّرت ("was
# estimated"): the speaker must then open with an agent noun (وزارة، البنك، الأمم...).
_AR_WEAK_VERBS = {norm(w) for w in ("قدّر", "قدّرت", "يرى", "ترى")}
_AR_AGENTS = {
    norm(w)
    for w in (
        "وزارة", "الوزارة", "وزير", "الوزير", "هيئة", "الهيئة", "البنك", "بنك", "المصرف", "مصرف",
        "صندوق", "الصندوق", "الأمم", "منظمة", "المنظمة", "مصادر", "المصادر", "مصدر", "المصدر",
        "مسؤول", "مسؤولون", "المسؤول", "المسؤولون", "مسؤولين", "خبراء", "الخبراء", "خبير",
        "الخبير", "محللون", "المحللون", "محللين", "محلل", "المحلل", "شركة", "الشركة",
        "الحكومة", "حكومة", "الجهاز", "جهاز", "المعهد", "معهد", "مكتب", "المكتب", "وكالة",
        "الوكالة", "تقرير", "التقرير", "دراسة", "الدراسة", "مركز", "المركز", "الرئيس", "رئيس",
        "المتحدث", "متحدث", "الناطق", "ناطق", "الجيش", "الشرطة", "السلطات", "سلطات", "مجلس",
        "المجلس", "لجنة", "اللجنة", "اتحاد", "الاتحاد", "البيان", "بيان", "الرئاسة", "الديوان",
        "سفارة", "السفارة", "جمعية", "الجمعية", "نقابة", "النقابة", "مديرية", "المديرية",
        "دائرة", "الدائرة", "مسؤولة", "المسؤولة", "مندوب", "ممثل", "مراسل", "سلطة", "السلطة",
    )
}  # fmt: skip
# Agents that are places or bodies with a seat: "وزارة الصحة في غزة"، "مصادر في القطاع"،
# "مسؤول في الشركة" keep في and the place; "الوزير في غزة" is where he spoke.
_AR_SEATED = _AR_AGENTS - {
    norm(w) for w in ("وزير", "الوزير", "الرئيس", "رئيس", "المتحدث", "متحدث", "الناطق",
                      "ناطق", "البيان", "بيان", "التقرير", "تقرير", "الدراسة", "دراسة")
}  # fmt: skip
# Nouns after في that make it an adjunct of the saying: في بيان، في تصريح لـ، في حديث لـ.
_AR_ADJUNCT = {
    norm(w)
    for w in (
        "بيان", "بيانها", "بيانه", "بيانات", "تصريح", "تصريحات", "تصريحه", "تصريحها", "حديث",
        "حديثه", "حديثها", "مؤتمر", "المؤتمر", "كلمة", "كلمته", "كلمتها", "مقابلة", "المقابلة",
        "مقابلته", "لقاء", "اللقاء", "رسالة", "الرسالة", "تغريدة", "منشور", "ختام", "اجتماع",
        "الاجتماع", "جلسة", "الجلسة", "وقت", "الوقت", "خطاب", "خطابه", "تقرير", "تقريرها",
        "تقريره", "التقرير", "حين", "إطار", "سياق", "معرض", "ظل", "المقابل", "حوار", "مداخلة",
        "تدوينة", "افتتاح", "مستهل", "نهاية", "بداية", "مطلع", "منتصف", "أواخر", "أوائل",
        "الساعات", "الأيام", "الأسبوع", "الشهر", "العام", "السنة", "اليوم", "الليل", "الصباح",
        "المساء", "الفترة", "ضوء", "سبيل", "صفحته", "صفحتها", "حسابه", "حسابها", "موقعه",
        "موقعها", "وقت", "أعقاب", "إشارة", "رد", "ردها", "رده", "معرض", "تعليق", "تعليقه",
        "نشرة", "النشرة", "تقديرات", "توقعات", "دراسة",
    )
}  # fmt: skip
# Verbs that take an object noun (نفى الوزير وجود خلافات، قدّرت الأمم المتحدة عدد...).
_AR_OBJECT_VERBS = {norm(w) for w in ("نفى", "نفت", "ينفي", "تنفي", "قدّر", "قدّرت")}
_DEFINITE = ("ال", "لل", "وال", "بال", "فال", "كال")
_AR_ISSUED = {norm(w) for w in ("صادر", "صادرة", "الصادر", "الصادرة")}
_AR_VERB_RE = alternation(_AR_VERBS)
_AR_VERB_SET = set(_AR_VERBS) | {"و" + v for v in _AR_VERBS}
# وفقاً لـ / طبقاً لـ glue the preposition ل to the speaker (وفقا لوكالة، وفقا للبيان).
_AR_PREPS = ("وفقا", "طبقا", "وفق", "بحسب", "حسب", "نقلا")  # the first words in AR_ATTR
AR_ATTR = re.compile(
    first_chars(_AR_VERBS, "وفبحن") + rf"(?<!\w)(?:(?P<verb>[وف]?(?:{_AR_VERB_RE}))(?!\w)"
    rf"|(?P<prep>[وف]?(?:(?:وفقا|طبقا)\s*(?:ل(?!ل)|(?=لل))|(?:وفق|بحسب|حسب|نقلا\s+عن)(?!\w)))"
    rf"(?:\s+ما\s+(?P<verb2>(?:{_AR_VERB_RE})(?:ه|ها)?)(?:\s+(?:به|بها))?(?!\w))?)"
)
# Words that end the speaker: the reported content, time, place and manner adjuncts.
_AR_STOP = {
    norm(w)
    for w in (
        "أن", "إن", "أنه", "أنها", "إنه", "إنها", "بأن", "بان", "إلى", "الى", "في", "خلال",
        "على", "عن", "اليوم", "أمس", "الأمس", "مساء", "صباح", "يوم", "بعد", "قبل", "لدى",
        "عبر", "أثناء", "ما", "التي", "الذي", "الذين", "من", "مع", "أيضا", "كذلك", "لوكالة",
        "لصحيفة", "لقناة", "لموقع", "للصحفيين", "للصحافيين", "لرويترز", "للصحافة", "ان",
        "إنّ", "أنّ", "حيث", "لكن", "و", "ضمن", "أمام", "هذا", "هذه", "الثلاثاء", "الأربعاء",
        "الخميس", "الجمعة", "السبت", "الأحد", "الاثنين", "مؤكدا", "مضيفا", "مشيرا",
        "فإن", "فقد", "لأن", "كما", "إذ", "بينما", "ل", "قوله", "قولها", "نقلا", "وفقا",
        "بحسب", "حسب", "طبقا", "إزاء", "بشأن", "حول",
    )
}  # fmt: skip
_QUOTES = {'"', "«", "»", "“", "”"}
_TOKEN = re.compile(r"[^\s،,:؛;.!?؟\"«»“”()]+|[،,:؛;.!?؟\"«»“”()]")
_MAX_SPEAKER_TOKENS = 9


# Every match of AR_ATTR starts at its verb or preposition, or one و/ف before it
# (anchored.starting_at).
_AR_ATTR_WORD = re.compile(alternation([*_AR_VERBS, *(norm(w) for w in _AR_PREPS)]))


def scan_attributions(t: str) -> list[dict]:
    facts = [f for m in starting_at(AR_ATTR, _AR_ATTR_WORD, t, "وف") if (f := _ar_fact(t, m))]
    facts.extend(f for m in EN_ATTR.finditer(t) if (f := _en_fact(t, m)))
    return facts


class _Tokens:
    """The tokens after a reporting verb, read only as far as they are looked at."""

    __slots__ = ("_it", "_items")

    def __init__(self, t: str, pos: int) -> None:
        self._it = _TOKEN.finditer(t, pos, pos + 160)
        self._items: list[tuple[str, int, int]] = []

    def get(self, i: int) -> tuple[str, int, int] | None:
        items = self._items
        while len(items) <= i:
            x = next(self._it, None)
            if x is None:
                return None
            items.append((x.group(), x.start(), x.end()))
        return items[i]


# Before a verb without و/ف, a noun is its subject (SVO): "إيران تتوقع إبرام اتفاقيات",
# "الحكومة تتوقع عودة 20 ألف لاجئ". The words after such a verb are its object.
_WORD_ENDS = frozenset(" \n\t")
_PUNCT = frozenset('،,:؛;.!?؟"«»“”()')


def _word_before(t: str, pos: int) -> tuple[int, int] | None:
    """The word that ends before the spaces before `pos`, if it opens after a space."""
    e = pos
    while e > 0 and t[e - 1] == " ":
        e -= 1
    if e == pos or e == 0:
        return None
    s = e
    while s > 0 and t[s - 1] not in _WORD_ENDS and t[s - 1] not in _PUNCT:
        s -= 1
    if s == e or (s > 0 and t[s - 1] not in _WORD_ENDS):
        return None
    return s, e


_AR_SUBJECT_MAX = 4


def _ar_subject_before(t: str, m: re.Match) -> tuple[int, int] | None:
    if m.group("prep") or (t[m.start() : m.start() + 1] in "وف" and m.group("verb")[:1] in "وف"):
        return None
    nxt = _TOKEN.match(t, m.end() + 1) if m.end() < len(t) and t[m.end()] == " " else None
    if nxt is None or not nxt.group()[:1].isalpha():
        return None  # nothing reported after the verb
    if nxt.group().startswith(_DEFINITE) or nxt.group() in _AR_AGENTS:
        return None  # "قالت الشركة": the subject follows (VSO)
    end = None
    start = None
    pos = m.start()
    for _ in range(_AR_SUBJECT_MAX + 1):
        w = _word_before(t, pos)
        if w is None:
            break  # punctuation or the start of the text closes the subject
        ws, we = w
        word = t[ws:we]
        if word in _AR_STOP or _is_stop(word) or word in _AR_VERB_SET or not word[:1].isalpha():
            break
        if end is not None and end - ws > 60:
            return None
        start = ws
        end = end or we
        pos = ws
    else:
        return None  # ran into the words of a longer clause: no clean subject
    if start is None:
        return None
    return start, end


def _ar_fact(t: str, m: re.Match) -> dict | None:
    verb_group = "verb2" if m.group("verb2") else ("verb" if m.group("verb") else "prep")
    subject = _ar_subject_before(t, m) if m.group("verb") else None
    if subject is not None:
        return {
            "type": "attribution", "start": subject[0], "end": m.end(),
            "speaker_span": subject, "verb_span": m.span("verb"),
        }  # fmt: skip
    tokens = _Tokens(t, m.end())
    speaker_end = None
    speaker_start = None
    i = 0
    words: list[tuple[str, int]] = []
    clean_stop = False
    while len(words) < _MAX_SPEAKER_TOKENS:
        tok = tokens.get(i)
        if tok is None:
            break
        word, s, e = tok
        if word in ("،", ","):
            clean_stop = True
            if speaker_end is None or not _apposition_follows(tokens, i + 1):
                break
            i += 1
            continue
        if word in _AR_STOP or _is_stop(word):
            if (
                word == "في"
                and words
                and words[0][0] in _AR_SEATED
                and _seat_follows(tokens, i + 1)
            ):
                i += 1  # وزارة الصحة في غزة: the place belongs to the agent
                continue
            if word == "عن" and words and words[-1][0] in _AR_ISSUED:
                i += 1  # بيان صادر عن مطارات دبي
                continue
            clean_stop = True
            break
        if word in _QUOTES and speaker_end is not None:
            # A quoted name: وكالة "إرنا"، صحيفة «الأهرام».
            close = next(
                (k for k in range(i + 1, i + 6) if (x := tokens.get(k)) and x[0] in _QUOTES),
                None,
            )
            if close is not None and close > i + 1:
                speaker_end = tokens.get(close)[2]  # type: ignore[index]
                words.append((tokens.get(close - 1)[0], speaker_end))  # type: ignore[index]
                i = close + 1
                continue
        if not word[:1].isalpha():
            clean_stop = False
            break
        if speaker_start is None:
            speaker_start = s
        speaker_end = e
        words.append((word, e))
        clean_stop = False
        i += 1
    verb = (m.group("verb") or "").lstrip("وف")
    if speaker_end is not None and (not clean_stop or verb in _AR_OBJECT_VERBS):
        # No أن / comma closed the subject, so an object may follow it (نفى الوزير وجود
        # خلافات): keep the noun phrase, which ends where a bare noun follows a definite one.
        for k in range(1, len(words)):
            if words[k - 1][0].startswith("ال") and not words[k][0].startswith(_DEFINITE):
                speaker_end = words[k - 1][1]
                break
    if speaker_start is None or speaker_end is None:
        return None
    if verb in _AR_WEAK_VERBS and words[0][0] not in _AR_AGENTS:
        return None  # قدرت الخسائر بـ: "the losses were estimated at"
    return {
        "type": "attribution", "start": m.start(), "end": speaker_end,
        "speaker_span": (speaker_start, speaker_end), "verb_span": m.span(verb_group),
    }  # fmt: skip


def _seat_follows(tokens: _Tokens, i: int) -> bool:
    """في then a place of one or two words, then the reported content, a comma, or (after
    a definite place) the bare noun that opens the object: ونفى مصدر في الوزارة صحة..."""
    first = tokens.get(i)
    if first is None or not first[0][:1].isalpha() or first[0] in _AR_ADJUNCT:
        return False
    if first[0] in _AR_STOP or _is_stop(first[0]):
        return False
    last = first[0]
    k = i + 1
    nxt = tokens.get(k)
    if nxt and nxt[0].startswith("ال") and nxt[0] not in _AR_ADJUNCT and nxt[0] not in _AR_STOP:
        last = nxt[0]
        nxt = tokens.get(k + 1)
    if nxt is None:
        return False
    word = nxt[0]
    if word in ("،", ",", ".", "؟", "!") or word in _AR_THAT:
        return True
    if _seat_closes(tokens, k + 1 if last is first[0] else k + 2):
        return True  # a longer seat: "خبراء في بنك استثمار بالقاهرة أن"
    return (
        last.startswith("ال")
        and word[:1].isalpha()
        and not word.startswith("ال")
        and not (word in _AR_STOP or _is_stop(word))
    )


def _seat_closes(tokens: _Tokens, i: int) -> bool:
    """One or two more plain words, then أن or a comma: the seat ran on to there."""
    for k in range(i, i + 2):
        tok = tokens.get(k)
        if tok is None:
            return False
        word = tok[0]
        if word in ("،", ",") or word in _AR_THAT:
            return k > i - 1
        if not word[:1].isalpha() or word in _AR_STOP or _is_stop(word) or word in _AR_ADJUNCT:
            return False
    tok = tokens.get(i + 2)
    return tok is not None and (tok[0] in ("،", ",") or tok[0] in _AR_THAT)


_AR_THAT = {norm(w) for w in ("أن", "إن", "أنه", "أنها", "إنه", "إنها", "بأن", "بان", "أنّ", "إنّ")}


def _is_stop(word: str) -> bool:
    return word[:1] == "و" and word[1:] in _AR_STOP


def _apposition_follows(tokens: _Tokens, i: int) -> bool:
    # "نائب الوزير، أحمد أسد زاده، أن": a short name group followed by a comma and أن.
    n = 0
    while n <= 4:
        tok = tokens.get(i)
        if tok is None:
            return False
        word = tok[0]
        if word in ("،", ","):
            nxt = tokens.get(i + 1)
            nxt_word = nxt[0] if nxt else ""
            return n > 0 and (nxt_word in _AR_STOP or _is_stop(nxt_word))
        if not word[:1].isalpha() or word in _AR_STOP or _is_stop(word):
            return n > 0 and word in (norm("أن"), norm("إن"), norm("أنّ"), "ان", "بان")
        n += 1
        i += 1
    return False


def _en_fact(t: str, m: re.Match) -> dict | None:
    if m.group("prep"):
        s = m.end()
        while s < len(t) and t[s] == " ":
            s += 1
        stop = _EN_AFTER_END.search(t, s, s + 120)
        e = stop.start() if stop else min(len(t), s + 60)
        speaker = t[s:e].strip()
        if not speaker or len(speaker.split()) > 8:
            return None
        e = s + len(speaker)
        acronym = _EN_ACRONYM_AFTER.match(t, e)
        if acronym:
            e = acronym.end()  # the Office for National Statistics (ONS)
        return {"type": "attribution", "start": m.start(), "end": e,
                "speaker_span": (s, e), "verb_span": m.span("prep")}  # fmt: skip
    verb = m.group("verb")
    # Speaker before the verb: from the clause start up to the verb.
    # "lenders added €800 million" is not a report of speech; "said" takes any clause.
    in_context = _EN_AFTER_VERB.match(t, m.end()) is not None
    lo = max(0, m.start() - 100)
    before = t[lo : m.start()]
    # "the Office for National Statistics (ONS) said": the acronym ends the subject.
    acronyms = [(a.start(), a.end()) for a in _EN_ACRONYM_AFTER.finditer(before)
                if not before[a.end() :].strip()]  # fmt: skip
    cut = 0
    for c in _EN_CLAUSE_START.finditer(before):
        if c.group() == "." and _EN_ABBREV_DOT.search(before, 0, c.end()):
            continue
        if c.group() in "()" and any(a <= c.start() < b for a, b in acronyms):
            continue
        if (
            c.group() in ",."
            and before[c.start() - 1 : c.start()].isdigit()
            and (before[c.end() : c.end() + 1].isdigit())
        ):
            continue  # "a survey of 2,000 adults"
        cut = c.end()
    phrase = before[cut:]
    lead = _EN_LEAD.match(phrase.lstrip(" \t-–•*"))
    stripped = phrase.lstrip(" \t-–•*")
    if lead:
        stripped = stripped[lead.end() :]
    subject = stripped.strip()
    words = subject.split()
    # "Economists had forecast": the speaker ends before the auxiliaries and adverbs.
    n_aux = 0
    while n_aux < len(words) - 1 and words[-1 - n_aux].lower() in _EN_AUX:
        n_aux += 1
    speaker_words = words[: len(words) - n_aux] if words else []
    last = speaker_words[-1].lower() if speaker_words else ""
    plain = verb not in _EN_NEEDS_CONTEXT or in_context
    if not plain and verb in ("shows", "show", "showed", "found", "finds"):
        plain = any(_bare(w) in _EN_EVIDENCE for w in speaker_words)
    if not plain and verb in _EN_FORECAST and verb not in ("forecast", "estimate"):
        plain = True  # "analysts expect exports to stay", "Goldman Sachs expects Brent to..."
    if not plain and verb in ("forecast", "estimate") and n_aux:
        plain = True  # "Economists had forecast a gain"
    if (
        verb in ("showed", "shows", "show", "found", "finds")
        and not any(_bare(w) in _EN_EVIDENCE for w in speaker_words)
        and not _EN_THAT_AFTER.match(t, m.end())
    ):
        plain = False  # "Police found the car": finding is not reporting
    if (
        plain
        and speaker_words
        and 0 < len(words) <= 8
        and subject.lower() not in _EN_PRONOUNS
        and " ".join(speaker_words).lower() not in _EN_PRONOUNS
        and last not in _EN_NOT_SUBJECT_END
        and not speaker_words[0][:1].isdigit()
        and speaker_words[0].lower() not in _EN_PREPOSITIONS
        and not _EN_ACCORDING.search(subject)
    ):
        speaker = " ".join(speaker_words)
        s = (
            m.start()
            - len(phrase)
            + (len(phrase) - len(phrase.lstrip(" \t-–•*")))
            + (lead.end() if lead else 0)
        )
        # speaker_words are the leading words of the subject, so its span is a prefix.
        sp_end = s + _prefix_len(subject, len(speaker_words))
        return {"type": "attribution", "start": s, "end": m.end(),
                "speaker_span": (s, sp_end), "verb_span": m.span("verb")}  # fmt: skip
    if verb not in _EN_SAY_INVERTED or last in ("was", "were", "is", "are", "been", "be"):
        return None
    # Inverted after a quote: '..., said the Kremlin.'
    s = m.end()
    while s < len(t) and t[s] == " ":
        s += 1
    stop = _EN_AFTER_END.search(t, s, s + 120)
    e = stop.start() if stop else min(len(t), s + 60)
    speaker = t[s:e].strip()
    if (
        speaker
        and len(speaker.split()) <= 6
        and speaker.lower() not in _EN_PRONOUNS
        and (speaker[0].isupper() or _EN_DETERMINER_START.match(speaker))
        and before.rstrip()[-1:] in (",", '"', "”", "’")
    ):
        return {"type": "attribution", "start": m.start(), "end": s + len(speaker),
                "speaker_span": (s, s + len(speaker)), "verb_span": m.span("verb")}  # fmt: skip
    return None


# A subject never opens with a preposition: "below the 3.5 per cent expected".
_EN_PREPOSITIONS = {"below", "above", "than", "from", "at", "in", "on", "for", "with", "by",
                    "of", "to", "after", "before", "over", "under", "despite", "against"}  # fmt: skip
_EN_THAT_AFTER = re.compile(r"\s+that\b")
_EN_ACCORDING = re.compile(r"\baccording\s+to\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")


def _bare(word: str) -> str:
    """Lower case, without a possessive: "Department's" -> "department"."""
    return _POSSESSIVE.sub("", word.lower()).strip(".,")


def _prefix_len(subject: str, n_words: int) -> int:
    """Length of the first `n_words` whitespace-separated words of `subject`."""
    it = re.finditer(r"\S+", subject)
    end = 0
    for _ in range(n_words):
        end = next(it).end()
    return end
