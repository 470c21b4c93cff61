"""Normalisation for matching that never loses the way back to the original text.

Every scanner runs on the normalised text; spans are mapped back with `Normalized.span`.
Only two kinds of edit are made: one-to-one character substitutions (digits, letter
variants, spaces) and deletions (diacritics, tatweel, invisible marks). That keeps the
offset map a short sorted list of deletion points instead of one integer per character.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

# Arabic harakat, Quranic marks and the superscript alef are written inconsistently
# (أكّد / أكد, اتصالٍ / اتصال); tatweel only stretches a word for layout; the invisible
# marks come from copy-paste out of right-to-left web pages.
_DELETED = (
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
    "\u0640"
    "\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
)
_DELETED_RE = re.compile(f"[{_DELETED}]+")
_MARKS_RE = re.compile(f"[{_DELETED}]+")
# Marks that belong to the preceding letter: a span that ends on a letter keeps them.
_TRAILING_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]*")

_MARK_CHARS = frozenset(
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
    + ["\u0670", "\u0640"]
)

_SUBSTITUTIONS = {
    # Eastern Arabic and Persian digits sit beside Western ones, even in one article.
    **{0x0660 + i: str(i) for i in range(10)},
    **{0x06F0 + i: str(i) for i in range(10)},
    0x066B: ".",  # ٫ Arabic decimal separator
    0x066C: ",",  # ٬ Arabic thousands separator
    0x066A: "%",  # ٪
    # Hamza seats and alef forms vary by outlet and by keyboard.
    ord("أ"): "ا",
    ord("إ"): "ا",
    ord("آ"): "ا",
    ord("ٱ"): "ا",
    ord("ى"): "ي",
    ord("ة"): "ه",
    ord("ؤ"): "و",
    ord("ئ"): "ي",
    # Persian keyboard letters used in Arabic text.
    ord("ک"): "ك",
    ord("ی"): "ي",
    ord("ە"): "ه",
    # Spaces that look like spaces.
    0x00A0: " ",
    0x2007: " ",
    0x202F: " ",
    0x2009: " ",
    0x200A: " ",
    0x3000: " ",
    0x2002: " ",
    0x2003: " ",
    0x2028: "\n",
    0x2029: "\n",
    0x0085: "\n",
    # Dashes.
    0x2010: "-",
    0x2011: "-",
    0x2012: "-",
    0x2013: "-",
    0x2014: "-",
    0x2212: "-",
}


# str.translate builds non-ASCII output one character at a time through a dict lookup;
# one str.replace per substitution that occurs is several times faster on Arabic text.
_PAIRS = tuple((chr(k), v) for k, v in _SUBSTITUTIONS.items())


def _substitute(s: str) -> str:
    for old, new in _PAIRS:
        if old in s:
            s = s.replace(old, new)
    return s


@dataclass(slots=True)
class Normalized:
    original: str
    text: str
    # keys[i] is the normalised position at which the (i+1)-th deleted character would sit;
    # a normalised index n maps to n + (number of keys <= n).
    _keys: list[int] = field(default_factory=list)
    _deleted: list[int] | None = None  # original positions of the deleted characters

    def to_normalized(self, o: int) -> int:
        """Normalised index of original index `o` (a deleted character maps to where it
        would sit): `text[to_normalized(a):to_normalized(b)] == norm(original[a:b])`."""
        if not self._keys:
            return o
        if self._deleted is None:
            self._deleted = [k + i for i, k in enumerate(self._keys)]
        return o - bisect_left(self._deleted, o)

    def to_original(self, n: int) -> int:
        if not self._keys:
            return n
        return n + bisect_right(self._keys, n)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalised slice [start, end)."""
        o_start = self.to_original(start)
        if end <= start:
            return o_start, o_start
        o_end = self.to_original(end - 1) + 1
        if self._keys and o_end < len(self.original) and self.original[o_end] in _MARK_CHARS:
            # A diacritic or tatweel after the last letter belongs to the word (اتصالٍ).
            o_end = _TRAILING_MARKS.match(self.original, o_end).end()  # type: ignore[union-attr]
        return o_start, o_end


def normalize(text: str) -> Normalized:
    keys: list[int] = []
    if _DELETED_RE.search(text):
        removed = 0
        parts: list[str] = []
        last = 0
        for m in _DELETED_RE.finditer(text):
            parts.append(text[last : m.start()])
            n_pos = m.start() - removed
            length = m.end() - m.start()
            keys.extend([n_pos] * length)
            removed += length
            last = m.end()
        parts.append(text[last:])
        stripped = "".join(parts)
    else:
        stripped = text
    return Normalized(text, _substitute(stripped), keys)


def norm(s: str) -> str:
    """Normalise a pattern or word list entry the same way as the text (no offsets kept)."""
    return _substitute(_MARKS_RE.sub("", s))
