"""Sentences, clauses, bullets, headlines and boilerplate lines."""

import pytest

from claims.extraction import extract


def _claims(text):
    return [c.text for c in extract(text).claims]


def test_it_splits_arabic_sentences_and_keeps_commas_inside():
    text = "وقّعت الشركة، وفق البيان، اتفاقية كبيرة. هل يصمد الاتفاق؟ وأكد الوزير أن العمل بدأ!"
    assert _claims(text) == [
        "وقّعت الشركة، وفق البيان، اتفاقية كبيرة.",
        "هل يصمد الاتفاق؟",
        "وأكد الوزير أن العمل بدأ!",
    ]


def test_it_keeps_english_abbreviations_and_decimals_inside_sentences():
    text = "Mr. Smith met U.S. officials on Jan. 12, 2024 in Washington. Growth was 2.5% in No. 7 zone."
    assert _claims(text) == [
        "Mr. Smith met U.S. officials on Jan. 12, 2024 in Washington.",
        "Growth was 2.5% in No. 7 zone.",
    ]


def test_it_ends_a_sentence_after_closing_quotes():
    text = "وقال الوزير: «الاتفاق جاهز للتوقيع الآن». وأضاف أن التوقيع قريب جدا."
    assert _claims(text) == [
        "وقال الوزير: «الاتفاق جاهز للتوقيع الآن».",
        "وأضاف أن التوقيع قريب جدا.",
    ]


def test_it_strips_bullets():
    assert _claims("• Exports rose 5% in March this year\n- Imports fell 3% in April") == [
        "Exports rose 5% in March this year",
        "Imports fell 3% in April",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "اقرأ أيضاً: إيران تدعم سيادة سوريا ووحدة أراضيها",
        "اقرأ أيضا: البنك الدولي يخفض توقعاته للنمو",
        "اخترنا لك",
        "Read more: Central banks hold rates steady as inflation cools",
        "Read also: Five things to know about the bond sale",
        "Related: Five things to know about the $500 million bond sale",
        "Subscribe to our newsletter for the latest news every morning",
        "Sign up for our morning briefing and get the news first",
        "اشترك في النشرة البريدية لتصلك آخر الأخبار",
        "صورة: مقر البنك المركزي في العاصمة",
        "Photo: Traders work on the floor of the exchange",
        "(Photo by John Smith/AFP via Getty Images)",
        "Workers leave the bank headquarters in London (Reuters)",
        "عمال يغادرون مقر البنك في العاصمة (رويترز)",
    ],
)
def test_it_never_turns_boilerplate_into_claims(line):
    text = f"Exports rose 5% in March, the ministry said.\n{line}\nImports fell 3% in April."
    assert not any(line.strip()[:12] in c for c in _claims(text))


def test_it_drops_a_caption_repeated_verbatim():
    text = (
        "  • الرئيس الروسي فلاديمير بوتين ونظيره الإيراني\n"
        "    الرئيس الروسي فلاديمير بوتين ونظيره الإيراني\n"
        "أعلن الكرملين أن الرئيسين بحثا التعاون الاقتصادي."
    )
    assert _claims(text) == ["أعلن الكرملين أن الرئيسين بحثا التعاون الاقتصادي."]


@pytest.mark.parametrize(
    "text",
    [
        "هل يستطيع الاقتصاد الصمود أمام 3 صدمات متتالية؟",
        "أعتقد أن الحكومة يجب أن تخفض الإنفاق.",
        "نرى أن الاتفاق سيفشل في النهاية.",
        "في رأيي، هذه الخطة لن تنجح أبدا.",
        "I think the government should cut spending now.",
        "We believe the central bank will act soon.",
        "Can the economy survive a 10% drop in exports?",
    ],
)
def test_it_scores_questions_and_opinions_low(text):
    (claim,) = extract(text).claims
    assert claim.checkworthiness < 0.3


def test_it_scores_figures_high():
    (claim,) = extract("وقّعت الشركة اتفاقية بقيمة 40 مليار دولار.").claims
    assert claim.kind == "money" and claim.checkworthiness >= 0.8
