"""Shared sources are fetched from their clean address; only the claim's holder or an editor cites.

Before, a source shared by normalised URL was fetched from the raw URL of whoever attached it
first: `http://x@victim.example/story` poisoned it for everyone citing `http://victim.example/story`.
And any fact-checker could attach sources to any claim.
"""

from django.urls import reverse

from claims.models import Source
from claims.tasks import check_source
from tests.conftest import api_client_for
from tests.workflow_setup import assigned_claim, plain_http  # noqa: F401


def test_a_source_is_kept_and_fetched_without_the_first_attachers_credentials(
    outside_web, settings, checker, checker2
):
    settings.CLAIMDESK_FETCH_ALLOW_PRIVATE = True
    clean = outside_web.add("/story", "<html><body><p>The story.</p></body></html>")
    poisoned = clean.replace("http://", "http://attacker:secret@")
    first = assigned_claim(checker)
    second = assigned_claim(checker2)

    response = api_client_for(checker).post(
        reverse("claim-sources", args=[first.pk]), {"url": poisoned}, format="json"
    )
    assert response.status_code == 201
    again = api_client_for(checker2).post(
        reverse("claim-sources", args=[second.pk]), {"url": clean}, format="json"
    )
    assert again.json()["id"] == response.json()["id"]

    source = Source.objects.get()
    assert source.url == clean
    assert "attacker" not in source.url and "secret" not in source.normalized_url
    check_source.apply(args=(source.pk, source.fetch_key))
    source.refresh_from_db()
    assert source.status == Source.Status.CHECKED
    assert source.snapshots.get().final_url == clean
    assert outside_web.hits("/story") == 1


def test_only_the_holder_or_an_editor_attaches_a_source(checker, checker2, admin_user):
    claim = assigned_claim(checker)
    url = reverse("claim-sources", args=[claim.pk])
    body = {"url": "https://example.org/report"}

    refused = api_client_for(checker2).post(url, body, format="json")

    assert refused.status_code == 403
    assert "holds this claim" in refused.json()["detail"]
    assert not Source.objects.exists()
    assert api_client_for(checker).post(url, body, format="json").status_code == 201
    assert api_client_for(admin_user).post(url, body, format="json").status_code == 200


def test_the_desk_refuses_a_checker_who_does_not_hold_the_claim(desk_client, checker, checker2):
    claim = assigned_claim(checker)

    response = desk_client(checker2).post(
        reverse("desk:claim_source_attach", args=[claim.pk]),
        {"url": "https://example.org/report"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 400
    assert "holds this claim" in response.content.decode()
    assert not Source.objects.exists()
