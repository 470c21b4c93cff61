"""Fractions used as shares are percent facts; fractions that are periods, ordinals or parts
of a number are not. Each row: text, the fact's span text, then the values it must carry."""

import pytest

from claims.extraction import extract


def _percents(text):
    result = extract(text)
    for f in result.facts:
        assert text[f["start"] : f["end"]] == f["text"]
    return [f for f in result.facts if f["type"] == "percent"]


SHARES = [
    # English: "<fraction> of …", "half the …", comparatives, changes.
    ("About a third of households are struggling.", "About a third", 33.33, "about"),
    ("A fifth of the population has been displaced.", "A fifth", 20, None),
    ("a quarter of respondents said no", "a quarter", 25, None),
    ("Two-thirds of voters backed the plan.", "Two-thirds", 66.67, None),
    ("more than three-quarters of the budget", "more than three-quarters", 75, "more_than"),
    ("Nearly half the population voted.", "Nearly half", 50, "nearly"),
    ("Half of them were children.", "Half", 50, None),
    ("half of the 2,000 workers quit", "half", 50, None),
    ("one-tenth of its reserves", "one-tenth", 10, None),
    ("demand grew by 970,000 bpd, a third lower than in 2023", "a third", 33.33, None),
    ("Exports fell by a quarter in May.", "a quarter", 25, None),
    ("The deficit was cut by about half.", "about half", 50, "about"),
    # English: "N in M".
    ("One in five adults skip meals.", "One in five", 20, None),
    ("1 in 4 children live in poverty", "1 in 4", 25, None),
    ("nearly one in three homes", "nearly one in three", 33.33, "nearly"),
    ("Nine out of 10 doctors agree.", "Nine out of 10", 90, None),
    ("one out of every five jobs", "one out of every five", 20, None),
    # Arabic: an indefinite fraction in construct with a share of something.
    ("يعيش ثلث السكان في المدن.", "ثلث", 33.33, None),
    ("ويذهب نحو ربع الميزانية إلى الدفاع.", "نحو ربع", 25, "about"),
    ("وقال إن نصف سكان غزة نزحوا.", "نصف", 50, None),
    ("فقد أكثر من خمس العاملين وظائفهم.", "أكثر من خمس", 20, "more_than"),
    ("صوّت ثلثا الأعضاء لصالح القرار.", "ثلثا", 66.67, None),
    ("يملك ثلاثة أرباع السكان هواتف ذكية.", "ثلاثة أرباع", 75, None),
    ("وقرابة نصفهم من النساء.", "قرابة نصفهم", 50, "nearly"),
    ("يعاني طفل من كل خمسة أطفال من سوء التغذية.", "طفل من كل خمسة", 20, None),
    ("واحد من بين كل أربعة شبان عاطل عن العمل.", "واحد من بين كل أربعة", 25, None),
    # Diacritics and Eastern digits keep exact spans.
    ("يعيشُ ثُلثُ السكان في المدن.", "ثُلثُ", 33.33, None),
    ("١ من كل ٤ أطفال", "١ من كل ٤", 25, None),
]


@pytest.mark.parametrize(("text", "span", "value", "approximation"), SHARES)
def test_it_reads_a_fraction_of_something_as_a_percent(text, span, value, approximation):
    found = [f for f in _percents(text) if f["text"] == span]
    assert len(found) == 1, _percents(text)
    fact = found[0]
    assert fact["value"] == value
    assert fact.get("approximation") == approximation
    assert fact.get("approximate", False) is (approximation is not None)


NOT_SHARES = [
    "They waited half an hour for the bus.",
    "It has been a quarter of a century since the war.",
    "Third-quarter results beat forecasts.",
    "On the third day of talks, the sides met again.",
    "Q3 revenue rose.",
    "In the first half of 2024 the bank hired staff.",
    "Heavy rains continued for a third week.",
    "A second round was held in March and a third in May.",
    "It was settled by a third party.",
    "The talks lasted a year and a half.",
    "We are a third of the way through the season.",
    "The bank reported half-year results on behalf of the group.",
    "Such floods happen one in 10 years.",
    "Sales rose in three quarters of the year.",
    "انتظر الوفد نصف ساعة.",
    "مضى ربع قرن على الاتفاق.",
    "تراجعت الأرباح في الربع الثالث.",
    "سيُصرف الراتب في الثلث الأخير من الشهر.",
    "تأهل الفريق إلى الدور نصف النهائي.",
    "وذكرت وكالة فارس نصف الرسمية أن الجلسة انتهت.",
    "واستمرت المفاوضات خمس سنوات.",
    "وانتهى الاجتماع الساعة الثالثة وربع.",
    "وصل الوفد يوم الأربعاء.",
    "No one in 10 Downing Street commented.",
]


@pytest.mark.parametrize("text", NOT_SHARES)
def test_it_leaves_periods_ordinals_and_labels_alone(text):
    assert _percents(text) == []


PART_OF_A_NUMBER = [
    ("The government set aside two and a half billion dollars.", "money"),
    ("Half a million dollars will go to training.", "money"),
    ("رُصد مليار ونصف دولار للمشروع.", "money"),
    ("ورصد مليون ونصف المليون دولار للري.", "money"),
    ("وتضرر نصف مليون شخص.", "quantity"),
]


@pytest.mark.parametrize(("text", "kind"), PART_OF_A_NUMBER)
def test_it_does_not_report_a_fraction_inside_a_number_twice(text, kind):
    facts = extract(text).facts
    assert [f["type"] for f in facts if f["type"] in ("money", "quantity", "percent")] == [kind]


def test_it_reads_the_ratio_as_a_share_not_a_count():
    facts = extract("One in five adults skip meals; طفل من كل خمسة أطفال يعاني.").facts
    assert [(f["type"], f["text"]) for f in facts if f["type"] != "attribution"] == [
        ("percent", "One in five"),
        ("percent", "طفل من كل خمسة"),
    ]


def test_it_names_the_fraction_it_read():
    (fact,) = _percents("Two-thirds of voters backed the plan.")
    assert fact["fraction"] == "2/3"
