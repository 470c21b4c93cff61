"""What one claim or review is compared by, and the keys an index finds it under.

Fact keys bucket a figure by its currency or unit and its value to two significant digits
(`money:USD:4.0e10`). A lookup asks for every bucket inside the widest tolerance the source
checker allows (claims.checking.APPROXIMATE_TOLERANCE) so an index scan never misses a figure
that `values_equal` would accept; the scorer then applies the exact tolerance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from claims.checking import APPROXIMATE_TOLERANCE, speaker_key
from claims.matching.concepts import PHRASES, concepts_in
from claims.matching.text import content_stems, is_arabic, trigrams

VALUE_TYPES = ("money", "percent", "quantity")
# A lookup band wider than this many buckets is a vague figure: it would find everything.
MAX_BUCKETS = 40


@dataclass(frozen=True, slots=True)
class Signature:
    language: str
    text: str
    stems: frozenset[str]
    concepts: frozenset[str]
    figures: tuple[dict, ...] = ()
    dates: tuple[dict, ...] = ()
    speakers: frozenset[str] = frozenset()
    keys: tuple[str, ...] = field(default=())

    @property
    def grams(self) -> frozenset[str]:
        """Character trigrams of the stems (only same-language comparisons need them)."""
        return stem_trigrams(self.stems)


@lru_cache(maxsize=1024)  # the query's own, reused against every candidate; small: see bench
def stem_trigrams(stems: frozenset[str]) -> frozenset[str]:
    return trigrams(sorted(stems))


@lru_cache(maxsize=4096)
def _speaker_keys(speaker: str) -> frozenset[str]:
    # "The Kremlin" and "الكرملين" are one speaker through their concept.
    keys = {speaker_key(speaker), *(f"c_{c}" for c in concepts_in(content_stems(speaker)))}
    keys.discard("")
    return frozenset(keys)


def _family(fact: dict) -> str | None:
    kind = fact.get("type")
    if kind == "money":
        currency = fact.get("currency")
        return f"money:{currency}" if currency and currency != "XXX" else None
    if kind == "percent":
        return "percent"
    if kind == "quantity":
        return f"qty:{fact['unit']}" if fact.get("unit") else None
    return None


def _value(fact: dict) -> float | None:
    if fact.get("value") is not None:
        return float(fact["value"])
    if fact.get("value_min") is not None and fact.get("value_max") is not None:
        return (float(fact["value_min"]) + float(fact["value_max"])) / 2
    return None


def bucket(value: float) -> str:
    """Two significant digits in scientific notation: 40_000_000_000 → "4.0e10"."""
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    exponent = math.floor(math.log10(abs(value)))
    mantissa = round(abs(value) / 10**exponent, 1)
    if mantissa >= 10:
        mantissa, exponent = 1.0, exponent + 1
    return f"{sign}{mantissa:.1f}e{exponent}"


def _buckets_between(low: float, high: float) -> list[str]:
    """Every bucket a value in [low, high] (both > 0) can fall in."""
    found: list[str] = []
    exponent = math.floor(math.log10(low))
    mantissa = round(low / 10**exponent, 1)
    while len(found) <= MAX_BUCKETS:
        if mantissa >= 10:
            mantissa, exponent = 1.0, exponent + 1
        value = mantissa * 10**exponent
        found.append(f"{mantissa:.1f}e{exponent}")
        if value >= high * (1 - 1e-9) or round(value, 12) >= round(high, 12):
            break
        mantissa = round(mantissa + 0.1, 1)
    return found


def fact_keys(facts: list[dict]) -> list[str]:
    """The keys one claim is indexed under."""
    keys = []
    for fact in facts:
        family, value = _family(fact), _value(fact)
        if family and value is not None:
            keys.append(f"{family}:{bucket(value)}")
    return sorted(set(keys))


def lookup_keys(signature: Signature) -> list[str]:
    """The keys to look up for candidates whose figures may equal this one's."""
    keys: set[str] = set()
    for fact in signature.figures:
        family, value = _family(fact), _value(fact)
        if not family or value is None:
            continue
        if value <= 0:
            keys.add(f"{family}:{bucket(value)}")
            continue
        low = (float(fact.get("value_min") or value)) * (1 - APPROXIMATE_TOLERANCE)
        high = (float(fact.get("value_max") or value)) * (1 + APPROXIMATE_TOLERANCE)
        buckets = _buckets_between(low, high)
        if len(buckets) <= MAX_BUCKETS:
            keys.update(f"{family}:{b}" for b in buckets)
    return sorted(keys)


def _speakers(facts: list[dict]) -> frozenset[str]:
    speakers: frozenset[str] = frozenset()
    for fact in facts:
        if fact.get("type") == "attribution" and fact.get("speaker"):
            speakers |= _speaker_keys(fact["speaker"])
    return speakers


def signature_of(text: str, facts: list[dict], language: str | None = None) -> Signature:
    stems = content_stems(text)
    return _signature(text, facts, language, frozenset(stems), concepts_in(stems))


def _signature(
    text: str, facts: list[dict], language: str | None, stems: frozenset[str], concepts
) -> Signature:
    return Signature(
        language=language or ("ar" if is_arabic(text) else "en"),
        text=text,
        stems=stems,
        concepts=frozenset(concepts),
        figures=tuple(f for f in facts if f.get("type") in VALUE_TYPES and _family(f)),
        dates=tuple(f for f in facts if f.get("type") == "date"),
        speakers=_speakers(facts),
        keys=(),
    )


# --- the index's text form: stems and concept tokens, and back ----------------------------------


def concept_token(concept: str) -> str:
    # Letters only, so PostgreSQL's text parser keeps it one token.
    return "cx" + concept.replace("_", "")


_CONCEPT_OF_TOKEN = {concept_token(c): c for c in set(PHRASES.values())}


def index_text(signature: Signature) -> str:
    """What an index row's text holds: stems, then concept tokens, between spaces."""
    terms = sorted(signature.stems) + sorted(concept_token(c) for c in signature.concepts)
    return f" {' '.join(terms)} " if terms else ""


def signature_from_index(
    text: str, facts: list[dict], language: str | None, indexed: str
) -> Signature:
    """The signature of an indexed row from its stored text form: no re-normalising, no
    re-stemming (what makes scoring a few hundred candidates cheap)."""
    stems, concepts = set(), set()
    for term in indexed.split():
        concept = _CONCEPT_OF_TOKEN.get(term) if term.startswith("cx") else None
        if concept:
            concepts.add(concept)
        else:
            stems.add(term)
    return _signature(text, facts, language, frozenset(stems), concepts)
