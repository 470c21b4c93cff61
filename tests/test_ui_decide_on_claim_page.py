"""Editors approve or return where they read: on the claim page, after seeing what is published."""

import pytest
from django.urls import reverse

from reviews.models import Verdict
from tests.workflow_setup import plain_http, submitted_verdict  # noqa: F401

pytestmark = pytest.mark.django_db


def test_it_lets_an_editor_confirm_what_is_published_from_the_claim_page(client, checker, editor):
    verdict = submitted_verdict(checker, summary="Exports fell, not rose")
    client.force_login(editor)

    workspace = client.get(reverse("desk:claim_workspace", args=[verdict.claim_id]))
    confirm = client.get(reverse("desk:verdict_approve", args=[verdict.pk]))
    approved = client.post(reverse("desk:verdict_approve", args=[verdict.pk]), {"from": "claim"})

    assert 'data-testid="decide-here"' in workspace.content.decode()
    preview = confirm.content.decode()
    assert "Exports fell, not rose" in preview
    assert verdict.claim.text in preview
    assert 'data-testid="confirm-approve"' in preview
    assert Verdict.objects.get(pk=verdict.pk).status == Verdict.Status.PUBLISHED
    assert approved.url == reverse("desk:claim_workspace", args=[verdict.claim_id])


def test_it_returns_from_the_confirmation_page_back_to_the_claim(client, checker, editor):
    verdict = submitted_verdict(checker)
    client.force_login(editor)

    response = client.post(
        reverse("desk:verdict_return", args=[verdict.pk]),
        {"comment": "Add a source", "from": "claim"},
    )

    assert response.url == reverse("desk:claim_workspace", args=[verdict.claim_id])
    assert Verdict.objects.get(pk=verdict.pk).status == Verdict.Status.RETURNED


def test_it_refuses_the_confirmation_page_to_checkers(client, checker):
    verdict = submitted_verdict(checker)
    client.force_login(checker)

    assert client.get(reverse("desk:verdict_approve", args=[verdict.pk])).status_code == 403
