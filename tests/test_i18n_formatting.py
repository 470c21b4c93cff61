"""Facts in words, in the interface language: claims.formatting."""

import pytest
from django.utils import translation

from claims import formatting

MONEY = {"type": "money", "text": "بنحو 40 مليار دولار", "value": 40000000000, "currency": "USD",
         "approximate": True}  # fmt: skip
DUAL_MONTH = {"type": "month_mismatch", "text": "حزيران/يوليو", "months": [6, 7],
              "detail": "حزيران is June (6) but يوليو is July (7)"}  # fmt: skip
RAW_KEYS = ("value:", "weekday:", "months:", "month_mismatch", "{", "[")


@pytest.mark.parametrize(
    ("language", "text", "exact"),
    [
        ("en", "about 40 billion US dollars", "40,000,000,000 USD"),
        ("ar", "نحو 40 مليار دولار أمريكي", "40,000,000,000 USD"),
    ],
)
def test_it_reads_money_out_with_the_exact_value_for_the_hover(language, text, exact):
    with translation.override(language):
        view = formatting.fact_view(MONEY)
    assert view.text == text
    assert view.exact.replace("٬", ",") == exact


def test_it_says_a_dual_month_mismatch_in_a_sentence():
    with translation.override("en"):
        view = formatting.fact_view(DUAL_MONTH)
    assert view.text == ("The article names two different months, June (حزيران) and July (يوليو).")
    with translation.override("ar"):
        assert formatting.fact_view(DUAL_MONTH).text.startswith("يذكر المقال شهرين مختلفين")


def test_it_keeps_the_levantine_month_names_an_article_uses():
    fact = {"type": "date", "text": "تشرين الثاني/نوفمبر", "month": 11, "relative": "last"}
    with translation.override("ar"):
        assert formatting.fact_view(fact).text == "تشرين الثاني/نوفمبر (الماضي)"
    with translation.override("en"):
        assert formatting.fact_view(fact).text == "November (last)"


def test_it_names_the_weekday_and_a_relative_day():
    fact = {"type": "date", "text": "اليوم الأربعاء", "weekday": 2, "relative": "today"}
    with translation.override("en"):
        assert formatting.fact_view(fact).text == "Wednesday (today)"
    with translation.override("ar"):
        assert formatting.fact_view(fact).text == "الأربعاء (اليوم)"


def test_it_counts_quantities_with_arabic_plurals():
    with translation.override("ar"):
        assert formatting.fact_view({"type": "quantity", "value": 6, "unit": "month"}).text == (
            "6 أشهر"
        )
    with translation.override("en"):
        assert formatting.fact_view({"type": "quantity", "value": 6, "unit": "month"}).text == (
            "6 months"
        )


@pytest.mark.parametrize(
    "fact",
    [
        MONEY,
        DUAL_MONTH,
        {"type": "weekday_mismatch", "weekday": 4, "expected_weekday": 2, "text": "الجمعة"},
        {"type": "figure_conflict", "other_start": 10, "other_end": 20, "text": "5%"},
        {"type": "percent", "value": 12.5},
        {"type": "attribution", "speaker": "الكرملين"},
        {"type": "date", "months": [6, 7], "text": "حزيران/يوليو"},
        {"type": "quantity", "value": 3, "unit": "barrel_per_day"},
        {"type": "something_new", "value": 1},
    ],
)
@pytest.mark.parametrize("language", ["ar", "en"])
def test_it_never_shows_a_raw_key_or_literal(fact, language):
    with translation.override(language):
        view = formatting.fact_view(fact)
    for raw in RAW_KEYS:
        assert raw not in view.text
    assert view.label and view.label != fact["type"]


def test_it_labels_check_worthiness_with_a_level_and_reasons():
    with translation.override("en"):
        level = formatting.checkworthiness(0.87, [MONEY, {"type": "attribution"}])
    assert (level["level"], level["label"]) == ("high", "high")
    assert level["title"] == (
        "Score 0.87 of 1. Why: it names a sum of money, it is attributed to a speaker."
    )
    with translation.override("ar"):
        assert formatting.checkworthiness(0.3)["label"] == "منخفضة"


def test_it_writes_arabic_indic_digits_only_for_who_chose_them():
    assert formatting.localize_digits("40 (2024)") == "40 (2024)"
    token = formatting.digits_style.set("arabic-indic")
    try:
        assert formatting.localize_digits("40 (2024)") == "٤٠ (٢٠٢٤)"
    finally:
        formatting.digits_style.reset(token)


def test_it_names_a_default_queue_in_the_readers_language(defaults):
    from django.utils import translation

    from reviews.models import Queue

    desk = Queue.objects.get(slug="english-desk")
    own = Queue.objects.create(slug="gaza", name="Gaza desk")  # a newsroom's own name stays

    with translation.override("ar"):
        assert str(desk) != "English desk" and str(desk).strip()
        assert str(own) == "Gaza desk"
    with translation.override("en"):
        assert str(desk) == "English desk"
