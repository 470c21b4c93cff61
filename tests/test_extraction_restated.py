"""A total restated differently after the headline or opening is a figure_conflict; different
things with different figures are not."""

import pytest

from claims.extraction import extract


def _conflicts(text):
    return [i["text"] for i in extract(text).inconsistencies if i["type"] == "figure_conflict"]


@pytest.mark.parametrize(
    ("text", "conflict"),
    [
        (
            "Meta agrees $5 billion privacy settlement\n"
            "Meta Platforms agreed to pay $5 billion to settle privacy claims, a filing showed.\n"
            "The settlement, which lawyers for the plaintiffs valued at $5.5 billion, needs a "
            "judge's approval.\n",
            "$5.5 billion",
        ),
        (
            "Port of Tema gets €300 million upgrade\n"
            "The port will receive a €300 million upgrade, officials said on Monday.\n"
            "Work on the €350 million upgrade starts next year.\n",
            "€350 million",
        ),
        (
            "الحكومة تخصص 3 مليارات دولار لدعم القمح\n"
            "خصصت الحكومة 3 مليارات دولار لدعم مزارعي القمح هذا العام.\n"
            "وسيوزع الدعم البالغ 3.4 مليار دولار على دفعتين.\n",
            "3.4 مليار دولار",
        ),
        (
            "Unemployment rose to 5.2% in March from 4.9% in February, the agency said.\n"
            "With unemployment at 5.4% in March, the central bank faces pressure.\n",
            "5.4%",
        ),
    ],
)
def test_it_finds_a_figure_restated_differently(text, conflict):
    assert _conflicts(text) == [conflict]


@pytest.mark.parametrize(
    "text",
    [
        "Meta agrees $5 billion privacy settlement\n"
        "Meta Platforms agreed to pay $5 billion to settle privacy claims.\n"
        "Revenue rose to $4.8 billion while the company paid a $5.2 billion fine in 2019.\n",
        "Inflation rose to 5.2% in March.\nInflation was 5.6% in April, the agency said.\n",
        "Exports hit $40 billion\nExports reached $40 billion last year.\n"
        "Imports were $45 billion.\n",
        "وارتفع التضخم إلى 5% في مارس.\nوبلغ التضخم 6% في أبريل.\n",
    ],
)
def test_it_finds_no_conflict_between_different_things(text):
    assert _conflicts(text) == []


def test_it_never_takes_two_temperature_readings_for_one_figure():
    text = (
        "Temperatures reached 43.2C in Seville on Friday.\n"
        "Last August, average temperatures reached 27.1C across the region.\n"
    )
    assert _conflicts(text) == []
