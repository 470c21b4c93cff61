"""Claim extraction for Claimdesk: pure Python, no Django, no network.

from claims.extraction import extract
result = extract(text, language=None, published=None)
result.to_dict()  # the JSON object of CONTRACTS.md §2
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field

from .amounts import scan_amounts
from .attribution import scan_attributions
from .claims import (
    QUEUE_THRESHOLD,
    REASONS,
    ExtractedClaim,
    build_claims,
    checkworthiness_level,
    score_claim,
)
from .consistency import (
    figure_conflicts,
    figure_conflicts_other,
    month_mismatches,
    weekday_mismatches,
)
from .dates import scan_dates
from .language import detect_language
from .measures import scan_measures
from .normalize import Normalized, normalize
from .periods import add_periods
from .rates import scan_rates
from .referents import resolve_referents
from .restated import restated_figures
from .segment import segment
from .shares import scan_shares
from .subjects import money_subject

__all__ = [
    "QUEUE_THRESHOLD",
    "REASONS",
    "ExtractedClaim",
    "Extraction",
    "ExtractionError",
    "checkworthiness_level",
    "extract",
    "extract_facts",
    "score_claim",
]


class ExtractionError(ValueError):
    """The input cannot be extracted from (empty or not text)."""


@dataclass(slots=True)
class Extraction:
    language: str
    claims: list[ExtractedClaim] = field(default_factory=list)
    inconsistencies: list[dict] = field(default_factory=list)
    facts: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "language": self.language,
            "claims": [c.to_dict() for c in self.claims],
            "inconsistencies": [dict(i) for i in self.inconsistencies],
        }


def extract(text: str, language: str | None = None, published: dt.date | None = None) -> Extraction:
    n, lang = _prepare(text, language)
    facts, pairs = _facts(n)
    segments = segment(text, n)
    claims = build_claims(text, segments, facts, n)
    if isinstance(published, dt.datetime):
        published = published.date()
    in_boilerplate = _boilerplate_test(segments)
    inconsistencies = month_mismatches(text, pairs)
    inconsistencies += weekday_mismatches(
        text, [f for f in facts if f["type"] == "date"], published
    )
    body = [f for f in facts if not in_boilerplate(f["start"])]
    inconsistencies += figure_conflicts(text, [f for f in body if f["type"] == "money"])
    inconsistencies += figure_conflicts_other(text, body)
    known = {i["start"] for i in inconsistencies if i["type"] == "figure_conflict"}
    inconsistencies += [
        i
        for i in restated_figures(text, body, _opening_end(segments), _sentence_finder(segments))
        if i["start"] not in known
    ]
    inconsistencies.sort(key=lambda i: (i["start"], i["type"]))
    return Extraction(lang, claims, inconsistencies, facts)


def extract_facts(text: str, language: str | None = None) -> list[dict]:
    """Every fact in the text, without segmentation or scoring (for long source pages)."""
    if not isinstance(text, str) or not text.strip():
        return []
    return _facts(normalize(text))[0]


def _prepare(text: str, language: str | None) -> tuple[Normalized, str]:
    if not isinstance(text, str):
        raise ExtractionError(f"expected text (str), got {type(text).__name__}")
    if not text.strip():
        raise ExtractionError("the text is empty: there is nothing to extract claims from")
    if language not in (None, "ar", "en"):
        raise ExtractionError(f"unsupported language {language!r}: use 'ar' or 'en'")
    return normalize(text), language or detect_language(text)


def _facts(n: Normalized) -> tuple[list[dict], list[dict]]:
    """1. dates (their numbers are not amounts), 2. amounts, 3. fractions used as shares
    (percent facts), 4. attributions; then map every normalised span back to the original
    text."""
    t = n.text
    dates, pairs = scan_dates(t)
    dates = add_periods(t, dates)
    skip = sorted((f["start"], f["end"]) for f in dates if _has_digits(t, f))
    amounts = scan_amounts(t, skip)
    shares, ratios, point_word = scan_shares(
        t, [(f["start"], f["end"]) for f in amounts] + [(f["start"], f["end"]) for f in dates]
    )
    if ratios:  # "one in five adults" is a share, not a count of five adults
        ratios.sort()
        amounts = [f for f in amounts if not _inside_ratio(f, ratios)]
    if shares:
        amounts = sorted(amounts + shares, key=lambda f: f["start"])
    measures, replaced = scan_measures(t, amounts, dates, point_word)
    if replaced:
        amounts = [f for f in amounts if (f["start"], f["end"]) not in replaced]
    if measures:
        amounts = sorted(amounts + measures, key=lambda f: f["start"])
    rates = scan_rates(t, amounts)
    if rates:
        amounts = sorted(amounts + rates, key=lambda f: f["start"])
    for f in amounts:
        if f["type"] == "money":
            subject = money_subject(t, f["start"], f["end"])
            if subject:
                f["subject"] = subject
    attributions = scan_attributions(t)
    resolve_referents(t, attributions)
    original = n.original
    out: list[dict] = []
    for f in dates + amounts:
        f["start"], f["end"] = n.span(f["start"], f["end"])
        f["text"] = original[f["start"] : f["end"]]
        out.append(_ordered(f))
    for f in attributions:
        s, e = n.span(f["start"], f["end"])
        ss, se = n.span(*f.pop("speaker_span"))
        vs, ve = n.span(*f.pop("verb_span"))
        fact = {"type": "attribution", "start": s, "end": e, "text": original[s:e],
                "speaker": original[ss:se], "verb": original[vs:ve]}  # fmt: skip
        if "refers_span" in f:
            rs, re_ = n.span(*f.pop("refers_span"))
            fact["refers_to"] = original[rs:re_]
        out.append(fact)
    mapped_pairs = []
    for p in pairs:
        s, e = n.span(p["start"], p["end"])
        mapped_pairs.append(
            {"start": s, "end": e, "m1": n.span(*p["m1"]), "m2": n.span(*p["m2"]),
             "months": p["months"]}
        )  # fmt: skip
    out.sort(key=lambda f: (f["start"], f["end"]))
    return out, mapped_pairs


def _inside_ratio(f: dict, ratios: list[tuple[int, int]]) -> bool:
    """`ratios` sorted and disjoint."""
    if f["type"] != "quantity":
        return False
    i = bisect_right(ratios, (f["start"], -1)) - 1
    return i >= 0 and ratios[i][0] < f["start"] < ratios[i][1]


def _has_digits(t: str, f: dict) -> bool:
    return any(map(str.isdigit, t[f["start"] : f["end"]]))


def _ordered(f: dict) -> dict:
    # update() keeps the position of the four keys already in `head` and appends the rest.
    head = {"type": f["type"], "start": f["start"], "end": f["end"], "text": f["text"]}
    head.update(f)
    return head


def _boilerplate_test(segments):
    spans = [(s.start, s.end) for s in segments if s.boilerplate]
    starts = [a for a, _b in spans]

    def inside(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and spans[i][0] <= pos < spans[i][1]

    return inside


_OPENING_SEGMENTS = 2  # the headline and the first sentences: where a story states its total


def _opening_end(segments) -> int:
    body = [s for s in segments if not s.boilerplate][:_OPENING_SEGMENTS]
    return body[-1].end if body else 0


def _sentence_finder(segments):
    spans = [(s.start, s.end) for s in segments]
    starts = [a for a, _b in spans]

    def sentence_of(pos: int) -> tuple[int, int]:
        i = bisect_right(starts, pos) - 1
        return spans[i] if i >= 0 else (0, pos)

    return sentence_of
