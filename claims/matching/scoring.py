"""One score in [0, 1] for "is this the same claim?", with the reasons for it.

Facts decide first, text second:

1. a figure or date that disagrees (40 bn vs 4 bn, June vs July) makes it another claim,
   however alike the words: the score stays below the suggestion level;
2. an equal figure is strong evidence, weighed with how alike the topics are, because the
   same number turns up in unrelated claims;
3. without figures in common the words decide: stems and trigrams within one language,
   shared concepts across languages;
4. the same speaker and the same date add a little; a claim that swaps one name for another
   (Russia–Iran trade vs Russia–China trade) loses a lot.

Reasons are machine keys with parameters ({"key": "same_figure", "value": "40 bn USD"}) so the
UI words them in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from claims.checking import COMPARABLE_RATIO, values_equal
from claims.matching.concepts import ENTITIES
from claims.matching.signature import Signature, _family, _value
from claims.matching.text import dice, jaccard

Reason = dict

FIGURE_BASE = 0.45
FIGURE_WEIGHT = 0.25
TOPIC_WEIGHT = 0.30
CONFLICT_CAP = 0.45
SPEAKER_BONUS = 0.08
DATE_BONUS = 0.05
SWAP_FACTOR = 0.6
SUBJECT_FACTOR = 0.75
UNMATCHED_FIGURES_FACTOR = 0.8


@dataclass(slots=True)
class Match:
    score: float
    reasons: list[Reason] = field(default_factory=list)


_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"))


def _short_number(value: float) -> str:
    for size, word in _SCALES:
        if abs(value) >= size:
            return f"{value / size:g} {word}"
    return f"{value:g}"


def describe(fact: dict) -> str:
    """A figure in a few language-neutral characters: "40 bn USD", "7.5 %", "1200 km"."""
    value = _value(fact)
    if value is None:
        return fact.get("text", "")
    if fact["type"] == "money":
        return f"{_short_number(value)} {fact.get('currency', '')}".strip()
    if fact["type"] == "percent":
        return f"{value:g} %"
    return f"{_short_number(value)} {fact.get('unit', '')}".strip()


def describe_date(fact: dict) -> str:
    parts = [fact.get("year"), fact.get("month"), fact.get("day")]
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts) if p is not None)


def _as_point(fact: dict) -> dict:
    # "More than 6,000" is consistent with 60,000 for a source check, but a claim of 60,000
    # is another claim: matching compares the figures themselves, hedge tolerance kept.
    return {k: v for k, v in fact.items() if k != "approximation"}


def _equal(a: dict, b: dict) -> bool:
    a, b = _as_point(a), _as_point(b)
    return values_equal(a, b) or values_equal(b, a)


def _ratio(a: dict, b: dict) -> float:
    x, y = abs(_value(a) or 0.0), abs(_value(b) or 0.0)
    if x == 0 or y == 0:
        return 1.0 if x == y else float("inf")
    return max(x, y) / min(x, y)


def _compare_figures(
    query: tuple[dict, ...], other: tuple[dict, ...]
) -> tuple[list[dict], list[tuple[dict, dict]]]:
    equal: list[dict] = []
    different: list[tuple[dict, dict]] = []
    for mine in query:
        family = _family(mine)
        same_family = [theirs for theirs in other if _family(theirs) == family]
        if any(_equal(mine, theirs) for theirs in same_family):
            equal.append(mine)
            continue
        close = [t for t in same_family if _ratio(mine, t) <= COMPARABLE_RATIO]
        if close:
            different.append((mine, min(close, key=lambda t: _ratio(mine, t))))
    return equal, different


def _months(fact: dict) -> set[int]:
    if fact.get("month") is not None:
        return {fact["month"]}
    return set(fact.get("months") or [])


def _compare_dates(query: tuple[dict, ...], other: tuple[dict, ...]) -> tuple[list, list]:
    """Dates agree field by field where both give the field; they differ only on a month or a
    year both give (a bare "last year" compares with nothing)."""
    equal, different = [], []
    for mine in query:
        if mine.get("year") is None and not _months(mine):
            continue
        for theirs in other:
            if theirs.get("year") is None and not _months(theirs):
                continue
            years = (mine.get("year"), theirs.get("year"))
            months = (_months(mine), _months(theirs))
            year_clash = None not in years and years[0] != years[1]
            month_clash = all(months) and not (months[0] & months[1])
            if year_clash or month_clash:
                different.append((mine, theirs))
            elif (None not in years or all(months)) and (
                mine.get("day") is None
                or theirs.get("day") is None
                or mine.get("day") == theirs.get("day")
            ):
                equal.append(mine)
                break
    return equal, different


def _topic(query: Signature, other: Signature) -> tuple[float, list[Reason]]:
    concept_overlap = dice(query.concepts, other.concepts)
    reasons: list[Reason] = []
    if query.language == other.language:
        words = dice(query.stems, other.stems)
        grams = jaccard(query.grams, other.grams)
        topic = max(words, grams, 0.9 * concept_overlap)
        if words >= 0.2 or grams >= 0.2:
            reasons.append({"key": "word_overlap", "percent": round(100 * max(words, grams))})
    else:
        topic = concept_overlap
        reasons.append({"key": "other_language", "language": other.language})
    shared = sorted(query.concepts & other.concepts)
    if shared:
        reasons.append({"key": "same_topics", "value": ", ".join(shared)})
    return topic, reasons


def _swapped_names(query: Signature, other: Signature) -> list[str]:
    mine, theirs = query.concepts & ENTITIES, other.concepts & ENTITIES
    if mine - theirs and theirs - mine:
        return sorted(mine - theirs) + sorted(theirs - mine)
    return []


def _other_subject(query: Signature, other: Signature) -> list[str]:
    """Both name what the figure is about (unemployment, inflation) and share none of it."""
    mine, theirs = query.concepts - ENTITIES, other.concepts - ENTITIES
    if mine and theirs and not mine & theirs:
        return sorted(mine) + sorted(theirs)
    return []


def score_pair(query: Signature, other: Signature) -> Match:
    reasons: list[Reason] = []
    equal, different = _compare_figures(query.figures, other.figures)
    dates_equal, dates_different = _compare_dates(query.dates, other.dates)
    topic, topic_reasons = _topic(query, other)
    for fact in equal:
        reasons.append({"key": "same_figure", "value": describe(fact)})
    for mine, theirs in different:
        reasons.append(
            {"key": "different_figure", "value": describe(mine), "other": describe(theirs)}
        )
    if dates_different and not dates_equal:
        mine, theirs = dates_different[0]
        reasons.append(
            {"key": "different_date", "value": describe_date(mine), "other": describe_date(theirs)}
        )
    reasons.extend(topic_reasons)

    conflict = bool(different) or bool(dates_different and not dates_equal)
    if conflict:
        score = min(CONFLICT_CAP, 0.5 * topic)
    elif equal:
        share = len(equal) / max(len(query.figures), len(other.figures))
        score = FIGURE_BASE + FIGURE_WEIGHT * share + TOPIC_WEIGHT * topic
    else:
        score = topic
        if query.figures and other.figures:
            score *= UNMATCHED_FIGURES_FACTOR
    if score > 0.3 and not conflict:
        shared_speakers = query.speakers & other.speakers
        if shared_speakers:
            score += SPEAKER_BONUS
            reasons.append({"key": "same_speaker"})
        if dates_equal and not dates_different:
            score += DATE_BONUS
            reasons.append({"key": "same_date", "value": describe_date(dates_equal[0])})
    swapped = _swapped_names(query, other)
    if swapped:
        score *= SWAP_FACTOR
        reasons.append({"key": "different_names", "value": ", ".join(swapped)})
    subjects = _other_subject(query, other)
    if subjects:
        score *= SUBJECT_FACTOR
        reasons.append({"key": "different_subjects", "value": ", ".join(subjects)})
    return Match(score=round(max(0.0, min(1.0, score)), 3), reasons=reasons)
