"""Inconsistencies are resolved, not rated: an outcome, the value a source backs, a notice."""

from datetime import date

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.utils import translation

from claims.errors import FourEyesViolation, InvalidInput
from claims.models import AuditEvent, Claim
from claims.roles import EDITOR_GROUP, FACT_CHECKER_GROUP
from reviews.approval import verdict_approve, verdict_return
from reviews.conflicts import conflict_values, source_suggestions
from reviews.corrections import article_corrections, outcome_choices, outcome_suggestion_accept
from reviews.models import (
    Notification,
    Queue,
    Rating,
    RatingScale,
    Verdict,
    WebhookDelivery,
    WebhookEndpoint,
)
from reviews.verdicts import verdict_submit
from tests.factories import ArticleFactory
from tests.inconsistency_setup import ARTICLE_URL, cited, inconsistency
from tests.workflow_setup import plain_http  # noqa: F401


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_it_seeds_the_outcome_scale_apart_from_the_verdict_scale(defaults):
    scale = RatingScale.objects.get(kind=RatingScale.Kind.INCONSISTENCY)
    assert not scale.is_default
    assert list(scale.ratings.order_by("order").values_list("slug", "asks_value")) == [
        ("should-say", True),
        ("no-error", False),
        ("cannot-tell", False),
    ]
    assert not Rating.objects.filter(scale__is_default=True, slug="should-say").exists()


def test_it_names_the_conflicting_values_in_the_interface_language(checker):
    claim = inconsistency()
    assert [(v.key, v.label) for v in conflict_values(claim)] == [
        ("month-6", "June"),
        ("month-7", "July"),
    ]
    with translation.override("ar"):
        assert [v.label for v in conflict_values(claim)] == ["يونيو", "يوليو"]
    labels = [choice.label for choice in outcome_choices(claim)]
    assert labels == [
        "The article should say June",
        "The article should say July",
        "No error",
        "Cannot tell",
    ]


def test_it_puts_both_figures_of_a_figure_conflict_in_words(checker):
    claim = inconsistency("figure_conflict")
    values = conflict_values(claim)
    assert [v.key for v in values] == ["figure-earlier", "figure-here"]
    assert "40" in values[0].label and "45" in values[1].label
    assert all("dollar" in v.label for v in values), values


def test_it_refuses_a_true_or_false_rating_on_an_inconsistency(checker):
    claim = inconsistency(holder=checker)
    with pytest.raises(InvalidInput, match="should-say, no-error, cannot-tell"):
        verdict_submit(claim=claim, author=checker, rating="false", summary="Wrong month")
    assert not Verdict.objects.filter(claim=claim, status=Verdict.Status.SUBMITTED).exists()


def test_it_asks_which_value_the_article_should_say(checker):
    claim = inconsistency(holder=checker)
    with pytest.raises(InvalidInput, match="Choose the value the article should say"):
        verdict_submit(claim=claim, author=checker, rating="should-say")
    with pytest.raises(InvalidInput, match="not one of the values the article gives"):
        verdict_submit(claim=claim, author=checker, rating="should-say", should_say="month-3")
    verdict = verdict_submit(claim=claim, author=checker, rating="should-say", should_say="month-7")
    assert (verdict.status, verdict.should_say, verdict.summary) == ("submitted", "month-7", "")


def test_it_suggests_the_month_a_dated_source_backs(checker):
    claim = inconsistency(holder=checker)
    cited(claim, published_on=date(2022, 3, 1))  # backs neither month: no suggestion
    snapshot = cited(claim, published_on=date(2022, 7, 19))
    [suggestion] = source_suggestions(claim)
    assert (suggestion.snapshot_id, suggestion.key) == (snapshot.pk, "month-7")
    assert suggestion.sentence == "A source dated 19 July 2022 backs July."
    with translation.override("ar"):
        [arabic] = source_suggestions(claim)
        assert "يوليو" in arabic.sentence and "backs" not in arabic.sentence


def test_it_suggests_the_figure_a_source_backs_and_nothing_when_it_backs_both(checker):
    claim = inconsistency("figure_conflict", holder=checker)
    snapshot = cited(claim, text="The two sides signed a deal worth $45bn on Tuesday.")
    [suggestion] = source_suggestions(claim)
    assert (suggestion.snapshot_id, suggestion.key) == (snapshot.pk, "figure-here")
    cited(claim, text="Earlier reports said $40bn; the final deal is $45bn.")
    assert [s.snapshot_id for s in source_suggestions(claim)] == [snapshot.pk]


def test_it_accepts_a_suggestion_into_the_draft_and_records_it(checker):
    claim = inconsistency(holder=checker)
    snapshot = cited(claim, published_on=date(2022, 7, 19))
    verdict = outcome_suggestion_accept(claim=claim, author=checker, snapshot_id=snapshot.pk)
    verdict.refresh_from_db()
    assert (verdict.status, verdict.rating.slug, verdict.should_say) == (
        "draft",
        "should-say",
        "month-7",
    )
    assert list(verdict.evidence.values_list("pk", flat=True)) == [snapshot.pk]
    accepted = AuditEvent.objects.get(action="outcome.suggestion_accept")
    assert (accepted.actor, accepted.claim_id) == (checker, claim.pk)
    assert accepted.after == {
        "rating": "should-say",
        "should_say": "month-7",
        "snapshot": snapshot.pk,
    }
    assert AuditEvent.objects.filter(action="verdict.draft", claim_id=claim.pk).exists()
    with pytest.raises(InvalidInput, match="backs none of the values"):
        other = cited(claim, published_on=date(2022, 1, 5))
        outcome_suggestion_accept(claim=claim, author=checker, snapshot_id=other.pk)


def _approved(checker, editor, **outcome) -> Claim:
    claim = inconsistency(holder=checker)
    verdict = verdict_submit(claim=claim, author=checker, **outcome)
    verdict_approve(verdict=verdict, editor=editor)
    return claim


def test_it_turns_an_approved_outcome_into_a_correction_notice(checker, editor):
    claim = _approved(checker, editor, rating="should-say", should_say="month-7")
    [notice] = article_corrections(claim.article_id)
    assert notice.sentence == "The article should say July where it says حزيران/يوليو."
    assert '<bdi class="quoted" lang="ar" dir="auto">حزيران/يوليو</bdi>' in notice.sentence_html
    assert (notice.needs_correction, notice.checked_by, notice.approved_by) == (
        True,
        "checker",
        "editor",
    )
    with translation.override("ar"):
        [arabic] = article_corrections(claim.article_id)
        assert "يوليو" in arabic.sentence and "should say" not in arabic.sentence
    assert AuditEvent.objects.filter(action="verdict.approve", claim_id=claim.pk).exists()
    told = Notification.objects.get(recipient=checker, verb="approved")
    assert told.message.endswith(
        f"approved your outcome on claim {claim.pk}: The article should say July where it says "
        "حزيران/يوليو."
    )


def test_it_words_no_error_and_cannot_tell_as_sentences_too(checker, editor):
    claim = _approved(checker, editor, rating="no-error")
    [notice] = article_corrections(claim.article_id)
    assert notice.sentence == (
        "No error where the article says حزيران/يوليو: it stands as written."
    )
    assert not notice.needs_correction


def test_it_never_publishes_an_outcome_as_a_claimreview_badge_or_public_verdict(
    client, checker, editor
):
    WebhookEndpoint.objects.create(
        url="https://93.184.216.34/hook", events=["verdict.published"], secret="s" * 16
    )
    claim = _approved(checker, editor, rating="should-say", should_say="month-7")
    assert Verdict.objects.get(claim=claim).status == Verdict.Status.PUBLISHED
    assert not WebhookDelivery.objects.exists()  # no "verdict.published" for an outcome
    get = lambda path: client.get(f"/api/v1/public/{path}", {"url": ARTICLE_URL}, secure=True)  # noqa: E731
    assert get("claimreview.json").json() == []
    assert get("articles/").json()["verdicts"] == []
    assert get("badge.json").json()["message"] == "no claims checked yet"
    assert client.get(f"/claims/{claim.pk}/verdict/", secure=True).status_code == 404
    # A rated claim of the same article is still published: only the outcome is left out.
    from tests.workflow_setup import cited_snapshot

    rated = inconsistency("figure_conflict", article=claim.article)
    Claim.objects.filter(pk=rated.pk).update(
        kind=Claim.Kind.MONEY, queue=Queue.objects.get(slug="arabic-desk")
    )
    rated.refresh_from_db()
    from reviews.assignment import claim_reassign

    claim_reassign(claim=rated, checker=checker, editor=User.objects.get(username="assigner"))
    verdict = verdict_submit(
        claim=rated,
        author=checker,
        rating="false",
        summary="Wrong month",
        evidence=[cited_snapshot(rated).pk],
    )
    verdict_approve(verdict=verdict, editor=editor)
    cache.clear()  # the approval's on-commit invalidation never runs inside a test transaction
    [review] = get("claimreview.json").json()
    assert review["reviewRating"]["alternateName"] == "False"
    assert WebhookDelivery.objects.get().event == "verdict.published"  # the rated one only


def test_it_keeps_four_eyes_on_outcomes(checker):
    both = User.objects.create_user("both")
    both.groups.add(*Group.objects.filter(name__in=[FACT_CHECKER_GROUP, EDITOR_GROUP]))
    for queue in Queue.objects.all():
        queue.members.add(both)
    claim = inconsistency(holder=both)
    verdict = verdict_submit(claim=claim, author=both, rating="cannot-tell")
    with pytest.raises(FourEyesViolation):
        verdict_approve(verdict=verdict, editor=both)
    assert article_corrections(claim.article_id) == []


def test_it_returns_an_outcome_to_its_checker_who_resolves_it_again(checker, editor):
    claim = inconsistency(holder=checker)
    verdict = verdict_submit(claim=claim, author=checker, rating="should-say", should_say="month-6")
    verdict_return(verdict=verdict, editor=editor, comment="The Kremlin dated it 19 July.")
    claim.refresh_from_db()
    assert claim.status == Claim.Status.RETURNED
    again = verdict_submit(claim=claim, author=checker, rating="should-say", should_say="month-7")
    verdict_approve(verdict=again, editor=editor)
    [notice] = article_corrections(claim.article_id)
    assert notice.should_say_label == "July"


def test_it_suggests_the_month_or_weekday_a_source_gives_for_the_same_day(checker):
    claim = inconsistency(holder=checker)
    snapshot = cited(claim, text="The Kremlin said the two presidents spoke on 19 July 2022.")
    assert [(s.snapshot_id, s.key) for s in source_suggestions(claim)] == [(snapshot.pk, "month-7")]
    body = "أعلن الكرملين، يوم الأربعاء 19 تموز/يوليو 2022، أن الرئيسين تحدثا هاتفياً."
    weekday = inconsistency("weekday_mismatch", article=ArticleFactory(body=body, language="ar"))
    assert [v.label for v in conflict_values(weekday)] == ["Tuesday", "Wednesday"]
    backing = cited(weekday, text="On Tuesday, 19 July 2022, Putin and Raisi spoke by phone.")
    cited(weekday, text="On 20 July 2022 the Kremlin published a readout.")  # another day
    [suggestion] = source_suggestions(weekday)
    assert (suggestion.snapshot_id, suggestion.key, suggestion.value) == (
        backing.pk,
        "weekday-1",
        "Tuesday",
    )


def test_it_corrects_an_approved_outcome_with_a_new_one_that_supersedes_it(
    checker, checker2, editor
):
    claim = _approved(checker, editor, rating="should-say", should_say="month-6")
    claim.refresh_from_db()
    correction = verdict_submit(
        claim=claim, author=checker2, rating="should-say", should_say="month-7"
    )
    assert correction.supersedes_id is not None and correction.status == "submitted"
    assert article_corrections(claim.article_id)[0].should_say == "month-6"  # until approved
    verdict_approve(verdict=correction, editor=editor)
    [notice] = article_corrections(claim.article_id)
    assert (notice.verdict_id, notice.should_say_label) == (correction.pk, "July")
