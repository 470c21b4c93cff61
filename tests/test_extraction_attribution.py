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


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # Arabic verbs beyond قال / أعلن, and long speakers.
        ("قالت وزارة الصحة في غزة إن الحصيلة ارتفعت.", "وزارة الصحة في غزة"),
        ("أعلنت الهيئة العامة للإحصاء في السعودية أن التضخم استقر.", "الهيئة العامة للإحصاء في السعودية"),
        ("وذكرت مصادر في القطاع أن الإنتاج تراجع.", "مصادر في القطاع"),
        ("قال الوزير في بيان إن الاتفاق وشيك.", "الوزير"),
        ("وقال المتحدث باسم وزارة الخارجية الإيرانية ناصر كنعاني، في مؤتمر صحفي، إن طهران ترفض.",
         "المتحدث باسم وزارة الخارجية الإيرانية ناصر كنعاني"),
        ("ونفت الشركة في وقت لاحق صحة التقارير.", "الشركة"),
        ("وقدّرت الأمم المتحدة عدد النازحين بنحو مليون.", "الأمم المتحدة"),
        ("وتوقعت شركة طيران الإمارات أن يرتفع عدد المسافرين.", "شركة طيران الإمارات"),
        ("وحذّرت منظمة الصحة العالمية من تفشي الكوليرا.", "منظمة الصحة العالمية"),
        ("وأعربت الأمم المتحدة عن قلقها.", "الأمم المتحدة"),
        ("ولفت التقرير إلى أن الأسعار ارتفعت.", "التقرير"),
        ("وأوضح وزير المالية محمد الجدعان، في تصريح لقناة العربية، أن العجز تراجع.", "وزير المالية محمد الجدعان"),
        ("حسب ما أفادت به وزارة الفلاحة، فإن المحصول تضاعف.", "وزارة الفلاحة"),
        ("بحسب بيان صادر عن مطارات دبي، ارتفع عدد المسافرين.", "بيان صادر عن مطارات دبي"),
        ("كشفت صحيفة «الشرق الأوسط» أن الجولة ستعقد في مسقط.", "صحيفة «الشرق الأوسط»"),
        # English: more verbs, tenses and long speakers.
        ("Prices will rise, the U.S. Energy Information Administration said.", "the U.S. Energy Information Administration"),
        ("\"We will not comment,\" the minister said.", "the minister"),
        ("\"Water is rising,\" said one local official.", "one local official"),
        ("A spokesperson for the ministry confirmed the delay.", "A spokesperson for the ministry"),
        ("Economists had forecast a gain of about 160,000 jobs.", "Economists"),
        ("The ministry has repeatedly denied any role.", "The ministry"),
        ("Goldman Sachs expects Brent to average $86.", "Goldman Sachs"),
        ("Unemployment is still low, economists say.", "economists"),
        ("Exports fell 2%, official figures showed.", "official figures"),
        ("Official data showed the economy grew.", "Official data"),
        ("About a third are struggling, a survey of 2,000 adults found.", "a survey of 2,000 adults"),
        ("Inflation fell, according to the Office for National Statistics (ONS).",
         "the Office for National Statistics (ONS)"),
        ("Rates rose, while Bank of England governor Andrew Bailey told the BBC that it was needed.",
         "Bank of England governor Andrew Bailey"),
        ("Officials estimate that damage exceeds $2 billion.", "Officials"),
    ],
)  # fmt: skip
def test_it_finds_more_verbs_and_long_speakers(text, speaker):
    assert _speakers(text) == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        "Heavy snow was forecast for the weekend.",
        "No deaths have been reported.",
        "Police found the car near the border.",
        "The minister refused to say when talks would resume.",
        "TV shows were cancelled.",
        "The forecast is for rain.",
        "وقدرت الخسائر بنحو مليون دولار.",
    ],
)
def test_it_does_not_take_passives_nouns_or_findings_for_reports(text):
    assert _speakers(text) == []
