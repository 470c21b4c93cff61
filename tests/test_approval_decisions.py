import pytest
from django.core import mail

from claims.errors import FourEyesViolation
from claims.models import AuditEvent, Claim
from reviews.approval import verdict_approve
from reviews.models import Assignment, EditorialDecision, Notification, Verdict
from tests.conftest import api_client_for
from tests.workflow_setup import plain_http, submitted_verdict  # noqa: F401


def test_it_publishes_an_approved_verdict_and_tells_its_author(
    checker, editor_api, django_capture_on_commit_callbacks, monkeypatch
):
    checker.email = "checker@example.org"
    checker.save()
    verdict = submitted_verdict(checker)
    invalidated = []
    monkeypatch.setattr(
        "reviews.publication.publication_invalidate",
        lambda *, article_id: invalidated.append(article_id),
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_api.post(f"/api/v1/verdicts/{verdict.pk}/approve/")

    assert response.status_code == 200
    assert response.json()["status"] == "published"
    assert response.json()["published_at"]
    assert Claim.objects.get(pk=verdict.claim_id).status == Claim.Status.PUBLISHED
    assert Notification.objects.get(recipient=checker).verb == "approved"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["checker@example.org"]
    assert invalidated == [verdict.claim.article_id]
    assert (
        AuditEvent.objects.filter(action="verdict.approve", actor__username="editor").count() == 1
    )


def test_it_refuses_an_editor_approving_their_own_verdict_and_records_the_refusal(checker, editor):
    from django.contrib.auth.models import Group

    checker.groups.add(Group.objects.get(name="editor"))
    verdict = submitted_verdict(checker)

    response = api_client_for(checker).post(f"/api/v1/verdicts/{verdict.pk}/approve/")

    assert response.status_code == 403
    assert "author" in response.json()["detail"]
    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.SUBMITTED
    refusal = AuditEvent.objects.get(action="verdict.approve_refused")
    assert refusal.actor == checker
    assert refusal.object_id == str(verdict.pk)
    assert not EditorialDecision.objects.exists()


def test_it_refuses_a_superuser_author_in_the_function_itself(admin_user):
    from reviews.models import Queue

    for queue in Queue.objects.all():
        queue.members.add(admin_user)
    verdict = submitted_verdict(admin_user)

    with pytest.raises(FourEyesViolation):
        verdict_approve(verdict=verdict, editor=admin_user)

    assert Verdict.objects.get(pk=verdict.pk).status == Verdict.Status.SUBMITTED
    assert AuditEvent.objects.filter(action="verdict.approve_refused").count() == 1


@pytest.mark.django_db(transaction=True)
def test_it_keeps_the_refusal_on_record_although_the_approval_is_refused(checker, editor):
    from django.contrib.auth.models import Group

    checker.groups.add(Group.objects.get(name="editor"))
    verdict = submitted_verdict(checker)

    with pytest.raises(FourEyesViolation):
        verdict_approve(verdict=verdict, editor=checker)

    # Committed: seen from a fresh query outside any test transaction.
    assert AuditEvent.objects.filter(action="verdict.approve_refused").count() == 1


def test_it_refuses_to_approve_twice(checker, editor_api):
    verdict = submitted_verdict(checker)

    first = editor_api.post(f"/api/v1/verdicts/{verdict.pk}/approve/")
    second = editor_api.post(f"/api/v1/verdicts/{verdict.pk}/approve/")

    assert first.status_code == 200
    assert second.status_code == 409
    assert EditorialDecision.objects.count() == 1
    assert AuditEvent.objects.filter(action="verdict.approve").count() == 1


def test_it_refuses_a_stale_version_on_approval(checker, editor_api):
    verdict = submitted_verdict(checker)

    response = editor_api.post(
        f"/api/v1/verdicts/{verdict.pk}/approve/", {"version": verdict.version - 1}, format="json"
    )

    assert response.status_code == 409
    assert Verdict.objects.get(pk=verdict.pk).status == Verdict.Status.SUBMITTED


def test_it_returns_a_verdict_to_its_checker_with_the_comment(
    checker, checker_api, editor_api, django_capture_on_commit_callbacks
):
    checker.email = "checker@example.org"
    checker.save()
    verdict = submitted_verdict(checker)

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_api.post(
            f"/api/v1/verdicts/{verdict.pk}/return/",
            {"comment": "Cite the statistics office bulletin."},
            format="json",
        )

    assert response.status_code == 200
    assert response.json()["status"] == "returned"
    assert response.json()["decisions"][0]["comment"] == "Cite the statistics office bulletin."
    claim = Claim.objects.get(pk=verdict.claim_id)
    assert claim.status == Claim.Status.RETURNED
    assignment = Assignment.objects.get(claim=claim, ended_at__isnull=True)
    assert assignment.checker == checker
    note = Notification.objects.get(recipient=checker)
    assert note.verb == "returned" and "statistics office bulletin" in note.message
    assert "statistics office bulletin" in mail.outbox[0].body
    # The checker revises and resubmits the same verdict.
    draft = checker_api.get(f"/api/v1/claims/{claim.pk}/verdict-draft/").json()
    revised = checker_api.post(
        f"/api/v1/claims/{claim.pk}/verdicts/",
        {
            "rating": "false",
            "summary": "Exports rose 2%, says the bulletin",
            "version": draft["version"],
        },
        format="json",
    )
    assert revised.status_code == 201
    assert revised.json()["id"] == verdict.pk
    assert revised.json()["status"] == "submitted"


def test_it_requires_a_comment_to_return(checker, editor_api):
    verdict = submitted_verdict(checker)

    response = editor_api.post(
        f"/api/v1/verdicts/{verdict.pk}/return/", {"comment": "  "}, format="json"
    )

    assert response.status_code == 400
    assert Verdict.objects.get(pk=verdict.pk).status == Verdict.Status.SUBMITTED


def test_it_refuses_to_return_a_published_verdict(checker, editor, editor_api):
    verdict = verdict_approve(verdict=submitted_verdict(checker), editor=editor)

    response = editor_api.post(
        f"/api/v1/verdicts/{verdict.pk}/return/", {"comment": "no"}, format="json"
    )

    assert response.status_code == 409
    assert Verdict.objects.get(pk=verdict.pk).status == Verdict.Status.PUBLISHED


def test_it_lets_only_editors_decide(checker, checker2_api):
    verdict = submitted_verdict(checker)

    approve = checker2_api.post(f"/api/v1/verdicts/{verdict.pk}/approve/")
    give_back = checker2_api.post(
        f"/api/v1/verdicts/{verdict.pk}/return/", {"comment": "x"}, format="json"
    )

    assert (approve.status_code, give_back.status_code) == (403, 403)
    assert Verdict.objects.get(pk=verdict.pk).status == Verdict.Status.SUBMITTED


@pytest.mark.postgres
def test_it_publishes_once_when_two_editors_approve_at_the_same_moment(transactional_db):
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from django.contrib.auth.models import Group, User
    from django.db import connection

    from claims.errors import Conflict
    from reviews.defaults import ensure_defaults
    from reviews.models import Queue

    ensure_defaults()
    author = User.objects.create_user("author")
    author.groups.add(Group.objects.get(name="fact-checker"))
    Queue.objects.get(slug="english-desk").members.add(author)
    editors = [User.objects.create_user(f"editor{n}") for n in range(2)]
    for person in editors:
        person.groups.add(Group.objects.get(name="editor"))
    verdict = submitted_verdict(author)
    start = threading.Barrier(2)

    def approve(person) -> str:
        try:
            start.wait()
            verdict_approve(verdict=Verdict.objects.get(pk=verdict.pk), editor=person)
            return "published"
        except Conflict:
            return "conflict"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = sorted(pool.map(approve, editors))

    assert outcomes == ["conflict", "published"]
    assert Verdict.objects.filter(status=Verdict.Status.PUBLISHED).count() == 1
    assert EditorialDecision.objects.count() == 1
    assert AuditEvent.objects.filter(action="verdict.approve").count() == 1
