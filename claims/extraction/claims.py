"""Claims: sentences or clauses that carry something checkable, with a checkworthiness score."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .normalize import Normalized, norm, normalize
from .numbers import alternation
from .segment import Segment

# money > percent > quantity > attribution > date > statement: the most specific checkable
# figure names the claim; who said it matters less than what was said.
KIND_PRIORITY = ["money", "percent", "quantity", "attribution", "date"]
_OPINION_AR = [
    norm(w)
    for w in (
        "أعتقد",
        "نعتقد",
        "أظن",
        "نظن",
        "أرى أن",
        "نرى أن",
        "في رأيي",
        "برأيي",
        "في اعتقادي",
        "يجب أن",
        "ينبغي",
        "من المفترض",
        "أتمنى",
        "نتمنى",
        "يبدو لي",
        "من وجهة نظري",
        "لا بد أن",
        "لابد أن",
    )
]
_OPINION = re.compile(
    alternation(_OPINION_AR).replace(r"\ ", r"\s+")
    + r"|\b(?:I|we)\s+(?:think|believe|feel|hope)\b|\bin\s+my\s+(?:opinion|view)\b|"
    r"\bshould\b|\bought\s+to\b|\bit\s+seems\b|\bI'm\s+sure\b",
    re.IGNORECASE,
)
# Every match of _OPINION contains one of these (lower case): a substring test per hint is
# much cheaper than running the pattern over each sentence. ظ: أظن، نظن، وجهة نظري.
_OPINION_HINTS = tuple(
    [
        norm(w)
        for w in ("ظ", "عتق", "أرى", "نرى", "رأيي", "يجب", "ينبغي", "مفترض", "تمنى", "يبدو", "بد")
    ]
    + ["think", "believe", "feel", "hope", "opinion", "view", "should", "ought", "seems", "sure"]
)
_QUESTION = re.compile(r"[?؟][\"'”’»)]*\s*$")
_WORD = re.compile(r"\w+")


# Routing queues a claim for a checker at or above QUEUE_THRESHOLD. Scores keep clear of it
# on both sides: a sentence with something checkable (a figure, a date, an attributed
# statement) scores 0.55 or more; one without, an opinion or a question, 0.35 or less.
QUEUE_THRESHOLD = 0.5
HIGH_THRESHOLD = 0.8
# Machine keys for why a claim scored as it did (the UI translates them).
REASONS = (
    "figure", "several_figures", "attributed", "date", "no_checkable_fact", "short",
    "headline", "question", "opinion",
)  # fmt: skip


def checkworthiness_level(score: float) -> str:
    """high / medium / low: low claims sit below the queue threshold."""
    if score >= HIGH_THRESHOLD:
        return "high"
    return "medium" if score >= QUEUE_THRESHOLD else "low"


@dataclass(slots=True)
class ExtractedClaim:
    text: str
    start: int
    end: int
    kind: str
    checkworthiness: float
    facts: list[dict] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def level(self) -> str:
        return checkworthiness_level(self.checkworthiness)

    def to_dict(self) -> dict:
        return {
            "text": self.text, "start": self.start, "end": self.end, "kind": self.kind,
            "checkworthiness": self.checkworthiness, "level": self.level,
            "reasons": list(self.reasons), "facts": [dict(f) for f in self.facts],
        }  # fmt: skip


def build_claims(
    text: str, segments: list[Segment], facts: list[dict], n: Normalized | None = None
) -> list[ExtractedClaim]:
    """`n` is `normalize(text)` when the caller has it already (the opinion test reads it)."""
    if n is None:
        n = normalize(text)
    nt = n.text
    to_n = n.to_normalized
    claims: list[ExtractedClaim] = []
    fi = 0
    for seg in segments:
        while fi < len(facts) and facts[fi]["start"] < seg.start:
            fi += 1
        inside = []
        j = fi
        while j < len(facts) and facts[j]["start"] < seg.end:
            if facts[j]["end"] <= seg.end:
                inside.append(facts[j])
            j += 1
        if seg.boilerplate:
            continue
        sentence = text[seg.start : seg.end]
        words = len(_WORD.findall(sentence))
        if words < 3 and not inside:
            continue
        kinds = {f["type"] for f in inside}
        kind = next((k for k in KIND_PRIORITY if k in kinds), "statement")
        score, reasons = score_claim(
            sentence, inside, normalized=nt[to_n(seg.start) : to_n(seg.end)],
            headline=seg.headline, words=words,
        )  # fmt: skip
        claims.append(ExtractedClaim(sentence, seg.start, seg.end, kind, score, inside, reasons))
    return claims


def score_claim(
    sentence: str,
    facts: list[dict],
    *,
    normalized: str | None = None,
    headline: bool = False,
    words: int | None = None,
) -> tuple[float, list[str]]:
    """Checkworthiness of a sentence with its facts, and the reasons (keys of REASONS).

    Works on a stored claim too (its text and facts), so the UI can explain a score."""
    if normalized is None:
        normalized = norm(sentence)
    if words is None:
        words = len(_WORD.findall(sentence))
    reasons: list[str] = []
    types = {f["type"] for f in facts}
    figures = sum(1 for f in facts if f["type"] in ("money", "percent", "quantity"))
    if figures:
        score = 0.85 + 0.03 * min(figures - 1, 3)
        reasons.append("figure" if figures == 1 else "several_figures")
        if "attribution" in types:
            score += 0.02
            reasons.append("attributed")
        if "date" in types:
            reasons.append("date")
    elif "attribution" in types:
        score = 0.6 + (0.05 if "date" in types else 0.0)
        reasons.append("attributed")
        if "date" in types:
            reasons.append("date")
    elif "date" in types:
        score = 0.55
        reasons.append("date")
    else:
        # Scene-setting and reaction ("Residents at the meeting were divided.") carry nothing
        # a checker can hold against a source.
        score = 0.35 if words >= 8 else 0.25
        reasons.append("no_checkable_fact")
        if words < 8:
            reasons.append("short")
        if headline:
            score -= 0.1
            reasons.append("headline")
    if _QUESTION.search(sentence):
        score = min(score, 0.15)
        reasons.append("question")
    elif _is_opinion(normalized):
        score = min(score, 0.25)
        reasons.append("opinion")
    return round(max(0.0, min(1.0, score)), 2), reasons


def _is_opinion(normalized: str) -> bool:
    low = normalized.lower()
    for hint in _OPINION_HINTS:
        if hint in low:
            return _OPINION.search(normalized) is not None
    return False
