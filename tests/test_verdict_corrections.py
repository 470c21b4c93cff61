from claims.models import Claim
from reviews.approval import verdict_approve
from reviews.models import Verdict
from tests.workflow_setup import cited_snapshot, plain_http, submitted_verdict  # noqa: F401


def test_it_corrects_a_published_verdict_with_a_new_one_keeping_the_history(
    checker, checker2_api, editor, editor_api
):
    original = verdict_approve(verdict=submitted_verdict(checker), editor=editor)
    url = f"/api/v1/claims/{original.claim_id}/verdicts/"

    evidence = [cited_snapshot(original.claim).pk]
    filed = checker2_api.post(
        url,
        {"rating": "mostly-false", "summary": "Exports rose 3%", "evidence": evidence},
        format="json",
    )
    still_live = Verdict.objects.get(pk=original.pk).status
    approved = editor_api.post(f"/api/v1/verdicts/{filed.json()['id']}/approve/")

    assert filed.status_code == 201
    assert filed.json()["supersedes"] == original.pk
    assert still_live == Verdict.Status.PUBLISHED  # the old one stays live until approval
    assert approved.status_code == 200
    history = {v["id"]: v["status"] for v in editor_api.get(url).json()}
    assert history == {original.pk: "superseded", filed.json()["id"]: "published"}
    assert Claim.objects.get(pk=original.claim_id).status == Claim.Status.PUBLISHED


def test_it_refuses_a_second_correction_while_one_is_waiting(checker, checker2_api, editor):
    original = verdict_approve(verdict=submitted_verdict(checker), editor=editor)
    url = f"/api/v1/claims/{original.claim_id}/verdicts/"

    evidence = [cited_snapshot(original.claim).pk]
    checker2_api.post(url, {"rating": "false", "summary": "a", "evidence": evidence}, format="json")
    second = checker2_api.post(
        url, {"rating": "true", "summary": "b", "evidence": evidence}, format="json"
    )

    assert second.status_code == 409
    assert Verdict.objects.filter(claim_id=original.claim_id).count() == 2
