"""Check a claim's facts against a source's text, by value and across languages.

Both sides go through the same extraction engine (`claims.extraction.extract_facts`), so the
comparison is between normalised values, never between strings: an Arabic claim
"بنحو 40 مليار دولار" meets an English source's "$40bn" as 40_000_000_000 USD on both sides.

Stance, from the per-fact results. "Values" are money, percent and quantity facts: the figures
that make a claim worth checking. A date places a claim in time but cannot prove it (pages are
full of dates), and an attribution corroborates without deciding anything on its own.

1. some value is `different`: `contradicts` when no value is `equal`, else `mixed` (the
   source agrees on one figure and disagrees on another: a person must weigh it; never shown
   as a mere mention);
2. otherwise a date is `different`: the same, `mixed` when some value is `equal`, else
   `contradicts` (a date that agrees never softens a disagreement, one that disagrees can
   sharpen an agreement);
3. every value is `equal`: `supports` (the dates, if any, agree or are absent);
4. anything else `equal` (some values only, a date alone, an attribution), or the source
   shares the claim's topic (an attribution's speaker, or enough of the claim's words):
   `mentions` — a date alone never makes `supports`;
5. otherwise `not_found`.

A weekday is part of a date: "Monday, 14 March 2025" against "Friday, 14 March 2025" is
`different`, and so against a plain "14 March 2025" (a Friday by the calendar).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

from claims.extraction import extract_facts
from claims.fact_text import (  # noqa: F401 (the stance vocabulary, re-exported)
    _AR_MARKS,
    _AR_VARIANTS,
    _SENTENCE_END,
    _STOPWORDS,
    _WORD,
    ABSENT,
    APPROXIMATE_TOLERANCE,
    COMPARABLE_RATIO,
    CONTRADICTS,
    DIFFERENT,
    DISAGREEING_TYPES,
    EQUAL,
    EXACT_TOLERANCE,
    JUST_BELOW,
    LOWER_BOUNDS,
    MENTIONS,
    MIN_SHARED_WORDS,
    MIXED,
    NOT_FOUND,
    PASSAGE_MAX,
    SPEAKER_WINDOW,
    SUPPORTS,
    UPPER_BOUNDS,
    VALUE_TYPES,
    content_words,
    normalize_arabic,
    sentence_bounds,
    speaker_key,
)


@dataclass
class SourceText:
    """A snapshot's text with its facts extracted once, shared by every claim that cites it."""

    text: str
    facts: list[dict] = field(default_factory=list)
    _words: set[str] | None = None

    @classmethod
    def of(cls, text: str, language: str | None = None) -> SourceText:
        from claims.passages import source_text_for  # a long page is read passage by passage

        long = source_text_for(text, language)
        if long is not None:
            return long  # type: ignore[return-value]
        return cls(text=text, facts=extract_facts(text, language) if text.strip() else [])

    def for_claim(self, *, claim_text: str, claim_facts: list[dict]) -> SourceText:
        return self

    def for_fact(self, fact: dict) -> SourceText:
        return self

    @property
    def words(self) -> set[str]:
        if self._words is None:
            self._words = content_words(self.text)
        return self._words


@dataclass
class CheckResult:
    stance: str
    facts: list[dict]
    passages: list[dict]


def _bounds(fact: dict) -> tuple[float, float] | None:
    if fact.get("value") is not None:
        return float(fact["value"]), float(fact["value"])
    if fact.get("value_min") is not None and fact.get("value_max") is not None:
        return float(fact["value_min"]), float(fact["value_max"])
    return None


def tolerance_for(claim: dict, seen: dict) -> float:
    hedged = claim.get("approximate") or seen.get("approximate")
    return APPROXIMATE_TOLERANCE if hedged else EXACT_TOLERANCE


def values_equal(claim: dict, seen: dict) -> bool:
    """Does the source's figure agree with the claim's, within the stated tolerance?"""
    claim_range, seen_range = _bounds(claim), _bounds(seen)
    if claim_range is None or seen_range is None:
        return False
    tolerance = tolerance_for(claim, seen)
    low, high = claim_range[0] * (1 - tolerance), claim_range[1] * (1 + tolerance)
    approximation = claim.get("approximation")
    if approximation in LOWER_BOUNDS:
        high = math.inf
        low = claim_range[0] * (1 - EXACT_TOLERANCE)
    elif approximation in UPPER_BOUNDS:
        low = -math.inf
        high = claim_range[1] * (1 + EXACT_TOLERANCE)
    elif approximation in JUST_BELOW:
        high = claim_range[1] * (1 + EXACT_TOLERANCE)
    # Ranges agree when they overlap.
    return seen_range[0] <= high and seen_range[1] >= low


def _ratio(claim: dict, seen: dict) -> float:
    a, b = _bounds(claim), _bounds(seen)
    if a is None or b is None:
        return math.inf
    x, y = abs(sum(a) / 2), abs(sum(b) / 2)
    if x == 0 or y == 0:
        return math.inf if x != y else 1.0
    return max(x, y) / min(x, y)


def _currency_matches(claim: dict, seen: dict) -> dict | None:
    """The source fact expressed in the claim's currency, or None when not comparable."""
    mine, theirs = claim.get("currency"), seen.get("currency")
    if mine == theirs and mine not in (None, "XXX"):
        return seen
    if claim.get("value_irr") is not None and theirs == "IRR":
        return {**seen, "value": seen.get("value")} if seen.get("value") is not None else None
    if mine == "XXX" or mine is None:
        return seen if theirs not in (None, "XXX") or mine == theirs else None
    return None


def _comparable(claim: dict, seen: dict) -> bool:
    if claim["type"] != seen["type"]:
        return False
    if claim["type"] == "money":
        return _currency_matches(claim, seen) is not None
    if claim["type"] == "quantity":
        return claim.get("unit") == seen.get("unit")
    return True


def _claim_for_compare(claim: dict, seen: dict) -> dict:
    if (
        claim["type"] == "money"
        and claim.get("value_irr") is not None
        and seen.get("currency") == "IRR"
    ):
        return {**claim, "value": claim["value_irr"]}
    return claim


def _subject_key(fact: dict) -> str | None:
    subject = fact.get("subject")
    return normalize_arabic(subject) if subject else None


def match_value(claim: dict, source_facts: list[dict]) -> tuple[str, dict | None]:
    """(result, the source fact that decided it)."""
    candidates = []
    for seen in source_facts:
        if not _comparable(claim, seen):
            continue
        compared = _claim_for_compare(claim, seen)
        if values_equal(compared, seen):
            return EQUAL, seen
        ratio = _ratio(compared, seen)
        if ratio <= COMPARABLE_RATIO:
            same_subject = _subject_key(claim) is not None and _subject_key(claim) == _subject_key(
                seen
            )
            candidates.append((not same_subject, ratio, seen["start"], seen))
    if not candidates:
        return ABSENT, None
    candidates.sort(key=lambda item: item[:3])
    return DIFFERENT, candidates[0][3]


def _weekday(fact: dict) -> int | None:
    """The fact's weekday (Monday 0): as written, else from its full date by the calendar."""
    if fact.get("weekday") is not None:
        return fact["weekday"]
    try:
        return dt.date(fact["year"], fact["month"], fact["day"]).weekday()
    except (KeyError, TypeError, ValueError):
        return None


def _date_fields_agree(claim: dict, seen: dict) -> bool:
    for name in ("year", "day"):
        if claim.get(name) is not None and seen.get(name) != claim[name]:
            return False
    if claim.get("weekday") is not None:
        seen_weekday = _weekday(seen)
        if seen_weekday is not None and seen_weekday != claim["weekday"]:
            return False
    if claim.get("month") is not None:
        return seen.get("month") == claim["month"]
    if claim.get("months"):
        return seen.get("month") in claim["months"]
    return True


def match_date(claim: dict, source_facts: list[dict]) -> tuple[str, dict | None]:
    """A date agrees when every field the claim gives is the source's; for a dual month that
    disagrees (حزيران/يوليو), the source's month says which of the two it supports.

    A source date differs only when it shares the claim's year (or the claim has none) and
    is precise enough to compare; pages are full of unrelated dates.
    """
    if all(claim.get(name) is None for name in ("year", "month", "months", "day")):
        # "last year", "on Monday": relative to a day the source does not share.
        return ABSENT, None
    differing = []
    for seen in source_facts:
        if seen["type"] != "date":
            continue
        if seen.get("month") is None and (claim.get("month") or claim.get("months")):
            continue
        if _date_fields_agree(claim, seen):
            return EQUAL, seen
        same_year = claim.get("year") is None or seen.get("year") in (None, claim["year"])
        if same_year and (claim.get("year") is not None or seen.get("year") is not None):
            differing.append(seen)
    if differing:
        return DIFFERENT, differing[0]
    return ABSENT, None


def match_attribution(
    claim: dict, source: SourceText, near: list[tuple[int, int]]
) -> tuple[str, dict | None]:
    """Found when the speaker is credited in the source near the quoted words (the figures that
    matched); with nothing matched, anywhere in the source."""
    key = speaker_key(claim.get("speaker") or "")
    if not key:
        return ABSENT, None

    def close(position: int) -> bool:
        return not near or any(
            s - SPEAKER_WINDOW <= position <= e + SPEAKER_WINDOW for s, e in near
        )

    for seen in source.facts:
        if seen["type"] == "attribution" and speaker_key(seen.get("speaker") or "") == key:
            if close(seen["start"]):
                return EQUAL, seen
    # The speaker may be named without a reporting verb ("the Kremlin's statement").
    normalized = normalize_arabic(source.text)
    if len(normalized) == len(source.text):  # offsets still line up
        for match in re.finditer(re.escape(key), normalized):
            if close(match.start()):
                s, e = match.start(), match.end()
                return EQUAL, {
                    "type": "attribution",
                    "start": s,
                    "end": e,
                    "text": source.text[s:e],
                }
    return ABSENT, None


# --- the claim as a whole ---------------------------------------------------------------------


def _describe(seen: dict) -> str:
    return seen.get("text") or ""


def _result(claim_fact: dict, result: str, seen: dict | None, text: str) -> dict:
    row: dict = {
        "type": claim_fact["type"],
        "claim_text": claim_fact.get("text", ""),
        "result": result,
        "seen": _describe(seen) if seen and result != ABSENT else None,
        "passage": None,
    }
    if seen is not None and result != ABSENT:
        start, end = sentence_bounds(text, seen["start"], seen["end"])
        row["passage"] = {"start": start, "end": end}
        row["seen_span"] = {"start": seen["start"], "end": seen["end"]}
        for name in ("value", "value_min", "value_max", "currency", "unit"):
            if seen.get(name) is not None:
                row[f"seen_{name}"] = seen[name]
        if claim_fact["type"] == "date":
            row["seen_date"] = {k: seen.get(k) for k in ("year", "month", "day")}
            if claim_fact.get("months") and result == EQUAL:
                # Which month of the claim's contradictory pair the source backs.
                row["resolved_month"] = seen.get("month")
    return row


def stance_for(results: list[dict], topical: bool) -> str:
    """The claim's stance from its per-fact results; the rule is in the module docstring."""
    values = [r for r in results if r["type"] in VALUE_TYPES]
    some_value_equal = any(r["result"] == EQUAL for r in values)
    if any(r["result"] == DIFFERENT for r in results if r["type"] in DISAGREEING_TYPES):
        return MIXED if some_value_equal else CONTRADICTS
    if values and all(r["result"] == EQUAL for r in values):
        return SUPPORTS
    if topical or any(r["result"] == EQUAL for r in results):
        return MENTIONS
    return NOT_FOUND


def is_topical(claim_text: str, source: SourceText) -> bool:
    words = content_words(claim_text)
    if not words:
        return False
    shared = words & source.words
    return len(shared) >= min(MIN_SHARED_WORDS, len(words)) or len(shared) >= len(words) / 2


def check_claim(*, claim_text: str, claim_facts: list[dict], source: SourceText) -> CheckResult:
    """Compare one claim with one source; offsets in the result are into `source.text`."""
    source = source.for_claim(claim_text=claim_text, claim_facts=claim_facts)
    results: list[dict] = []
    near: list[tuple[int, int]] = []
    attributions = []
    for fact in claim_facts:
        kind = fact.get("type")
        if kind in VALUE_TYPES:
            result, seen = match_value(fact, source.for_fact(fact).facts)
        elif kind == "date":
            result, seen = match_date(fact, source.for_fact(fact).facts)
        elif kind == "attribution":
            attributions.append((len(results), fact))
            results.append({})
            continue
        else:
            continue
        if result == EQUAL and seen is not None:
            near.append((seen["start"], seen["end"]))
        results.append(_result(fact, result, seen, source.text))
    for index, fact in attributions:
        result, seen = match_attribution(fact, source.for_fact(fact), near)
        results[index] = _result(fact, result, seen, source.text)
    topical = is_topical(claim_text, source) if claim_text else False
    passages: list[dict] = []
    for row in results:
        if row["passage"] and row["passage"] not in passages:
            passages.append(row["passage"])
    passages.sort(key=lambda p: (p["start"], p["end"]))
    return CheckResult(stance=stance_for(results, topical), facts=results, passages=passages)
