"""The desk's outcome panel through the test client: refusals keep what was chosen."""

from datetime import date

from claims.models import AuditEvent
from reviews.models import Verdict
from tests.inconsistency_setup import cited, inconsistency
from tests.workflow_setup import plain_http  # noqa: F401


def test_it_shows_outcomes_not_ratings_on_an_inconsistency(desk_client, checker):
    claim = inconsistency(holder=checker)
    page = desk_client(checker).get(f"/claims/{claim.pk}/").content.decode()
    assert "The article should say June" in page and "The article should say July" in page
    assert 'name="rating"' not in page
    assert "Choose a rating" not in page


def test_it_refuses_a_missing_outcome_and_keeps_the_note(desk_client, checker):
    claim = inconsistency(holder=checker)
    response = desk_client(checker).post(
        f"/claims/{claim.pk}/outcome/", {"outcome": "", "rationale": "Kremlin readout"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose an outcome before submitting it." in page
    assert "Kremlin readout" in page
    bad = desk_client(checker).post(f"/claims/{claim.pk}/outcome/", {"outcome": "should-say"})
    assert bad.status_code == 400
    assert "Choose one of the outcomes listed." in bad.content.decode()
    assert not Verdict.objects.filter(claim=claim, status="submitted").exists()


def test_it_accepts_a_suggestion_with_htmx_and_says_why_it_cannot(desk_client, checker):
    claim = inconsistency(holder=checker)
    snapshot = cited(claim, published_on=date(2022, 7, 19))
    client = desk_client(checker)
    refused = client.post(
        f"/claims/{claim.pk}/outcome/accept/", {"snapshot": "x"}, headers={"HX-Request": "true"}
    )
    assert refused.status_code == 400
    assert "Choose a source&#x27;s suggestion to accept." in refused.content.decode()
    done = client.post(
        f"/claims/{claim.pk}/outcome/accept/",
        {"snapshot": snapshot.pk},
        headers={"HX-Request": "true"},
    )
    assert done.status_code == 200
    body = done.content.decode()
    assert 'id="outcome-result"' in body and "The article should say <strong>July</strong>" in body
    assert Verdict.objects.get(claim=claim).should_say == "month-7"
    assert AuditEvent.objects.filter(action="outcome.suggestion_accept").count() == 1


def test_it_lets_only_the_holder_accept_a_suggestion(desk_client, checker, checker2):
    claim = inconsistency(holder=checker)
    snapshot = cited(claim, published_on=date(2022, 7, 19))
    response = desk_client(checker2).post(
        f"/claims/{claim.pk}/outcome/accept/", {"snapshot": snapshot.pk}
    )
    assert response.status_code == 302
    assert not Verdict.objects.filter(claim=claim).exists()


def test_it_calls_an_approved_outcome_resolved_not_published(desk_client, checker, editor):
    from reviews.approval import verdict_approve
    from reviews.verdicts import verdict_submit

    claim = inconsistency(holder=checker)
    verdict = verdict_submit(claim=claim, author=checker, rating="no-error")
    verdict_approve(verdict=verdict, editor=editor)
    claim.refresh_from_db()

    workspace = desk_client(editor).get(f"/claims/{claim.pk}/").content.decode()
    listed = desk_client(editor).get("/claims/?kind=inconsistency").content.decode()

    assert claim.status == "published" and claim.status_label == "Resolved"
    assert 'data-testid="claim-status" data-status="published">Resolved</span>' in workspace
    assert ">Resolved</td>" in listed and ">Published</td>" not in listed
