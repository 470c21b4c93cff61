import pytest

from claims.models import AuditEvent
from tests.workflow_setup import cited_snapshot, claim, plain_http  # noqa: F401


def test_it_records_every_step_of_a_claims_life_in_its_history(checker_api, editor_api, checker):
    item = claim(end=20)
    checker_api.patch(
        f"/api/v1/claims/{item.pk}/", {"start": 0, "end": 12, "version": 1}, format="json"
    )
    checker_api.post("/api/v1/queues/english-desk/next/")
    checker_api.put(f"/api/v1/claims/{item.pk}/verdict-draft/", {"summary": "draft"}, format="json")
    verdict = checker_api.post(
        f"/api/v1/claims/{item.pk}/verdicts/",
        {"rating": "false", "summary": "No", "evidence": [cited_snapshot(item).pk]},
        format="json",
    ).json()
    editor_api.post(
        f"/api/v1/verdicts/{verdict['id']}/return/", {"comment": "Source?"}, format="json"
    )
    checker_api.post(
        f"/api/v1/claims/{item.pk}/verdicts/",
        {"rating": "false", "summary": "No, 2%"},
        format="json",
    )
    editor_api.post(f"/api/v1/verdicts/{verdict['id']}/approve/")

    history = editor_api.get(f"/api/v1/claims/{item.pk}/history/").json()

    actions = [event["action"] for event in history["results"]]
    assert actions == [
        "claim.span",
        "claim.assign",
        "verdict.draft",
        "verdict.draft",
        "claim.submit",
        "verdict.submit",
        "claim.return",
        "verdict.return",
        "verdict.draft",
        "claim.resume",
        "claim.submit",
        "verdict.submit",
        "claim.publish",
        "verdict.approve",
    ]
    by_action = {event["action"]: event for event in history["results"]}
    assert by_action["claim.assign"]["actor"] == "checker"
    assert by_action["claim.assign"]["before"]["status"] == "queued"
    assert by_action["claim.assign"]["after"]["status"] == "assigned"
    assert by_action["verdict.return"]["after"]["comment"] == "Source?"
    assert by_action["verdict.approve"]["actor"] == "editor"
    assert all(event["created_at"] for event in history["results"])


def test_it_refuses_to_change_or_delete_an_audit_event_through_the_orm(checker_api):
    item = claim()
    checker_api.post(f"/api/v1/claims/{item.pk}/dismiss/", {"reason": "opinion"}, format="json")
    event = AuditEvent.objects.get()

    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="claim.hidden")
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        event.save()

    assert AuditEvent.objects.get().action == "claim.dismiss"


def test_it_writes_the_audit_event_in_the_same_transaction_as_the_change(checker):
    """A refused change leaves no audit event behind: both roll back together."""
    from claims.errors import IllegalTransition
    from reviews.lifecycle import claim_dismiss

    item = claim(status="published")

    with pytest.raises(IllegalTransition):
        claim_dismiss(claim=item, actor=checker, reason="late")

    assert not AuditEvent.objects.exists()


@pytest.mark.postgres
def test_it_refuses_raw_sql_updates_and_deletes_on_postgresql(checker_api):
    from django.db import DatabaseError, connection, transaction

    item = claim()
    checker_api.post(f"/api/v1/claims/{item.pk}/dismiss/", {"reason": "opinion"}, format="json")
    event = AuditEvent.objects.get()

    for sql in (
        "UPDATE reviews_auditevent SET action = 'claim.hidden' WHERE id = %s",
        "DELETE FROM reviews_auditevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, [event.pk])

    assert AuditEvent.objects.get().action == "claim.dismiss"
