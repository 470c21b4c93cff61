"""Units after a number: durations, distances, weights, oil flows, people.

Arabic puts the counted noun in a different form by count (3-10 plural أشهر, 11+
accusative singular شهرا), so every form is listed. Dual nouns (شهرين، عامين) carry their
own count and are found without a number.
"""

from __future__ import annotations

import re

from .normalize import norm
from .numbers import first_chars

_AR_UNITS = {
    "month": "شهر شهرا أشهر شهور",
    "year": "سنة سنوات سنين عام أعوام عاما سنه",
    "day": "يوم يوما أيام",
    "week": "أسبوع أسبوعا أسابيع",
    "hour": "ساعة ساعات",
    "minute": "دقيقة دقائق",
    "km": "كيلومتر كيلومترا كيلومترات كيلو متر كلم كم",
    "km2": "كيلومتر مربع كيلومترا مربعا كيلومترات مربعة كم مربع",
    "m": "متر مترا أمتار",
    "kg": "كيلوغرام كيلوغراما كيلوغرامات كيلوجرام كيلوجراما كغ كلغ",
    "ton": "طن طنا أطنان",
    "barrel": "برميل برميلا براميل",
    "cubic_meter": "متر مكعب مترا مكعبا أمتار مكعبة",
    "mw": "ميغاواط ميجاوات ميغاوات ميغاواط",
    "hectare": "هكتار هكتارا هكتارات",
    "dunam": "دونم دونما دونمات",
    "liter": "لتر لترا لترات",
    "person": (
        "شخص شخصا أشخاص قتيل قتيلا قتلى جريح جريحا جرحى مصاب مصابا مصابين شهيد شهيدا شهداء "
        "لاجئ لاجئا لاجئين نازح نازحا نازحين مدني مدنيا مدنيين طفل طفلا أطفال جندي جنديا "
        "جنود عامل عاملا عمال موظف موظفا موظفين مواطن مواطنا مواطنين مهاجر مهاجرا مهاجرين "
        "سائح سائحا سياح معتقل معتقلا معتقلين أسير أسيرا أسرى نسمة مسافر مسافرا مسافرين"
    ),
}
_AR_MULTIWORD = {"km2", "cubic_meter"}
_AR_DUALS = {
    "month": "شهرين شهران", "year": "عامين عامان سنتين سنتان", "day": "يومين يومان",
    "week": "أسبوعين أسبوعان", "hour": "ساعتين ساعتان",
}  # fmt: skip
_EN_UNITS = {
    "month": "month months", "year": "year years", "day": "day days", "week": "week weeks",
    "hour": "hour hours", "minute": "minute minutes", "decade": "decade decades",
    "km": "km kilometres kilometers kilometre kilometer", "mile": "mile miles",
    "km2": "square kilometres square kilometers sq km km2",
    "kg": "kg kilograms kilogrammes", "ton": "tonnes tons tonne ton metric tons",
    "barrel": "barrels barrel", "cubic_meter": "cubic metres cubic meters bcm",
    "mw": "mw megawatts", "hectare": "hectares", "liter": "litres liters",
    "person": (
        "people persons person civilians soldiers troops children workers employees refugees "
        "migrants residents tourists passengers dead killed injured wounded casualties "
        "fighters detainees prisoners students patients"
    ),
}  # fmt: skip
_PER_DAY = [norm(w) for w in ("يوميا", "في اليوم", "يومياً")] + [
    "per day", "a day", "bpd", "b/d", "each day",
]  # fmt: skip
_EN_BPD = ["bpd", "b/d", "barrels per day", "barrels a day"]

UNIT_OF: dict[str, str] = {}
for _unit, _words in _AR_UNITS.items():
    if _unit in _AR_MULTIWORD:
        _phrases = {
            "km2": ["كيلومتر مربع", "كيلومترا مربعا", "كيلومترات مربعة", "كم مربع"],
            "cubic_meter": ["متر مكعب", "مترا مكعبا", "أمتار مكعبة"],
        }[_unit]
        for _w in _phrases:
            UNIT_OF[norm(_w)] = _unit
        continue
    for _w in _words.split():
        UNIT_OF[norm(_w)] = _unit
UNIT_OF[norm("كيلو متر")] = "km"
for _unit, _words in _EN_UNITS.items():
    for _w in _words.split(" ") if _unit not in ("km2", "cubic_meter", "ton") else []:
        UNIT_OF[_w] = _unit
for _w in ("square kilometres", "square kilometers", "sq km", "km2"):
    UNIT_OF[_w] = "km2"
for _w in ("cubic metres", "cubic meters", "bcm"):
    UNIT_OF[_w] = "cubic_meter"
for _w in ("metric tons", "tonnes", "tons", "tonne", "ton"):
    UNIT_OF[_w] = "ton"
for _w in _EN_BPD:
    UNIT_OF[_w] = "barrel_per_day"

DUAL_OF: dict[str, str] = {}
for _unit, _words in _AR_DUALS.items():
    for _w in _words.split():
        DUAL_OF[norm(_w)] = _unit


def _alt(words) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True)
    )


UNIT_AFTER = re.compile(
    rf"\s*(?P<unit>{_alt(UNIT_OF)})(?!\w)(?P<perday>\s+(?:{_alt(_PER_DAY)})(?![\w/]))?",
    re.IGNORECASE,
)
# A dual noun standing alone ("خلال عامين"); ال-prefixed duals (العامين) are definite
# references, not counts.
DUAL_RE = re.compile(
    first_chars(DUAL_OF, "وبل") + rf"(?<!\w)(?:[وبل])?(?P<dual>{_alt(DUAL_OF)})(?!\w)"
)


def unit_key(word: str) -> str | None:
    w = re.sub(r"\s+", " ", word)
    return UNIT_OF.get(w) or UNIT_OF.get(w.lower())
