"""Four eyes by contribution: nobody who wrote any version of a verdict approves or returns it.

The attack: a user who is both fact-checker and editor (or a superuser) reassigns another
checker's claim to themselves, rewrites the draft, submits it, and approves it. The verdict's
`author` is still the first checker, so comparing `author` alone let it through.
"""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from claims.errors import FourEyesViolation
from claims.models import AuditEvent
from claims.roles import EDITOR_GROUP, FACT_CHECKER_GROUP
from reviews.approval import verdict_approve, verdict_return
from reviews.assignment import claim_reassign
from reviews.models import Queue, Verdict
from reviews.verdicts import verdict_save_draft, verdict_submit
from tests.conftest import PASSWORD, api_client_for
from tests.workflow_setup import assigned_claim, plain_http  # noqa: F401


@pytest.fixture
def dual(defaults) -> User:
    """Fact-checker on every queue and editor."""
    user = User.objects.create_user("dual", password=PASSWORD)
    user.groups.add(*Group.objects.filter(name__in=[FACT_CHECKER_GROUP, EDITOR_GROUP]))
    for queue in Queue.objects.all():
        queue.members.add(user)
    return user


@pytest.fixture(params=["dual", "superuser"])
def insider(request, defaults) -> User:
    if request.param == "superuser":
        return User.objects.create_superuser("root", "root@example.org", PASSWORD)
    return request.getfixturevalue("dual")


def hijacked_verdict(checker, insider) -> Verdict:
    """The checker drafts; the insider takes the claim over, rewrites the draft and submits it."""
    claim = assigned_claim(checker)
    draft = verdict_save_draft(claim=claim, author=checker, rating="false", summary="Exports fell")
    claim_reassign(claim=claim, checker=insider, editor=insider)
    claim.refresh_from_db()
    verdict_submit(
        claim=claim,
        author=insider,
        version=draft.version,
        rating="unverifiable",
        summary="No record",
    )
    draft.refresh_from_db()
    assert draft.author == checker and draft.status == Verdict.Status.SUBMITTED
    return draft


def test_it_records_everyone_who_wrote_a_version(checker, insider):
    verdict = hijacked_verdict(checker, insider)
    assert set(verdict.contributors.all()) == {checker, insider}


def test_it_refuses_the_rewriters_approval_and_audits_it(checker, insider):
    verdict = hijacked_verdict(checker, insider)

    with pytest.raises(FourEyesViolation):
        verdict_approve(verdict=verdict, editor=insider)

    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.SUBMITTED
    refusal = AuditEvent.objects.get(action="verdict.approve_refused")
    assert refusal.actor == insider
    assert "contributor" in refusal.after["reason"]


def test_it_refuses_the_rewriters_approval_through_the_api(checker, insider):
    verdict = hijacked_verdict(checker, insider)

    response = api_client_for(insider).post(
        reverse("api-verdict-approve", args=[verdict.pk]), {}, format="json"
    )

    assert response.status_code == 403
    assert "another editor" in response.json()["detail"]
    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.SUBMITTED
    assert AuditEvent.objects.filter(action="verdict.approve_refused", actor=insider).exists()


def test_it_refuses_the_rewriters_return_through_the_api(checker, insider):
    verdict = hijacked_verdict(checker, insider)

    response = api_client_for(insider).post(
        reverse("api-verdict-return", args=[verdict.pk]), {"comment": "redo"}, format="json"
    )

    assert response.status_code == 403
    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.SUBMITTED
    assert AuditEvent.objects.filter(action="verdict.return_refused", actor=insider).exists()
    with pytest.raises(FourEyesViolation):
        verdict_return(verdict=verdict, editor=insider, comment="again")


def test_it_refuses_the_rewriters_approval_in_the_desk(desk_client, checker, insider):
    verdict = hijacked_verdict(checker, insider)
    client = desk_client(insider)

    inbox = client.get(reverse("desk:inbox")).content.decode()
    item = inbox[inbox.index(f'id="verdict-{verdict.pk}"') :]
    assert 'data-testid="own-verdict"' in item[: item.index("</article>")]
    assert 'data-testid="approve"' not in item[: item.index("</article>")]

    response = client.post(reverse("desk:verdict_approve", args=[verdict.pk]), follow=True)

    assert "another editor" in response.content.decode()
    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.SUBMITTED
    assert AuditEvent.objects.filter(action="verdict.approve_refused", actor=insider).exists()


def test_it_still_lets_an_editor_who_wrote_nothing_approve(checker, insider, editor):
    verdict = hijacked_verdict(checker, insider)

    response = api_client_for(editor).post(
        reverse("api-verdict-approve", args=[verdict.pk]), {}, format="json"
    )

    assert response.status_code == 200, response.content
    verdict.refresh_from_db()
    assert verdict.status == Verdict.Status.PUBLISHED
