"""Dates that span or compare: ranges, the same period last year, yardstick years, parts."""

import pytest

from claims.extraction import extract_facts


def _dates(text):
    return [
        {k: v for k, v in f.items() if k not in ("start", "end", "type") and v is not None}
        for f in extract_facts(text)
        if f["type"] == "date"
    ]


@pytest.mark.parametrize(
    ("text", "span", "year", "end_year"),
    [
        ("Exports fell between 2015 and 2018.", "between 2015 and 2018", 2015, 2018),
        ("Output rose from 2020 to 2022.", "from 2020 to 2022", 2020, 2022),
        ("The 2019-21 drought was the worst.", "2019-21", 2019, 2021),
        ("وتراجعت الصادرات بين 2019 و2020.", "بين 2019 و2020", 2019, 2020),
        ("وارتفعت من عام 2015 إلى عام 2018.", "من عام 2015 إلى عام 2018", 2015, 2018),
    ],
)
def test_it_reads_a_range_of_years_as_one_date(text, span, year, end_year):
    assert _dates(text) == [{"text": span, "year": year, "end_year": end_year}]


def test_it_makes_no_figure_of_the_years_of_a_range():
    facts = extract_facts("وتعتزم الشركة استثمار ما بين 40 و50 مليار دولار بين 2026 و2031.")
    assert [f["type"] for f in facts] == ["money", "date"]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Profit rose 8% from the same quarter a year earlier.", "the same quarter a year earlier"),
        ("Sales beat the same period last year.", "the same period last year"),
        ("وزادت الأرباح 10% عن الفترة نفسها من العام الماضي.", "الفترة نفسها من العام الماضي"),
        ("مقارنة بالفترة ذاتها من العام الماضي.", "الفترة ذاتها من العام الماضي"),
        ("وعن نفس الفترة من السنة السابقة.", "نفس الفترة من السنة السابقة"),
    ],
)
def test_it_reads_the_same_period_last_year(text, span):
    assert _dates(text) == [{"text": span, "relative": "same_period_last_year"}]


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Output beat a record 2019 and was higher than 2018.", [2019, 2018]),
        ("Summers like 2003 are now common.", [2003]),
        ("Passengers rose 14% on 2023.", [2023]),
        ("وكان شتاء 2012 أشد برودة، مقارنة بعام 2011.", [2012, 2011]),
    ],
)
def test_it_reads_a_year_used_as_a_yardstick(text, years):
    assert [d["year"] for d in _dates(text)] == years


def test_it_leaves_counts_after_comparison_words_alone():
    assert _dates("He scored against 2020 rivals and than 2019 people.") == []


@pytest.mark.parametrize(
    ("text", "span", "part"),
    [
        ("The plan ends at the end of March.", "March", "end"),
        ("Talks resume in mid-July.", "July", "middle"),
        ("Deliveries start in early 2027.", "2027", "early"),
        ("Work is due by the end of 2026.", "2026", "end"),
        ("وينتهي البرنامج في أواخر آذار/مارس.", "آذار/مارس", "late"),
        ("ويبدأ التشغيل بنهاية يونيو.", "يونيو", "end"),
        ("ويكتمل المشروع منتصف 2026.", "2026", "middle"),
    ],
)
def test_it_keeps_the_part_of_a_month_or_year(text, span, part):
    (date,) = _dates(text)
    assert (date["text"], date["part"]) == (span, part)
