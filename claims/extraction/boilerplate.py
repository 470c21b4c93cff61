"""Lines that are page furniture, not reporting: read-also links, captions, prompts."""

from __future__ import annotations

import re

from .normalize import norm

_PREFIXES = [
    norm(w)
    for w in (
        "اقرأ أيضا", "اقرأ أيضاً", "إقرأ أيضا", "اقرأ المزيد", "اقرأ كذلك", "اقرأ", "اخترنا لك",
        "شاهد أيضا", "شاهد", "شاهد أيضاً", "للمزيد", "لمزيد من", "تابعونا", "تابعوا", "اشترك",
        "اشتركوا", "سجل", "انضم", "صورة", "الصورة", "صور", "مصدر الصورة", "حقوق الصورة",
        "فيديو", "إعلان", "الكلمات المفتاحية", "كلمات مفتاحية", "مواضيع ذات صلة", "ذات صلة",
        "شارك", "جميع الحقوق محفوظة", "حمل تطبيق", "يمكنكم متابعة", "المزيد",
    )
] + [
    "read more", "read also", "also read", "related", "subscribe", "sign up", "follow us",
    "click here", "advertisement", "photo", "picture", "image", "caption", "watch", "share",
    "tags", "newsletter", "get our", "copyright", "more:", "see also", "recommended",
]  # fmt: skip
_PREFIX_RE = re.compile(
    r"^[\s•\-*·▪►>]*\(?\s*(?:"
    + "|".join(
        re.escape(p).replace(r"\ ", r"\s+") for p in sorted(_PREFIXES, key=len, reverse=True)
    )
    + r")(?:$|[\s:：\-–|)/]|\W)",
    re.IGNORECASE,
)
# "اقرأ" and "شاهد" alone also start real sentences rarely; they count only with a colon
# or as a short line, checked below.
_WEAK = {norm("اقرأ"), norm("شاهد"), norm("فيديو"), norm("صور"), "watch", "share", "image",
         norm("المزيد"), norm("سجل"), norm("انضم"), norm("تابعوا")}  # fmt: skip
_CREDIT_END = re.compile(
    r"(?:\((?:[^()]{0,40})?(?:رويترز|أ\s*ف\s*ب|ا\s*ف\s*ب|فرانس\s*برس|أسوشيتد\s*برس|الأناضول|"
    r"Reuters|AFP|AP|Getty(?:\s+Images)?|EPA|Anadolu)\)|Getty\s+Images|"
    r"(?:Photo|Image|Credit)\s*:\s*[^.]{1,60}|©\s*[^.]{1,60})\s*$",
    re.IGNORECASE,
)
_SENTENCE_THEN_CREDIT = re.compile(r"[.!?؟]\s*\(")
_SUBSCRIBE_HINTS = ("subscri", "newsletter", "sign up", "inbox", norm("النشرة"), norm("اشترك"))
_SUBSCRIBE = re.compile(
    r"\b(?:subscribe|newsletter|sign\s+up\s+for|inbox)\b|"
    + norm(r"النشرة\s+(?:البريدية|الإخبارية)|(?:اشترك|اشتركوا)\s+(?:في|ب)"),
    re.IGNORECASE,
)


# Wire credit lines: "(Reporting by …; Editing by …)", "(إعداد … للنشرة العربية - تحرير …)".
# A credit opens with its role and "by" (or the Arabic role noun) inside a parenthesis, or
# names the Arabic desk; a sentence about reporting ("Reporting by the BBC showed...") has
# neither the parenthesis nor an editor.
_CREDIT_LINE = re.compile(
    r"^\(\s*(?:(?:additional\s+)?reporting|writing|editing|compiled|graphics?|research|"
    r"produced|edited|written|reported)\s+by\b|\bediting\s+by\b|"
    + norm(
        r"^\(\s*(?:إعداد|اعداد|تحرير|تغطية|كتابة|شارك\s+في)(?!\w)|للنشرة\s+العربية|"
        r"[-–]\s*تحرير\s+\S+"
    )
    + r"",
    re.IGNORECASE,
)
_CREDIT_HINTS = ("diting by", "eporting by", "riting by", norm("للنشرة"), norm("تحرير"))
# Promotions: follow us on our channel, download our app, get the newsletter.
_PROMO_HINTS = (" our ", "our ", " app", norm("قناتنا"), norm("تطبيق"), norm("حسابنا"),
                norm("حساباتنا"), norm("صفحتنا"), norm("موقعنا"), norm("نشرتنا"), norm("منصاتنا"))  # fmt: skip
_PROMO = re.compile(
    r"^(?:download|get|install|follow|join|listen\s+to|watch|try)\b.{0,60}\b(?:our|the\s+(?:\w+\s+){1,3}app)\b|"
    r"\bour\s+(?:free\s+|new\s+|daily\s+|weekly\s+|\w+\s+)?(?:app|newsletters?|podcasts?|channels?|"
    r"alerts|whatsapp|telegram)\b|"
    + norm(
        r"(?:عبر|على|في|ب)\s*(?:قناتنا|تطبيقنا|حسابنا|حساباتنا|صفحتنا|موقعنا|نشرتنا|منصاتنا)|"
        r"^(?:حمّلوا|حملوا|نزّلوا|نزلوا|حمل|حمّل|نزّل|تابعوا|تابعونا|اشتركوا|اشترك|انضموا|انضم)\s+"
        r"(?:\S+\s+){0,3}(?:تطبيق|التطبيق|قناة|القناة|نشرت)"
    ),
    re.IGNORECASE,
)


_ALL_HINTS = (True, True, True)


def text_hints(normalized_text: str) -> tuple[bool, bool, bool]:
    """Which hints (credit, promotion, subscription) occur anywhere in a normalised text: a
    line can hold one only if the text does, so a text without any skips the per-line tests."""
    low = normalized_text.lower()
    return (
        any(h in low for h in _CREDIT_HINTS),
        any(h in low for h in _PROMO_HINTS),
        any(h in low for h in _SUBSCRIBE_HINTS),
    )


def _credit_or_promo(low: str, credit: bool, promo: bool) -> bool:
    if (
        low[:1] == "(" or (credit and any(h in low for h in _CREDIT_HINTS))
    ) and _CREDIT_LINE.search(low):
        return len(low.split()) <= 40
    if promo and any(h in low for h in _PROMO_HINTS) and _PROMO.search(low):
        return len(low.split()) <= 30
    return False


def is_boilerplate_line(
    line: str, normalized: str | None = None, hints: tuple[bool, bool, bool] = _ALL_HINTS
) -> bool:
    """`hints` is `text_hints` of the whole text when the caller tests its lines one by one."""
    stripped = line.strip()
    if not stripped:
        return False
    n = (normalized if normalized is not None else norm(line)).strip()
    m = _PREFIX_RE.match(n)
    if m:
        word = n[: m.end()].strip(" \t•-*·▪►>():：|/").lower()
        if word not in _WEAK or ":" in n[: m.end() + 1] or len(n.split()) <= 6:
            return True
    tail = stripped[-90:]
    if (
        (")" in tail or ":" in tail or "©" in tail or "getty" in tail.lower())
        and _CREDIT_END.search(tail)
        and not _SENTENCE_THEN_CREDIT.search(tail)
    ):
        return True
    low = n.lower()
    credit, promo, subscribe = hints
    if _credit_or_promo(low, credit, promo):
        return True
    if not subscribe or not any(k in low for k in _SUBSCRIBE_HINTS):
        return False
    return bool(_SUBSCRIBE.search(low)) and len(n.split()) <= 25


def bullet_key(normalized_line: str) -> str:
    """A normalised line as compared for verbatim repeats: bullets and spaces ignored."""
    return " ".join(normalized_line.strip(" \t•-*·▪►>").split())
