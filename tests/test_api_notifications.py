from reviews.models import Notification
from tests.conftest import api_client_for
from tests.workflow_setup import plain_http, submitted_verdict  # noqa: F401


def test_it_lists_submitted_verdicts_in_the_editors_inbox_oldest_first(
    checker, checker2, editor_api
):
    first = submitted_verdict(checker)
    second = submitted_verdict(checker2)

    inbox = editor_api.get("/api/v1/inbox/").json()

    assert [verdict["id"] for verdict in inbox["results"]] == [first.pk, second.pk]
    assert inbox["results"][0]["author"] == "checker"


def test_it_drops_a_decided_verdict_from_the_inbox(checker, editor_api):
    verdict = submitted_verdict(checker)

    editor_api.post(f"/api/v1/verdicts/{verdict.pk}/approve/")

    assert editor_api.get("/api/v1/inbox/").json()["count"] == 0


def test_it_shows_each_person_only_their_notifications_and_marks_them_read(checker, editor_api):
    verdict = submitted_verdict(checker)
    editor_api.post(
        f"/api/v1/verdicts/{verdict.pk}/return/", {"comment": "Which year?"}, format="json"
    )
    Notification.objects.create(recipient=checker, verb="approved", message="older news")
    client = api_client_for(checker)

    unread = client.get("/api/v1/notifications/", {"unread": "true"}).json()
    returned = next(n for n in unread["results"] if n["verb"] == "returned")
    marked = client.post(f"/api/v1/notifications/{returned['id']}/read/")
    after_one = client.get("/api/v1/notifications/", {"unread": "true"}).json()
    all_read = client.post("/api/v1/notifications/read-all/").json()

    assert unread["count"] == 2
    assert "Which year?" in returned["message"]
    assert marked.status_code == 200 and marked.json()["read_at"]
    assert after_one["count"] == 1
    assert all_read == {"marked": 1}
    assert editor_api.get("/api/v1/notifications/").json()["count"] == 0
