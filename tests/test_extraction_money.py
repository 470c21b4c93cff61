"""Money: currencies by word, sign and code, qualifiers, ranges and approximations."""

import pytest

from claims.extraction import extract_facts


def _money(text):
    facts = [f for f in extract_facts(text) if f["type"] == "money"]
    assert len(facts) == 1, facts
    return facts[0]


@pytest.mark.parametrize(
    ("text", "span", "value", "currency"),
    [
        ("بلغت 40 مليار دولار.", "40 مليار دولار", 40e9, "USD"),
        ("بقيمة 5 ملايين دولار كندي", "5 ملايين دولار كندي", 5e6, "CAD"),
        ("قرض بـ3 مليارات دولار أسترالي", "3 مليارات دولار أسترالي", 3e9, "AUD"),
        ("وفّرت 700 مليون يورو", "700 مليون يورو", 7e8, "EUR"),
        ("بلغت 2 مليار جنيه إسترليني", "2 مليار جنيه إسترليني", 2e9, "GBP"),
        ("خصصت 10 مليارات ريال سعودي", "10 مليارات ريال سعودي", 1e10, "SAR"),
        ("أنفقت 3 مليارات ريال قطري", "3 مليارات ريال قطري", 3e9, "QAR"),
        ("بلغت 5 ملايين ليرة سورية", "5 ملايين ليرة سورية", 5e6, "SYP"),
        ("بلغت 5 ملايين دينار عراقي", "5 ملايين دينار عراقي", 5e6, "IQD"),
        ("بلغت 9 ملايين دينار جزائري", "9 ملايين دينار جزائري", 9e6, "DZD"),
        ("بلغت 9 ملايين دينار تونسي", "9 ملايين دينار تونسي", 9e6, "TND"),
        ("بلغت 4 ملايين جنيه سوداني", "4 ملايين جنيه سوداني", 4e6, "SDG"),
        ("بلغت 60 ألف درهم مغربي", "60 ألف درهم مغربي", 6e4, "MAD"),
        ("cost $2.5bn", "$2.5bn", 2.5e9, "USD"),
        ("cost US$40 million", "US$40 million", 4e7, "USD"),
        ("cost €3.5m", "€3.5m", 3.5e6, "EUR"),
        ("cost £250m", "£250m", 2.5e8, "GBP"),
        ("cost EUR 2bn", "EUR 2bn", 2e9, "EUR"),
        ("cost 6 billion Turkish lira", "6 billion Turkish lira", 6e9, "TRY"),
    ],
)  # fmt: skip
def test_it_resolves_currencies(text, span, value, currency):
    fact = _money(text)
    assert (fact["text"], fact["value"], fact["currency"]) == (span, value, currency)


@pytest.mark.parametrize("word", ["ريال", "دينار", "ليرة", "جنيه", "درهم"])
def test_it_leaves_unqualified_currencies_unresolved_with_a_note(word):
    fact = _money(f"دفعت الحكومة 50 مليون {word} للمزارعين.")
    assert fact["currency"] == "XXX" and word[:3] not in ("", None)
    assert "note" in fact


def test_it_resolves_a_bare_riyal_from_the_passage():
    fact = _money("تراجع الريال الإيراني إلى 600 ألف ريال مقابل الدولار.")
    assert fact["currency"] == "IRR"


def test_it_keeps_tomans_in_tomans_with_a_note():
    fact = _money("بلغ السعر 500 ألف تومان.")
    assert fact["value"] == 500000 and fact["currency"] == "XXX"
    assert "toman" in fact["note"]
    assert fact["value_irr"] == 5_000_000


@pytest.mark.parametrize(
    ("text", "span", "low", "high"),
    [
        ("بين 2 و3 مليارات دولار", "بين 2 و3 مليارات دولار", 2e9, 3e9),
        ("من 5 إلى 7 ملايين دولار", "من 5 إلى 7 ملايين دولار", 5e6, 7e6),
        ("between $2bn and $3bn", "between $2bn and $3bn", 2e9, 3e9),
        ("from 2 to 3 billion dollars", "from 2 to 3 billion dollars", 2e9, 3e9),
    ],
)
def test_it_reads_ranges(text, span, low, high):
    fact = _money(text)
    assert (fact["text"], fact["value_min"], fact["value_max"]) == (span, low, high)


@pytest.mark.parametrize(
    ("text", "approximation"),
    [
        ("بنحو 40 مليار دولار", "about"), ("حوالي 40 مليار دولار", "about"),
        ("قرابة 40 مليار دولار", "nearly"), ("زهاء 40 مليار دولار", "about"),
        ("ما يقارب 40 مليار دولار", "nearly"), ("يناهز 40 مليار دولار", "nearly"),
        ("أكثر من 40 مليار دولار", "more_than"), ("أقل من 40 مليار دولار", "less_than"),
        ("ما يزيد على 40 مليار دولار", "more_than"), ("ما يزيد عن 40 مليار دولار", "more_than"),
        ("لا يقل عن 40 مليار دولار", "at_least"), ("about $40bn", "about"),
        ("around $40bn", "about"), ("nearly $40bn", "nearly"), ("almost $40bn", "nearly"),
        ("roughly $40bn", "about"), ("approximately $40bn", "about"),
        ("more than $40bn", "more_than"), ("over $40bn", "more_than"), ("up to $40bn", "up_to"),
        ("less than $40bn", "less_than"),
    ],
)  # fmt: skip
def test_it_marks_approximations_and_includes_them_in_the_span(text, approximation):
    fact = _money(text)
    assert fact["text"] == text
    assert fact["value"] == 40e9
    assert fact["approximate"] is True and fact["approximation"] == approximation
