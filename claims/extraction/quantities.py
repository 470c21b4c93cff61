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
for _w, _u in (
    ("acres", "acre"),
    ("acre", "acre"),
    ("mph", "mph"),
    ("km/h", "km_per_hour"),
    ("gigawatts", "gigawatt"),
    ("gigawatt", "gigawatt"),
    ("gw", "gigawatt"),
    ("megawatt", "mw"),
    (norm("جيغاواط"), "gigawatt"),
    (norm("غيغاواط"), "gigawatt"),
    (norm("فدان"), "feddan"),
    (norm("فدانا"), "feddan"),
    (norm("أفدنة"), "feddan"),
):
    UNIT_OF[_w] = _u

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


# -- Counted nouns without a measuring unit ("151,000 jobs", "25 طائرة مسيرة") -------------
# A count is a number followed by the thing counted. The lexicon gives a short English gloss
# for nouns news counts often; any other plural English noun (or Arabic accusative noun after
# 11+) is still a count, reported as unit "item" with the noun as written in "unit_text".
_EN_COUNT = {
    "person": (
        "adults analysts economists firefighters deaths protesters demonstrators women men "
        "doctors nurses journalists teachers engineers pilgrims visitors voters officers "
        "police policemen militants rebels civilians hostages inmates survivors victims "
        "evacuees applicants users customers subscribers members delegates lawmakers "
        "ministers officials staff personnel gunmen suspects individuals residents "
        "fatalities infants babies girls boys pupils athletes players fans spectators "
        "immigrants asylum-seekers farmers miners seafarers sailors crew peacekeepers "
        "volunteers medics experts scientists researchers executives"
    ),
    "job": "jobs roles positions posts vacancies",
    "home": "homes", "house": "houses", "building": "buildings", "village": "villages",
    "town": "towns", "city": "cities", "country": "countries", "household": "households",
    "family": "families", "drone": "drones", "missile": "missiles", "rocket": "rockets",
    "aircraft": "aircraft planes jets warplanes airplanes", "helicopter": "helicopters",
    "tank": "tanks", "vehicle": "vehicles", "car": "cars", "truck": "trucks lorries",
    "ship": "ships vessels boats tankers", "school": "schools", "hospital": "hospitals",
    "clinic": "clinics", "case": "cases infections", "project": "projects",
    "turbine": "turbines", "time": "times", "company": "companies firms",
    "bank": "banks", "branch": "branches", "share": "shares", "vote": "votes",
    "seat": "seats", "flight": "flights", "container": "containers", "store": "stores shops",
    "factory": "factories plants", "well": "wells", "field": "fields", "animal": "animals",
    "vaccine_dose": "doses", "call": "calls", "attack": "attacks strikes airstrikes",
    "incident": "incidents", "bomb": "bombs", "shell": "shells", "weapon": "weapons",
    "contract": "contracts", "agreement": "agreements deals", "tree": "trees",
}  # fmt: skip
_EN_IRREGULAR = {"people", "police", "staff", "personnel", "crew", "aircraft", "children",
                 "men", "women", "cattle", "sheep"}  # fmt: skip
_AR_COUNT = {
    "person": (
        "آخرون آخرين فلسطيني معتقل محتجز محتجزا محتجزين رهينة رهائن مهندس مهندسا مهندسين "
        "أستاذ أستاذا أساتذة معلم معلما معلمين طبيب طبيبا أطباء صحفي صحفيا صحفيين حاج حاجا "
        "حجاج زائر زائرا زوار ضحية ضحايا مقاتل مقاتلا مقاتلين مسلح مسلحا مسلحين متظاهر "
        "متظاهرا متظاهرين مريض مريضا مرضى طالب طالبا طلاب تلميذ تلميذا تلاميذ امرأة نساء "
        "رجل رجلا رجال مستوطن مستوطنا مستوطنين ناخب ناخبا ناخبين مشارك مشاركا مشاركين "
        "فرد فردا أفراد عسكري عسكريا عسكريين شرطي شرطيا شرطيين مسؤول مسؤولا مسؤولين "
        "خبير خبيرا خبراء متطوع متطوعا متطوعين مزارع مزارعا مزارعين"
    ),
    "household": "أسرة أسر عائلة عائلات", "job": "وظيفة وظائف فرصة عمل فرص عمل",
    "house": "منزل منزلا منازل بيت بيتا بيوت مسكن مسكنا مساكن",
    "housing_unit": "وحدة سكنية وحدات سكنية", "building": "مبنى مباني مبان بناية بنايات",
    "village": "قرية قرى بلدة بلدات", "city": "مدينة مدن", "country": "دولة دول بلدا بلدان",
    "drone": "طائرة مسيرة طائرات مسيرة مسيرة مسيرات",
    "aircraft": "طائرة طائرات", "helicopter": "مروحية مروحيات", "missile": "صاروخ صاروخا صواريخ",
    "rocket": "قذيفة قذائف", "tank": "دبابة دبابات", "vehicle": "مركبة مركبات آلية آليات",
    "car": "سيارة سيارات", "truck": "شاحنة شاحنات", "ship": "سفينة سفن ناقلة ناقلات",
    "school": "مدرسة مدارس", "hospital": "مستشفى مستشفيات", "clinic": "عيادة عيادات",
    "case": "حالة حالات إصابة إصابات", "project": "مشروع مشروعا مشاريع مشروعات",
    "company": "شركة شركات", "bank": "بنك بنكا بنوك مصرف مصرفا مصارف", "branch": "فرع فرعا فروع",
    "seat": "مقعد مقعدا مقاعد", "vote": "صوت صوتا أصوات", "call": "نداء نداءات اتصال اتصالا اتصالات",
    "attack": "هجوم هجوما هجمات غارة غارات ضربة ضربات", "agreement": "اتفاقية اتفاقيات اتفاق اتفاقا",
    "field": "حقل حقلا حقول", "well": "بئر بئرا آبار", "factory": "مصنع مصنعا مصانع",
    "station": "محطة محطات", "shop": "متجر متجرا متاجر محل محلا محلات", "tree": "شجرة أشجار",
    "container": "حاوية حاويات", "flight": "رحلة رحلات", "time": "مرة مرات",
}  # fmt: skip
# Adverbs and particles in -ا that are not counted nouns ("سنويا", "تقريبا").
_AR_NOT_COUNT = {
    norm(w)
    for w in (
        "سنويا", "يوميا", "شهريا", "أسبوعيا", "تقريبا", "أيضا", "حاليا", "فقط", "فحسب",
        "سابقا", "لاحقا", "مؤخرا", "إضافيا", "جديدا", "أخرى", "سوريا", "كذلك", "فأكثر",
        "أكثر", "أقل", "جدا", "دوليا", "محليا", "رسميا", "نقدا", "مقابل", "بينها", "منها",
    )
}  # fmt: skip
COUNT_OF: dict[str, str] = {}
for _unit, _words in _EN_COUNT.items():
    for _w in _words.split():
        COUNT_OF[_w] = _unit
_AR_COUNT_PHRASES: dict[str, str] = {}
for _unit, _words in _AR_COUNT.items():
    _ws = _words.split()
    i = 0
    while i < len(_ws):
        # Two-word entries (طائرة مسيرة، فرص عمل، وحدات سكنية) are paired by the lexicon order.
        pair = f"{_ws[i]} {_ws[i + 1]}" if i + 1 < len(_ws) else ""
        if pair in (
            "طائرة مسيرة",
            "طائرات مسيرة",
            "فرصة عمل",
            "فرص عمل",
            "وحدة سكنية",
            "وحدات سكنية",
        ):
            _AR_COUNT_PHRASES[norm(pair)] = _unit
            i += 2
            continue
        COUNT_OF.setdefault(norm(_ws[i]), _unit)
        i += 1
for _p in ("طائرة بدون طيار", "طائرات بدون طيار"):
    _AR_COUNT_PHRASES[norm(_p)] = "drone"

_EN_COUNT_STOP = {
    "in", "to", "for", "and", "or", "from", "on", "at", "by", "with", "was", "is", "were",
    "are", "be", "been", "that", "which", "this", "last", "next", "a", "an", "the", "per",
    "over", "into", "after", "before", "since", "than", "as", "of", "each", "but", "it",
    "he", "she", "they", "we", "will", "would", "could", "has", "have", "had", "up", "down",
    "more", "less", "fewer", "its", "their", "his", "her", "our", "who", "whom", "so", "such", "these", "those", "not", "no", "also", "ago",
    "earlier", "later", "percent", "cent", "pct", "points", "point", "basis",
}  # fmt: skip
# Nouns in -s that are singular.
_EN_SINGULAR_S = {
    "gas", "news", "series", "species", "bus", "chaos", "lens", "bonus", "status", "crisis",
    "analysis", "basis", "thesis", "diabetes", "measles", "economics", "politics", "physics",
    "whereas", "alias", "atlas", "canvas", "plus", "campus", "census", "virus", "consensus",
    "always", "perhaps", "towards", "afterwards", "overseas", "various", "previous", "famous",
    "serious", "numerous", "this", "its", "his", "yes", "thus", "unless", "less", "across",
}  # fmt: skip
_EN_WORD = re.compile(r"[ \t]+([A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z])")
_AR_WORD = re.compile(r"[ \t]+([\u0621-\u064a]+)")
_AR_COUNT_PHRASE_RE = re.compile(rf"[ \t]+(?P<p>{_alt(_AR_COUNT_PHRASES)})(?![\u0621-\u064a])")


def count_after(
    t: str, end: int, value: float, definite_ok: bool = False
) -> tuple[str, str, int] | None:
    """(unit, noun as written, end) when a counted noun follows the number at `end`."""
    if value == 1:
        return None  # "one person" adds nothing a checker needs; "a" is everywhere
    c = t[end : end + 2].lstrip(" \t")[:1]
    if not c:
        return None
    if "\u0621" <= c <= "\u064a":
        return _ar_count(t, end, value, definite_ok)
    if c.isascii() and c.isalpha():
        return _en_count(t, end, value)
    return None


def _ar_count(t: str, end: int, value: float, definite_ok: bool) -> tuple[str, str, int] | None:
    pm = _AR_COUNT_PHRASE_RE.match(t, end)
    if pm:
        return _AR_COUNT_PHRASES[re.sub(r"\s+", " ", pm.group("p"))], pm.group("p"), pm.end()
    m = _AR_WORD.match(t, end)
    if not m:
        return None
    w = m.group(1)
    if definite_ok and w.startswith("ال") and len(w) > 4:
        w = w[2:]  # مئات الأسرى, عشرات الآلاف من المتطوعين
    elif w.startswith("ال") or w in _AR_NOT_COUNT:
        return None  # a definite word after a number is a label ("أستانة 19 الخاصة")
    unit = COUNT_OF.get(w) or (COUNT_OF.get(w[:-1]) if w.endswith("ا") else None)
    if unit is None and len(w) > 4 and w.endswith(("يا", "يين", "يون")) and value >= 3:
        unit = "person"  # a nisba plural or accusative: 72 فلسطينيا، 300 سوريين
    if unit is None and value >= 11 and len(w) >= 4 and w.endswith("ا") and not w.endswith("يا"):
        unit = "item"  # 11-99 take the accusative singular: 40 برجا
    if unit is None:
        return None
    return unit, w, m.end()


def _en_count(t: str, end: int, value: float) -> tuple[str, str, int] | None:
    pos = end
    for _ in range(3):
        m = _EN_WORD.match(t, pos)
        if not m:
            return None
        w = m.group(1)
        low = w.lower()
        if low in _EN_COUNT_STOP or low.endswith("ly"):
            return None
        unit = COUNT_OF.get(low)
        if w[0].islower() and (unit or low in _EN_IRREGULAR):
            return (unit or ("person" if low != "aircraft" else "aircraft")), w, m.end()
        if (
            w[0].islower()
            and low.endswith("s")
            and low not in _EN_SINGULAR_S
            and not low.endswith("ss")
        ):
            if UNIT_OF.get(low):
                return None
            return "item", w, m.end()
        if low.endswith(("ed", "ing")):
            return None  # a verb: "300 were evacuated", "12 remaining"
        pos = m.end()
    return None
