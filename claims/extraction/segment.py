"""Sentences and clauses with their offsets, and which lines are boilerplate."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .boilerplate import bullet_key, is_boilerplate_line, text_hints
from .normalize import Normalized, normalize

_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
_BULLET = re.compile(r"^[\s]*(?:[•·▪►*]|-(?=\s)|\d{1,2}[.)](?=\s))\s*")
# Sentence end: terminal mark, optional closing quotes/brackets, then space or line end.
_END = re.compile(r"[.!?؟…]+[\"'”’»)\]]*(?=\s|$)")
_CLAUSE = re.compile(r"[؛;]\s+")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gen", "col", "lt", "sgt", "capt", "gov",
    "st", "jr", "sr", "inc", "ltd", "co", "corp", "no", "vs", "etc", "e.g", "i.e", "u.s",
    "u.k", "u.n", "a.m", "p.m", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "approx", "est", "fig", "vol", "pp", "mt", "ft", "rev",
}  # fmt: skip
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_LONG_SENTENCE = 320


@dataclass(slots=True)
class Segment:
    start: int
    end: int
    boilerplate: bool = False
    headline: bool = False
    bullet: bool = False


def segment(text: str, n: Normalized | None = None) -> list[Segment]:
    """`n` is `normalize(text)` when the caller has it already (lines are read from it)."""
    if n is None:
        n = normalize(text)
    lines = [(m.start(), m.end(), m.group()) for m in _LINE.finditer(text) if m.group().strip()]
    # A line repeated verbatim (a caption under a picture, a pull quote) is page furniture.
    nt = n.text
    to_n = n.to_normalized
    normalized = [nt[to_n(s) : to_n(e)] for s, e, _line in lines]
    keys = [bullet_key(n) for n in normalized]
    counts = Counter(keys)
    hints = text_hints(nt)
    out: list[Segment] = []
    first = True
    for (s, _e, line), n, key in zip(lines, normalized, keys, strict=True):
        lead = _BULLET.match(line)
        is_bullet = bool(lead and lead.group().strip())
        boiler = is_boilerplate_line(line, n, hints) or (counts[key] > 1 and len(key) < 300)
        body_start = s + (lead.end() if lead else len(line) - len(line.lstrip()))
        body_end = s + len(line.rstrip())
        if boiler:
            out.append(Segment(body_start, body_end, boilerplate=True, bullet=is_bullet))
            first = False
            continue
        headline = first and not _END.search(line.rstrip()[-3:] + " ")
        first = False
        for a, b in _sentences(text, body_start, body_end):
            out.append(Segment(a, b, headline=headline, bullet=is_bullet))
    return out


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cur = start
    for m in _END.finditer(text, start, end):
        if m.group()[0] == "." and len(m.group()) == 1 and _is_abbreviation(text, cur, m.start()):
            continue
        spans.append((cur, m.end()))
        cur = m.end()
    spans.append((cur, end))
    out: list[tuple[int, int]] = []
    for a, b in spans:
        a, b = _trim(text, a, b)
        if b <= a:
            continue
        if b - a > _LONG_SENTENCE:
            out.extend(_clauses(text, a, b))
        else:
            out.append((a, b))
    return out


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    # Long sentences joined by ؛ or ; carry independent claims.
    out = []
    cur = start
    for m in _CLAUSE.finditer(text, start, end):
        out.append(_trim(text, cur, m.start() + 1))
        cur = m.end()
    out.append(_trim(text, cur, end))
    return [(a, b) for a, b in out if b > a]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _is_abbreviation(text: str, start: int, dot: int) -> bool:
    m = _WORD_BEFORE.search(text, max(start, dot - 12), dot)
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial: "J. Smith"
    return word.lower().rstrip(".") in _ABBREVIATIONS or "." in word.strip(".")
