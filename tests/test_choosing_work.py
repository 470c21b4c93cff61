"""Choosing work: take a chosen claim, skip claims in `next`, and the cap on held claims."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.errors import Conflict
from claims.models import AuditEvent, Claim
from reviews.choosing import claim_skip_and_next, claim_take, claim_take_next
from reviews.models import Assignment, ClaimSkip
from tests.workflow_setup import claim, plain_http, queue  # noqa: F401

NEXT = "/api/v1/queues/english-desk/next/"


def take_url(item: Claim) -> str:
    return f"/api/v1/claims/{item.pk}/take/"


def test_it_lets_a_queue_member_take_a_chosen_claim(checker_api, checker):
    top, chosen = claim(checkworthiness=0.9), claim(start=1, checkworthiness=0.1)

    response = checker_api.post(take_url(chosen))

    assert response.status_code == 200
    assert response.json()["id"] == chosen.pk
    assert response.json()["assignment"]["checker"] == "checker"
    assert Assignment.objects.get(ended_at__isnull=True).claim_id == chosen.pk
    assert Claim.objects.get(pk=top.pk).status == Claim.Status.QUEUED
    assert AuditEvent.objects.filter(action="claim.assign", claim_id=chosen.pk).exists()


def test_it_answers_409_when_someone_holds_the_chosen_claim(checker_api, checker2_api):
    chosen = claim()
    checker_api.post(take_url(chosen))

    response = checker2_api.post(take_url(chosen))

    assert response.status_code == 409
    assert "checker" in response.json()["detail"]
    assert Assignment.objects.filter(ended_at__isnull=True).count() == 1


def test_it_refuses_to_take_a_claim_outside_ones_queues(stranger_checker):
    from tests.conftest import api_client_for

    response = api_client_for(stranger_checker).post(take_url(claim()))

    assert response.status_code == 403
    assert not Assignment.objects.exists()


def test_it_refuses_to_take_a_claim_that_is_not_queued(checker_api):
    done = claim(status=Claim.Status.PUBLISHED)

    response = checker_api.post(take_url(done))

    assert response.status_code == 409
    assert not Assignment.objects.exists()


def test_it_skips_the_listed_claims_and_offers_the_next(checker_api):
    top, second = claim(checkworthiness=0.9), claim(start=1, checkworthiness=0.5)

    response = checker_api.post(NEXT, {"skip": [top.pk]}, format="json")

    assert response.status_code == 200
    assert response.json()["id"] == second.pk
    assert ClaimSkip.objects.filter(claim=top).exists()


def test_it_remembers_a_skip_until_it_ends(checker, checker_api, settings):
    settings.CLAIMDESK_SKIP_MINUTES = 30
    top = claim(checkworthiness=0.9)
    second = claim(start=1, checkworthiness=0.5)
    checker_api.post(NEXT, {"skip": [top.pk]}, format="json")
    checker_api.post(f"/api/v1/claims/{second.pk}/release/")

    again = checker_api.post(NEXT, format="json")
    checker_api.post(f"/api/v1/claims/{second.pk}/release/")
    ClaimSkip.objects.update(until=timezone.now() - timedelta(seconds=1))
    after = checker_api.post(NEXT, format="json")

    assert again.json()["id"] == second.pk
    assert after.json()["id"] == top.pk


def test_it_skips_only_for_the_checker_who_skipped(checker_api, checker2_api):
    top = claim(checkworthiness=0.9)
    claim(start=1, checkworthiness=0.5)
    checker_api.post(NEXT, {"skip": [top.pk]}, format="json")

    response = checker2_api.post(NEXT, format="json")

    assert response.json()["id"] == top.pk


def test_it_gives_the_next_claim_after_release_with_skip(checker):
    top, second = claim(checkworthiness=0.9), claim(start=1, checkworthiness=0.5)
    held = claim_take_next(queue=queue(), checker=checker)

    following = claim_skip_and_next(claim=held, checker=checker)

    assert held.pk == top.pk
    assert following.pk == second.pk
    assert Claim.objects.get(pk=top.pk).status == Claim.Status.QUEUED


def test_it_answers_204_when_everything_left_was_skipped(checker_api):
    only = claim()

    response = checker_api.post(NEXT, {"skip": [only.pk]}, format="json")

    assert response.status_code == 204


def test_it_refuses_a_skip_list_that_is_not_ids(checker_api):
    response = checker_api.post(NEXT, {"skip": ["top"]}, format="json")

    assert response.status_code == 400
    assert "detail" in response.json()


def test_it_caps_the_claims_one_checker_holds(checker, checker_api, settings):
    settings.CLAIMDESK_MAX_HELD_CLAIMS = 2
    first, second, third = claim(), claim(start=1), claim(start=2)
    claim_take(claim=first, checker=checker)
    claim_take(claim=second, checker=checker)

    by_next = checker_api.post(NEXT, format="json")
    by_choice = checker_api.post(take_url(third))

    assert by_next.status_code == 409
    assert by_choice.status_code == 409
    assert "2 claims" in by_choice.json()["detail"]
    assert Claim.objects.get(pk=third.pk).status == Claim.Status.QUEUED
    with pytest.raises(Conflict):
        claim_take(claim=third, checker=checker)


def test_it_takes_a_claim_from_the_queue_page(client, checker):
    chosen = claim(start=1, checkworthiness=0.1)
    claim(checkworthiness=0.9)
    client.force_login(checker)

    page = client.get(reverse("desk:queue_detail", args=["english-desk"]))
    response = client.post(reverse("desk:claim_take", args=[chosen.pk]))

    assert b'data-testid="take-this"' in page.content
    assert response.status_code == 302
    assert response.url == reverse("desk:claim_workspace", args=[chosen.pk])
    assert Assignment.objects.get(ended_at__isnull=True).claim_id == chosen.pk


def test_it_skips_from_the_workspace_to_the_next_claim(client, checker):
    top, second = claim(checkworthiness=0.9), claim(start=1, checkworthiness=0.5)
    client.force_login(checker)
    client.post(reverse("desk:queue_take_next", args=["english-desk"]))

    workspace = client.get(reverse("desk:claim_workspace", args=[top.pk]))
    response = client.post(reverse("desk:claim_skip", args=[top.pk]))

    assert b'data-testid="skip-claim"' in workspace.content
    assert response.url == reverse("desk:claim_workspace", args=[second.pk])
    assert Assignment.objects.get(ended_at__isnull=True).claim_id == second.pk


@pytest.mark.postgres
def test_it_hands_out_each_claim_once_to_8_racing_checkers_who_skip(transactional_db, settings):
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from django.contrib.auth.models import Group, User
    from django.db import connection

    from reviews.defaults import ensure_defaults
    from tests.factories import ArticleFactory

    settings.CLAIMDESK_MAX_HELD_CLAIMS = 0
    ensure_defaults()
    desk = queue()
    group = Group.objects.get(name="fact-checker")
    checkers = []
    for number in range(8):
        user = User.objects.create_user(f"skipper{number}")
        user.groups.add(group)
        desk.members.add(user)
        checkers.append(user)
    on = ArticleFactory(body="x" * 300)
    Claim.objects.bulk_create(
        Claim(article=on, start=i, end=i + 1, text="x", status=Claim.Status.QUEUED, queue=desk)
        for i in range(160)
    )
    start = threading.Barrier(len(checkers))

    def take_all(user) -> list[int]:
        taken, turn = [], 0
        try:
            start.wait()
            while (item := claim_take_next(queue=desk, checker=user)) is not None:
                turn += 1
                if turn % 3 == 0:  # pass on every third claim: someone else gets it
                    item = claim_skip_and_next(claim=item, checker=user)
                    if item is None:
                        break
                taken.append(item.pk)
        finally:
            connection.close()
        return taken

    with ThreadPoolExecutor(max_workers=len(checkers)) as pool:
        results = list(pool.map(take_all, checkers))

    open_assignments = list(
        Assignment.objects.filter(ended_at__isnull=True).values_list("claim_id", flat=True)
    )
    assert len(open_assignments) == len(set(open_assignments))
    assert sorted(open_assignments) == sorted(pk for taken in results for pk in taken)
    # A claim skipped by the last checker still looking goes back to the queue: never lost.
    waiting = set(Claim.objects.filter(status=Claim.Status.QUEUED).values_list("pk", flat=True))
    assert waiting.isdisjoint(open_assignments)
    assert waiting | set(open_assignments) == set(Claim.objects.values_list("pk", flat=True))
    assert len(waiting) < 8
    assert ClaimSkip.objects.exists()
