"""Facts for people: every value a person reads goes through here, in the interface language.

The extractor stores facts as data (`{"type": "money", "value": 40000000000, "currency": "USD"}`);
the desk shows "about 40 billion US dollars" / "نحو 40 مليار دولار أمريكي" with the exact value on
hover. Template filters in claims/templatetags/facts.py call these helpers; nothing else should
turn a fact into words.
"""

import contextvars
import re
from dataclasses import dataclass
from datetime import date, datetime

from babel.numbers import format_compact_decimal, format_decimal, get_currency_name
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from claims.extraction.dates import AR_MONTH
from claims.extraction.normalize import norm

# Western digits unless a person chose Arabic-Indic ones (set per request by the middleware).
digits_style: contextvars.ContextVar[str] = contextvars.ContextVar("digits", default="western")
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

MONTHS_EN = [
    "", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]  # fmt: skip
# The Gulf and Egyptian names (CLDR's Arabic) and the Levantine ones, which many Syrian,
# Lebanese, Jordanian and Iraqi newsrooms write, often paired: "حزيران/يونيو".
MONTHS_AR = [
    "", "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
    "أكتوبر", "نوفمبر", "ديسمبر",
]  # fmt: skip
MONTHS_LEVANT = [
    "", "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
    "تشرين الأول", "تشرين الثاني", "كانون الأول",
]  # fmt: skip
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WEEKDAYS_AR = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]

FACT_LABELS = {
    "money": _("Money"),
    "percent": _("Percentage"),
    "quantity": _("Quantity"),
    "date": _("Date"),
    "attribution": _("Attributed to"),
    "month_mismatch": _("Two months"),
    "weekday_mismatch": _("Wrong weekday"),
    "figure_conflict": _("Conflicting figures"),
}
RELATIVE = {
    "today": _("today"),
    "yesterday": _("yesterday"),
    "day_before_yesterday": _("the day before yesterday"),
    "tomorrow": _("tomorrow"),
    "last": _("last"),
    "next": _("next"),
    "this": _("this"),
    "last_month": _("last month"),
    "next_month": _("next month"),
    "this_month": _("this month"),
    "last_year": _("last year"),
    "next_year": _("next year"),
    "this_year": _("this year"),
    "last_week": _("last week"),
    "next_week": _("next week"),
    "this_week": _("this week"),
}
RESULTS = {
    "equal": _("same value in the source"),
    "different": _("different value in the source"),
    "absent": _("not in the source"),
}
CHECKWORTHINESS_LEVELS = [
    (0.75, "high", _("high")),
    (0.5, "medium", _("medium")),
    (0, "low", _("low")),
]


@dataclass(frozen=True)
class FactView:
    type: str
    label: str
    text: str
    exact: str = ""


def localize_digits(text: object) -> str:
    """Western digits as they are, or Arabic-Indic ones for people who chose them."""
    text = "" if text is None else str(text)
    if digits_style.get() == "arabic-indic":
        return text.translate(_ARABIC_INDIC)
    return text


def language() -> str:
    return (get_language() or "en").split("-")[0]


def number(value: float | int) -> str:
    return format_decimal(value, locale=language())


def _amount(value: float | int) -> str:
    if abs(value) >= 1_000_000:
        return format_compact_decimal(
            value, format_type="long", locale=language(), fraction_digits=1
        )
    return number(value)


def _currency(code: str, value: float | int) -> str:
    try:
        return get_currency_name(code, count=value, locale=language())
    except Exception:  # an unknown code: show it as written (ISO codes read the same everywhere)
        return code


def money_text(fact: dict) -> FactView:
    code = fact.get("currency") or ""
    low, high = fact.get("value_min"), fact.get("value_max")
    if isinstance(low, int | float) and isinstance(high, int | float):
        text = gettext("between %(low)s and %(high)s %(currency)s") % {
            "low": _amount(low),
            "high": _amount(high),
            "currency": _currency(code, high),
        }
        exact = f"{number(low)} – {number(high)} {code}".strip()
    else:
        value = fact.get("value")
        if not isinstance(value, int | float):
            return FactView("money", str(FACT_LABELS["money"]), fact.get("text", ""))
        text = gettext("%(amount)s %(currency)s") % {
            "amount": _amount(value),
            "currency": _currency(code, value),
        }
        if fact.get("approximate"):
            text = gettext("about %(amount)s") % {"amount": text}
        exact = f"{number(value)} {code}".strip()
    return FactView("money", str(FACT_LABELS["money"]), text, exact)


def month_name(month: int, *, levantine: bool = False) -> str:
    """A month in the interface language; Arabic articles that write Levantine names keep them."""
    if not 1 <= month <= 12:
        return ""
    if language() != "ar":
        return MONTHS_EN[month]
    if levantine:
        return f"{MONTHS_LEVANT[month]}/{MONTHS_AR[month]}"
    return MONTHS_AR[month]


def weekday_name(weekday: int) -> str:
    if not 0 <= weekday <= 6:
        return ""
    return (WEEKDAYS_AR if language() == "ar" else WEEKDAYS_EN)[weekday]


def _levantine(text: str) -> bool:
    return any(family == "L" for _month, family in _months_written(text))


def _months_written(text: str) -> list[tuple[int, str]]:
    """The months named in `text`, in order, with their family (L, G, M) as the extractor knows them."""
    words = norm(text or "")
    found = []
    for written, (month, family) in AR_MONTH.items():
        for match in re.finditer(rf"(?<!\w){re.escape(written)}(?!\w)", words):
            found.append((match.start(), month, family))
    found.sort()
    return [(month, family) for _position, month, family in found]


def _written_names(text: str) -> list[str]:
    """The month names as the article wrote them (split on the slash, space or parenthesis)."""
    parts = [part.strip() for part in re.split(r"[/()]", text or "") if part.strip()]
    return parts if len(parts) >= 2 else []


def date_text(fact: dict) -> FactView:
    levantine = _levantine(fact.get("text", ""))
    year, month, day = fact.get("year"), fact.get("month"), fact.get("day")
    months = fact.get("months") or []
    pieces = []
    if isinstance(fact.get("weekday"), int):
        pieces.append(weekday_name(fact["weekday"]))
    if isinstance(month, int):
        name = month_name(month, levantine=levantine)
        if isinstance(day, int):
            name = gettext("%(day)s %(month)s") % {"day": day, "month": name}
        pieces.append(name)
    elif len(months) == 2:
        pieces.append(
            gettext("%(first)s or %(second)s (the article names both)")
            % {
                "first": month_name(months[0], levantine=levantine),
                "second": month_name(months[1], levantine=levantine),
            }
        )
    if isinstance(year, int):
        pieces.append(str(year))
    text = " ".join(piece for piece in pieces if piece)
    relative = RELATIVE.get(fact.get("relative") or "")
    if relative is not None:
        text = (
            gettext("%(date)s (%(relative)s)") % {"date": text, "relative": relative}
            if text
            else str(relative)
        )
    return FactView("date", str(FACT_LABELS["date"]), text or fact.get("text", ""))


UNITS = {
    "month": lambda n: ngettext("%(count)s month", "%(count)s months", n),
    "year": lambda n: ngettext("%(count)s year", "%(count)s years", n),
    "week": lambda n: ngettext("%(count)s week", "%(count)s weeks", n),
    "day": lambda n: ngettext("%(count)s day", "%(count)s days", n),
    "hour": lambda n: ngettext("%(count)s hour", "%(count)s hours", n),
    "minute": lambda n: ngettext("%(count)s minute", "%(count)s minutes", n),
    "person": lambda n: ngettext("%(count)s person", "%(count)s people", n),
    "job": lambda n: ngettext("%(count)s job", "%(count)s jobs", n),
    "home": lambda n: ngettext("%(count)s home", "%(count)s homes", n),
    "house": lambda n: ngettext("%(count)s house", "%(count)s houses", n),
    "household": lambda n: ngettext("%(count)s household", "%(count)s households", n),
    "housing_unit": lambda n: ngettext("%(count)s housing unit", "%(count)s housing units", n),
    "building": lambda n: ngettext("%(count)s building", "%(count)s buildings", n),
    "village": lambda n: ngettext("%(count)s village", "%(count)s villages", n),
    "item": lambda n: ngettext("%(count)s item", "%(count)s items", n),
    "barrel": lambda n: ngettext("%(count)s barrel", "%(count)s barrels", n),
    "barrel_per_day": lambda n: ngettext("%(count)s barrel a day", "%(count)s barrels a day", n),
    "ton": lambda n: ngettext("%(count)s tonne", "%(count)s tonnes", n),
    "km": lambda n: ngettext("%(count)s kilometre", "%(count)s kilometres", n),
    "km2": lambda n: ngettext("%(count)s square kilometre", "%(count)s square kilometres", n),
    "m": lambda n: ngettext("%(count)s metre", "%(count)s metres", n),
    "kg": lambda n: ngettext("%(count)s kilogram", "%(count)s kilograms", n),
    "liter": lambda n: ngettext("%(count)s litre", "%(count)s litres", n),
    "cubic_meter": lambda n: ngettext("%(count)s cubic metre", "%(count)s cubic metres", n),
    "hectare": lambda n: ngettext("%(count)s hectare", "%(count)s hectares", n),
    "dunam": lambda n: ngettext("%(count)s dunam", "%(count)s dunams", n),
    "mw": lambda n: ngettext("%(count)s megawatt", "%(count)s megawatts", n),
}


def quantity_text(fact: dict) -> FactView:
    value = fact.get("value")
    label = str(FACT_LABELS["quantity"])
    if not isinstance(value, int | float):
        return FactView("quantity", label, fact.get("text", ""))
    unit = UNITS.get(fact.get("unit") or "")
    count = int(value) if float(value).is_integer() else 100  # "other" form for fractions
    text = unit(count) % {"count": _amount(value)} if unit else _amount(value)
    return FactView("quantity", label, text, number(value))


def percent_text(fact: dict) -> FactView:
    value = fact.get("value")
    label = str(FACT_LABELS["percent"])
    if not isinstance(value, int | float):
        return FactView("percent", label, fact.get("text", ""))
    return FactView("percent", label, gettext("%(value)s%%") % {"value": number(value)})


def inconsistency_text(fact: dict) -> FactView:
    kind = fact.get("type", "")
    label = str(FACT_LABELS.get(kind, _("Inconsistency")))
    if kind == "month_mismatch":
        months = fact.get("months") or [m for m, _family in _months_written(fact.get("text", ""))]
        written = _written_names(fact.get("text", ""))
        if len(months) >= 2 and all(1 <= month <= 12 for month in months[:2]):
            names = MONTHS_AR if language() == "ar" else MONTHS_EN
            first, second = names[months[0]], names[months[1]]
            if len(written) == 2:
                text = gettext(
                    "The article names two different months, %(first)s (%(first_written)s) "
                    "and %(second)s (%(second_written)s)."
                ) % {
                    "first": first,
                    "first_written": written[0],
                    "second": second,
                    "second_written": written[1],
                }
            else:
                text = gettext(
                    "The article names two different months, %(first)s and %(second)s."
                ) % {"first": first, "second": second}
            return FactView(kind, label, text)
    if kind == "weekday_mismatch":
        said, expected = fact.get("weekday"), fact.get("expected_weekday")
        if isinstance(said, int) and isinstance(expected, int):
            text = gettext("The article says %(said)s, but that date fell on a %(expected)s.") % {
                "said": weekday_name(said),
                "expected": weekday_name(expected),
            }
            return FactView(kind, label, text)
    if kind == "figure_conflict":
        text = gettext(
            "The article gives this figure one way here and another way earlier "
            "(characters %(start)s–%(end)s)."
        ) % {"start": fact.get("other_start", "?"), "end": fact.get("other_end", "?")}
        return FactView(kind, label, text)
    return FactView(kind, label, gettext("The article contradicts itself here."))


def fact_view(fact: dict) -> FactView:
    """One fact in words, whatever its type; never a key or a Python literal."""
    kind = fact.get("type", "")
    if kind == "money":
        return money_text(fact)
    if kind == "date":
        return date_text(fact)
    if kind == "quantity":
        return quantity_text(fact)
    if kind == "percent":
        return percent_text(fact)
    if kind == "attribution":
        return FactView(kind, str(FACT_LABELS["attribution"]), fact.get("speaker") or "")
    if kind in {"month_mismatch", "weekday_mismatch", "figure_conflict"}:
        return inconsistency_text(fact)
    return FactView(kind, pgettext("fact", "Other"), fact.get("text", ""))


def checkworthiness(score: float | None, facts: list | None = None) -> dict:
    """A labelled level (high, medium, low) with the score and the reasons for the hover text."""
    score = float(score or 0)
    level, label = next(
        (key, text) for floor, key, text in CHECKWORTHINESS_LEVELS if score >= floor
    )
    reasons = [str(REASONS[kind]) for kind in _fact_kinds(facts) if kind in REASONS]
    title = gettext("Score %(score)s of 1.") % {"score": number(round(score, 2))}
    if reasons:
        title = gettext("%(score)s Why: %(reasons)s.") % {
            "score": title,
            "reasons": gettext(", ").join(reasons),
        }
    return {"level": level, "label": str(label), "title": title}


REASONS = {
    "money": _("it names a sum of money"),
    "percent": _("it gives a percentage"),
    "quantity": _("it counts something"),
    "date": _("it gives a date"),
    "attribution": _("it is attributed to a speaker"),
    "month_mismatch": _("the article contradicts itself"),
    "weekday_mismatch": _("the article contradicts itself"),
    "figure_conflict": _("the article contradicts itself"),
}


def _fact_kinds(facts: list | None) -> list[str]:
    seen: list[str] = []
    for fact in facts or []:
        kind = fact.get("type", "") if isinstance(fact, dict) else ""
        reason = REASONS.get(kind)
        if reason is not None and all(REASONS.get(other) != reason for other in seen):
            seen.append(kind)
    return seen


def moment_text(value: datetime | None, style: str = "full") -> str:
    """A moment in the reader's time zone (activated per request), with the zone named."""
    if not isinstance(value, datetime):
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    zone = local.tzname() or ""
    if style == "time":
        text = f"{local:%H:%M:%S} {zone}"
    elif style == "short":
        text = f"{local:%H:%M} {zone}"
    else:
        comma = "، " if language() == "ar" else ", "
        text = f"{formats.date_format(local, 'j F Y')}{comma}{local:%H:%M} {zone}"
    return localize_digits(text.strip())


def day_text(value: date | None) -> str:
    return localize_digits(formats.date_format(value, "j F Y")) if value else ""


def result_text(result: str) -> str:
    return str(RESULTS.get(result, result))
