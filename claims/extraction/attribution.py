"""Who said it: reporting verbs and the named speaker that follows (Arabic) or precedes (English).

Arabic news puts the verb first (أعلن الكرملين، قال نائب الوزير، فلان، إن...), so the speaker
runs from the verb to the first word that opens the reported content or a time/place
adjunct. An apposition set off by commas (نائب وزير النفط، أحمد أسد زاده،) stays in it.
"""

from __future__ import annotations

import re

from .normalize import norm
from .numbers import alternation, first_chars

_AR_VERBS = [
    norm(w)
    for w in (
        "قال", "قالت", "أعلن", "أعلنت", "أكد", "أكدت", "أشار", "أشارت", "أضاف", "أضافت",
        "صرح", "صرحت", "أوضح", "أوضحت", "أفاد", "أفادت", "ذكر", "ذكرت", "كشف", "كشفت",
        "نقل", "نقلت", "أفصح", "أفصحت", "نفى", "نفت", "حذر", "حذرت", "أبلغ", "أبلغت",
        "يقول", "تقول", "يؤكد", "تؤكد", "أورد", "أوردت",
    )
]  # fmt: skip
_AR_VERB_RE = alternation(_AR_VERBS)
# وفقاً لـ / طبقاً لـ glue the preposition ل to the speaker (وفقا لوكالة، وفقا للبيان).
AR_ATTR = re.compile(
    first_chars(_AR_VERBS, "وفبحن") + rf"(?<!\w)(?:(?P<verb>[وف]?(?:{_AR_VERB_RE}))(?!\w)"
    rf"|(?P<prep>[وف]?(?:(?:وفقا|طبقا)\s*(?:ل(?!ل)|(?=لل))|(?:وفق|بحسب|حسب|نقلا\s+عن)(?!\w)))"
    rf"(?:\s+ما\s+(?P<verb2>(?:{_AR_VERB_RE})(?:ه|ها)?)(?!\w))?)"
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
        "فإن", "فقد", "لأن", "كما", "إذ", "بينما", "ل", "قوله", "قولها",
    )
}  # fmt: skip
_QUOTES = {'"', "«", "»", "“", "”"}
_TOKEN = re.compile(r"[^\s،,:؛;.!?؟\"«»“”()]+|[،,:؛;.!?؟\"«»“”()]")
_MAX_SPEAKER_TOKENS = 9

_EN_VERBS = (
    "said|says|told|announced|stated|added|noted|explained|reported|confirmed|warned|"
    "declared|claimed|insisted|argued|wrote|tweeted"
)
EN_ATTR = re.compile(
    first_chars(_EN_VERBS.split("|"), "aA")
    + rf"(?<![\w])(?:(?P<verb>{_EN_VERBS})|(?P<prep>[Aa]ccording\s+to))(?![\w])"
)
_EN_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"}
_EN_LEAD = re.compile(r"^(?:and|but|so|meanwhile|also|however)\s+", re.IGNORECASE)
_EN_AFTER_END = re.compile(
    r"[,.;:!?\"“”()]|\s(?:that|on|in|at|during|after|before|as|when|while|to|who|which|"
    r"last|this|yesterday|today|on)\s",
)
_EN_NEEDS_CONTEXT = {"added", "noted", "claimed", "declared", "argued", "explained"}
_EN_AFTER_VERB = re.compile(
    r"\s*(?:$|[.,;:!?\"“”]|(?:that|on|in|at|during|after|before|earlier|late|yesterday|today|"
    r"last|this|on|when|while|as|adding|without)\b)"
)
_EN_ABBREV_DOT = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Col|Lt|St|Jr|Sr)|\b[A-Z])\.$"
)
_EN_CLAUSE_START = re.compile(r"[,;:\"“”«»()\n.!?]|\bthat\b")


def scan_attributions(t: str) -> list[dict]:
    facts = [f for m in AR_ATTR.finditer(t) if (f := _ar_fact(t, m))]
    facts.extend(f for m in EN_ATTR.finditer(t) if (f := _en_fact(t, m)))
    return facts


def _ar_fact(t: str, m: re.Match) -> dict | None:
    verb_group = "verb2" if m.group("verb2") else ("verb" if m.group("verb") else "prep")
    pos = m.end()
    window = t[pos : pos + 160]
    tokens = [(x.group(), x.start() + pos, x.end() + pos) for x in _TOKEN.finditer(window)]
    speaker_end = None
    speaker_start = None
    i = 0
    words: list[tuple[str, int]] = []
    clean_stop = False
    while i < len(tokens) and len(words) < _MAX_SPEAKER_TOKENS:
        word, s, e = tokens[i]
        if word in ("،", ","):
            clean_stop = True
            if speaker_end is None or not _apposition_follows(tokens, i + 1):
                break
            i += 1
            continue
        if word in _AR_STOP or _is_stop(word):
            clean_stop = True
            break
        if word in _QUOTES and speaker_end is not None:
            # A quoted name: وكالة "إرنا"، صحيفة «الأهرام».
            close = next(
                (k for k in range(i + 1, min(i + 6, len(tokens))) if tokens[k][0] in _QUOTES),
                None,
            )
            if close is not None and close > i + 1:
                speaker_end = tokens[close][2]
                words.append((tokens[close - 1][0], speaker_end))
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
    if speaker_end is not None and not clean_stop:
        # No أن / comma closed the subject, so an object may follow it (نفى الوزير وجود
        # خلافات): keep the noun phrase, which ends where a bare noun follows a definite one.
        for k in range(1, len(words)):
            if words[k - 1][0].startswith("ال") and not words[k][0].startswith("ال"):
                speaker_end = words[k - 1][1]
                break
    if speaker_start is None or speaker_end is None:
        return None
    return {
        "type": "attribution", "start": m.start(), "end": speaker_end,
        "speaker_span": (speaker_start, speaker_end), "verb_span": m.span(verb_group),
    }  # fmt: skip


def _is_stop(word: str) -> bool:
    return word[:1] == "و" and word[1:] in _AR_STOP


def _apposition_follows(tokens: list[tuple[str, int, int]], i: int) -> bool:
    # "نائب الوزير، أحمد أسد زاده، أن": a short name group followed by a comma and أن.
    n = 0
    while i < len(tokens) and n <= 4:
        word = tokens[i][0]
        if word in ("،", ","):
            nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
            return n > 0 and (nxt in _AR_STOP or _is_stop(nxt))
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
        return {"type": "attribution", "start": m.start(), "end": s + len(speaker),
                "speaker_span": (s, s + len(speaker)), "verb_span": m.span("prep")}  # fmt: skip
    # Speaker before the verb: from the clause start up to the verb.
    # "lenders added €800 million" is not a report of speech; "said" takes any clause.
    plain = m.group("verb") not in _EN_NEEDS_CONTEXT or _EN_AFTER_VERB.match(t, m.end())
    lo = max(0, m.start() - 100)
    before = t[lo : m.start()]
    cut = 0
    for c in _EN_CLAUSE_START.finditer(before):
        if c.group() == "." and _EN_ABBREV_DOT.search(before, 0, c.end()):
            continue
        cut = c.end()
    phrase = before[cut:]
    lead = _EN_LEAD.match(phrase.lstrip(" \t-–•*"))
    stripped = phrase.lstrip(" \t-–•*")
    if lead:
        stripped = stripped[lead.end() :]
    speaker = stripped.strip()
    words = speaker.split()
    if plain and speaker and 0 < len(words) <= 8 and speaker.lower() not in _EN_PRONOUNS:
        s = (
            m.start()
            - len(phrase)
            + (len(phrase) - len(phrase.lstrip(" \t-–•*")))
            + (lead.end() if lead else 0)
        )
        return {"type": "attribution", "start": s, "end": m.end(),
                "speaker_span": (s, s + len(speaker)), "verb_span": m.span("verb")}  # fmt: skip
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
        and (speaker[0].isupper() or speaker.lower().startswith("the "))
        and before.rstrip()[-1:] in (",", '"', "”", "’")
    ):
        return {"type": "attribution", "start": m.start(), "end": s + len(speaker),
                "speaker_span": (s, s + len(speaker)), "verb_span": m.span("verb")}  # fmt: skip
    return None
