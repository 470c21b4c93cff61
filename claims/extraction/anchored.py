"""Whole-text searches made cheap: find a literal word first, try the full pattern only there.

`re` skips ahead quickly only to a pattern's first literal characters; a pattern that opens
with a lookahead or a lookbehind is tried at every position of the text. Each helper returns
exactly what `pattern.finditer(t)` or `pattern.search(t, pos)` would, given the condition in
its docstring (the callers state why their pattern meets it).
"""

from __future__ import annotations

import re

_WORD_CHAR = re.compile(r"\w")
_LONG_SPACE = re.compile(r"\s{8,}")
_BACK = 80  # see near_word


def starting_at(pattern: re.Pattern, words: re.Pattern, t: str, lead: str = ""):
    """The matches of `pattern.finditer(t)`, when every match (never empty) starts where
    `words` matches or one character of `lead` before it."""
    last = 0
    cur = 0
    while True:
        c = words.search(t, cur)
        if c is None:
            return
        q = c.start()
        cur = q + 1  # every position where a word starts, overlapping ones included
        if lead and q > last and t[q - 1] in lead:
            m = pattern.match(t, q - 1)
            if m is not None:
                last = m.end()
                yield m
                continue
        if q >= last:
            m = pattern.match(t, q)
            if m is not None:
                last = m.end()
                yield m


def from_candidates(pattern: re.Pattern, candidates: re.Pattern, t: str):
    """The matches of `pattern.finditer(t)`, when every match starts where
    `candidates.finditer(t)` finds one, or inside one where `pattern` can never start."""
    end = 0
    for c in candidates.finditer(t):
        p = c.start()
        if p < end:
            continue
        m = pattern.match(t, p)
        if m is not None:
            end = m.end()
            yield m


def near_word(
    pattern: re.Pattern, words: re.Pattern, t: str, pos: int, conjunction: str = ""
) -> re.Match | None:
    """`pattern.search(t, pos)`, when every match holds a `words` match standing as a word
    (or after `conjunction` standing as a word) with at most 24 other letters and 6 runs of
    spaces before it. Without a run of 8 spaces in the _BACK characters before the first
    such word, no match can start earlier than them: the search starts there."""
    cur = pos
    while True:
        c = words.search(t, cur)
        if c is None:
            return None
        q = c.start()
        if q == 0 or not _WORD_CHAR.match(t, q - 1):
            break
        if conjunction and t[q - 1] == conjunction and (q == 1 or not _WORD_CHAR.match(t, q - 2)):
            break
        cur = q + 1  # inside a word: never the one a match holds
    r = max(pos, q - _BACK)
    if r > pos and _LONG_SPACE.search(t, r, q):
        return pattern.search(t, pos)
    return pattern.search(t, r)
