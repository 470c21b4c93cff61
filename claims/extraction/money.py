"""Currencies written as words, symbols and codes, resolved to ISO 4217.

Unqualified ريال / دينار / ليرة / جنيه / درهم name a dozen currencies across the Arab world,
so they resolve only through a qualifier (سعودي، قطرية...) right after the word; otherwise
the fact carries currency "XXX" and a note saying which word was ambiguous.

Tomans have no ISO code: the value stays in tomans with currency "XXX", a note, and an
extra "value_irr" (tomans × 10) so that a source quoting rials still matches.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .normalize import norm
from .numbers import alternation

# Word → (default ISO code or None when ambiguous, family for qualifiers).
_AR_CURRENCY = {
    "دولار": ("USD", "dollar"), "دولارا": ("USD", "dollar"), "دولارات": ("USD", "dollar"),
    "دولاران": ("USD", "dollar"), "دولارين": ("USD", "dollar"),
    "يورو": ("EUR", None), "يوروهات": ("EUR", None),
    "جنيه إسترليني": ("GBP", None), "جنيه استرليني": ("GBP", None),
    "جنيهات إسترلينية": ("GBP", None), "إسترليني": ("GBP", None),
    "ين": ("JPY", None), "يوان": ("CNY", None), "روبل": ("RUB", None), "روبلا": ("RUB", None),
    "روبلات": ("RUB", None), "روبية": ("INR", "rupee"), "روبيه": ("INR", "rupee"),
    "فرنك": (None, "franc"), "فرنكات": (None, "franc"),
    "ريال": (None, "riyal"), "ريالا": (None, "riyal"), "ريالات": (None, "riyal"),
    "دينار": (None, "dinar"), "دينارا": (None, "dinar"), "دنانير": (None, "dinar"),
    "ليرة": (None, "lira"), "ليرات": (None, "lira"),
    "جنيه": (None, "pound"), "جنيها": (None, "pound"), "جنيهات": (None, "pound"),
    "درهم": (None, "dirham"), "درهما": (None, "dirham"), "دراهم": (None, "dirham"),
    "تومان": ("TOMAN", None), "تومانا": ("TOMAN", None),
}  # fmt: skip
_EN_CURRENCY = {
    "dollar": ("USD", "dollar"), "dollars": ("USD", "dollar"), "euro": ("EUR", None),
    "euros": ("EUR", None), "pound sterling": ("GBP", None), "pounds sterling": ("GBP", None),
    "sterling": ("GBP", None), "pounds": (None, "pound"), "pound": (None, "pound"),
    "yen": ("JPY", None), "yuan": ("CNY", None), "renminbi": ("CNY", None),
    "rouble": ("RUB", None), "roubles": ("RUB", None), "ruble": ("RUB", None),
    "rubles": ("RUB", None), "riyal": (None, "riyal"), "riyals": (None, "riyal"),
    "rial": (None, "riyal"), "rials": (None, "riyal"), "dinar": (None, "dinar"),
    "dinars": (None, "dinar"), "lira": (None, "lira"), "liras": (None, "lira"),
    "lire": (None, "lira"), "dirham": (None, "dirham"), "dirhams": (None, "dirham"),
    "toman": ("TOMAN", None), "tomans": ("TOMAN", None), "rupees": ("INR", "rupee"),
    "rupee": ("INR", "rupee"), "francs": (None, "franc"), "franc": (None, "franc"),
    "shekels": ("ILS", None), "shekel": ("ILS", None),
    "krona": ("SEK", None), "kronor": ("SEK", None), "krone": (None, "krone"),
    "kroner": (None, "krone"), "rand": ("ZAR", None), "naira": ("NGN", None),
    "baht": ("THB", None), "ringgit": ("MYR", None), "rupiah": ("IDR", None),
    "taka": ("BDT", None), "zloty": ("PLN", None), "zlotys": ("PLN", None),
    "forint": ("HUF", None), "forints": ("HUF", None), "hryvnia": ("UAH", None),
    "hryvnias": ("UAH", None), "tenge": ("KZT", None), "reais": ("BRL", None),
    "peso": (None, "peso"), "pesos": (None, "peso"), "won": ("KRW", None),
    "cedi": ("GHS", None), "cedis": ("GHS", None), "birr": ("ETB", None),
    "shilling": (None, "shilling"), "shillings": (None, "shilling"),
}  # fmt: skip
# Currencies whose word names one country far more often than the others: the default
# stands unless the passage names another country of the currency ("60,000 rupees" in a
# story from Karachi is Pakistani).
_SOFT_DEFAULTS = {"rupee"}
CODES = _CODES = (
    "USD EUR GBP JPY CNY RUB SAR QAR OMR IRR TRY LBP SYP EGP SDG JOD KWD BHD IQD DZD TND "
    "LYD AED MAD YER CAD AUD CHF INR ILS"
).split()
_SYMBOLS = {
    "US$": "USD", "C$": "CAD", "A$": "AUD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY",
    "₽": "RUB", "₺": "TRY", "₹": "INR", "₪": "ILS", "﷼": None,
}  # fmt: skip

# Qualifier (either gender, normalised) → {family: code}.
_AR_QUALIFIERS = {
    "أمريكي": {"dollar": "USD"}, "أميركي": {"dollar": "USD"},
    "كندي": {"dollar": "CAD"}, "أسترالي": {"dollar": "AUD"}, "استرالي": {"dollar": "AUD"},
    "سعودي": {"riyal": "SAR"}, "قطري": {"riyal": "QAR"}, "عماني": {"riyal": "OMR"},
    "إيراني": {"riyal": "IRR"}, "يمني": {"riyal": "YER"},
    "تركي": {"lira": "TRY"}, "لبناني": {"lira": "LBP", "pound": "LBP"},
    "سوري": {"lira": "SYP", "pound": "SYP"},
    "مصري": {"pound": "EGP"}, "سوداني": {"pound": "SDG", "dinar": "SDG"},
    "أردني": {"dinar": "JOD"}, "كويتي": {"dinar": "KWD"}, "بحريني": {"dinar": "BHD"},
    "عراقي": {"dinar": "IQD"}, "جزائري": {"dinar": "DZD"}, "تونسي": {"dinar": "TND"},
    "ليبي": {"dinar": "LYD"}, "إماراتي": {"dirham": "AED"}, "مغربي": {"dirham": "MAD"},
    "سويسري": {"franc": "CHF"}, "هندي": {"rupee": "INR"},
}  # fmt: skip
_EN_QUALIFIERS = {
    "us": {"dollar": "USD"}, "u.s.": {"dollar": "USD"}, "american": {"dollar": "USD"},
    "canadian": {"dollar": "CAD"}, "australian": {"dollar": "AUD"},
    "saudi": {"riyal": "SAR"}, "qatari": {"riyal": "QAR"}, "omani": {"riyal": "OMR"},
    "iranian": {"riyal": "IRR"}, "yemeni": {"riyal": "YER"}, "turkish": {"lira": "TRY"},
    "lebanese": {"lira": "LBP", "pound": "LBP"}, "syrian": {"lira": "SYP", "pound": "SYP"},
    "egyptian": {"pound": "EGP"}, "sudanese": {"pound": "SDG"}, "british": {"pound": "GBP"},
    "jordanian": {"dinar": "JOD"}, "kuwaiti": {"dinar": "KWD"}, "bahraini": {"dinar": "BHD"},
    "iraqi": {"dinar": "IQD"}, "algerian": {"dinar": "DZD"}, "tunisian": {"dinar": "TND"},
    "libyan": {"dinar": "LYD"}, "emirati": {"dirham": "AED"}, "uae": {"dirham": "AED"},
    "moroccan": {"dirham": "MAD"}, "swiss": {"franc": "CHF"}, "indian": {"rupee": "INR"},
    "pakistani": {"rupee": "PKR"}, "sri lankan": {"rupee": "LKR"}, "nepalese": {"rupee": "NPR"},
    "danish": {"krone": "DKK"}, "norwegian": {"krone": "NOK"}, "mexican": {"peso": "MXN"},
    "argentine": {"peso": "ARS"}, "philippine": {"peso": "PHP"}, "colombian": {"peso": "COP"},
    "chilean": {"peso": "CLP"}, "south korean": {"won": "KRW"},
    "kenyan": {"shilling": "KES"}, "ugandan": {"shilling": "UGX"}, "tanzanian": {"shilling": "TZS"},
}  # fmt: skip

AR_CURRENCY = {norm(k): v for k, v in _AR_CURRENCY.items()}
AR_QUALIFIERS: dict[str, dict[str, str]] = {}
for _k, _v in _AR_QUALIFIERS.items():
    _n = norm(_k)
    AR_QUALIFIERS[_n] = _v
    AR_QUALIFIERS[_n + "ه"] = _v  # feminine: ليرة تركية
    AR_QUALIFIERS[_n + "ين"] = _v  # plural genitive: دولارات أمريكيين (rare but seen)

CUR_PREFIX = r"(?:(?:US\$|C\$|A\$|[$€£¥₽₺₹₪])\s?|(?:" + "|".join(_CODES) + r")\s?(?=\d))"

_AR_WORD_RE = alternation(AR_CURRENCY).replace(r"\ ", r"\s+")
_EN_WORD_RE = alternation(_EN_CURRENCY).replace(r"\ ", r"\s+")
_AR_QUAL_RE = alternation(AR_QUALIFIERS)
_EN_QUAL_RE = alternation(_EN_QUALIFIERS)

# After the number: a currency word (with its qualifier) or an ISO code.
CURRENCY_AFTER = re.compile(
    rf"\s*(?:(?:من\s+)?(?P<ar>(?:ال)?(?:{_AR_WORD_RE}))(?!\w)(?:\s+(?P<arq>(?:ال)?(?:{_AR_QUAL_RE}))(?!\w))?"
    rf"|(?:of\s+)?(?P<enq>(?:{_EN_QUAL_RE})\s+)?(?P<en>(?:{_EN_WORD_RE}))(?!\w)"
    rf"|(?P<code>{'|'.join(_CODES)})(?![A-Za-z]))",
    re.IGNORECASE,
)
# Before the number in English: "Saudi riyals 5 billion" is rare; "SR" style codes are not
# standard and left out. A qualifier before a symbol: "US $40bn" is covered by CUR_PREFIX.


def currency_from_prefix(prefix: str) -> str | None:
    p = prefix.strip()
    if p in _SYMBOLS:
        return _SYMBOLS[p]
    up = p.upper()
    return up if up in _CODES else None


def resolve_after(m: re.Match) -> dict:
    """Currency keys for a CURRENCY_AFTER match: currency plus note when unresolved."""
    if m.group("code"):
        return {"currency": m.group("code").upper()}
    if m.group("ar"):
        word = re.sub(r"\s+", " ", m.group("ar"))
        if word.startswith("ال") and word[2:] in AR_CURRENCY:
            word = word[2:]
        code, family = AR_CURRENCY.get(word, (None, None))
        qual = m.group("arq")
        if qual:
            q = qual[2:] if qual.startswith("ال") and qual[2:] in AR_QUALIFIERS else qual
            mapped = AR_QUALIFIERS.get(q, {}).get(family or "")
            if mapped:
                code = mapped
    else:
        word = re.sub(r"\s+", " ", m.group("en").lower())
        code, family = _EN_CURRENCY.get(word, (None, None))
        qual = m.group("enq")
        if qual:
            mapped = _EN_QUALIFIERS.get(qual.strip().lower(), {}).get(family or "")
            if mapped:
                code = mapped
    if code is not None and family in _SOFT_DEFAULTS and not (m.group("enq") or m.group("arq")):
        return {"currency": code, "family": family}
    if code == "TOMAN":
        return {"currency": "XXX", "note": "toman (10 Iranian rials); no ISO 4217 code"}
    if code is None:
        return {
            "currency": "XXX",
            "note": f"unqualified {family}: the country is not stated next to the amount",
            "family": family,
        }
    return {"currency": code}


_FAMILY_WORDS: dict[str, list[str]] = {}
for _w, (_code, _fam) in AR_CURRENCY.items():
    if _fam:
        _FAMILY_WORDS.setdefault(_fam, []).append(_w)
_CONTEXT_RE = {
    fam: re.compile(rf"(?<!\w)(?:ال)?(?:{alternation(words)})\s+(?:ال)?(?P<q>{_AR_QUAL_RE})(?!\w)")
    for fam, words in _FAMILY_WORDS.items()
}
_CONTEXT_WINDOW = 400


def resolve_from_context(t: str, pos: int, family: str) -> tuple[str, str] | None:
    """An unqualified ريال next to "الريال الإيراني" in the same passage is that riyal."""
    rx = _CONTEXT_RE.get(family)
    if rx is None:
        return None
    lo, hi = max(0, pos - _CONTEXT_WINDOW), min(len(t), pos + _CONTEXT_WINDOW)
    codes = set()
    phrase = ""
    for m in rx.finditer(t, lo, hi):
        q = m.group("q")
        code = AR_QUALIFIERS.get(q, {}).get(family)
        if code:
            codes.add(code)
            phrase = m.group()
    if len(codes) == 1:
        return codes.pop(), phrase
    return None


# Places that settle an unqualified currency word: the dateline or the one country of that
# currency the article is about ("القاهرة - ... 300 جنيه", "Turkey's ... 17,002 lira").
_COUNTRIES = {
    "riyal": {
        "SAR": "السعودية السعودي الرياض جدة Saudi Riyadh", "QAR": "قطر الدوحة Qatar Doha",
        "OMR": "مسقط Oman Muscat", "IRR": "إيران طهران الإيراني الإيرانية Iran Iranian Tehran",
        "YER": "اليمن صنعاء Yemen Sanaa",
    },
    "dinar": {
        "JOD": "الأردن Jordan Amman", "KWD": "الكويت Kuwait", "BHD": "البحرين المنامة Bahrain Manama",
        "IQD": "العراق بغداد Iraq Baghdad", "DZD": "الجزائر Algeria Algiers",
        "TND": "تونس التونسي التونسية Tunisia Tunis", "LYD": "ليبيا Libya Tripoli",
    },
    "pound": {
        "EGP": "مصر القاهرة المصري المصرية Egypt Egyptian Cairo",
        "SDG": "السودان الخرطوم Sudan Khartoum", "GBP": "بريطانيا لندن Britain UK London",
    },
    "lira": {
        "TRY": "تركيا أنقرة إسطنبول التركي التركية Turkey Turkish Türkiye Ankara Istanbul",
        "LBP": "لبنان بيروت اللبناني اللبنانية Lebanon Lebanese Beirut",
        "SYP": "سوريا دمشق السوري السورية Syria Syrian Damascus",
    },
    "dirham": {
        "AED": "الإمارات أبوظبي دبي الإماراتي الإماراتية UAE Emirates Dubai",
        "MAD": "المغرب الرباط المغربي المغربية Morocco Moroccan Rabat",
    },
    "rupee": {
        "INR": "الهند نيودلهي India Indian Delhi Mumbai", "PKR": "باكستان Pakistan Pakistani "
        "Islamabad Karachi Lahore", "LKR": "Colombo Lanka", "NPR": "Nepal Kathmandu",
    },
    "krone": {"DKK": "Denmark Danish Copenhagen", "NOK": "Norway Norwegian Oslo"},
    "shilling": {
        "KES": "Kenya Kenyan Nairobi", "UGX": "Uganda Ugandan Kampala",
        "TZS": "Tanzania Tanzanian Dodoma Dar",
    },
    "peso": {
        "MXN": "Mexico Mexican", "ARS": "Argentina Argentine Aires", "PHP": "Philippines Manila",
        "COP": "Colombia Colombian Bogota", "CLP": "Chile Chilean Santiago",
    },
}  # fmt: skip
_COUNTRY_CODE: dict[str, dict[str, str]] = {}
for _fam, _codes in _COUNTRIES.items():
    for _code, _names in _codes.items():
        for _name in _names.split():
            _COUNTRY_CODE.setdefault(_fam, {})[norm(_name)] = _code
            if _name.isascii():  # wire datelines are in capitals: "KARACHI, May 3"
                _COUNTRY_CODE[_fam][_name.upper()] = _code
_COUNTRY_RE = {
    fam: re.compile(rf"(?<!\w)(?:[وبل]|في\s)?(?P<n>{alternation(names)})(?!\w)")
    for fam, names in _COUNTRY_CODE.items()
}
_DATELINE = 60


@lru_cache(maxsize=8)
def _mentions(t: str, family: str) -> tuple[tuple[int, str], ...]:
    rx = _COUNTRY_RE[family]
    codes = _COUNTRY_CODE[family]
    return tuple((m.start(), codes[m.group("n")]) for m in rx.finditer(t))


def resolve_from_country(t: str, pos: int, family: str) -> tuple[str, str] | None:
    """The country of an unqualified currency word, when the article names only one of that
    currency's countries, or when the dateline names one and no other is named before `pos`."""
    if family not in _COUNTRY_RE:
        return None
    mentions = _mentions(t, family)
    if not mentions:
        return None
    codes = {c for _p, c in mentions}
    if len(codes) == 1:
        code = codes.pop()
        return code, f"the article is about one country of this currency ({code})"
    first_pos, first = mentions[0]
    if first_pos < _DATELINE and all(c == first for p, c in mentions if p < pos):
        return first, f"resolved from the dateline ({first})"
    return None
