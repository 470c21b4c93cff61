"""The thing a figure describes ("اتفاقية" in "اتفاقية بقيمة 40 مليار دولار", "deal" in "the
$40 billion deal"), used to notice one figure reported two ways and to match sources."""

from __future__ import annotations

import re

from .normalize import norm

# Words between a noun and its amount that say "worth / amounting to".
_AR_FILLER = {
    norm(w)
    for w in (
        "بقيمة", "قيمتها", "قيمته", "تقدر", "يقدر", "تقدّر", "المقدرة", "المقدر", "البالغة",
        "البالغ", "تبلغ", "يبلغ", "بلغت", "بلغ", "بمبلغ", "قدرها", "قدره", "حجمها", "حجمه",
        "بحجم", "بكلفة", "بتكلفة", "كلفتها", "تكلفتها", "قيمة", "تتجاوز", "يتجاوز", "تناهز",
        "تفوق", "الضخمة", "الجديدة",
    )
}  # fmt: skip
_EN_FILLER = {
    "worth", "valued", "at", "of", "estimated", "totaling", "totalling", "a", "an", "the",
    "its", "their", "new", "huge", "record", "reported", "initial", "proposed", "planned",
}  # fmt: skip
_EN_NOT_NOUN = {
    "in", "to", "for", "and", "or", "from", "on", "at", "by", "with", "was", "is", "were",
    "are", "be", "been", "that", "which", "this", "last", "next", "a", "an", "the", "per",
    "over", "into", "after", "before", "since", "than", "as", "of", "each", "year", "years",
    "but", "it", "he", "she", "they", "we", "will", "would", "could", "has", "have",
}  # fmt: skip
_AR_NOT_NOUN = {
    norm(w)
    for w in (
        "من", "في", "على", "عن", "مع", "بين", "حتى", "نحو", "حوالي", "و", "أو", "ثم", "قد",
        "لقد", "كان", "كانت", "إن", "أن", "التي", "الذي", "هذه", "هذا", "أي", "كل", "بعد",
        "قبل", "منذ", "عند", "لدى", "مقابل", "سوى", "إلا", "ما", "لا", "لم", "لن", "إلى",
        "الى", "تصل", "يصل", "وصل", "وصلت", "ارتفع", "ارتفعت", "تراجع", "تراجعت", "انخفض",
        "انخفضت", "زاد", "زادت", "بلغت", "بلغ",
    )
}  # fmt: skip
_WORDS_BEFORE = re.compile(r"([^\s\d.,،:؛;\"«»“”()]+)\s*$")
_WORD_AFTER = re.compile(r"\s*-?\s*([A-Za-z][A-Za-z-]+)")


_DETERMINER = re.compile(r"(?:^|\s)(?:the|a|an|its|their|his|her|our|this|that)\s+$", re.I)


def money_subject(t: str, start: int, end: int) -> str | None:
    after = _WORD_AFTER.match(t, end)
    # Adjectival figure: "the $40 billion deal" (a determiner before, a noun after).
    if after and t[end : end + 1] in (" ", "-") and _DETERMINER.search(t, max(0, start - 8), start):
        w = after.group(1).lower()
        if w not in _EN_NOT_NOUN and w.isalpha() and not w.endswith("ly"):
            return _en_singular(w)
    pos = start
    while pos > 0 and t[pos - 1].isalpha():
        pos -= 1  # a clitic glued to the number (بـ40)
    skipped_filler = False
    for _ in range(4):
        m = _WORDS_BEFORE.search(t, max(0, pos - 40), pos)
        if not m:
            return None
        w = m.group(1)
        low = w.lower()
        if low in _EN_FILLER or w in _AR_FILLER:
            pos = m.start()
            skipped_filler = True
            continue
        if low in _EN_NOT_NOUN or w in _AR_NOT_NOUN or not w[0].isalpha():
            return None
        if w[0].isascii():
            # "a deal worth $40bn" names the deal; "borrow $1.5tn" names nothing.
            return _en_singular(low) if skipped_filler else None
        return _ar_stem(w)
    return None


def _en_singular(w: str) -> str:
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w


def _ar_stem(w: str) -> str:
    for prefix in ("وال", "بال", "لل", "ال", "و", "ب"):
        if w.startswith(prefix) and len(w) - len(prefix) >= 3:
            return w[len(prefix) :]
    return w
