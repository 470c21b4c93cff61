"""Exchange rates name both currencies; currency words without a symbol resolve to ISO codes."""

import pytest

from claims.extraction import extract_facts


def _money(text):
    return [
        (f["text"], f["value"], f["currency"], f.get("per_currency"))
        for f in extract_facts(text)
        if f["type"] == "money"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Turkish lira fell to 32.4 against the dollar.", ("32.4 against the dollar", 32.4, "TRY", "USD")),
        ("OSLO, June 2 - The crown weakened as the krone hit 11.9 per euro.", ("11.9 per euro", 11.9, "NOK", "EUR")),
        ("The Qatari riyal is pegged at 3.64 to the dollar.", ("3.64 to the dollar", 3.64, "QAR", "USD")),
        ("Traders paid 19.2 liras per euro in Istanbul.", ("19.2 liras per euro", 19.2, "TRY", "EUR")),
        ("وتراجعت الليرة التركية إلى 32 مقابل الدولار.", ("32 مقابل الدولار", 32, "TRY", "USD")),
        ("ويبلغ سعر الصرف الرسمي 3.64 ريال قطري للدولار.", ("3.64 ريال قطري للدولار", 3.64, "QAR", "USD")),
    ],
)  # fmt: skip
def test_it_reads_a_rate_with_both_currencies(text, expected):
    assert _money(text) == [expected]


@pytest.mark.parametrize(
    "text", ["He paid $4 per pound of coffee.", "Prices rose 5 per cent.", "Team B won 3 to 1."]
)
def test_it_reads_no_rate_where_there_is_none(text):
    assert all(per is None for *_rest, per in _money(text))


@pytest.mark.parametrize(
    ("text", "span", "value", "currency"),
    [
        ("Ericsson will save 9 billion kronor.", "9 billion kronor", 9e9, "SEK"),
        ("COPENHAGEN - Prices rose to 40 kroner.", "40 kroner", 40, "DKK"),
        ("Sasol lost 7 billion rand.", "7 billion rand", 7e9, "ZAR"),
        ("LAHORE, May 3 - A clerk earns 45,000 rupees a month.", "45,000 rupees", 45000, "PKR"),
        ("A clerk in Delhi earns 45,000 rupees a month.", "45,000 rupees", 45000, "INR"),
        ("MEXICO CITY - Fares rose to 18 pesos.", "18 pesos", 18, "MXN"),
        ("MANAMA - Fares rose to 120 dinars.", "120 dinars", 120, "BHD"),
    ],
)
def test_it_resolves_currency_words_without_a_symbol(text, span, value, currency):
    found = [(t, v, c) for t, v, c, _p in _money(text)]
    assert found == [(span, value, currency)]
