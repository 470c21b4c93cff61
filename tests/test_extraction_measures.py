"""Quantities the number-then-unit reading missed: temperatures, ages, tenors used as
adjectives, fractions of a percentage point, Arabic compound numbers, bare counts."""

import pytest

from claims.extraction import extract_facts


def _figures(text):
    return [
        {k: v for k, v in f.items() if k not in ("start", "end")}
        for f in extract_facts(text)
        if f["type"] in ("quantity", "percent", "money")
    ]


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("The thermometer read 41.3C in Athens.", "41.3C", 41.3, "celsius"),
        ("Rome reached 39 °C on Tuesday.", "39 °C", 39, "celsius"),
        ("It felt like 104F in Phoenix.", "104F", 104, "fahrenheit"),
        ("Night lows stayed near 30 degrees Celsius.", "30 degrees Celsius", 30, "celsius"),
        ("وسجلت الكويت 51 درجة مئوية ظهر الأحد.", "51 درجة مئوية", 51, "celsius"),
        ("A shepherd aged 81 was rescued.", "aged 81", 81, "year"),
        ("A 58-year-old driver was injured.", "58-year-old", 58, "year"),
        ("Helen Brooks, 67, a retired nurse, said she was afraid.", "67", 67, "year"),
        ("The Treasury sold 10-year bonds.", "10-year", 10, "year"),
        ("The yen hit a six-month low.", "six-month", 6, "month"),
        ("Unions called a 48-hour strike.", "48-hour", 48, "hour"),
        ("ونقلت الموانئ 3 آلاف و250 حاوية.", "3 آلاف و250 حاوية", 3250, "container"),
        ("وأنتجت المصانع 14 ألفاً و800 طن من الإسمنت.", "14 ألفاً و800 طن", 14800, "ton"),
        ("About 1,200 of its workers are based in Ohio.", "About 1,200", 1200, "person"),
        ("Some 40 of the company's 90 stores will close.", "Some 40", 40, "store"),
    ],
)
def test_it_reads_the_quantity(text, span, value, unit):
    found = [f for f in _figures(text) if f["text"] == span]
    assert len(found) == 1, _figures(text)
    assert (found[0]["value"], found[0]["unit"]) == (value, unit)


def test_it_marks_ages_as_ages():
    (fact,) = _figures("A farmer aged 70 died.")
    assert fact["age"] is True


def test_it_counts_them_as_the_noun_named_before():
    facts = _figures("The factory employs 900 workers, and 120 of them are apprentices.")
    assert [(f["text"], f["value"], f["unit"]) for f in facts] == [
        ("900 workers", 900, "person"),
        ("120", 120, "person"),
    ]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The Fed raised rates by half a percentage point.", "half a percentage point", 0.5),
        (
            "The bank cut by a quarter of a percentage point.",
            "a quarter of a percentage point",
            0.25,
        ),
        ("A quarter-point cut is expected.", "A quarter-point", 0.25),
        ("ورفع البنك الفائدة بمقدار نصف نقطة مئوية.", "نصف نقطة مئوية", 0.5),
        ("وخفض المركزي الفائدة ربع نقطة مئوية.", "ربع نقطة مئوية", 0.25),
    ],
)
def test_it_reads_fractions_of_a_percentage_point(text, span, value):
    (fact,) = _figures(text)
    assert (fact["type"], fact["text"], fact["value"], fact["points"]) == (
        "percent",
        span,
        value,
        True,
    )


@pytest.mark.parametrize(
    "text",
    [
        "A one-day visit ended.",
        "On May 12, 2025, talks resumed.",
        "The 2019-21 drought was long.",
        "It has been a quarter of a century since the war.",
        "He bought a C-17 and a F-35.",
    ],
)
def test_it_leaves_other_hyphens_commas_and_letters_alone(text):
    assert _figures(text) == []
