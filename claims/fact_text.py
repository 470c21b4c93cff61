"""What checking claims against sources and finding the passages that carry them share:
the tolerances and value kinds, the stance words, and how text is cut into words and sentences.

A module of its own so that `claims.checking` and `claims.passages` both build on it without
importing each other.
"""

from __future__ import annotations

import re

# Tolerances, as a fraction of the claim's value. A figure written without a hedge is taken at
# its word, allowing only for rounding in the last printed digit; a hedged one ("about",
# "بنحو", "nearly") is allowed the slack that reporters actually use.
EXACT_TOLERANCE = 0.005
APPROXIMATE_TOLERANCE = 0.10
# A same-currency figure further than this factor from the claim's is about something else,
# not a contradiction of it (a $40bn deal page also quotes a $300m first instalment).
COMPARABLE_RATIO = 100.0
LOWER_BOUNDS = {"more_than", "over", "at_least"}
UPPER_BOUNDS = {"less_than", "under", "up_to"}
JUST_BELOW = {"nearly", "almost"}
VALUE_TYPES = {"money", "percent", "quantity"}
# A disagreement on any of these is a disagreement with the claim (rules 1 and 2 below).
DISAGREEING_TYPES = VALUE_TYPES | {"date"}
# How far (characters) from a matched figure a speaker still counts as "near the quoted words".
SPEAKER_WINDOW = 400
PASSAGE_MAX = 600
MIN_SHARED_WORDS = 3

EQUAL, DIFFERENT, ABSENT = "equal", "different", "absent"
SUPPORTS, CONTRADICTS, MIXED = "supports", "contradicts", "mixed"
MENTIONS, NOT_FOUND = "mentions", "not_found"

_SENTENCE_END = re.compile(r"[.!?؟۔\n]")
_WORD = re.compile(r"\w+", re.UNICODE)
_AR_VARIANTS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ـ": None}
)
_AR_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670]")
_STOPWORDS = {
    "the", "and", "that", "this", "with", "from", "have", "were", "said", "will", "been",
    "their", "they", "which", "about", "would", "there", "also", "after", "into", "more",
    "than", "over", "some", "when", "what", "year", "years",
    "في", "من", "على", "الى", "عن", "ان", "التي", "الذي", "هذا", "هذه", "مع", "كان", "قال",
    "وقال", "بعد", "قبل", "حيث", "لكن", "كما", "الي", "ذلك", "تلك", "بين", "خلال",
}  # fmt: skip


def normalize_arabic(text: str) -> str:
    text = _AR_MARKS.sub("", text).translate(_AR_VARIANTS)
    return re.sub(r"\s+", " ", text).strip().lower()


def speaker_key(speaker: str) -> str:
    """ "الكرملين" / "الكرملينُ" / "The Kremlin" → a comparable key (article and marks dropped)."""
    words = normalize_arabic(speaker).split()
    if words and words[0] in {"the", "al"}:
        words = words[1:]
    key = " ".join(words)
    for prefix in ("وال", "بال", "لل", "ال"):
        if key.startswith(prefix) and len(key) > len(prefix) + 2:
            return key[len(prefix) :]
    return key


def content_words(text: str) -> set[str]:
    words = set()
    for word in _WORD.findall(normalize_arabic(text)):
        if len(word) >= 4 and not word.isdigit() and word not in _STOPWORDS:
            words.add(word[2:] if word.startswith("ال") and len(word) > 5 else word)
    return words


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end), clipped to PASSAGE_MAX characters."""
    left = max(0, start - PASSAGE_MAX // 2)
    before = text[left:start]
    stops = [m.end() for m in _SENTENCE_END.finditer(before)]
    s = left + stops[-1] if stops else left
    match = _SENTENCE_END.search(text, end, min(len(text), end + PASSAGE_MAX // 2))
    e = match.end() if match else min(len(text), end + PASSAGE_MAX // 2)
    while s < start and text[s].isspace():
        s += 1
    while e > end and text[e - 1].isspace():
        e -= 1
    return s, e


# --- per-type comparison ------------------------------------------------------------------
