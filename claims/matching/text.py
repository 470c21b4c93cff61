"""Text normalisation for matching: the extraction engine's Arabic normaliser, light stemming
for Arabic and English, and word and trigram similarity.

Light stemming rather than a full morphological analyser: a rewording of a claim keeps its
content words and changes their clitics and endings (والتجارة / التجارة / تجارة; reached /
reach), which is exactly what prefix and suffix stripping undoes, and it costs microseconds.
"""

from __future__ import annotations

import re

from claims.extraction.normalize import norm

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ARABIC = re.compile("[\u0600-\u06ff]")

# Clitics and article, longest first (Larkey et al.'s "light10", after normalisation: ة → ه).
_AR_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_AR_SUFFIXES = ("هما", "كما", "ها", "هم", "ات", "ان", "ون", "ين", "يه", "ه", "ي")
_EN_SUFFIXES = (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("ly", ""), ("es", ""))

STOPWORDS = frozenset(
    """
    the a an and or of to in on at by for from with as is are was were be been being has have
    had will would could should may might can this that these those it its their they them he
    she his her we our you your i not no but than then there here which who whom whose what when
    where why how said says say told according also after before over under more less about
    into out up down new last next per cent percent year years month months week day days
    mr ms dr one two three four five six seven eight nine ten hundred thousand million billion
    trillion bn m k some all any other such only just very most many much
    في من على الى عن ان انه انها التي الذي الذين هذا هذه ذلك تلك مع كان كانت قال قالت وقال
    وقالت بعد قبل حيث لكن كما بين خلال عند حتى او ثم اذا لم لن ما لا هو هي هم نحو حوالي اكثر اقل
    الف مليون مليار ترليون تريليون عام سنه شهر يوم العام الماضي الحالي المقبل وفق وفقا بحسب
    اليوم امس قد لقد ايضا كل بعض غير اي
    """.split()
)


def is_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text))


def stem(word: str) -> str:
    """One word, already normalised and lower-cased, to its light stem."""
    if _ARABIC.match(word):
        if len(word) > 3 and word[0] in "وف" and word[1:3] != "ال" and len(word) > 4:
            word = word[1:]
        for prefix in _AR_PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                word = word[len(prefix) :]
                break
        for suffix in _AR_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                return word[: -len(suffix)]
        return word
    if word.endswith("'s"):
        word = word[:-2]
    for suffix, replacement in _EN_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    # vote / voted / voting all end as "vot": drop a final e where -ed and -ing dropped theirs.
    if word.endswith("e") and len(word) > 3:
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """Normalised, lower-cased words (stop words kept: phrases need them)."""
    return _WORD.findall(norm(text).lower().replace("’", "'"))


def content_stems(text: str) -> list[str]:
    """The stems of the words that carry the claim, in order, without repeats."""
    seen: dict[str, None] = {}
    for word in tokens(text):
        if word in STOPWORDS or len(word) < 2:
            continue
        stemmed = stem(word)
        if stemmed not in STOPWORDS and len(stemmed) >= 2:
            seen.setdefault(stemmed, None)
    return list(seen)


def dice(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def trigrams(words: list[str]) -> frozenset[str]:
    """Character trigrams of each word padded the way pg_trgm pads them ("  w", "w ")."""
    grams: set[str] = set()
    for word in words:
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
