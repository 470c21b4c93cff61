"""The discussion on a claim: comments, @mentions that notify, return comments in the thread."""

from django.urls import reverse

from claims.models import AuditEvent
from reviews.approval import verdict_return
from reviews.discussion import mentioned_usernames
from reviews.models import Comment, Notification
from tests.workflow_setup import claim, plain_http, submitted_verdict  # noqa: F401


def comments_url(item) -> str:
    return f"/api/v1/claims/{item.pk}/comments/"


def test_it_reads_mentions_once_and_not_inside_addresses():
    assert mentioned_usernames("@editor see this, @checker2. mail a@b.org @editor") == [
        "editor",
        "checker2",
    ]


def test_it_adds_a_comment_and_notifies_the_person_mentioned(checker_api, editor):
    item = claim()

    response = checker_api.post(
        comments_url(item), {"body": "Which source dates the call? @editor"}, format="json"
    )

    body = response.json()
    assert response.status_code == 201
    assert body["author"] == "checker"
    assert body["body"] == "Which source dates the call? @editor"
    assert {"id", "created"} <= set(body)
    notice = Notification.objects.get(recipient=editor)
    assert notice.verb == "mentioned"
    assert notice.claim_id == item.pk
    event = AuditEvent.objects.get(action="comment.add")
    assert event.claim_id == item.pk
    assert event.after["mentioned"] == ["editor"]


def test_it_notifies_nobody_for_an_unknown_name_or_an_outsider(checker_api, outsider):
    checker_api.post(
        comments_url(claim()), {"body": "@nobody and @stranger-outsider @outsider"}, format="json"
    )

    assert not Notification.objects.exists()


def test_it_refuses_an_empty_comment_with_a_detail(checker_api):
    response = checker_api.post(comments_url(claim()), {"body": "   "}, format="json")

    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_it_lists_the_thread_with_the_editors_return_comment(checker, checker_api, editor):
    verdict = submitted_verdict(checker)
    checker_api.post(comments_url(verdict.claim), {"body": "Submitted."}, format="json")
    verdict_return(verdict=verdict, editor=editor, comment="Cite the ministry's own figure.")

    thread = checker_api.get(comments_url(verdict.claim)).json()

    assert [(row["author"], row["kind"]) for row in thread] == [
        ("checker", "comment"),
        ("editor", "return"),
    ]
    assert thread[1]["body"] == "Cite the ministry's own figure."


def test_it_comments_from_the_workspace_with_htmx(client, checker, checker2):
    item = claim()
    client.force_login(checker)

    page = client.get(reverse("desk:claim_workspace", args=[item.pk]))
    response = client.post(
        reverse("desk:claim_comment", args=[item.pk]),
        {"body": "<b>bold</b> @checker2"},
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    assert 'data-testid="discussion"' in page.content.decode()
    assert response.status_code == 200
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "Comment added." in html
    assert Notification.objects.filter(recipient=checker2, verb="mentioned").exists()


def test_it_keeps_the_draft_and_says_why_when_a_comment_is_refused(client, checker):
    item = claim()
    client.force_login(checker)

    response = client.post(
        reverse("desk:claim_comment", args=[item.pk]), {"body": " "}, headers={"HX-Request": "1"}
    )

    assert "Write something" in response.content.decode()
    assert not Comment.objects.exists()


def test_it_refuses_comments_to_outsiders(client, outsider):
    item = claim()
    client.force_login(outsider)

    response = client.post(reverse("desk:claim_comment", args=[item.pk]), {"body": "hi"})

    assert response.status_code == 403
    assert not Comment.objects.exists()
