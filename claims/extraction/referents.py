"""Who "the regulator" is: a speaker named by a common noun refers back to a body named earlier.

Wire copy names an organisation once ("Sweden's Financial Supervisory Authority said...",
"قالت هيئة السوق المالية...") and then calls it by its kind ("The regulator said",
"وقالت الهيئة في بيان"). The speaker stays as written; the fact gains `refers_to`: the
nearest earlier name that fits the noun. No fit, no `refers_to`: a wrong name is worse than
none for a checker.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .normalize import norm

_REACH = 2500  # characters looked back: a wire story names its actors in the first paragraphs

# -- English ---------------------------------------------------------------------------------
_REG = r"Authority|Commission|Regulat\w*|Supervis\w*|Affairs|Agency|Board|Office|Administration|Council|Ministry|Inspectorate|Bureau"
_AGENCY = (
    r"Agency|Office|Bureau|Service|Institute|Administration|Authority|Statistics|Cent(?:er|re)"
)
_BANK = r"Bank|Reserve|Banque|Fed"
_AIR = r"Air|Airlines?|Airways|Aviation"
_CAR = r"Cars|Motors?|Automotive|Auto"
_ORG_SUFFIX = (
    r"Inc|Corp|Corporation|Group|Co|Company|Ltd|Holdings?|PLC|plc|LLC|SA|AG|Cars|Air|Airlines|"
    r"Airways|Bank|Motors|Energy|Oil|Petroleum|Industries|Technologies|Telecom|Pharma\w*|"
    r"Mining|Capital|Partners|Systems|Steel|Gas|Electric|Foods|Brands|Logistics|Shipping"
)
_CLASSES = {
    "regulator": _REG, "watchdog": _REG, "authority": _REG, "commission": _REG,
    "supervisor": _REG, "agency": _AGENCY, "office": _AGENCY, "bureau": _AGENCY,
    "institute": r"Institute", "ministry": r"Ministry|Department", "department": r"Department|Ministry",
    "bank": _BANK, "lender": _BANK, "airline": _AIR, "carrier": _AIR, "carmaker": _CAR,
    "automaker": _CAR, "fund": r"Fund", "organisation": r"Organi[sz]ation",
    "organization": r"Organi[sz]ation", "union": r"Union", "court": r"Court", "council": r"Council",
    "army": r"Army|Forces", "military": r"Army|Forces|Military",
    "company": _ORG_SUFFIX, "firm": _ORG_SUFFIX, "group": _ORG_SUFFIX, "business": _ORG_SUFFIX,
    "conglomerate": _ORG_SUFFIX, "producer": _ORG_SUFFIX, "miner": _ORG_SUFFIX,
    "retailer": _ORG_SUFFIX, "operator": _ORG_SUFFIX, "insurer": _ORG_SUFFIX,
    "manufacturer": _ORG_SUFFIX, "developer": _ORG_SUFFIX, "giant": _ORG_SUFFIX,
}  # fmt: skip
_FITS = {head: re.compile(rf"\b(?:{words})\b") for head, words in _CLASSES.items()}
# Heads of one kind stand in for each other in an apposition: "national carrier Gulf Air"
# names the airline.
_KIND = {
    "carrier": "airline", "lender": "bank", "watchdog": "regulator", "authority": "regulator",
    "commission": "regulator", "supervisor": "regulator", "automaker": "carmaker",
    "firm": "company", "group": "company", "business": "company", "department": "ministry",
}  # fmt: skip
_EN_GENERIC = re.compile(rf"^[Tt]he\s+(?:[\w'\-]+\s+){{0,3}}(?P<head>{'|'.join(_CLASSES)})$")
_CAP = r"(?:[A-Z][\w&\-]*(?:\.[A-Z])*(?:['’]s)?)"
_EN_NAME = re.compile(rf"{_CAP}(?:\s+(?:(?:of|for|and|on|de|du|al)\s+)?{_CAP})*")
_NOT_NAMES = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "Reuters", "AP", "AFP", "The", "A", "An", "In", "On", "At", "But",
    "And", "It", "He", "She", "They", "We", "I", "This", "That", "Its", "Their",
}  # fmt: skip
_PERSON_TITLE = re.compile(
    r"^(?:Chief|Minister|President|Prime|Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|CEO|Chairman|Director|"
    r"Secretary|King|Prince|Sheikh|General)\b"
)
_TITLE_INITIALS = frozenset("CMPDSRGK")  # the first letters of _PERSON_TITLE's words
_LEADING_THE = re.compile(r"^The\s+")


def resolve_referents(t: str, attributions: list[dict]) -> None:
    """Add `refers_span` (normalised offsets of the name) to attributions whose speaker is a
    common noun for a body named earlier. `attributions` carry `speaker_span`."""
    ordered = sorted(attributions, key=lambda f: f["start"])
    names: list[tuple[int, int]] | None = None
    for i, f in enumerate(ordered):
        s, e = f["speaker_span"]
        speaker = t[s:e]
        if speaker[:1].isascii():
            if not _generic(speaker):
                continue
            if names is None:  # once per text, over the reach of its generic speakers
                names = _names(t, 0, len(t), _reach(t, ordered[i:]))
            span = _en_referent(t, speaker, s, ordered[:i], names)
        else:
            span = _ar_referent(t, speaker, s, ordered[:i])
        if span is not None:
            f["refers_span"] = span


def _generic(speaker: str) -> bool:
    """An English speaker named by a common noun: "the regulator", "The national carrier"."""
    return speaker[:3] in ("the", "The") and _EN_GENERIC.match(speaker) is not None


def _en_referent(
    t: str, speaker: str, at: int, earlier: list[dict], all_names: list[tuple[int, int]]
) -> tuple[int, int] | None:
    g = _EN_GENERIC.match(speaker)
    if not g:
        return None
    head = g.group("head").lower()
    lo = max(0, at - _REACH)
    names = all_names[bisect_left(all_names, (lo, -1)) : bisect_left(all_names, (at, -1))]
    names = [(ns, ne) for ns, ne in names if ne <= at]
    # 1. An apposition of the same kind earlier: "the national weather agency AEMET".
    kind = _KIND.get(head, head)
    for ns, ne in reversed(names):
        before = t[max(lo, ns - 40) : ns].rsplit(None, 1)  # the word before the name
        if before:
            word = before[-1].lower()
            if _KIND.get(word, word) == kind:
                return ns, ne
    # 2. The nearest name whose own words say what it is: "Gulf Air", "Central Bank of Egypt".
    fits = _FITS[head]
    for ns, ne in reversed(names):
        if fits.search(t, ns, ne):
            return ns, ne
    # 3. A company called by another noun already resolved: "the carmaker" then "the company".
    if _CLASSES[head] is _ORG_SUFFIX:
        for f in reversed(earlier):
            if "refers_span" in f and f["refers_span"][1] <= at:
                return f["refers_span"]
    return None


# A name never holds these: a scan that starts right after one finds the same names as a
# scan from the start of the text.
_BARRIERS = (",", "،", ";", ":", "(", ")", '"', "!", "?")


def _reach(t: str, attributions: list[dict]) -> tuple[int, int]:
    """Where the names that generic English speakers can refer to lie: from a barrier before
    the first one's reach to the last one."""
    ats = [f["speaker_span"][0] for f in attributions if _generic(t[slice(*f["speaker_span"])])]
    lo = max(0, min(ats) - _REACH)
    return max(t.rfind(b, 0, lo) for b in _BARRIERS) + 1, max(ats)


def _names(t: str, lo: int, hi: int, reach: tuple[int, int] | None = None) -> list[tuple[int, int]]:
    """Names in t[lo:hi]; with `reach` (scan_from, last), only those starting from
    scan_from up to last."""
    out = []
    scan_from, last = reach if reach is not None else (lo, hi)
    for m in _EN_NAME.finditer(t, scan_from, hi):
        s, e = m.span()
        if s >= last and reach is not None:
            break
        text = m.group()
        lead = _LEADING_THE.match(text) if text[:3] == "The" else None
        if lead:
            s += lead.end()
            text = text[lead.end() :]
        if (
            not text
            or text in _NOT_NAMES
            or (text[:1] in _TITLE_INITIALS and _PERSON_TITLE.match(text))
        ):
            continue
        words = text.split()
        if len(words) == 1 and not text.isupper():
            # One capitalised word opening a sentence is just the sentence's first word.
            prev = t[max(lo, s - 3) : s].strip()
            if not prev or prev[-1:] in '.!?"“”\n—-':
                continue
        if text.isupper() and len(text) > 3 and t[e : e + 1] in (",", " ") and _dateline(t, s):
            continue  # "STOCKHOLM, May 12 (Reuters)"
        out.append((s, e))
    return out


def _dateline(t: str, s: int) -> bool:
    return s == 0 or t[s - 1] == "\n"


# -- Arabic ----------------------------------------------------------------------------------
_AR_BODIES = {
    norm(w)
    for w in (
        "شركة", "هيئة", "وزارة", "بنك", "صندوق", "مفوضية", "منظمة", "وكالة", "مجلس", "لجنة",
        "جهاز", "مصرف", "مؤسسة", "سلطة", "مركز", "معهد", "اتحاد", "دائرة", "مديرية", "نقابة",
        "جمعية", "مجموعة", "محكمة", "بعثة", "رابطة", "غرفة", "مكتب",
    )
}  # fmt: skip
_AR_TOKEN = re.compile(r"[^\s،,:؛;.!?؟\"«»“”()\-–]+")
_AR_NP_STOP = {
    norm(w)
    for w in (
        "أن", "إن", "أنه", "أنها", "في", "على", "عن", "إلى", "من", "مع", "قد", "اليوم", "أمس",
        "التي", "الذي", "يوم", "خلال", "بعد", "قبل", "لدى", "عبر", "وفي", "كما", "حيث", "بين",
        "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "أيضا",
    )
}  # fmt: skip
_AR_MAX_NP = 7


def _ar_referent(t: str, speaker: str, at: int, earlier: list[dict]) -> tuple[int, int] | None:
    if " " in speaker.strip() or not speaker.startswith("ال") or speaker[2:] not in _AR_BODIES:
        return None
    noun = speaker[2:]
    # 1. An earlier speaker that names the body in full: "قالت هيئة السوق المالية".
    named = None
    for f in reversed(earlier):
        s, e = f["speaker_span"]
        words = t[s:e].split()
        if len(words) > 1 and words[0] in (noun, "ال" + noun) and e <= at:
            named = (s, e)
            break
    # 2. The nearest earlier mention of the body with its name: "وكان صندوق النقد الدولي قد".
    lo = max(0, at - _REACH)
    pattern = re.compile(rf"(?<![\w])(?P<pre>[وبلف]?)(?:ال)?{re.escape(noun)}(?![\w])")
    best = None
    for m in pattern.finditer(t, lo, at):
        np = _ar_np(t, m)
        if np is not None:
            best = np
    if best is None or (named is not None and named[0] >= best[0]):
        return named
    return best


def _ar_np(t: str, m: re.Match) -> tuple[int, int] | None:
    """The name that follows the body noun, as far as an idafa of definite words runs."""
    start = m.start() + len(m.group("pre"))
    end = m.end()
    pos = m.end()
    prev_definite = t.startswith("ال", start)
    count = 0
    while count < _AR_MAX_NP:
        if t[pos : pos + 1] != " ":
            break
        w = _AR_TOKEN.match(t, pos + 1)
        if not w:
            break
        token = w.group()
        if not token[:1].isalpha() or not token[:1] >= "\u0600" or token in _AR_NP_STOP:
            break
        definite = token.startswith(("ال", "لل"))
        if count and prev_definite and not definite:
            break  # "هيئة السوق المالية قد وافقت": the name ends before the bare word
        end = w.end()
        pos = w.end()
        prev_definite = definite
        count += 1
    return (start, end) if count else None
