"""The pure matching package: fact keys, text normalisation, concepts and the score."""

import pytest

from claims.checking import APPROXIMATE_TOLERANCE
from claims.extraction import extract_facts
from claims.matching import lookup_keys, score_pair, signature_of
from claims.matching.signature import bucket, fact_keys
from claims.matching.text import content_stems, stem


def sig(text: str, language: str | None = None):
    return signature_of(text, extract_facts(text, language), language)


@pytest.mark.parametrize(
    ("value", "key"),
    [
        (40_000_000_000, "4.0e10"),
        (7.5, "7.5e0"),
        (1_200, "1.2e3"),
        (0.5, "5.0e-1"),
        (99_960, "1.0e5"),
    ],
)
def test_it_buckets_a_value_to_two_significant_digits(value, key):
    assert bucket(value) == key


@pytest.mark.parametrize("seen", [36.5e9, 40e9, 43.9e9])
def test_it_looks_up_every_bucket_inside_the_checkers_widest_tolerance(seen):
    query = sig("Trade reached about $40bn.")
    indexed = fact_keys([{"type": "money", "value": seen, "currency": "USD"}])

    assert set(indexed) <= set(lookup_keys(query))
    assert abs(seen - 40e9) <= 40e9 * APPROXIMATE_TOLERANCE


def test_it_does_not_look_up_a_figure_ten_times_smaller():
    query = sig("Trade reached about $40bn.")

    assert "money:USD:4.0e9" not in lookup_keys(query)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("reached", "reach"),
        ("voted", "vote"),
        ("والتجارة", "التجارة"),
        ("التجارة", "تجارة"),
    ],
)
def test_it_stems_reworded_forms_alike(a, b):
    assert content_stems(a) == content_stems(b)
    assert stem(content_stems(a)[0]) == content_stems(a)[0]  # a stem stems to itself


def test_it_reads_arabic_spelling_variants_as_one_text():
    plain = content_stems("اعلنت وزاره الصحه اغلاق المدارس في الاسكندريه")
    marked = content_stems("أعلنت وزارةُ الصحّة إغلاقَ المدارس في الإسكندرية")

    assert plain == marked


def test_it_gives_arabic_and_english_claims_the_same_concepts():
    english = sig("Trade between Russia and Iran reached $40bn, the Kremlin said.", "en")
    arabic = sig("قال الكرملين إن التجارة بين روسيا وإيران بلغت 40 مليار دولار", "ar")

    assert english.concepts == arabic.concepts == {"russia", "iran", "trade"}
    assert english.speakers & arabic.speakers


def test_it_explains_a_cross_language_match_in_machine_keys():
    match = score_pair(
        sig("Trade between Russia and Iran reached about $40bn in June 2024.", "en"),
        sig("بلغ التبادل التجاري بين روسيا وإيران نحو 40 مليار دولار في يونيو 2024", "ar"),
    )

    assert match.score >= 0.9
    assert {"key": "same_figure", "value": "40 bn USD"} in match.reasons
    assert {"key": "same_date", "value": "2024-06"} in match.reasons


@pytest.mark.parametrize(
    "other",
    [
        "Trade between Russia and Iran reached about $4bn in June 2024.",  # 40 bn vs 4 bn
        "Trade between Russia and Iran reached about $40bn in July 2024.",  # June vs July
    ],
)
def test_it_keeps_near_misses_below_the_suggestion_level(other, settings):
    match = score_pair(
        sig("Trade between Russia and Iran reached about $40bn in June 2024."), sig(other)
    )

    assert match.score < settings.CLAIMDESK_MATCH_SUGGEST
    assert {r["key"] for r in match.reasons} & {"different_figure", "different_date"}


def test_it_does_not_take_more_than_6000_for_more_than_60000():
    match = score_pair(
        sig("The earthquake killed more than 6,000 people in Syria."),
        sig("The earthquake killed more than 60,000 people in Syria."),
    )

    assert any(r["key"] == "different_figure" for r in match.reasons)


def test_it_marks_a_claim_that_swaps_one_country_for_another():
    match = score_pair(
        sig("Trade between Russia and Iran reached $40bn in 2023."),
        sig("Trade between Russia and China reached $40bn in 2023."),
    )

    assert any(r["key"] == "different_names" for r in match.reasons)
    assert match.score < 0.7
