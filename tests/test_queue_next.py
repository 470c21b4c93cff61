from datetime import timedelta

import pytest
from django.utils import timezone

from claims.errors import Forbidden
from claims.models import AuditEvent, Claim
from reviews.assignment import assignments_expire, claim_assign_next
from reviews.models import Assignment
from reviews.tasks import expire_assignment_leases
from tests.factories import ClaimFactory
from tests.workflow_setup import article, claim, plain_http, queue  # noqa: F401

NEXT = "/api/v1/queues/english-desk/next/"


def test_it_gives_the_most_checkworthy_then_the_oldest_claim(checker_api, checker):
    on = article()
    low = claim(on, checkworthiness=0.2)
    old_high = claim(on, start=1, checkworthiness=0.9)
    claim(on, start=2, checkworthiness=0.9)

    response = checker_api.post(NEXT)

    assert response.status_code == 200
    assert response.json()["id"] == old_high.pk
    assert response.json()["status"] == "assigned"
    assert response.json()["assignment"]["checker"] == "checker"
    low.refresh_from_db()
    assert low.status == Claim.Status.QUEUED


def test_it_answers_204_when_the_queue_is_empty(checker_api):
    response = checker_api.post(NEXT)

    assert response.status_code == 204
    assert response.content == b""


def test_it_never_gives_an_assigned_claim_again(checker_api, checker2_api):
    claim()

    first = checker_api.post(NEXT)
    second = checker2_api.post(NEXT)

    assert first.status_code == 200
    assert second.status_code == 204


def test_it_refuses_a_checker_outside_the_queue(stranger_checker):
    from tests.conftest import api_client_for

    claim()
    response = api_client_for(stranger_checker).post(NEXT)

    assert response.status_code == 403
    assert "english-desk" in response.json()["detail"]
    assert Claim.objects.get().status == Claim.Status.QUEUED


def test_it_refuses_an_editor_who_is_no_fact_checker(editor_api):
    claim()

    assert editor_api.post(NEXT).status_code == 403


def test_it_answers_404_for_an_unknown_queue(checker_api):
    response = checker_api.post("/api/v1/queues/no-such-queue/next/")

    assert response.status_code == 404
    assert response.json()["detail"]


def test_it_gives_a_lease_of_the_configured_length(checker, settings):
    settings.CLAIMDESK_LEASE_MINUTES = 15
    claim()

    before = timezone.now()
    taken = claim_assign_next(queue=queue(), checker=checker)

    lease = taken.current_assignment.lease_expires_at
    assert before + timedelta(minutes=15) <= lease <= timezone.now() + timedelta(minutes=15)


def test_it_releases_a_claim_back_to_its_queue(checker_api):
    item = claim()
    checker_api.post(NEXT)

    response = checker_api.post(f"/api/v1/claims/{item.pk}/release/")

    assert response.status_code == 200
    assert response.json()["status"] == "queued"
    assignment = Assignment.objects.get(claim=item)
    assert assignment.end_reason == Assignment.EndReason.RELEASED
    assert checker_api.post(NEXT).json()["id"] == item.pk


def test_it_refuses_to_release_a_claim_someone_else_holds(checker_api, checker2_api):
    item = claim()
    checker_api.post(NEXT)

    response = checker2_api.post(f"/api/v1/claims/{item.pk}/release/")

    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == Claim.Status.ASSIGNED


def test_it_returns_claims_with_an_expired_lease_to_the_queue(checker):
    item = claim()
    held = claim(start=1)
    claim_assign_next(queue=queue(), checker=checker)
    claim_assign_next(queue=queue(), checker=checker)
    Assignment.objects.filter(claim=item).update(lease_expires_at=timezone.now() - timedelta(1))

    returned = expire_assignment_leases()

    assert returned == 1
    item.refresh_from_db()
    held.refresh_from_db()
    assert item.status == Claim.Status.QUEUED
    assert held.status == Claim.Status.ASSIGNED
    assert Assignment.objects.get(claim=item).end_reason == Assignment.EndReason.EXPIRED
    event = AuditEvent.objects.get(action="claim.expire")
    assert event.actor is None
    assert event.after["checker"] == "checker"
    assert assignments_expire() == 0


def test_it_refuses_an_outsider_in_the_service_not_only_the_view(outsider):
    claim()

    with pytest.raises(Forbidden):
        claim_assign_next(queue=queue(), checker=outsider)


def test_it_lets_an_editor_reassign_a_claim(checker_api, editor_api, checker2):
    item = claim()
    checker_api.post(NEXT)

    response = editor_api.post(
        f"/api/v1/claims/{item.pk}/reassign/", {"checker": "checker2"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["assignment"]["checker"] == "checker2"
    reasons = list(Assignment.objects.filter(claim=item).values_list("end_reason", flat=True))
    assert sorted(reasons) == ["", "reassigned"]


def test_it_refuses_to_reassign_to_a_checker_outside_the_queue(editor_api, stranger_checker):
    item = claim()

    response = editor_api.post(
        f"/api/v1/claims/{item.pk}/reassign/", {"checker": "stranger"}, format="json"
    )

    assert response.status_code == 400
    item.refresh_from_db()
    assert item.status == Claim.Status.QUEUED


def test_it_bulk_assigns_all_or_nothing(editor_api, checker):
    first, second = claim(), claim(start=1)
    published = claim(start=2, status=Claim.Status.PUBLISHED)

    refused = editor_api.post(
        "/api/v1/claims/bulk-assign/",
        {"claims": [first.pk, second.pk, published.pk], "checker": "checker"},
        format="json",
    )
    done = editor_api.post(
        "/api/v1/claims/bulk-assign/",
        {"claims": [first.pk, second.pk], "checker": "checker"},
        format="json",
    )

    assert refused.status_code == 409
    assert done.status_code == 200
    assert sorted(done.json()["claims"]) == [first.pk, second.pk]
    assert Assignment.objects.filter(checker=checker, ended_at__isnull=True).count() == 2


def test_it_lets_only_editors_bulk_assign(checker_api, checker):
    item = claim()

    response = checker_api.post(
        "/api/v1/claims/bulk-assign/", {"claims": [item.pk], "checker": "checker"}, format="json"
    )

    assert response.status_code == 403
    assert not Assignment.objects.exists()


def test_it_takes_only_from_its_own_queue(checker):
    ClaimFactory(queue=queue("arabic-desk"))

    assert claim_assign_next(queue=queue("english-desk"), checker=checker) is None


@pytest.mark.postgres
@pytest.mark.parametrize("async_commit", [False, True])
def test_it_gives_each_of_200_claims_to_exactly_one_of_8_racing_checkers(
    transactional_db, settings, async_commit
):
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from django.contrib.auth.models import Group, User
    from django.db import connection

    from reviews.defaults import ensure_defaults
    from tests.factories import ArticleFactory

    settings.CLAIMDESK_NEXT_ASYNC_COMMIT = async_commit  # the opt-in commit keeps the guarantee
    ensure_defaults()
    desk = queue()
    group = Group.objects.get(name="fact-checker")
    checkers = []
    for number in range(8):
        user = User.objects.create_user(f"racer{number}")
        user.groups.add(group)
        desk.members.add(user)
        checkers.append(user)
    on = ArticleFactory(body="x" * 300)
    Claim.objects.bulk_create(
        Claim(
            article=on,
            start=i,
            end=i + 1,
            text="x",
            status=Claim.Status.QUEUED,
            queue=desk,
            checkworthiness=(i % 10) / 10,
        )
        for i in range(200)
    )
    start = threading.Barrier(len(checkers))

    def take_all(user) -> list[int]:
        taken = []
        try:
            start.wait()
            while (item := claim_assign_next(queue=desk, checker=user)) is not None:
                taken.append(item.pk)
        finally:
            connection.close()
        return taken

    with ThreadPoolExecutor(max_workers=len(checkers)) as pool:
        results = list(pool.map(take_all, checkers))

    handed_out = [pk for taken in results for pk in taken]
    assert len(handed_out) == 200
    assert set(handed_out) == set(Claim.objects.values_list("pk", flat=True))
    assert Assignment.objects.filter(ended_at__isnull=True).count() == 200
    assert not Claim.objects.exclude(status=Claim.Status.ASSIGNED).exists()
    assert sum(1 for taken in results if taken) > 1  # they really raced
