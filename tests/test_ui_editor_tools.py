"""Editors' tools on the desk (assign one claim, bulk-assign a queue) and corrections of
published verdicts with their history."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import AuditEvent, Claim, Snapshot
from reviews.approval import verdict_approve
from reviews.assignment import claim_assign_next
from reviews.models import Assignment, Queue, Rating, Verdict
from reviews.verdicts import verdict_submit
from tests.factories import ArticleFactory, ClaimFactory
from tests.workflow_setup import cited_snapshot

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"


def _rating(slug: str) -> Rating:
    return Rating.objects.get(scale__is_default=True, slug=slug)


def _cited(claim: Claim) -> list[int]:
    return list(
        Snapshot.objects.filter(source__citations__claim=claim).values_list("pk", flat=True)
    )


def _open_checker(claim: Claim):
    assignment = Assignment.objects.filter(claim=claim, ended_at__isnull=True).first()
    return assignment.checker if assignment else None


@pytest.fixture
def queued_claim(checker) -> Claim:
    return ClaimFactory()


@pytest.fixture
def published_claim(checker, editor) -> Claim:
    claim = ClaimFactory()
    held = claim_assign_next(queue=claim.queue, checker=checker)
    verdict = verdict_submit(
        claim=held,
        author=checker,
        rating="false",
        summary="Exports fell 2%",
        rationale="Stats.",
        evidence=[cited_snapshot(held).pk],
    )
    verdict_approve(verdict=verdict, editor=editor)
    return Claim.objects.get(pk=claim.pk)


def _correct(client, claim: Claim, **data):
    fields = {
        "rating": _rating("mostly-false").pk,
        "summary": "Exports fell 1.8%",
        "rationale": "",
        "evidence": _cited(claim),
    }
    fields.update(data)
    return client.post(reverse("desk:verdict_correct", args=[claim.pk]), fields)


# --- access -----------------------------------------------------------------------------------

# (url name, object, the role the decorator lets through)
TOOL_VIEWS = [
    ("desk:claim_reassign", "claim", "editor"),
    ("desk:queue_bulk_assign", "queue", "editor"),
    ("desk:verdict_correct", "claim", "checker"),
]


def _url(name: str, kind: str, claim: Claim) -> str:
    return reverse(name, args=[claim.queue.slug if kind == "queue" else claim.pk])


@pytest.mark.parametrize(("name", "kind", "role"), TOOL_VIEWS)
def test_it_sends_anonymous_visitors_of_the_tools_to_the_login_page(
    desk_client, queued_claim, name, kind, role
):
    url = _url(name, kind, queued_claim)
    response = desk_client().post(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize(("name", "kind", "role"), TOOL_VIEWS)
def test_it_shows_outsiders_of_the_tools_a_403(
    desk_client, outsider, checker2, queued_claim, name, kind, role
):
    response = desk_client(outsider).post(
        _url(name, kind, queued_claim), {"checker": checker2.pk, "claims": [queued_claim.pk]}
    )
    assert response.status_code == 403
    assert b"You can't open this page" in response.content
    assert not Assignment.objects.exists()


@pytest.mark.parametrize(("name", "kind", "role"), TOOL_VIEWS)
def test_it_refuses_each_tool_to_the_other_role(
    desk_client, checker, checker2, editor, queued_claim, name, kind, role
):
    other = checker if role == "editor" else editor
    response = desk_client(other).post(
        _url(name, kind, queued_claim), {"checker": checker2.pk, "claims": [queued_claim.pk]}
    )
    assert response.status_code == 403
    assert not Assignment.objects.exists()


@pytest.mark.parametrize(("name", "kind", "role"), TOOL_VIEWS)
def test_it_refuses_a_tool_post_without_a_csrf_token(
    desk_client, checker, checker2, editor, queued_claim, name, kind, role
):
    user = editor if role == "editor" else checker
    response = desk_client(user, csrf=True).post(
        _url(name, kind, queued_claim), {"checker": checker2.pk, "claims": [queued_claim.pk]}
    )
    assert response.status_code == 403
    assert b"CSRF" in response.content
    assert not Assignment.objects.exists()


# --- assign one claim -------------------------------------------------------------------------


def test_it_offers_only_the_queues_fact_checkers(
    desk_client, checker, checker2, stranger_checker, editor, queued_claim
):
    html = (
        desk_client(editor)
        .get(reverse("desk:claim_workspace", args=[queued_claim.pk]))
        .content.decode()
    )
    form = html[html.index('data-testid="reassign-form"') :]
    form = form[: form.index("</form>")]
    assert f'<option value="{checker.pk}">checker</option>' in form
    assert f'<option value="{checker2.pk}">checker2</option>' in form
    assert "stranger" not in form
    assert ">editor<" not in form
    checkers_page = desk_client(checker).get(
        reverse("desk:claim_workspace", args=[queued_claim.pk])
    )
    assert 'data-testid="reassign-form"' not in checkers_page.content.decode()


def test_it_assigns_a_queued_claim_and_reassigns_it(
    desk_client, checker, checker2, editor, queued_claim
):
    client = desk_client(editor)
    url = reverse("desk:claim_reassign", args=[queued_claim.pk])
    response = client.post(url, {"checker": checker.pk}, follow=True)
    assert "Assigned to checker." in response.content.decode()
    assert _open_checker(queued_claim) == checker
    (assign,) = AuditEvent.objects.filter(claim_id=queued_claim.pk, action="claim.assign")
    assert assign.actor == editor
    assert assign.after["checker"] == "checker"

    response = client.post(url, {"checker": checker2.pk})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#claim-{queued_claim.pk}")
    assert _open_checker(queued_claim) == checker2
    (reassign,) = AuditEvent.objects.filter(claim_id=queued_claim.pk, action="claim.reassign")
    assert reassign.actor == editor
    assert reassign.after["checker"] == "checker2"
    assert Claim.objects.get(pk=queued_claim.pk).status == Claim.Status.ASSIGNED


def test_it_refuses_a_checker_outside_the_queue_and_keeps_the_page(
    desk_client, editor, stranger_checker, queued_claim
):
    response = desk_client(editor).post(
        reverse("desk:claim_reassign", args=[queued_claim.pk]), {"checker": stranger_checker.pk}
    )
    assert response.status_code == 400
    assert "That person is not a fact-checker on this queue." in response.content.decode()
    assert not Assignment.objects.exists()


def test_it_says_why_a_submitted_claim_cannot_be_assigned(
    desk_client, checker, checker2, editor, queued_claim
):
    held = claim_assign_next(queue=queued_claim.queue, checker=checker)
    verdict_submit(
        claim=held,
        author=checker,
        rating="false",
        summary="Wrong",
        evidence=[cited_snapshot(held).pk],
    )
    response = desk_client(editor).post(
        reverse("desk:claim_reassign", args=[queued_claim.pk]), {"checker": checker2.pk}
    )
    assert response.status_code == 409
    assert "A claim that is Verdict submitted cannot be assigned." in response.content.decode()


# --- bulk assign ------------------------------------------------------------------------------


def test_it_shows_checkboxes_and_the_checker_select_to_editors_only(
    desk_client, checker, editor, queued_claim
):
    url = reverse("desk:queue_detail", args=["english-desk"])
    editors = desk_client(editor).get(url).content.decode()
    assert 'data-testid="bulk-assign"' in editors
    assert f'name="claims" value="{queued_claim.pk}" form="bulk-assign"' in editors
    checkers = desk_client(checker).get(url).content.decode()
    assert 'data-testid="bulk-assign"' not in checkers
    assert 'name="claims"' not in checkers


def test_it_bulk_assigns_the_ticked_claims(desk_client, checker, checker2, editor):
    claims = [ClaimFactory() for _ in range(3)]
    response = desk_client(editor).post(
        reverse("desk:queue_bulk_assign", args=["english-desk"]),
        {"checker": checker2.pk, "claims": [claims[0].pk, claims[2].pk]},
        follow=True,
    )
    assert "Assigned 2 claims to checker2." in response.content.decode()
    assert [_open_checker(claim) for claim in claims] == [checker2, None, checker2]
    events = AuditEvent.objects.filter(action="claim.assign", actor=editor)
    assert sorted(event.claim_id for event in events) == [claims[0].pk, claims[2].pk]


def test_it_asks_for_a_tick_and_keeps_the_chosen_checker(
    desk_client, checker, checker2, editor, queued_claim
):
    response = desk_client(editor).post(
        reverse("desk:queue_bulk_assign", args=["english-desk"]), {"checker": checker2.pk}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tick at least one claim to assign." in html
    assert f'<option value="{checker2.pk}" selected>checker2</option>' in html


def test_it_refuses_the_whole_batch_when_one_claim_left_the_queue(
    desk_client, checker, checker2, editor
):
    first, gone = ClaimFactory(), ClaimFactory()
    Claim.objects.filter(pk=gone.pk).update(status=Claim.Status.DISMISSED)
    response = desk_client(editor).post(
        reverse("desk:queue_bulk_assign", args=["english-desk"]),
        {"checker": checker2.pk, "claims": [first.pk, gone.pk]},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f"Claim {gone.pk} is no longer open in this queue" in html
    assert f'value="{first.pk}" form="bulk-assign" id="pick-{first.pk}"' in html
    assert f'aria-label="Select claim {first.pk}" checked' in html
    assert not Assignment.objects.exists()


def test_it_lists_a_queue_for_editors_in_the_same_queries_for_10_or_100_claims(
    desk_client, editor, checker
):
    client = desk_client(editor)

    def queue_queries(count: int) -> int:
        queue = Queue.objects.create(slug=f"q{count}", name=f"Queue {count}", priority=500)
        queue.members.add(checker)
        for _ in range(count):
            ClaimFactory(queue=queue, article=ArticleFactory())
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("desk:queue_detail", args=[queue.slug]))
        assert response.content.decode().count('name="claims"') == count
        return len(queries)

    client.get(reverse("desk:home"))
    assert queue_queries(10) == queue_queries(100)


# --- corrections and verdict history ----------------------------------------------------------


def test_it_offers_a_correction_prefilled_with_the_published_verdict(
    desk_client, checker, editor, published_claim
):
    html = (
        desk_client(checker)
        .get(reverse("desk:claim_workspace", args=[published_claim.pk]))
        .content.decode()
    )
    assert 'data-testid="correction-form"' in html
    assert ">\nExports fell 2%</textarea>" in html
    assert f'<option value="{_rating("false").pk}" selected>' in html
    assert 'data-status="published"' in html
    editors = desk_client(editor).get(reverse("desk:claim_workspace", args=[published_claim.pk]))
    assert 'data-testid="correction-form"' not in editors.content.decode()


def test_it_files_a_correction_an_editor_approves_and_keeps_the_history(
    desk_client, checker, checker2, editor, published_claim
):
    published = Verdict.objects.get(claim=published_claim)
    response = _correct(
        desk_client(checker2), published_claim, summary=f"Exports fell 1.8% {SCRIPT}"
    )
    assert response.status_code == 302
    correction = Verdict.objects.get(claim=published_claim, supersedes=published)
    assert correction.status == Verdict.Status.SUBMITTED
    assert correction.author == checker2
    (event,) = AuditEvent.objects.filter(action="verdict.correct")
    assert (event.actor, event.claim_id) == (checker2, published_claim.pk)
    assert event.before == {"published_verdict": published.pk}
    assert Verdict.objects.get(pk=published.pk).status == Verdict.Status.PUBLISHED

    editor_client = desk_client(editor)
    inbox = editor_client.get(reverse("desk:inbox")).content.decode()
    assert "Exports fell 1.8% &lt;script&gt;" in inbox
    editor_client.post(reverse("desk:verdict_approve", args=[correction.pk]))
    assert Verdict.objects.get(pk=published.pk).status == Verdict.Status.SUPERSEDED
    assert Verdict.objects.get(pk=correction.pk).status == Verdict.Status.PUBLISHED

    html = (
        desk_client(checker)
        .get(reverse("desk:claim_workspace", args=[published_claim.pk]))
        .content.decode()
    )
    history = html[html.index('data-testid="verdict-history"') :]
    history = history[: history.index("</section>")]
    assert history.index('data-status="published"') < history.index('data-status="superseded"')
    assert f"corrects verdict <bdi>#{published.pk}</bdi>" in history
    assert history.count("· published <time") == 2
    assert "· superseded <time" in history
    assert SCRIPT not in html


def test_it_explains_an_incomplete_correction_and_keeps_what_was_typed(
    desk_client, checker, published_claim
):
    response = _correct(
        desk_client(checker), published_claim, summary="", rationale="The new table"
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "A correction needs a summary." in html
    assert ">\nThe new table</textarea>" in html
    assert '<details class="correction" open' in html
    assert Verdict.objects.filter(claim=published_claim).count() == 1


def test_it_refuses_a_second_correction_while_one_is_under_way(
    desk_client, checker, checker2, published_claim
):
    assert _correct(desk_client(checker), published_claim).status_code == 302
    response = _correct(desk_client(checker2), published_claim, summary="Mine instead")
    assert response.status_code == 409
    assert "A correction of this verdict is already under way." in response.content.decode()
    assert Verdict.objects.filter(claim=published_claim).count() == 2
    assert AuditEvent.objects.filter(action="verdict.correct").count() == 1


def test_it_tells_a_checker_of_another_queue_they_may_not_correct(
    desk_client, stranger_checker, published_claim
):
    response = _correct(desk_client(stranger_checker), published_claim)
    assert response.status_code == 403
    assert "correct its verdict" in response.content.decode()


def test_it_lets_the_author_rework_a_returned_correction(
    desk_client, checker, editor, published_claim
):
    _correct(desk_client(checker), published_claim)
    correction = Verdict.objects.get(claim=published_claim, status=Verdict.Status.SUBMITTED)
    desk_client(editor).post(
        reverse("desk:verdict_return", args=[correction.pk]), {"comment": "Cite the table."}
    )
    client = desk_client(checker)
    html = client.get(reverse("desk:claim_workspace", args=[published_claim.pk])).content.decode()
    assert 'id="verdict-form"' in html
    assert "Cite the table." in html
    response = client.post(
        reverse("desk:verdict_submit", args=[published_claim.pk]),
        {
            "rating": _rating("mostly-false").pk,
            "summary": "Exports fell 1.8%, per the table",
            "evidence": _cited(published_claim),
            "version": Verdict.objects.get(pk=correction.pk).version,
        },
    )
    assert response.status_code == 302
    correction.refresh_from_db()
    assert correction.status == Verdict.Status.SUBMITTED
    assert correction.summary == "Exports fell 1.8%, per the table"
    assert Claim.objects.get(pk=published_claim.pk).status == Claim.Status.PUBLISHED
