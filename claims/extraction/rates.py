"""Exchange rates: a price of one currency in another ("18.9 per euro", "3.75 to the dollar",
"3.75 ريال للدولار"). The fact is money in the first currency with `per_currency`, the second.

A bare number before "per euro" takes its currency from the one named just before it in the
sentence ("The krona traded at 11.2 per euro", "The Saudi riyal, pegged at 3.75 to the
dollar"), resolved as any currency word is.
"""

from __future__ import annotations

import re

from . import money
from .normalize import norm
from .numbers import alternation

_PER_EN = {
    "dollar": "USD", "greenback": "USD", "euro": "EUR", "pound": "GBP", "sterling": "GBP",
    "yen": "JPY", "yuan": "CNY", "franc": "CHF", "rouble": "RUB", "ruble": "RUB",
}  # fmt: skip
_PER_AR = {
    norm("دولار"): "USD", norm("يورو"): "EUR", norm("جنيه إسترليني"): "GBP",
    norm("إسترليني"): "GBP", norm("يوان"): "CNY", norm("روبل"): "RUB",
}  # fmt: skip
# Found from the second currency's word, then the connecting words read back: the words
# "per" and ل are everywhere, the currency words rarely.
_PER_WORD = re.compile(
    rf"(?P<en>{'|'.join(_PER_EN)})s?(?![\w])(?!\s+(?:of|in\s+weight)\b)"
    rf"|(?P<ar>{alternation(_PER_AR).replace(chr(92) + ' ', chr(92) + 's+')})"
    + norm(r"(?:\s+(?:ال)?(?:أمريكي|أميركي))?(?![\w])")
)  # case-sensitive: IGNORECASE would cost a full scan of every position
# A flat list of literals lets the scan skip to candidate positions; the full pattern is tried
# only there (nested groups and IGNORECASE both defeat that skip).
_PER_LITERALS = sorted([*_PER_EN, *_PER_AR], key=len, reverse=True)
_PER_ANCHOR = re.compile("|".join(_PER_LITERALS))


def _anchors(t: str) -> list[int]:
    """The starts of `_PER_ANCHOR.finditer(t)`, found with str.find (a C loop per word, where
    the pattern stops at every d, e, f, p, r, s, y of the text): at one start the longest
    word wins, as the alternation lists them longest first; a match hides those it covers."""
    found = []
    for w in _PER_LITERALS:
        i = t.find(w)
        while i >= 0:
            found.append((i, -len(w)))
            i = t.find(w, i + 1)
    found.sort()
    out = []
    end = 0
    for i, neg_len in found:
        if i >= end:
            out.append(i)
            end = i - neg_len
    return out


_AR_PREFIXES = (norm("لل"), norm("ال"), norm("ل"))
_AR_JOINED = frozenset({norm("لل"), norm("ل")})
_EN_CONNECT = re.compile(
    r"\s+(?:per|to\s+the|to\s+one|to\s+a|against\s+the|for\s+(?:one|each|every))\s+"
    r"(?:(?:U\.?S\.?|US|American|single|common)\s+)?$",
    re.IGNORECASE,
)
_AR_CONNECT = re.compile(norm(r"\s+(?:مقابل|أمام)\s+$"))
_BARE = re.compile(r"(?<![\w.,$€£¥])(?P<n>\d+(?:\.\d+)?)(?![\d.,]*\d)(?=\s)")
_BACK_EN = re.compile(
    rf"(?:(?P<q>{alternation(money._EN_QUALIFIERS)})\s+)?(?P<w>{alternation(money._EN_CURRENCY)})(?![\w])",
    re.IGNORECASE,
)
_BACK_AR = re.compile(
    rf"(?<![\w])(?:ال)?(?P<w>{alternation(money.AR_CURRENCY)})(?:\s+(?:ال)?(?P<q>{alternation(money.AR_QUALIFIERS)}))?(?![\w])"
)
_BACK_REACH = 160


def scan_rates(t: str, amounts: list[dict]) -> list[dict]:
    """Extends money facts followed by "per euro" and returns new facts for bare numbers."""
    by_end: dict[int, dict] | None = None
    spans: list[tuple[int, int]] | None = None
    out: list[dict] = []
    for start in _anchors(t):
        m = _PER_WORD.match(t, start)
        if m is None:
            continue
        connect = _connector(t, m)
        if connect is None:
            continue
        per = _per_code(m)
        if by_end is None:
            by_end = {f["end"]: f for f in amounts if f["type"] == "money"}
        f = by_end.get(connect)
        if f is not None:
            if f.get("currency") != per and "value" in f:
                f["end"] = m.end()
                f["per_currency"] = per
            continue
        n = _BARE.search(t, max(0, connect - 24), connect + 1)
        if n is None or n.end() != connect:
            continue
        if spans is None:
            spans = sorted((f["start"], f["end"]) for f in amounts)
        if _inside(spans, n.start()):
            continue
        currency, note = _currency_before(t, n.start())
        if currency is None or currency == per:
            continue
        value = float(n.group("n"))
        fact = {"type": "money", "start": n.start(), "end": m.end(),
                "value": int(value) if value.is_integer() else value,
                "currency": currency, "per_currency": per}  # fmt: skip
        if note:
            fact["note"] = note
        out.append(fact)
    return out


def _connector(t: str, m: re.Match) -> int | None:
    """Where the words joining the rate to its second currency start, or None."""
    s = m.start()
    if m.group("en"):
        if s > 0 and (t[s - 1].isalnum() or t[s - 1] == "_"):
            return None
        c = _EN_CONNECT.search(t, max(0, s - 40), s)
        return c.start() if c else None
    pre = next((p for p in _AR_PREFIXES if t.startswith(p, s - len(p))), "")
    k = s - len(pre)
    if k > 0 and (t[k - 1].isalnum() or t[k - 1] == "_"):
        return None  # inside a longer word
    if pre in _AR_JOINED:
        j = k
        while j > 0 and t[j - 1] == " ":
            j -= 1
        return j if j < k else None
    c = _AR_CONNECT.search(t, max(0, k - 12), k)
    return c.start() if c else None


def _per_code(m: re.Match) -> str:
    if m.group("en"):
        return _PER_EN[m.group("en").lower()]
    return _PER_AR[re.sub(r"\s+", " ", m.group("ar"))]


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)


def _currency_before(t: str, pos: int) -> tuple[str | None, str]:
    lo = max(0, pos - _BACK_REACH)
    stop = max(t.rfind(". ", lo, pos), t.rfind("\n", lo, pos), t.rfind(".\u00a0", lo, pos))
    lo = stop + 1 if stop >= 0 else lo
    found = None
    for rx, ar in ((_BACK_EN, False), (_BACK_AR, True)):
        for m in rx.finditer(t, lo, pos):
            if found is None or m.start() > found[0].start():
                found = (m, ar)
    if found is None:
        return None, ""
    m, ar = found
    word = re.sub(r"\s+", " ", m.group("w")).lower()
    qual = (m.group("q") or "").lower()
    if ar:
        code, family = money.AR_CURRENCY.get(word, (None, None))
        mapped = money.AR_QUALIFIERS.get(qual, {}).get(family or "") if qual else None
    else:
        code, family = money._EN_CURRENCY.get(word, (None, None))
        mapped = money._EN_QUALIFIERS.get(qual, {}).get(family or "") if qual else None
    if mapped:
        return mapped, ""
    if code is not None and code != "TOMAN":
        return code, ""
    if family:
        got = money.resolve_from_country(t, pos, family) or money.resolve_from_context(
            t, pos, family
        )
        if got:
            return got[0], f"resolved from context: {got[1]}"
    return None, ""
