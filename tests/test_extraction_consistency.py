"""Inconsistencies inside one article."""

import datetime as dt

import pytest

from claims.extraction import extract


def _of(result, kind):
    return [i for i in result.inconsistencies if i["type"] == kind]


@pytest.mark.parametrize(
    ("text", "span", "detail"),
    [
        ("في منتصف حزيران/يوليو الماضي.", "حزيران/يوليو", "حزيران is June (6) but يوليو is July (7)"),
        ("في يونيو تموز الماضي.", "يونيو تموز", "يونيو is June (6) but تموز is July (7)"),
        ("في حزيران (يوليو) الماضي.", "حزيران (يوليو)", "حزيران is June (6) but يوليو is July (7)"),
        ("في ديسمبر/ تشرين الثاني.", "ديسمبر/ تشرين الثاني",
         "ديسمبر is December (12) but تشرين الثاني is November (11)"),
    ],
)  # fmt: skip
def test_it_flags_dual_months_that_disagree(text, span, detail):
    found = _of(extract(text), "month_mismatch")
    assert [(i["text"], i["detail"]) for i in found] == [(span, detail)]


@pytest.mark.parametrize(
    "text",
    ["في تشرين الأول/أكتوبر", "في ديسمبر كانون الأول", "في سبتمبر (أيلول)", "في مايو/أيار"],
)
def test_it_never_flags_consistent_pairs(text):
    assert extract(text).inconsistencies == []


def test_it_flags_a_weekday_that_contradicts_its_date():
    # 19 July 2022 was a Tuesday.
    result = extract("التقى الوزيران الأربعاء 19 تموز/يوليو 2022 في فيينا.")
    found = _of(result, "weekday_mismatch")
    assert [i["text"] for i in found] == ["الأربعاء 19 تموز/يوليو 2022"]
    assert "Tuesday" in found[0]["detail"]
    assert _of(extract("التقى الوزيران الثلاثاء 19 تموز 2022 في فيينا."), "weekday_mismatch") == []


def test_it_uses_the_publication_year_when_the_date_has_none():
    text = "التقى الوزيران الأربعاء 19 تموز في فيينا."
    assert _of(extract(text), "weekday_mismatch") == []
    found = _of(extract(text, published=dt.date(2022, 7, 25)), "weekday_mismatch")
    assert len(found) == 1


def test_it_checks_today_against_the_publication_date():
    text = "أعلن الكرملين، اليوم الأربعاء، أن الاتصال جرى."
    assert _of(extract(text, published=dt.date(2022, 7, 20)), "weekday_mismatch") == []
    found = _of(extract(text, published=dt.date(2022, 7, 21)), "weekday_mismatch")
    assert [i["text"] for i in found] == ["اليوم الأربعاء"]


@pytest.mark.parametrize(
    ("text", "second"),
    [
        ("Gazprom signed the $40 billion deal. Officials said the $4 billion deal would help.",
         "$4 billion"),
        ("وقعت اتفاقية بقيمة 40 مليار دولار. وقال الوزير إن الاتفاقية البالغة 4 مليارات دولار مهمة.",
         "4 مليارات دولار"),
    ],
)  # fmt: skip
def test_it_flags_one_figure_reported_two_ways(text, second):
    found = _of(extract(text), "figure_conflict")
    assert [i["text"] for i in found] == [second]


def test_it_does_not_flag_different_things_or_restated_values():
    text = (
        "The $40 billion deal was signed. The $40 billion deal covers gas. "
        "Exports rose to $5bn from $4bn."
    )
    assert _of(extract(text), "figure_conflict") == []
