"""Property tests: any text is either refused as empty or extracted with honest offsets."""

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import ExtractionError, extract, extract_facts

_PIECES = [
    "٠", "١", "٢", "٣", "٤", "٥", "٦", "٧", "٨", "٩", "۱", "۲", "۴", "0", "1", "2", "9", "٫", "٬",
    "٪", "%", ",", ".", "،", "؛", "؟", "/", "(", ")", " ", "\n", "\u00a0", "\u200f", "ـ", "ّ",
    "ٍ", "مليار", "مليارات", "ملياري", "ألف", "آلاف", "دولار", "ريال", "سعودي", "ليرة",
    "بنحو", "نحو", "أكثر من", "بين", "و", "حزيران", "يوليو", "تشرين الأول", "أكتوبر", "آب",
    "ماي", "مارس", "كانون الثاني", "الأربعاء", "اليوم", "أمس", "الماضي", "هـ", "عام", "في",
    "المئة", "في المئة", "أشهر", "برميل", "يوميا", "قال", "أعلن", "الكرملين", "أن", "•",
    "اقرأ أيضاً", "«", "»", '"', "$", "€", "bn", "billion", "July", "May", "Wednesday",
    "said", "the", "Read more:", "percent", "between", "and", "about", "people", "km",
]  # fmt: skip
arabic_soup = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)


def _check(text):
    try:
        result = extract(text)
    except ExtractionError:
        assert not text.strip()
        return
    assert text.strip()
    assert result.language in ("ar", "en")
    for claim in result.claims:
        assert 0 <= claim.start <= claim.end <= len(text)
        assert text[claim.start : claim.end] == claim.text
        assert 0.0 <= claim.checkworthiness <= 1.0
        for f in claim.facts:
            assert claim.start <= f["start"] <= f["end"] <= claim.end
    for item in result.facts + result.inconsistencies:
        assert 0 <= item["start"] <= item["end"] <= len(text)
        assert text[item["start"] : item["end"]] == item["text"]
    result.to_dict()


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_it_handles_any_unicode_text(text):
    _check(text)


@settings(max_examples=200, deadline=None)
@given(arabic_soup)
def test_it_handles_arabic_numbers_months_and_separators(text):
    _check(text)


@settings(max_examples=100, deadline=None)
@given(arabic_soup)
def test_it_finds_the_same_facts_on_the_fast_path(text):
    if text.strip():
        assert extract_facts(text) == extract(text).facts


def test_it_survives_huge_numbers_and_long_runs():
    for text in ["1" * 400 + "%", "9" * 40 + " مليار دولار", "1e308 %", "٫" * 1000 + "٪",
                 ("مليار " * 200) + "دولار", ("آلاف " * 300) + "دولار", "1," * 500 + " dollars"]:  # fmt: skip
        _check(text)
