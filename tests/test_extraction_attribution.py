"""Attribution: reporting verbs and the speaker as written."""

import pytest

from claims.extraction import extract_facts


def _speakers(text):
    return [f["speaker"] for f in extract_facts(text) if f["type"] == "attribution"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("أعلن الكرملين، اليوم الأربعاء، أنّ الاتصال جرى.", "الكرملين"),
        ("وأضاف الكرملين، في بيان، أنّ التنسيق قائم.", "الكرملين"),
        ("وأشار البيان إلى أنّ التعاون مستمر.", "البيان"),
        ("صرّح نائب وزير النفط الإيراني، أحمد أسد زاده، أنّ إيران تتوقع.", "نائب وزير النفط الإيراني، أحمد أسد زاده"),
        ("وفق ما أفاد الجانب الإيراني في منتصف الشهر.", "الجانب الإيراني"),
        ("قالت وزارة الخارجية الروسية في بيان إن المحادثات بناءة.", "وزارة الخارجية الروسية"),
        ("بحسب وكالة الأنباء الرسمية، فإن الاتفاق وقع.", "وكالة الأنباء الرسمية"),
        ("وفقاً لـوكالة تسنيم، فإن الوفد وصل.", "وكالة تسنيم"),
        ("ونقلت وكالة \"إرنا\" عن الوزير قوله إن الاتفاق وشيك.", "وكالة \"إرنا\""),
        ("نفى الوزير وجود خلافات.", "الوزير"),
        ("The Kremlin said on Wednesday that talks went well.", "The Kremlin"),
        ("Oil exports rose, the ministry said.", "the ministry"),
        ("\"We will sign soon,\" Putin told reporters.", "Putin"),
        ("\"Talks were good,\" said John Smith, the minister.", "John Smith"),
        ("According to the central bank, reserves are stable.", "the central bank"),
    ],
)  # fmt: skip
def test_it_finds_the_speaker(text, speaker):
    assert _speakers(text) == [speaker]


@pytest.mark.parametrize(
    "text", ["وقال إن الاتفاق وشيك.", "He said the deal was off.", "Lenders added €800 million."]
)
def test_it_finds_no_named_speaker_where_there_is_none(text):
    assert _speakers(text) == []
