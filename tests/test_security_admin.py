"""Publication only through the approval function: the admin cannot move workflow state.

Before, staff could set a verdict's status to published in the admin: no editorial decision, no
audit event, a stale public cache. Now workflow fields are read-only there, and every change the
admin does make is in the audit trail.
"""

import pytest
from django.test import Client

from claims.models import AuditEvent, Claim
from reviews.models import EditorialDecision, Notification, Queue, Verdict
from tests.workflow_setup import plain_http, submitted_verdict  # noqa: F401


@pytest.fixture
def staff(admin_user) -> Client:
    client = Client()
    client.force_login(admin_user)
    return client


def test_it_refuses_publishing_a_verdict_from_the_admin(staff, checker):
    verdict = submitted_verdict(checker)
    url = f"/admin/reviews/verdict/{verdict.pk}/change/"

    assert staff.get(url).status_code == 200  # staff can still read it
    response = staff.post(
        url,
        {
            "claim": verdict.claim_id,
            "author": checker.pk,
            "rating": verdict.rating_id,
            "summary": verdict.summary,
            "status": "published",
            "version": verdict.version,
        },
    )

    assert response.status_code == 403
    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.SUBMITTED
    assert not EditorialDecision.objects.exists()
    assert staff.get("/admin/reviews/verdict/add/").status_code == 403


def test_claim_workflow_fields_are_read_only_and_edits_are_audited(staff, checker, admin_user):
    claim = submitted_verdict(checker).claim
    url = f"/admin/claims/claim/{claim.pk}/change/"

    response = staff.post(
        url,
        {
            "article": claim.article_id,
            "start": claim.start,
            "end": claim.end,
            "text": "Edited by staff",
            "kind": claim.kind,
            "facts": "[]",
            "checkworthiness": claim.checkworthiness,
            "status": "published",
            "queue": "",
            "created_by": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    claim.refresh_from_db()
    assert claim.status == Claim.Status.SUBMITTED
    assert claim.queue is not None
    assert claim.text == "Edited by staff"
    event = AuditEvent.objects.get(action="admin.claim.change")
    assert event.actor == admin_user
    assert event.after["text"] == "Edited by staff"
    assert "status" not in event.after


def test_every_admin_change_and_delete_is_audited(staff, checker, admin_user):
    queue = Queue.objects.get(slug="english-desk")
    note = Notification.objects.create(recipient=checker, verb="returned", message="x")

    response = staff.post(
        "/admin/reviews/queue/",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": queue.pk,
            "form-0-priority": queue.priority + 7,
            "form-0-is_active": "on",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    change = AuditEvent.objects.get(action="admin.queue.change")
    assert change.before == {"priority": queue.priority}
    assert change.after == {"priority": queue.priority + 7}
    assert change.actor == admin_user

    staff.post(f"/admin/reviews/notification/{note.pk}/delete/", {"post": "yes"})
    assert not Notification.objects.filter(pk=note.pk).exists()
    deleted = AuditEvent.objects.get(action="admin.notification.delete")
    assert deleted.before["message"] == "x"
    assert deleted.object_id == str(note.pk)
