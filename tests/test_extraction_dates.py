"""Dates: three Arabic month families, dual notations, English, numeric, Hijri, relative."""

import pytest

from claims.extraction import extract_facts


def _dates(text):
    return [f for f in extract_facts(text) if f["type"] == "date"]


def _one(text):
    dates = _dates(text)
    assert len(dates) == 1, dates
    return dates[0]


@pytest.mark.parametrize(
    ("text", "span", "month"),
    [
        ("في كانون الثاني", "كانون الثاني", 1), ("في شباط", "شباط", 2), ("في آذار", "آذار", 3),
        ("في نيسان", "نيسان", 4), ("في أيار", "أيار", 5), ("في حزيران", "حزيران", 6),
        ("في تموز", "تموز", 7), ("في آب", "آب", 8), ("في أيلول", "أيلول", 9),
        ("في تشرين الأول", "تشرين الأول", 10), ("في تشرين الثاني", "تشرين الثاني", 11),
        ("في كانون الأول", "كانون الأول", 12), ("في يناير", "يناير", 1), ("في فبراير", "فبراير", 2),
        ("في مارس", "مارس", 3), ("في إبريل", "إبريل", 4), ("في أبريل", "أبريل", 4),
        ("في مايو", "مايو", 5), ("في يونيه", "يونيه", 6), ("في يوليه", "يوليه", 7),
        ("في أغسطس", "أغسطس", 8), ("في سبتمبر", "سبتمبر", 9), ("في أكتوبر", "أكتوبر", 10),
        ("في نوفمبر", "نوفمبر", 11), ("في ديسمبر", "ديسمبر", 12), ("في جانفي", "جانفي", 1),
        ("في فيفري", "فيفري", 2), ("في أفريل", "أفريل", 4), ("في ماي", "ماي", 5),
        ("في جوان", "جوان", 6), ("في جويلية", "جويلية", 7), ("في أوت", "أوت", 8),
        ("في يوليوز", "يوليوز", 7), ("في غشت", "غشت", 8), ("في شتنبر", "شتنبر", 9),
        ("في نونبر", "نونبر", 11), ("في دجنبر", "دجنبر", 12), ("in Sept.", "Sept.", 9),
        ("in January", "January", 1),
    ],
)  # fmt: skip
def test_it_knows_every_month_family(text, span, month):
    date = _one(text)
    assert (date["text"], date["month"]) == (span, month)


@pytest.mark.parametrize(
    "text", ["أب لثلاثة أطفال", "مارس الرياضة بانتظام", "You may go", "He will march on", "ماي"]
)
def test_it_needs_a_date_context_for_short_month_words(text):
    assert _dates(text) == []


@pytest.mark.parametrize(
    ("text", "span", "months"),
    [
        ("في تشرين الأول/أكتوبر", "تشرين الأول/أكتوبر", [10, 10]),
        ("في مايو/أيار", "مايو/أيار", [5, 5]),
        ("في ديسمبر/ كانون الأول", "ديسمبر/ كانون الأول", [12, 12]),
        ("في ديسمبر كانون الأول", "ديسمبر كانون الأول", [12, 12]),
        ("في سبتمبر (أيلول)", "سبتمبر (أيلول)", [9, 9]),
        ("في حزيران/يوليو", "حزيران/يوليو", [6, 7]),
        ("في يونيو تموز", "يونيو تموز", [6, 7]),
        ("في حزيران (يوليو)", "حزيران (يوليو)", [6, 7]),
    ],
)
def test_it_reads_dual_notation(text, span, months):
    date = _one(text)
    assert date["text"] == span
    if months[0] == months[1]:
        assert date["month"] == months[0] and "months" not in date
    else:
        assert date["month"] is None and date["months"] == months


@pytest.mark.parametrize(
    ("text", "span", "ymd"),
    [
        ("في 19 تموز/يوليو 2022", "19 تموز/يوليو 2022", (2022, 7, 19)),
        ("يوم ٥ أيار ٢٠٢٣", "٥ أيار ٢٠٢٣", (2023, 5, 5)),
        ("on 19/7/2022.", "19/7/2022", (2022, 7, 19)),
        ("on 2022-07-19.", "2022-07-19", (2022, 7, 19)),
        ("on July 19, 2022.", "July 19, 2022", (2022, 7, 19)),
        ("on 5 March 2023.", "5 March 2023", (2023, 3, 5)),
        ("on Jan. 5, 2024.", "Jan. 5, 2024", (2024, 1, 5)),
        ("بدأت عام 2017 برعاية", "عام 2017", (2017, None, None)),
        ("منذ 2011", "2011", (2011, None, None)),
        ("in 2017", "2017", (2017, None, None)),
    ],
)
def test_it_reads_full_dates_and_years(text, span, ymd):
    date = _one(text)
    assert (date["text"], (date["year"], date["month"], date["day"])) == (span, ymd)


def test_it_keeps_hijri_years_hijri():
    date = _one("صدر عام 1445 هـ")
    assert (date["year"], date["calendar"]) == (1445, "hijri")


@pytest.mark.parametrize(
    ("text", "relative"),
    [
        ("أمس", "yesterday"), ("الشهر الماضي", "last_month"), ("العام المقبل", "next_year"),
        ("الأسبوع القادم", "next_week"), ("yesterday", "yesterday"), ("last month", "last_month"),
        ("next week", "next_week"),
    ],
)  # fmt: skip
def test_it_reads_relative_dates(text, relative):
    assert _one(text)["relative"] == relative


def test_it_reads_today_with_a_weekday():
    date = _one("أعلن الكرملين، اليوم الأربعاء، أن")
    assert (date["text"], date["weekday"], date["relative"]) == ("اليوم الأربعاء", 2, "today")
