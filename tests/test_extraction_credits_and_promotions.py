"""Wire credit lines and promotions are page furniture: never claims, never figures in conflict."""

import pytest

from claims.extraction import extract

BODY = "The ministry said exports rose 4% in May.\n"


@pytest.mark.parametrize(
    "line",
    [
        "(Reporting by Omar Khalil in Cairo; Editing by Sarah Jones)",
        "(Additional reporting by Lina Haddad; Writing by Tom Reed; Editing by Mark Potter)",
        "(Compiled by the Gdansk newsroom)",
        "(تغطية صحفية سامر علي - إعداد ليلى حسن للنشرة العربية - تحرير منير البويطي)",
        "(إعداد رنا يوسف للنشرة العربية)",
        "(كتابة هالة منصور - تحرير محمد عبد العال)",
        "تابعوا آخر الأخبار الاقتصادية عبر قناتنا على تلغرام",
        "تابعونا على حسابنا في إنستغرام لمشاهدة المزيد من التقارير",
        "حمّلوا تطبيق الموقع لتصلكم الأخبار العاجلة أولاً بأول",
        "Download the Daily Ledger app to get breaking news first.",
        "Get our morning newsletter delivered to your inbox.",
        "Listen to our weekly podcast on markets.",
        "Join our WhatsApp channel for the latest updates.",
    ],
)
def test_it_makes_no_claim_of_a_credit_line_or_promotion(line):
    result = extract(BODY + line + "\n")
    assert [c.text for c in result.claims] == [BODY.strip()]


@pytest.mark.parametrize(
    "sentence",
    [
        "Reporting by the BBC showed that 40% of homes lacked heating.",
        "The ministry will follow our recommendations, the auditor said.",
        "وقال المحرر إن إعداد الموازنة تأخر 3 أشهر.",
        "Editors at the paper were divided over the plan, staff said.",
    ],
)
def test_it_keeps_sentences_that_only_mention_reporting_or_apps(sentence):
    assert [c.text for c in extract(sentence).claims] == [sentence]
