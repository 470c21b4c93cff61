"""Matching in proportion: on a long page, the fact engine reads only the passages that can
bear on the claim.

A 2 MB page holds thousands of figures; extracting all of them to compare three costs seconds.
Instead the page's vocabulary is read once (its distinct whitespace-separated tokens, a C-speed
split), and for each claim the finder picks, cheaply, the lines that carry:

1. one of the claim's figures, in any script and spelling: digits (Western, Arabic-Indic,
   Persian; with any multiplier after them), or number words (forty, أربعين), within the
   tolerance a reporter may round by;
2. the date's year or month name (July, تموز, يوليو, جويلية);
3. the speaker, or the claim's rare words (a word the page uses a handful of times).

Only those lines go through the fact engine, each once per page (shared by every claim citing
it), and lazily in page order, so a figure that agrees on the first line it appears on stops
the reading there. The full text stays as it is: offsets are into it, and it is archived whole.
A page no longer than a long article (WHOLE_TEXT_CHARS) is read whole, as before.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator

from claims.extraction import extract_facts
from claims.extraction.dates import AR_MONTH, MONTH_NAMES_EN
from claims.extraction.normalize import norm
from claims.extraction.numbers import WORD_VALUES, parse_digits
from claims.fact_text import (
    APPROXIMATE_TOLERANCE,
    EXACT_TOLERANCE,
    JUST_BELOW,
    LOWER_BOUNDS,
    UPPER_BOUNDS,
    VALUE_TYPES,
    content_words,
    sentence_bounds,
    speaker_key,
)

WHOLE_TEXT_CHARS = 20_000
# A line longer than this is cut, around each hit, to its sentence (checking.PASSAGE_MAX).
LINE_MAX = 800
# A claim word the page uses more often than this says nothing about where the claim is.
RARE_HITS = 25
TOPIC_UNITS_MAX = 40
SCALES = (1.0, 1e3, 1e6, 1e9, 1e12)  # 40 with billion, bn or مليار after it is 40e9
# An open-ended claim ("more than 100") is looked for up to this factor past its bound.
OPEN_BOUND_FACTOR = 10.0
# Enumerating candidates for number words stops here (words spell small counts).
WORD_CANDIDATES_MAX = 60

_WORD = re.compile(r"\w+")
_DIGIT_RUN = re.compile(r"\d+(?:[.,،]\d+)*")
# Characters that are neither word characters (\w) nor digits, often at a token's edges.
_EDGE_PUNCTUATION = ".,:;!?()[]{}\"'«»“”‘’…%٪،؛؟-–—/*"
_ARTICLES = {"a", "an"}  # "a million" is a count of one, but "a" is no figure to look for
_PREFIXES = ("وال", "بال", "لل", "ال", "و", "ب")
_MONTH_WORDS: dict[str, set[int]] = {}
for _number, _name in enumerate(MONTH_NAMES_EN):
    if _name:
        for _form in {_name.lower(), _name[:3].lower(), "sept" if _number == 9 else ""} - {""}:
            _MONTH_WORDS.setdefault(_form, set()).add(_number)
for _name, (_number, _family) in AR_MONTH.items():
    _MONTH_WORDS.setdefault(_name.split()[0], set()).add(_number)


def _forms(word: str) -> Iterator[str]:
    """The word, then without each Arabic prefix it may carry (وأربعين، بتموز، والكرملين)."""
    yield word
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            yield word[len(prefix) :]


def _number_word(forms: Iterable[str]) -> tuple[str, float] | None:
    for form in forms:
        found = WORD_VALUES.get(form)
        if found is not None and isinstance(found[1], int | float):
            return found[0], float(found[1])
    return None


class Vocabulary:
    """The page's distinct tokens, each read once: which words, numbers and months it holds."""

    def __init__(self, text: str):
        self.words: dict[str, set[str]] = {}  # normalised lower-case word → raw tokens
        by_value: dict[float, set[str]] = {}  # a number written in digits → raw tokens
        words = self.words
        for raw in set(text.split()):
            low = raw.lower() if raw.isascii() else norm(raw).lower()
            # Most tokens are one word or one plain number, perhaps with punctuation at its
            # edges ("said,", "(12)", "2022:"): what the expressions below would find, without them.
            core = low.strip(_EDGE_PUNCTUATION)
            if core.isalpha():
                if core in words:
                    words[core].add(raw)
                else:
                    words[core] = {raw}
                continue
            if core.isdecimal():
                by_value.setdefault(float(core), set()).add(raw)
                continue
            runs = _DIGIT_RUN.findall(low)
            if runs:
                for run in runs:
                    value = float(run) if run.isdigit() else parse_digits(run)
                    if value is not None:
                        by_value.setdefault(value, set()).add(raw)
                if run == low:
                    continue
            for word in _WORD.findall(low):
                if not word.isdigit():
                    words.setdefault(word, set()).add(raw)
        self.by_value = by_value
        self.values = sorted(by_value)
        self.number_words: list[tuple[str, str, float]] = []  # word, kind, value
        self.months: dict[int, set[str]] = {}  # month number → raw tokens naming it
        for word, raws in self.words.items():
            forms = (word,) if word.isascii() else tuple(_forms(word))
            found = None if word in _ARTICLES else _number_word(forms)
            if found is not None:
                self.number_words.append((word, *found))
            for form in forms:
                for month in _MONTH_WORDS.get(form, ()):
                    self.months.setdefault(month, set()).update(raws)

    def numbers_between(self, low: float, high: float) -> set[str]:
        """Raw tokens holding a number in [low, high]."""
        first = bisect_left(self.values, low)
        last = bisect_right(self.values, high)
        return set().union(*(self.by_value[v] for v in self.values[first:last]))

    def content_words(self) -> set[str]:
        return content_words(" ".join(self.words))

    def tokens_of(self, word: str) -> set[str]:
        """Raw tokens holding `word` as a content word (with the article ال, as content_words
        strips it)."""
        tokens = set(self.words.get(word, ()))
        if len(word) + 2 > 5:
            tokens |= self.words.get("ال" + word, set())
        return tokens


def locate(text: str, tokens: set[str]) -> dict[str, list[int]]:
    """Where each whitespace-separated token stands in `text`: one regex pass for them all
    (the longest first, so a token is never hidden by its own prefix)."""
    if not tokens:
        return {}
    pattern = re.compile("|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True)))
    size = len(text)
    found: dict[str, list[int]] = {}
    for match in pattern.finditer(text):
        at, end = match.span()
        if (at == 0 or text[at - 1].isspace()) and (end == size or text[end].isspace()):
            found.setdefault(match.group(), []).append(at)
    return found


def value_windows(fact: dict) -> list[tuple[float, float]]:
    """The ranges a source figure must fall in (at some scale) to be worth reading: the claim's
    tolerance, never narrower than a reporter's rounding."""
    windows = []
    for key in ("value", "value_irr"):
        if fact.get(key) is not None:
            windows.append((float(fact[key]), float(fact[key])))
    if not windows and fact.get("value_min") is not None and fact.get("value_max") is not None:
        windows.append((float(fact["value_min"]), float(fact["value_max"])))
    slack = max(APPROXIMATE_TOLERANCE, EXACT_TOLERANCE)
    approximation = fact.get("approximation")
    out = []
    for low, high in windows:
        low, high = sorted((abs(low), abs(high)))
        if approximation in LOWER_BOUNDS:
            low, high = low * (1 - slack), high * OPEN_BOUND_FACTOR
        elif approximation in UPPER_BOUNDS:
            low, high = low / OPEN_BOUND_FACTOR, high * (1 + slack)
        elif approximation in JUST_BELOW:
            low, high = low * (1 - slack), high * (1 + EXACT_TOLERANCE)
        else:
            low, high = low * (1 - slack), high * (1 + slack)
        out.append((low, high))
    return out


def _within(value: float, windows: list[tuple[float, float]], scales: Iterable[float]) -> bool:
    return any(low <= value * scale <= high for low, high in windows for scale in scales)


def _word_values(windows: list[tuple[float, float]], scales: Iterable[float]) -> set[float]:
    """The values of the number words that begin a count in the windows: forty for 40 to 49,
    أربعين also after its unit (واحد وأربعين), three for three hundred."""
    wanted: set[float] = set()
    for low, high in windows:
        for scale in scales:
            first, last = math.ceil(low / scale), math.floor(high / scale)
            if last < 1 or first > 999 or last - first > WORD_CANDIDATES_MAX:
                continue
            for count in range(max(first, 1), min(last, 999) + 1):
                if count < 20:
                    wanted.add(float(count))
                elif count < 100:  # forty-one and واحد وأربعين both hold a token with forty
                    wanted.add(float(count - count % 10))
                else:
                    wanted.update({float(count // 100), float(count - count % 100)})
    return wanted


class LongSourceText:
    """A long page's text, matched claim by claim through its candidate passages."""

    def __init__(self, text: str, language: str | None = None):
        self.text = text
        self.language = language
        self._vocabulary: Vocabulary | None = None
        self._line_starts: list[int] | None = None
        self._unit_facts: dict[tuple[int, int], list[dict]] = {}
        self._words: set[str] | None = None

    @property
    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            self._vocabulary = Vocabulary(self.text)
        return self._vocabulary

    @property
    def facts(self) -> list[dict]:
        """Every fact of the page: what the passage finder exists to avoid; kept for callers
        that really want them all."""
        return extract_facts(self.text, self.language)

    @property
    def words(self) -> set[str]:
        if self._words is None:
            self._words = self.vocabulary.content_words()
        return self._words

    def for_claim(self, *, claim_text: str, claim_facts: list[dict]) -> ClaimPassages:
        return ClaimPassages(self, claim_text=claim_text, claim_facts=claim_facts)

    def for_fact(self, fact: dict) -> LongSourceText:
        return self

    # --- units: lines, or the sentence around a hit in a very long line ---------------------

    def unit_at(self, position: int) -> tuple[int, int]:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        index = bisect_right(self._line_starts, position) - 1
        start = self._line_starts[index]
        end = (
            self._line_starts[index + 1] - 1
            if index + 1 < len(self._line_starts)
            else len(self.text)
        )
        if end - start > LINE_MAX:
            start, end = sentence_bounds(self.text, position, position + 1)
        return start, end

    def unit_facts(self, unit: tuple[int, int]) -> list[dict]:
        facts = self._unit_facts.get(unit)
        if facts is None:
            start, end = unit
            facts = extract_facts(self.text[start:end], self.language)
            for fact in facts:
                fact["start"] += start
                fact["end"] += start
            self._unit_facts[unit] = facts
        return facts

    def units_of(
        self, positions: dict[str, list[int]], tokens: Iterable[str]
    ) -> set[tuple[int, int]]:
        return {self.unit_at(at) for token in tokens for at in positions.get(token, ())}


class FactPassages:
    """What `checking` needs of a source for one claim fact: the text, the page's words and
    the facts of the passages that can bear on it, extracted lazily in page order."""

    def __init__(self, source: LongSourceText, units: set[tuple[int, int]]):
        self.text = source.text
        self._source = source
        self._units = sorted(units)

    @property
    def words(self) -> set[str]:
        return self._source.words

    @property
    def facts(self) -> Iterator[dict]:
        for unit in self._units:
            yield from self._source.unit_facts(unit)


class ClaimPassages(FactPassages):
    """1. the tokens that anchor each fact of the claim, its speaker and its words, 2. one pass
    over the page to find them all, 3. the lines they stand on."""

    def __init__(self, source: LongSourceText, *, claim_text: str, claim_facts: list[dict]):
        vocabulary = source.vocabulary
        self._claim_facts = claim_facts
        anchors = [_fact_tokens(vocabulary, fact) for fact in claim_facts]
        speakers = set().union(
            *(
                _speaker_tokens(vocabulary, fact.get("speaker") or "")
                for fact in claim_facts
                if fact.get("type") == "attribution"
            )
        )
        words = {word: vocabulary.tokens_of(word) for word in content_words(claim_text or "")}
        positions = locate(source.text, set().union(*anchors, speakers, *words.values()))
        self._anchors = [source.units_of(positions, tokens) for tokens in anchors]
        self._topic = _topic_units(source, positions, words, speakers)
        super().__init__(source, self._topic.union(*self._anchors))

    def for_fact(self, fact: dict) -> FactPassages:
        for known, units in zip(self._claim_facts, self._anchors, strict=True):
            if known is fact:
                return FactPassages(self._source, units | self._topic)
        return self


def _fact_tokens(vocabulary: Vocabulary, fact: dict) -> set[str]:
    kind = fact.get("type")
    tokens: set[str] = set()
    if kind in VALUE_TYPES:
        windows = value_windows(fact)
        scales = (1.0,) if kind == "percent" else SCALES
        for low, high in windows:
            for scale in scales:
                tokens |= vocabulary.numbers_between(low / scale, high / scale)
        wanted = _word_values(windows, scales)
        for word, word_kind, value in vocabulary.number_words:
            if (word_kind in ("unit", "hundred_abs") and value in wanted) or (
                word_kind == "dual" and _within(value, windows, scales)
            ):
                tokens |= vocabulary.words[word]
    elif kind == "date":
        months = (set(fact.get("months") or ()) | {fact.get("month")}) - {None}
        exact = [fact["year"]] if fact.get("year") else []
        if not exact and not months and fact.get("day"):
            exact = [fact["day"]]
        for value in exact:
            tokens |= vocabulary.by_value.get(float(value), set())
        for month in months:
            tokens |= vocabulary.months.get(month, set())
    elif kind == "attribution":
        tokens |= _speaker_tokens(vocabulary, fact.get("speaker") or "")
    return tokens


def _topic_units(
    source: LongSourceText,
    positions: dict[str, list[int]],
    words: dict[str, set[str]],
    speakers: set[str],
) -> set[tuple[int, int]]:
    """Lines naming the speaker or at least two of the claim's rare words: where a page tells
    the same story with a different figure."""
    scores: dict[tuple[int, int], int] = {}
    rare = 0
    for tokens in words.values():
        if not tokens or sum(len(positions.get(t, ())) for t in tokens) > RARE_HITS:
            continue
        rare += 1
        for unit in source.units_of(positions, tokens):
            scores[unit] = scores.get(unit, 0) + 1
    for unit in source.units_of(positions, speakers):
        scores[unit] = scores.get(unit, 0) + 2
    needed = min(2, max(rare, 1))
    best = sorted((unit for unit, score in scores.items() if score >= needed), key=scores.get)
    return set(best[-TOPIC_UNITS_MAX:])


def _speaker_tokens(vocabulary: Vocabulary, speaker: str) -> set[str]:
    words = speaker_key(speaker).split()
    if not words:
        return set()
    longest = max(words, key=len)
    tokens = set(vocabulary.words.get(longest, ()))
    for prefix in _PREFIXES:
        tokens |= vocabulary.words.get(prefix + longest, set())
    return tokens


def source_text_for(text: str, language: str | None = None) -> LongSourceText | None:
    """The passage-finding reader for a page too long to read whole, else None."""
    if len(text) <= WHOLE_TEXT_CHARS:
        return None
    return LongSourceText(text, language)
