"""Checking a claim's facts against a source's text: by value, across Arabic and English."""

import pytest

from claims.checking import (
    APPROXIMATE_TOLERANCE,
    EXACT_TOLERANCE,
    PASSAGE_MAX,
    SourceText,
    check_claim,
    sentence_bounds,
    speaker_key,
    stance_for,
    values_equal,
)
from claims.extraction import extract_facts

ARABIC_CLAIM = "وقّعت إيران وروسيا صفقة بنحو 40 مليار دولار في حزيران/يوليو، بحسب ما قال الكرملين."


def check(claim_text: str, source_text: str, facts: list[dict] | None = None):
    return check_claim(
        claim_text=claim_text,
        claim_facts=extract_facts(claim_text) if facts is None else facts,
        source=SourceText.of(source_text),
    )


def by_type(result, kind: str) -> dict:
    return next(row for row in result.facts if row["type"] == kind)


@pytest.mark.parametrize(
    "source",
    [
        "Iran and Russia signed a $40bn gas deal, officials said.",
        "The two countries agreed a deal worth 40 billion dollars.",
        "The deal is worth US$40 billion.",
        "Russia will invest about $41 billion in Iran's gas fields.",
        "وقعت روسيا وإيران اتفاقا بقيمة 40 مليار دولار.",
    ],
)
def test_it_supports_an_arabic_money_claim_from_a_source_in_either_language(source):
    result = check("وقّعت إيران وروسيا صفقة بنحو 40 مليار دولار", source)

    assert by_type(result, "money")["result"] == "equal"
    assert result.stance == "supports"


def test_it_contradicts_a_claim_whose_figure_the_source_gives_differently():
    source = "Iran and Russia signed a $4 billion gas deal, the Kremlin said."

    result = check("وقّعت إيران وروسيا صفقة بنحو 40 مليار دولار", source)

    money = by_type(result, "money")
    assert money["result"] == "different"
    assert money["seen"] == "$4 billion"
    assert money["seen_value"] == 4_000_000_000
    assert result.stance == "contradicts"
    start, end = money["passage"]["start"], money["passage"]["end"]
    assert "$4 billion" in source[start:end]


def test_it_ignores_a_figure_in_another_currency():
    result = check("The deal is worth $40bn.", "The deal is worth €40bn.")

    assert by_type(result, "money")["result"] == "absent"
    assert result.stance != "supports"


def test_it_resolves_a_dual_month_slip_in_favour_of_the_month_the_source_gives():
    source = "Iran and Russia signed a $40bn gas deal on July 19, 2022, the Kremlin said."

    result = check(ARABIC_CLAIM, source)

    date = by_type(result, "date")
    assert date["claim_text"] == "حزيران/يوليو"
    assert date["result"] == "equal"
    assert date["resolved_month"] == 7
    assert date["seen"] == "July 19, 2022"
    assert result.stance == "supports"


def test_it_resolves_the_slip_to_june_when_the_source_says_june():
    result = check(ARABIC_CLAIM, "The deal was signed on June 30, 2022 in Tehran for $40bn.")

    assert by_type(result, "date")["resolved_month"] == 6


def test_it_finds_an_attribution_when_the_speaker_is_named_near_the_figure():
    source = "وقال الكرملين في بيان إن الصفقة بلغت 40 مليار دولار في يوليو 2022."

    result = check(ARABIC_CLAIM, source)

    assert by_type(result, "attribution")["result"] == "equal"


def test_it_does_not_credit_a_speaker_named_far_from_the_figure():
    filler = " ".join(["وتحدث التقرير عن أمور أخرى كثيرة لا صلة لها بالموضوع."] * 20)
    source = f"وقعت الدولتان صفقة بقيمة 40 مليار دولار. {filler} وقال الكرملين إن الطقس جميل."

    result = check(ARABIC_CLAIM, source)

    assert by_type(result, "attribution")["result"] == "absent"


def test_it_normalises_arabic_spellings_of_a_speaker():
    assert speaker_key("الكرملينُ") == speaker_key("الكرملين")
    assert speaker_key("وزارة الخارجيّة") == speaker_key("وزاره الخارجيه")
    assert speaker_key("The Kremlin") == speaker_key("kremlin")


@pytest.mark.parametrize(
    ("claim", "seen", "equal"),
    [
        ({"type": "percent", "value": 5}, {"type": "percent", "value": 5.02}, True),
        ({"type": "percent", "value": 5}, {"type": "percent", "value": 5.03}, False),
        ({"type": "percent", "value": 5, "approximate": True}, {"type": "percent", "value": 5.4}, True),
        ({"type": "percent", "value": 5, "approximate": True}, {"type": "percent", "value": 5.6}, False),
        ({"type": "money", "value": 100, "currency": "USD"}, {"type": "money", "value": 109, "approximate": True}, True),
        ({"type": "money", "value": 100, "approximation": "more_than", "approximate": True}, {"type": "money", "value": 250}, True),
        ({"type": "money", "value": 100, "approximation": "more_than", "approximate": True}, {"type": "money", "value": 95}, False),
        ({"type": "money", "value": 100, "approximation": "up_to", "approximate": True}, {"type": "money", "value": 60}, True),
        ({"type": "money", "value": 35}, {"type": "money", "value_min": 30, "value_max": 40}, True),
        ({"type": "money", "value": 45}, {"type": "money", "value_min": 30, "value_max": 40}, False),
    ],
)  # fmt: skip
def test_it_applies_the_stated_tolerances(claim, seen, equal):
    assert EXACT_TOLERANCE == 0.005
    assert APPROXIMATE_TOLERANCE == 0.10
    assert values_equal(claim, seen) is equal


def test_it_matches_hand_built_facts_of_the_extraction_contract():
    facts = [
        {"type": "percent", "start": 0, "end": 2, "text": "5%", "value": 5},
        {
            "type": "quantity",
            "start": 3,
            "end": 11,
            "text": "6 months",
            "value": 6,
            "unit": "month",
        },
    ]

    result = check("5% in 6 months", "Prices rose 5% over six months, the bureau said.", facts)

    assert [row["result"] for row in result.facts] == ["equal", "equal"]
    assert result.stance == "supports"


def test_it_says_mentions_when_only_the_topic_is_shared():
    result = check(
        "Exports of Iranian pistachios rose 12% last year.",
        "Iranian pistachios exports are a large part of farm income.",
    )

    assert result.stance == "mentions"
    assert by_type(result, "percent")["result"] == "absent"


def test_it_says_not_found_when_the_source_is_about_something_else():
    result = check(
        "Exports of Iranian pistachios rose 12% last year.", "The football match ended 2-1."
    )

    assert result.stance == "not_found"
    assert result.passages == []


@pytest.mark.parametrize(
    ("results", "stance"),
    [
        ([("money", "different")], "contradicts"),
        ([("money", "different"), ("date", "equal")], "contradicts"),
        ([("money", "equal"), ("percent", "different")], "mixed"),
        ([("money", "equal"), ("date", "equal")], "supports"),
        ([("money", "equal"), ("date", "absent")], "supports"),
        ([("money", "equal"), ("date", "different")], "mixed"),
        ([("money", "absent"), ("date", "equal")], "mentions"),
        ([("date", "equal")], "mentions"),
        ([("date", "different")], "contradicts"),
        ([("attribution", "equal")], "mentions"),
        ([("money", "absent")], "not_found"),
    ],
)
def test_it_derives_the_stance_from_the_fact_results(results, stance):
    rows = [{"type": kind, "result": result} for kind, result in results]

    assert stance_for(rows, topical=False) == stance


def test_it_gives_passages_as_sentence_offsets_into_the_source_text():
    source = "First sentence here. Iran and Russia signed a $40bn deal. Last one."

    result = check("The deal is worth $40bn.", source)

    (passage,) = result.passages
    assert source[passage["start"] : passage["end"]] == "Iran and Russia signed a $40bn deal."


def test_it_clips_a_passage_in_text_without_sentence_ends():
    text = "x" * 5000 + " $40bn " + "y" * 5000

    start, end = sentence_bounds(text, 5001, 5006)

    assert start < 5001 < 5006 < end
    assert end - start <= PASSAGE_MAX + (5006 - 5001)
