from claims.models import AuditEvent, Claim
from reviews.models import Assignment, Verdict
from tests.factories import SnapshotFactory
from tests.workflow_setup import assigned_claim, cited_snapshot, plain_http  # noqa: F401


def draft_url(item) -> str:
    return f"/api/v1/claims/{item.pk}/verdict-draft/"


def test_it_saves_a_draft_then_updates_it_with_its_version(checker_api, checker):
    item = assigned_claim(checker)

    created = checker_api.put(draft_url(item), {"summary": "Exports rose"}, format="json")
    updated = checker_api.put(
        draft_url(item),
        {"summary": "Exports rose 2%", "rating": "false", "version": 1},
        format="json",
    )

    assert created.status_code == 201
    assert created.json()["status"] == "draft"
    assert updated.status_code == 200
    assert updated.json()["version"] == 2
    assert updated.json()["rating"] == "false"
    assert Verdict.objects.get().summary == "Exports rose 2%"


def test_it_refuses_a_stale_version_and_keeps_the_newer_text(checker_api, checker2_api, checker):
    item = assigned_claim(checker)
    checker_api.put(draft_url(item), {"summary": "first words"}, format="json")

    mine = checker_api.put(
        draft_url(item), {"summary": "the checker's text", "version": 1}, format="json"
    )
    theirs = checker2_api.put(
        draft_url(item), {"summary": "a colleague's text", "version": 1}, format="json"
    )

    assert mine.status_code == 200
    assert theirs.status_code == 409
    assert "version" in theirs.json()["detail"].lower() or "newer" in theirs.json()["detail"]
    verdict = Verdict.objects.get()
    assert (verdict.summary, verdict.version) == ("the checker's text", 2)


def test_it_lets_a_colleague_edit_with_the_current_version(checker_api, checker2_api, checker):
    item = assigned_claim(checker)
    checker_api.put(draft_url(item), {"summary": "first words"}, format="json")

    response = checker2_api.put(
        draft_url(item), {"rationale": "I found the bulletin", "version": 1}, format="json"
    )

    assert response.status_code == 200
    verdict = Verdict.objects.get()
    assert (verdict.summary, verdict.rationale) == ("first words", "I found the bulletin")
    assert verdict.author.username == "checker"


def test_it_requires_the_version_to_change_an_existing_draft(checker_api, checker):
    item = assigned_claim(checker)
    checker_api.put(draft_url(item), {"summary": "first"}, format="json")

    response = checker_api.put(draft_url(item), {"summary": "second"}, format="json")

    assert response.status_code == 400
    assert Verdict.objects.get().summary == "first"


def test_it_refuses_a_draft_on_a_claim_nobody_holds(checker_api):
    from tests.workflow_setup import claim

    item = claim()

    response = checker_api.put(draft_url(item), {"summary": "x"}, format="json")

    assert response.status_code == 409
    assert not Verdict.objects.exists()


def test_it_refuses_a_checker_outside_the_queue(stranger_checker, checker):
    from tests.conftest import api_client_for

    item = assigned_claim(checker)

    response = api_client_for(stranger_checker).put(
        draft_url(item), {"summary": "x"}, format="json"
    )

    assert response.status_code == 403


def test_it_submits_with_rating_and_summary_and_warns_on_long_summaries(checker_api, checker):
    item = assigned_claim(checker)
    summary = "Exports rose by two per cent, not twelve, according to the statistics office data"

    response = checker_api.post(
        f"/api/v1/claims/{item.pk}/verdicts/",
        {"rating": "mostly-false", "summary": summary, "evidence": [cited_snapshot(item).pk]},
        format="json",
    )

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "submitted"
    assert body["rating"] == "mostly-false"
    assert len(body["warnings"]) == 1 and "75" in body["warnings"][0]
    item.refresh_from_db()
    assert item.status == Claim.Status.SUBMITTED
    assert Assignment.objects.get(claim=item).end_reason == Assignment.EndReason.SUBMITTED


def test_it_has_no_warnings_for_a_short_summary(checker_api, checker):
    item = assigned_claim(checker)

    response = checker_api.post(
        f"/api/v1/claims/{item.pk}/verdicts/",
        {"rating": "true", "summary": "Exports rose 12%", "evidence": [cited_snapshot(item).pk]},
        format="json",
    )

    assert response.json()["warnings"] == []


def test_it_refuses_an_unknown_rating(checker_api, checker):
    item = assigned_claim(checker)

    response = checker_api.post(
        f"/api/v1/claims/{item.pk}/verdicts/",
        {"rating": "pants-on-fire", "summary": "x"},
        format="json",
    )

    assert response.status_code == 400
    assert "pants-on-fire" in response.json()["detail"]
    item.refresh_from_db()
    assert item.status == Claim.Status.ASSIGNED
    assert not Verdict.objects.exists()


def test_it_cites_evidence_snapshots_and_refuses_unknown_ones(checker_api, checker):
    item = assigned_claim(checker)
    snapshot_id = cited_snapshot(item).pk
    elsewhere = SnapshotFactory()  # archived, but of a source this claim does not cite
    url = f"/api/v1/claims/{item.pk}/verdicts/"

    unknown = checker_api.post(
        url, {"rating": "false", "summary": "x", "evidence": [snapshot_id + 999]}, format="json"
    )
    uncited = checker_api.post(
        url, {"rating": "false", "summary": "x", "evidence": [elsewhere.pk]}, format="json"
    )
    cited = checker_api.post(
        url,
        {
            "rating": "false",
            "summary": "x",
            "rationale": "See the bulletin.",
            "evidence": [snapshot_id],
        },
        format="json",
    )

    assert unknown.status_code == 400
    assert uncited.status_code == 400
    assert str(elsewhere.pk) in uncited.json()["detail"]
    assert cited.status_code == 201
    assert cited.json()["evidence"] == [snapshot_id]
    assert cited.json()["rationale"] == "See the bulletin."


def test_it_lets_only_the_holder_submit(checker2_api, checker):
    item = assigned_claim(checker)

    response = checker2_api.post(
        f"/api/v1/claims/{item.pk}/verdicts/", {"rating": "false", "summary": "x"}, format="json"
    )

    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == Claim.Status.ASSIGNED


def test_it_refuses_a_verdict_on_a_queued_claim_with_409(checker_api):
    from tests.workflow_setup import claim

    item = claim()

    response = checker_api.post(
        f"/api/v1/claims/{item.pk}/verdicts/", {"rating": "false", "summary": "x"}, format="json"
    )

    assert response.status_code == 409
    assert not Verdict.objects.exists()


def test_it_submits_a_saved_draft_explicitly(checker_api, checker):
    item = assigned_claim(checker)
    draft = checker_api.put(
        draft_url(item),
        {"summary": "Exports rose 2%", "rating": "false", "evidence": [cited_snapshot(item).pk]},
        format="json",
    ).json()

    stale = checker_api.post(
        f"/api/v1/verdicts/{draft['id']}/submit/", {"version": 7}, format="json"
    )
    done = checker_api.post(
        f"/api/v1/verdicts/{draft['id']}/submit/", {"version": draft["version"]}, format="json"
    )

    assert stale.status_code == 409
    assert done.status_code == 200
    assert done.json()["status"] == "submitted"
    assert AuditEvent.objects.filter(action="verdict.submit").count() == 1


def test_it_refuses_to_submit_a_draft_without_a_rating(checker_api, checker):
    item = assigned_claim(checker)
    draft = checker_api.put(draft_url(item), {"summary": "Exports rose"}, format="json").json()

    response = checker_api.post(f"/api/v1/verdicts/{draft['id']}/submit/", {}, format="json")

    assert response.status_code == 400
    assert Verdict.objects.get().status == Verdict.Status.DRAFT


def test_it_extends_the_lease_while_the_checker_types(checker_api, checker):
    from datetime import timedelta

    from django.utils import timezone

    item = assigned_claim(checker)
    Assignment.objects.filter(claim=item).update(
        lease_expires_at=timezone.now() + timedelta(1 / 24 / 60)
    )

    checker_api.put(draft_url(item), {"summary": "typing"}, format="json")

    lease = Assignment.objects.get(claim=item).lease_expires_at
    assert lease > timezone.now() + timedelta(minutes=30)
