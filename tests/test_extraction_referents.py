"""Speakers named by their kind ("the regulator", "وقالت الهيئة") resolve to the body named
earlier; a verb of expecting takes its subject as speaker; passive and plural speakers."""

import pytest

from claims.extraction import extract_facts


def _attributions(text):
    return [
        (f["speaker"], f.get("refers_to"))
        for f in extract_facts(text)
        if f["type"] == "attribution"
    ]


@pytest.mark.parametrize(
    ("text", "speaker", "refers_to"),
    [
        ("Norway's Petroleum Safety Authority opened an inquiry on Monday. The regulator said "
         "in a filing that the platform had leaked.", "The regulator", "Norway's Petroleum Safety Authority"),
        ("Budget carrier Wizz Air cut 40 routes. The airline said demand was weak.",
         "The airline", "Wizz Air"),
        ("Acme Holdings closed its plant in Leeds. The company said 300 jobs would go.",
         "The company", "Acme Holdings"),
        ("The Reserve Bank of Australia held rates. The bank said inflation was easing.",
         "The bank", "Reserve Bank of Australia"),
        ("Brazil's statistics agency IBGE published the data. The agency said output fell 2%.",
         "The agency", "IBGE"),
        ("أعلنت هيئة الطيران المدني تعليق الرحلات. وقالت الهيئة في بيان إن القرار مؤقت.",
         "الهيئة", "هيئة الطيران المدني"),
        ("وكانت شركة الاتصالات الوطنية قد رفعت أسعارها. وذكرت الشركة في بيان أن الأرباح ارتفعت.",
         "الشركة", "شركة الاتصالات الوطنية"),
        ("قالت وزارة الزراعة إن المحصول تضرر. وقالت وزارة المياه إن السدود ممتلئة. وأضافت الوزارة "
         "أن المخزون يكفي.", "الوزارة", "وزارة المياه"),
    ],
)  # fmt: skip
def test_it_resolves_a_speaker_named_by_its_kind(text, speaker, refers_to):
    assert (speaker, refers_to) in _attributions(text)


@pytest.mark.parametrize(
    "text",
    [
        "The regulator said in a filing that the platform had leaked.",
        "Shares fell sharply. The company said demand was weak.",
        "وقالت الهيئة في بيان إن القرار مؤقت.",
    ],
)
def test_it_resolves_nothing_without_a_named_body_before(text):
    assert all(refers_to is None for _s, refers_to in _attributions(text))


def test_it_keeps_the_surface_speaker_as_written():
    facts = extract_facts("Wizz Air cut routes. The airline said demand was weak.")
    fact = next(f for f in facts if f["type"] == "attribution")
    assert fact["text"] == "The airline said" and fact["speaker"] == "The airline"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("وقال الوزير إن الحكومة تتوقع إبرام اتفاقيات جديدة.", "الحكومة"),
        ("وأشار إلى أن المصرف المركزي يتوقع تراجع التضخم إلى 4%.", "المصرف المركزي"),
        ("صرّح نائب الوزير أنّ إيران تتوقع إبرام اتفاقيات عديدة مع روسيا.", "إيران"),
    ],
)
def test_it_takes_the_subject_before_a_verb_of_expecting_as_speaker(text, speaker):
    speakers = [s for s, _r in _attributions(text)]
    assert speaker in speakers
    assert not any(s.startswith(("إبرام", "تراجع")) for s in speakers)


def test_it_still_reads_the_speaker_after_a_verb_in_verb_first_order():
    assert [s for s, _r in _attributions("وفي بيان قالت الشركة إن الأرباح ارتفعت 5%.")] == [
        "الشركة"
    ]


@pytest.mark.parametrize(
    ("text", "fact_text", "speaker"),
    [
        ("Growth will slow to 2.8%, as estimated by the World Bank.",
         "as estimated by the World Bank", "the World Bank"),
        ("Sales rose 4%, as reported by the Financial Times.",
         "as reported by the Financial Times", "the Financial Times"),
        ("According to the Organisation for Economic Co-operation and Development (OECD), "
         "growth will slow.", "According to the Organisation for Economic Co-operation and "
         "Development (OECD)", "the Organisation for Economic Co-operation and Development (OECD)"),
        ("Analysts at a London brokerage expect two more cuts.", "Analysts at a London brokerage "
         "expect", "Analysts at a London brokerage"),
        ("ويتوقع محللون في شركة وساطة بدبي أن ترتفع الأسعار.", "ويتوقع محللون في شركة وساطة بدبي",
         "محللون في شركة وساطة بدبي"),
    ],
)  # fmt: skip
def test_it_finds_passive_and_plural_speakers(text, fact_text, speaker):
    facts = [f for f in extract_facts(text) if f["type"] == "attribution"]
    assert [(f["text"], f["speaker"]) for f in facts] == [(fact_text, speaker)]
