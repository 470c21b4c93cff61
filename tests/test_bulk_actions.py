"""Bulk actions without surprises: held claims are taken only on confirmation, holders told."""

from django.urls import reverse

from claims.models import AuditEvent, Claim
from reviews.choosing import claim_take
from reviews.models import Assignment, Notification
from tests.workflow_setup import claim, plain_http, queue  # noqa: F401

BULK_ASSIGN = "/api/v1/claims/bulk-assign/"
BULK = "/api/v1/claims/bulk/"


def test_it_refuses_to_take_held_claims_silently_and_names_the_holders(
    editor_api, checker, checker2
):
    free, held = claim(), claim(start=1)
    claim_take(claim=held, checker=checker2)

    response = editor_api.post(
        BULK_ASSIGN, {"claims": [free.pk, held.pk], "checker": "checker"}, format="json"
    )

    assert response.status_code == 409
    assert f"{held.pk} (checker2)" in response.json()["detail"]
    assert Assignment.objects.get(ended_at__isnull=True).checker == checker2
    assert not Notification.objects.exists()


def test_it_takes_held_claims_on_confirmation_and_notifies_each_holder(
    editor_api, checker, checker2
):
    free, held = claim(), claim(start=1)
    claim_take(claim=held, checker=checker2)

    response = editor_api.post(
        BULK_ASSIGN,
        {"claims": [free.pk, held.pk], "checker": "checker", "take_from_holders": True},
        format="json",
    )

    assert response.status_code == 200
    assert set(
        Assignment.objects.filter(ended_at__isnull=True).values_list("checker__username", flat=True)
    ) == {"checker"}
    notice = Notification.objects.get(recipient=checker2)
    assert notice.verb == "reassigned"
    assert notice.claim_id == held.pk


def test_it_moves_dismisses_and_reopens_in_bulk(editor_api):
    first, second = claim(), claim(start=1)

    moved = editor_api.post(
        BULK, {"action": "move", "claims": [first.pk, second.pk], "queue": "triage"}, format="json"
    )
    dismissed = editor_api.post(
        BULK, {"action": "dismiss", "claims": [first.pk], "reason": "opinion"}, format="json"
    )
    reopened = editor_api.post(BULK, {"action": "reopen", "claims": [first.pk]}, format="json")

    assert moved.status_code == 200
    assert set(Claim.objects.values_list("queue__slug", flat=True)) == {"triage"}
    assert AuditEvent.objects.filter(action="claim.move").count() == 2
    assert dismissed.json()["claims"] == [first.pk]
    assert reopened.status_code == 200
    assert Claim.objects.get(pk=first.pk).status == Claim.Status.QUEUED


def test_it_asks_for_a_reason_and_a_queue(editor_api):
    item = claim()

    no_reason = editor_api.post(BULK, {"action": "dismiss", "claims": [item.pk]}, format="json")
    no_queue = editor_api.post(BULK, {"action": "move", "claims": [item.pk]}, format="json")

    assert no_reason.status_code == 400
    assert no_queue.status_code == 400
    assert Claim.objects.get(pk=item.pk).status == Claim.Status.QUEUED


def test_it_refuses_bulk_actions_to_checkers(checker_api):
    item = claim()

    response = checker_api.post(
        BULK, {"action": "dismiss", "claims": [item.pk], "reason": "x"}, format="json"
    )

    assert response.status_code == 403


def test_it_asks_the_editor_in_the_desk_before_taking_held_claims(
    client, editor, checker, checker2
):
    held = claim()
    claim_take(claim=held, checker=checker2)
    client.force_login(editor)
    url = reverse("desk:queue_bulk_assign", args=[queue().slug])

    asked = client.post(url, {"claims": [held.pk], "checker": checker.pk})
    confirmed = client.post(
        url, {"claims": [held.pk], "checker": checker.pk, "take_from_holders": "1"}
    )

    assert asked.status_code == 409
    assert 'data-testid="held-claims"' in asked.content.decode()
    assert confirmed.status_code == 302
    assert Assignment.objects.get(ended_at__isnull=True).checker == checker
    assert Notification.objects.filter(recipient=checker2, verb="reassigned").exists()


def _desk_bulk(client, **data):
    return client.post(reverse("desk:claims_bulk"), {"next": "/claims/?status=queued", **data})


def test_it_moves_dismisses_and_reopens_from_the_claims_page(client, editor):
    first, second = claim(), claim(start=1)
    client.force_login(editor)
    page = client.get(reverse("desk:claims_list")).content.decode()

    moved = _desk_bulk(client, action="move", claims=[first.pk, second.pk], queue="triage")
    dismissed = _desk_bulk(client, action="dismiss", claims=[first.pk], reason="an opinion")
    after_dismiss = Claim.objects.get(pk=first.pk).status
    reopened = _desk_bulk(client, action="reopen", claims=[first.pk])

    assert 'data-testid="bulk-claims"' in page and f'id="tick-{first.pk}"' in page
    assert (moved.status_code, moved.url) == (302, "/claims/?status=queued")
    assert set(Claim.objects.values_list("queue__slug", flat=True)) == {"triage"}
    assert after_dismiss == Claim.Status.DISMISSED
    assert dismissed.status_code == reopened.status_code == 302
    assert Claim.objects.get(pk=first.pk).status == Claim.Status.QUEUED
    assert AuditEvent.objects.filter(action="claim.move").count() == 2
    shown = client.get("/claims/").content.decode()
    assert "Reopened 1 claim." in shown


def test_it_says_what_is_missing_and_changes_nothing(client, editor):
    item = claim()
    client.force_login(editor)

    no_reason = _desk_bulk(client, action="dismiss", claims=[item.pk], reason="  ")
    shown = client.get("/claims/").content.decode()
    no_queue = _desk_bulk(client, action="move", claims=[item.pk])
    shown_after_move = client.get("/claims/").content.decode()
    nothing_ticked = _desk_bulk(client, action="reopen")

    assert no_reason.status_code == no_queue.status_code == nothing_ticked.status_code == 302
    assert "Say why the claims are not check-worthy." in shown
    assert "Choose the queue to move the claims to." in shown_after_move
    assert Claim.objects.get(pk=item.pk).status == Claim.Status.QUEUED
    assert "Tick at least one claim." in client.get("/claims/").content.decode()


def test_it_keeps_bulk_actions_from_checkers(client, checker):
    item = claim()
    client.force_login(checker)

    page = client.get(reverse("desk:claims_list")).content.decode()
    response = _desk_bulk(client, action="dismiss", claims=[item.pk], reason="x")

    assert 'data-testid="bulk-claims"' not in page
    assert response.status_code == 403
    assert Claim.objects.get(pk=item.pk).status == Claim.Status.QUEUED


def test_it_never_sends_the_editor_back_to_another_site(client, editor):
    item = claim()
    client.force_login(editor)

    for hostile in ("https://evil.example/", "//evil.example/", "/\\evil.example/"):
        response = client.post(
            reverse("desk:claims_bulk"),
            {"next": hostile, "action": "move", "claims": [item.pk], "queue": "triage"},
        )
        assert (response.status_code, response.url) == (302, reverse("desk:claims_list"))
    kept = _desk_bulk(client, action="move", claims=[item.pk], queue="english-desk")
    assert kept.url == "/claims/?status=queued"
