"""The stance rule (claims/checking.py): a figure that disagrees is what a checker must see first."""

import pytest

from claims.checking import SourceText, check_claim
from claims.extraction import extract_facts


def check(claim_text: str, source_text: str):
    return check_claim(
        claim_text=claim_text,
        claim_facts=extract_facts(claim_text),
        source=SourceText.of(source_text),
    )


def results(result) -> dict[str, str]:
    return {row["type"]: row["result"] for row in result.facts}


@pytest.mark.parametrize(
    ("claim", "source", "stance"),
    [
        # A money figure that disagrees, with a date that agrees: still a contradiction.
        (
            "The council approved a $4.2 million budget on 14 March 2025.",
            "On 14 March 2025 the council approved a budget of $2.7 million.",
            "contradicts",
        ),
        (
            "قالت الوزارة إن الصادرات ارتفعت 12% في عام 2023.",
            "The ministry said exports rose 7% in 2023.",
            "contradicts",
        ),
        (
            "The plant employs 2,150 people and cost $40bn.",
            "The plant cost $40bn and employs 1,200 people.",
            "mixed",
        ),
        (
            "Exports rose 12% to $40bn in 2023.",
            "Exports rose 12% in 2023, reaching $35bn.",
            "mixed",
        ),
        # Every figure agrees: supports; a matching date is not needed.
        (
            "Exports rose 12% to $40bn in 2023.",
            "In 2023 exports grew by 12 per cent to $40 billion.",
            "supports",
        ),
        # A date alone never supports a claim.
        (
            "The summit was held on 14 March 2025.",
            "Leaders met in Riyadh on 14 March 2025 for the summit.",
            "mentions",
        ),
    ],
)
def test_it_applies_the_stance_rule_to_real_text(claim, source, stance):
    assert check(claim, source).stance == stance


def test_it_says_mixed_rather_than_mentions_when_one_figure_agrees_and_another_does_not():
    result = check(
        "The plant employs 2,150 people and cost $40bn.",
        "The plant cost $40bn and employs 1,200 people.",
    )

    assert results(result) == {"quantity": "different", "money": "equal"}
    assert result.stance == "mixed"


def test_it_never_lets_an_agreeing_date_soften_a_disagreeing_figure():
    result = check(
        "The council approved a $4.2 million budget on 14 March 2025.",
        "On 14 March 2025 the council approved a budget of $2.7 million.",
    )

    assert results(result)["date"] == "equal"
    assert results(result)["money"] == "different"
    assert result.stance == "contradicts"


@pytest.mark.parametrize(
    ("claim", "source"),
    [
        ("The vote was on Monday, 14 March 2025.", "The vote was on Friday, 14 March 2025."),
        ("جرى التصويت يوم الاثنين 14 آذار/مارس 2025.", "جرى التصويت يوم الجمعة 14 آذار/مارس 2025."),
        # The source gives no weekday, but 14 March 2025 was a Friday by the calendar.
        ("The vote was on Monday, 14 March 2025.", "The vote was on 14 March 2025."),
    ],
)
def test_it_treats_a_weekday_as_part_of_the_date(claim, source):
    result = check(claim, source)

    assert results(result)["date"] == "different"
    assert result.stance == "contradicts"


def test_it_finds_the_same_date_with_the_same_weekday_equal():
    result = check(
        "The vote was on Friday, 14 March 2025.", "The vote was on Friday, 14 March 2025."
    )

    assert results(result)["date"] == "equal"
    assert result.stance == "mentions"  # a date alone never supports


def test_it_does_not_compare_a_bare_weekday_with_every_date_on_the_page():
    result = check("Exports rose 12% on Monday.", "On 14 March 2025 exports rose 12%.")

    assert results(result)["date"] == "absent"
    assert result.stance == "supports"
