"""Checkworthiness: a sentence with a figure, a date or an attributed statement is queued;
scene-setting, reaction, opinion and questions score clearly below the queue threshold."""

import pytest

from claims.extraction import (
    QUEUE_THRESHOLD,
    REASONS,
    checkworthiness_level,
    extract,
    score_claim,
)

TOWN_HALL = """Council approves $12 million flood barrier
The town council voted 7-2 on Tuesday to spend $12 million on a flood barrier along the river.
The hall was packed long before the meeting began.
Residents at the meeting were divided.
Some clapped when the mayor spoke; others shook their heads.
Mayor Ellen Price said the barrier would protect 1,400 homes.
The river burst its banks in 2019 and again in 2023, flooding the high street.
It was an emotional evening.
Insurance premiums in the town have risen 40% since the 2019 flood, according to the Association of British Insurers.
Construction is due to start in March.
Shopkeepers hope the work will be quick.
Many people stayed behind to talk.
The barrier will be 2.3 kilometres long, the council's engineers said.
The mood outside was calm but tense.
Critics said the money should go to drainage instead.
Work will be paid for by a 3% rise in council tax.
"""
NO_FACT = [
    "The hall was packed long before the meeting began.",
    "Residents at the meeting were divided.",
    "Some clapped when the mayor spoke; others shook their heads.",
    "It was an emotional evening.",
    "Shopkeepers hope the work will be quick.",
    "Many people stayed behind to talk.",
    "The mood outside was calm but tense.",
]

MAJLIS = """المجلس البلدي يقر مشروعاً لتصريف الأمطار
أقر المجلس البلدي يوم الاثنين مشروعاً لتصريف مياه الأمطار بكلفة 15 مليون دينار.
وامتلأت القاعة بالحضور قبل بدء الجلسة.
وقال رئيس المجلس إن المشروع سيحمي 2300 منزل.
وبدا الحضور منقسمين.
وتعرضت المدينة لفيضانات في عامي 2018 و2022.
وساد الهدوء خارج القاعة.
ويبدأ التنفيذ في آذار/مارس المقبل.
"""
AR_NO_FACT = [
    "وامتلأت القاعة بالحضور قبل بدء الجلسة.",
    "وبدا الحضور منقسمين.",
    "وساد الهدوء خارج القاعة.",
]


@pytest.mark.parametrize(("article", "no_fact"), [(TOWN_HALL, NO_FACT), (MAJLIS, AR_NO_FACT)])
def test_it_queues_every_sentence_with_a_fact_and_none_without(article, no_fact):
    claims = extract(article).claims
    for claim in claims:
        if claim.text in no_fact:
            assert claim.checkworthiness <= QUEUE_THRESHOLD - 0.15, claim.text
            assert claim.level == "low" and "no_checkable_fact" in claim.reasons
        elif claim.facts and claim.text != "Critics said the money should go to drainage instead.":
            assert claim.checkworthiness >= QUEUE_THRESHOLD, claim.text
    queued = [c for c in claims if c.checkworthiness >= QUEUE_THRESHOLD]
    assert all(c.facts for c in queued)
    assert not any(c.text in no_fact for c in queued)


def test_it_scores_an_attributed_opinion_below_the_queue():
    (claim,) = extract("Critics said the money should go to drainage instead.").claims
    assert claim.checkworthiness < QUEUE_THRESHOLD and "opinion" in claim.reasons


@pytest.mark.parametrize(
    ("score", "level"),
    [(0.95, "high"), (0.8, "high"), (0.6, "medium"), (0.5, "medium"), (0.35, "low")],
)
def test_it_labels_the_score(score, level):
    assert checkworthiness_level(score) == level


def test_it_explains_a_score_with_reason_keys():
    claims = extract(TOWN_HALL).claims
    by_text = {c.text: c for c in claims}
    money = by_text["Council approves $12 million flood barrier"]
    assert money.reasons == ["figure"] and money.level == "high"
    dated = by_text["Construction is due to start in March."]
    assert dated.reasons == ["date"] and dated.level == "medium"
    assert {r for c in claims for r in c.reasons} <= set(REASONS)


def test_it_scores_a_stored_claim_the_same_way():
    claim = extract(
        "The barrier will be 2.3 kilometres long, the council's engineers said."
    ).claims[0]
    assert score_claim(claim.text, claim.facts) == (claim.checkworthiness, claim.reasons)


def test_it_puts_level_and_reasons_in_the_json():
    data = extract("Residents at the meeting were divided.").to_dict()
    (claim,) = data["claims"]
    assert claim["level"] == "low" and claim["reasons"] == ["no_checkable_fact", "short"]
