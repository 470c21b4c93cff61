import pytest

from claims.errors import IllegalTransition
from claims.models import AuditEvent, Claim
from reviews.lifecycle import TRANSITIONS, ClaimEvent, claim_transition
from tests.factories import ArticleFactory
from tests.workflow_setup import BODY, assigned_claim, claim, plain_http  # noqa: F401


def test_it_adjusts_a_claims_span_and_reslices_the_text(checker_api):
    item = claim()

    response = checker_api.patch(
        f"/api/v1/claims/{item.pk}/",
        {"start": 4, "end": 12, "version": item.version},
        format="json",
    )

    assert response.status_code == 200
    assert (response.json()["text"], response.json()["version"]) == ("ministry", item.version + 1)
    event = AuditEvent.objects.get(action="claim.span")
    assert event.before["end"] == item.end and event.after["text"] == "ministry"


@pytest.mark.parametrize(("start", "end"), [(0, 10_000), (20, 10), (43, 44)])
def test_it_refuses_a_span_outside_the_body_or_empty(checker_api, start, end):
    item = claim()

    response = checker_api.patch(
        f"/api/v1/claims/{item.pk}/",
        {"start": start, "end": end, "version": item.version},
        format="json",
    )

    assert response.status_code == 400
    assert Claim.objects.get(pk=item.pk).text == item.text


def test_it_refuses_a_span_edit_with_a_stale_version(checker_api):
    item = claim()

    response = checker_api.patch(
        f"/api/v1/claims/{item.pk}/",
        {"start": 4, "end": 12, "version": item.version + 5},
        format="json",
    )

    assert response.status_code == 409
    assert Claim.objects.get(pk=item.pk).start == 0


def test_it_refuses_to_edit_a_claim_another_checker_holds(checker, checker2_api):
    item = assigned_claim(checker)

    response = checker2_api.patch(
        f"/api/v1/claims/{item.pk}/",
        {"start": 4, "end": 12, "version": item.version},
        format="json",
    )

    assert response.status_code == 403


def test_it_splits_a_claim_in_two_manual_claims(checker_api):
    item = claim(end=len(BODY))
    cut = BODY.index("Officials")

    response = checker_api.post(f"/api/v1/claims/{item.pk}/split/", {"at": cut}, format="json")

    assert response.status_code == 201
    first, second = response.json()
    assert first["text"] == BODY[:cut] and second["text"] == BODY[cut:]
    assert first["origin"] == second["origin"] == "manual"
    assert second["queue"] == "english-desk" and second["status"] == "queued"
    assert AuditEvent.objects.filter(action="claim.split", object_id=str(item.pk)).exists()


def test_it_refuses_a_split_outside_the_claim(checker_api):
    item = claim()

    response = checker_api.post(
        f"/api/v1/claims/{item.pk}/split/", {"at": item.end + 3}, format="json"
    )

    assert response.status_code == 400
    assert Claim.objects.count() == 1


def test_it_adds_a_claim_by_hand_and_routes_it(checker_api, checker):
    article = ArticleFactory(body=BODY, language="ar")
    start = BODY.index("Officials")

    response = checker_api.post(
        f"/api/v1/articles/{article.pk}/claims/", {"start": start, "end": start + 46}, format="json"
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["origin"], body["status"], body["queue"]) == ("manual", "queued", "arabic-desk")
    assert body["text"] == BODY[start : start + 46]
    assert Claim.objects.get().created_by == checker
    assert AuditEvent.objects.filter(action="claim.add").count() == 1


def test_it_refuses_a_manual_claim_outside_the_body(checker_api):
    article = ArticleFactory(body=BODY)

    response = checker_api.post(
        f"/api/v1/articles/{article.pk}/claims/", {"start": 0, "end": len(BODY) + 1}, format="json"
    )

    assert response.status_code == 400
    assert not Claim.objects.exists()


def test_it_dismisses_with_a_reason_and_reopens(checker_api, editor_api):
    item = claim()

    no_reason = checker_api.post(
        f"/api/v1/claims/{item.pk}/dismiss/", {"reason": ""}, format="json"
    )
    dismissed = checker_api.post(
        f"/api/v1/claims/{item.pk}/dismiss/", {"reason": "Opinion, not a fact"}, format="json"
    )
    take = checker_api.post("/api/v1/queues/english-desk/next/")
    reopened = editor_api.post(f"/api/v1/claims/{item.pk}/reopen/", {}, format="json")

    assert no_reason.status_code == 400
    assert dismissed.json()["status"] == "dismissed"
    assert dismissed.json()["dismiss_reason"] == "Opinion, not a fact"
    assert take.status_code == 204
    assert reopened.json()["status"] == "queued" and reopened.json()["dismiss_reason"] == ""


def test_it_refuses_an_illegal_transition_with_409_and_changes_nothing(checker_api):
    item = claim(status=Claim.Status.PUBLISHED)

    response = checker_api.post(
        f"/api/v1/claims/{item.pk}/dismiss/", {"reason": "late"}, format="json"
    )

    assert response.status_code == 409
    item.refresh_from_db()
    assert (item.status, item.version, item.dismiss_reason) == ("published", 1, "")
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("status", Claim.Status.values)
@pytest.mark.parametrize("event", ClaimEvent.values)
def test_it_follows_the_transition_table_and_nothing_else(defaults, status, event):
    item = claim(status=status)
    target = TRANSITIONS.get(event, {}).get(status)

    if target is None:
        with pytest.raises(IllegalTransition):
            claim_transition(claim=item, event=event, actor=None)
        item.refresh_from_db()
        assert (item.status, item.version) == (status, 1)
    else:
        claim_transition(claim=item, event=event, actor=None)
        item.refresh_from_db()
        assert (item.status, item.version) == (target, 2)
        assert AuditEvent.objects.get(action=f"claim.{event}").after["status"] == target


def test_it_refuses_a_transition_from_a_stale_read(defaults):
    from claims.errors import StaleVersion

    item = claim()
    stale = Claim.objects.get(pk=item.pk)
    claim_transition(claim=item, event=ClaimEvent.DISMISS, actor=None)

    with pytest.raises(StaleVersion):
        claim_transition(claim=stale, event=ClaimEvent.ASSIGN, actor=None)

    assert Claim.objects.get(pk=item.pk).status == Claim.Status.DISMISSED
