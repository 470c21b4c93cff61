"""Editing claims from the desk: span, split, add by hand, dismiss and reopen."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import AuditEvent, Claim
from reviews.assignment import claim_assign_next
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

BODY = "Exports rose 12% in 2023. Officials added that 40,000 jobs were created."
SCRIPT = "<script>alert(1)</script>"

# (url name, object, roles the decorator lets through)
EDITING_VIEWS = [
    ("desk:claim_span", "claim", {"checker"}),
    ("desk:claim_split", "claim", {"checker"}),
    ("desk:claim_add", "article", {"checker"}),
    ("desk:claim_dismiss", "claim", {"checker", "editor"}),
    ("desk:claim_reopen", "claim", {"checker", "editor"}),
]


@pytest.fixture
def queued_claim(checker) -> Claim:
    article = ArticleFactory(body=BODY)
    return ClaimFactory(article=article, start=0, end=len(BODY))


@pytest.fixture
def held_claim(checker, queued_claim) -> Claim:
    claim_assign_next(queue=queued_claim.queue, checker=checker)
    return Claim.objects.get(pk=queued_claim.pk)


def _url(name: str, kind: str, claim: Claim) -> str:
    return reverse(name, args=[claim.article_id if kind == "article" else claim.pk])


def _workspace(client, claim: Claim) -> str:
    return client.get(reverse("desk:claim_workspace", args=[claim.pk])).content.decode()


def _events(claim_id: int, action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(claim_id=claim_id, action=action))


# --- access -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "kind", "roles"), EDITING_VIEWS)
def test_it_sends_anonymous_editors_of_claims_to_the_login_page(
    desk_client, queued_claim, name, kind, roles
):
    url = _url(name, kind, queued_claim)
    response = desk_client().post(url, {"start": 0, "end": 5})
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize(("name", "kind", "roles"), EDITING_VIEWS)
def test_it_shows_outsiders_a_403_and_changes_nothing(
    desk_client, outsider, queued_claim, name, kind, roles
):
    response = desk_client(outsider).post(
        _url(name, kind, queued_claim), {"start": 0, "end": 5, "at": 3, "reason": "x"}
    )
    assert response.status_code == 403
    assert b"You can't open this page" in response.content
    assert Claim.objects.count() == 1
    assert (
        not AuditEvent.objects.filter(action__startswith="claim.")
        .exclude(action="claim.route")
        .exists()
    )


@pytest.mark.parametrize(
    ("name", "kind"), [(name, kind) for name, kind, roles in EDITING_VIEWS if roles == {"checker"}]
)
def test_it_refuses_span_split_and_add_to_editors(desk_client, editor, queued_claim, name, kind):
    response = desk_client(editor).post(_url(name, kind, queued_claim), {"start": 0, "end": 5})
    assert response.status_code == 403
    assert b"Only fact-checkers can do this." in response.content


@pytest.mark.parametrize(("name", "kind", "roles"), EDITING_VIEWS)
def test_it_refuses_a_claim_edit_without_a_csrf_token(
    desk_client, checker, held_claim, name, kind, roles
):
    response = desk_client(checker, csrf=True).post(
        _url(name, kind, held_claim), {"start": 0, "end": 5, "version": held_claim.version}
    )
    assert response.status_code == 403
    assert b"CSRF" in response.content
    assert Claim.objects.get(pk=held_claim.pk).end == len(BODY)


def test_it_accepts_a_span_edit_with_the_token_from_the_workspace(desk_client, checker, held_claim):
    client = desk_client(checker, csrf=True)
    page = client.get(reverse("desk:claim_workspace", args=[held_claim.pk]))
    response = client.post(
        reverse("desk:claim_span", args=[held_claim.pk]),
        {
            "start": 0,
            "end": 25,
            "version": held_claim.version,
            "csrfmiddlewaretoken": page.context["csrf_token"],
        },
    )
    assert response.status_code == 302
    assert Claim.objects.get(pk=held_claim.pk).text == "Exports rose 12% in 2023."


def test_it_offers_the_editing_forms_only_to_who_may_use_them(
    desk_client, checker, checker2, editor, held_claim
):
    mine = _workspace(desk_client(checker), held_claim)
    assert 'data-testid="span-form"' in mine
    assert 'data-testid="split-form"' in mine
    assert 'data-testid="dismiss-form"' in mine
    # Another checker on the queue may not edit a claim somebody holds.
    theirs = _workspace(desk_client(checker2), held_claim)
    assert 'data-testid="span-form"' not in theirs
    editors = _workspace(desk_client(editor), held_claim)
    assert 'data-testid="span-form"' not in editors
    assert 'data-testid="dismiss-form"' in editors


def test_it_tells_a_checker_of_another_queue_why_the_span_was_refused(
    desk_client, stranger_checker, queued_claim
):
    response = desk_client(stranger_checker).post(
        reverse("desk:claim_span", args=[queued_claim.pk]),
        {"start": 0, "end": 25, "version": queued_claim.version},
    )
    assert response.status_code == 403
    assert "Only fact-checkers on the claim&#x27;s queue may edit it." in response.content.decode()
    assert Claim.objects.get(pk=queued_claim.pk).end == len(BODY)


# --- span -------------------------------------------------------------------------------------


def test_it_adjusts_the_span_and_highlights_the_claim(desk_client, checker, held_claim):
    client = desk_client(checker)
    response = client.post(
        reverse("desk:claim_span", args=[held_claim.pk]),
        {"start": 0, "end": 25, "version": held_claim.version},
    )
    assert response.status_code == 302
    assert response["Location"] == (
        f"{reverse('desk:claim_workspace', args=[held_claim.pk])}#claim-{held_claim.pk}"
    )
    claim = Claim.objects.get(pk=held_claim.pk)
    assert (claim.start, claim.end, claim.text) == (0, 25, "Exports rose 12% in 2023.")
    assert claim.version == held_claim.version + 1
    (event,) = _events(claim.pk, "claim.span")
    assert event.actor == checker
    assert event.before["end"] == len(BODY)
    assert event.after == {
        "start": 0,
        "end": 25,
        "text": "Exports rose 12% in 2023.",
        "version": claim.version,
    }
    html = client.get(response["Location"]).content.decode()
    assert "The claim now covers characters 0–25." in html
    assert re.search(
        rf'<mark class="[^"]*focus[^"]*" id="claim-{claim.pk}"[^>]*>Exports rose 12% in 2023\.</mark>',
        html,
    )


def test_it_reports_a_stale_span_edit_and_keeps_the_typed_offsets(desk_client, checker, held_claim):
    client = desk_client(checker)
    stale = held_claim.version
    client.post(
        reverse("desk:claim_span", args=[held_claim.pk]), {"start": 0, "end": 25, "version": stale}
    )
    response = client.post(
        reverse("desk:claim_span", args=[held_claim.pk]), {"start": 26, "end": 72, "version": stale}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Not saved: Someone saved a newer version first" in html
    assert "Reload the claim" in html
    assert 'name="start" value="26"' in html
    assert 'name="end" value="72"' in html
    assert f'name="version" value="{stale}"' in html
    assert 'data-testid="claim-span">0–25<' in html  # the page shows the claim as it is now
    assert Claim.objects.get(pk=held_claim.pk).end == 25
    assert len(_events(held_claim.pk, "claim.span")) == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"start": 10, "end": 5}, "The end must come after the start."),
        ({"start": "", "end": 5}, "Start: This field is required."),
        ({"start": "ten", "end": 5}, "Start: Enter a whole number."),
        ({"start": 0, "end": 9999}, "is not inside the article body (0–72)"),
        ({"start": 25, "end": 26}, "The span holds only white space."),
    ],
)
def test_it_explains_a_span_it_cannot_use(desk_client, checker, held_claim, data, message):
    response = desk_client(checker).post(
        reverse("desk:claim_span", args=[held_claim.pk]), {**data, "version": held_claim.version}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'name="end" value="{data["end"]}"' in html
    assert Claim.objects.get(pk=held_claim.pk).end == len(BODY)
    assert not _events(held_claim.pk, "claim.span")


def test_it_refuses_to_edit_a_submitted_claim(desk_client, checker, held_claim):
    Claim.objects.filter(pk=held_claim.pk).update(status=Claim.Status.SUBMITTED)
    response = desk_client(checker).post(
        reverse("desk:claim_span", args=[held_claim.pk]),
        {"start": 0, "end": 25, "version": held_claim.version},
    )
    assert response.status_code == 409
    assert "A claim that is Verdict submitted can no longer be edited." in response.content.decode()


# --- split ------------------------------------------------------------------------------------


def test_it_splits_a_claim_and_highlights_the_new_half(desk_client, checker, held_claim):
    client = desk_client(checker)
    response = client.post(
        reverse("desk:claim_split", args=[held_claim.pk]),
        {"at": 26, "version": held_claim.version},
    )
    assert response.status_code == 302
    first = Claim.objects.get(pk=held_claim.pk)
    second = Claim.objects.exclude(pk=first.pk).get()
    assert response["Location"].endswith(f"/claims/{first.pk}/#claim-{second.pk}")
    assert (first.start, first.end, first.origin) == (0, 26, Claim.Origin.MANUAL)
    assert (second.start, second.end, second.origin) == (26, len(BODY), Claim.Origin.MANUAL)
    assert second.text == "Officials added that 40,000 jobs were created."
    assert second.queue == first.queue
    assert second.status == Claim.Status.QUEUED
    assert _events(first.pk, "claim.split")[0].after["new_claim"] == second.pk
    assert _events(second.pk, "claim.add")[0].actor == checker
    html = client.get(response["Location"]).content.decode()
    assert f"the rest is claim #{second.pk}" in html
    assert f'id="claim-{second.pk}"' in html


def test_it_reports_a_stale_split_and_keeps_the_offset(desk_client, checker, held_claim):
    Claim.objects.filter(pk=held_claim.pk).update(version=held_claim.version + 1)
    response = desk_client(checker).post(
        reverse("desk:claim_split", args=[held_claim.pk]),
        {"at": 26, "version": held_claim.version},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone saved a newer version first" in html
    assert 'name="at" value="26"' in html
    assert Claim.objects.count() == 1


def test_it_explains_a_split_outside_the_claim(desk_client, checker, held_claim):
    response = desk_client(checker).post(
        reverse("desk:claim_split", args=[held_claim.pk]),
        {"at": 500, "version": held_claim.version},
    )
    assert response.status_code == 400
    assert "must fall strictly inside the claim (0–72)" in response.content.decode()
    assert Claim.objects.count() == 1


# --- add by hand ------------------------------------------------------------------------------


def test_it_offers_adding_a_claim_on_the_article_page_to_checkers_only(
    desk_client, checker, editor, queued_claim
):
    url = reverse("desk:article_detail", args=[queued_claim.article_id])
    assert 'data-testid="claim-add"' in desk_client(checker).get(url).content.decode()
    assert 'data-testid="claim-add"' not in desk_client(editor).get(url).content.decode()
    live = desk_client(checker).get(reverse("desk:article_live", args=[queued_claim.article_id]))
    assert 'data-testid="claim-add"' in live.content.decode()


def test_it_adds_a_claim_by_hand_and_highlights_it(desk_client, checker, queued_claim):
    client = desk_client(checker)
    article_id = queued_claim.article_id
    response = client.post(
        reverse("desk:claim_add", args=[article_id]), {"start": 26, "end": 72, "kind": "quantity"}
    )
    assert response.status_code == 302
    added = Claim.objects.exclude(pk=queued_claim.pk).get()
    assert response["Location"] == (
        f"{reverse('desk:article_detail', args=[article_id])}#claim-{added.pk}"
    )
    assert added.text == "Officials added that 40,000 jobs were created."
    assert (added.origin, added.kind, added.created_by) == ("manual", "quantity", checker)
    assert added.status == Claim.Status.QUEUED and added.queue is not None
    (event,) = _events(added.pk, "claim.add")
    assert event.actor == checker
    assert event.after["origin"] == "manual"
    html = client.get(response["Location"]).content.decode()
    assert f"Claim #{added.pk} added by hand" in html
    assert f'id="claim-{added.pk}" data-claim="{added.pk}"' in html


def test_it_explains_a_claim_it_cannot_add_and_keeps_the_offsets(
    desk_client, checker, queued_claim
):
    url = reverse("desk:claim_add", args=[queued_claim.article_id])
    response = desk_client(checker).post(url, {"start": 40, "end": 30, "kind": "statement"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "The end must come after the start." in html
    assert 'name="start" value="40"' in html
    response = desk_client(checker).post(url, {"start": 0, "end": 500, "kind": "statement"})
    assert response.status_code == 400
    assert "is not inside the article body (0–72)" in response.content.decode()
    response = desk_client(checker).post(url, {"start": 0, "end": 5, "kind": "inconsistency"})
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert Claim.objects.count() == 1


# --- dismiss and reopen -----------------------------------------------------------------------


def test_it_requires_a_reason_to_dismiss(desk_client, checker, held_claim):
    response = desk_client(checker).post(
        reverse("desk:claim_dismiss", args=[held_claim.pk]),
        {"reason": "   ", "version": held_claim.version},
    )
    assert response.status_code == 400
    assert "a reason is required" in response.content.decode()
    assert Claim.objects.get(pk=held_claim.pk).status == Claim.Status.ASSIGNED


def test_it_dismisses_with_a_reason_and_reopens(desk_client, checker, held_claim):
    client = desk_client(checker)
    response = client.post(
        reverse("desk:claim_dismiss", args=[held_claim.pk]),
        {"reason": f"Opinion, not a fact {SCRIPT}", "version": held_claim.version},
        follow=True,
    )
    html = response.content.decode()
    claim = Claim.objects.get(pk=held_claim.pk)
    assert claim.status == Claim.Status.DISMISSED
    assert claim.dismiss_reason == f"Opinion, not a fact {SCRIPT}"
    assert not claim.assignments.filter(ended_at__isnull=True).exists()
    assert "Dismissed as not check-worthy" in html
    assert SCRIPT not in html
    assert "Opinion, not a fact &lt;script&gt;" in html
    assert 'data-testid="reopen-form"' in html
    (event,) = _events(claim.pk, "claim.dismiss")
    assert event.actor == checker
    assert event.after["status"] == "dismissed"

    response = client.post(
        reverse("desk:claim_reopen", args=[claim.pk]), {"version": claim.version}, follow=True
    )
    claim.refresh_from_db()
    assert claim.status == Claim.Status.QUEUED
    assert claim.dismiss_reason == ""
    assert "Reopened: the claim is back in English desk" in response.content.decode()
    assert _events(claim.pk, "claim.reopen")[0].actor == checker


def test_it_lets_an_editor_dismiss_and_reports_a_stale_one(desk_client, editor, queued_claim):
    client = desk_client(editor)
    url = reverse("desk:claim_dismiss", args=[queued_claim.pk])
    response = client.post(url, {"reason": "Duplicate", "version": queued_claim.version})
    assert response.status_code == 302
    assert _events(queued_claim.pk, "claim.dismiss")[0].actor == editor
    response = client.post(
        reverse("desk:claim_reopen", args=[queued_claim.pk]), {"version": queued_claim.version}
    )
    assert response.status_code == 409
    assert "Someone saved a newer version first" in response.content.decode()
    assert Claim.objects.get(pk=queued_claim.pk).status == Claim.Status.DISMISSED


def test_it_tells_a_checker_of_another_queue_they_may_not_dismiss(
    desk_client, stranger_checker, queued_claim
):
    response = desk_client(stranger_checker).post(
        reverse("desk:claim_dismiss", args=[queued_claim.pk]),
        {"reason": "Not mine", "version": queued_claim.version},
    )
    assert response.status_code == 403
    assert "may dismiss it" in response.content.decode()
    assert 'name="reason"' not in response.content.decode()  # no form to use: only the reason
    assert Claim.objects.get(pk=queued_claim.pk).status == Claim.Status.QUEUED


# --- the page itself --------------------------------------------------------------------------


def test_it_marks_where_the_excerpt_starts_in_the_article(desk_client, checker):
    body = "x" * 1000 + " The port handled 12 million tonnes. " + "y" * 1000
    article = ArticleFactory(body=body, language="ar")
    start = body.index("The port")
    claim = ClaimFactory(article=article, start=start, end=body.index("tonnes.") + 7)
    html = _workspace(desk_client(checker), claim)
    match = re.search(r'<span id="claim-text" class="excerpt-text" data-offset-base="(\d+)">', html)
    assert match
    offset = int(match.group(1))
    assert 0 < offset < start
    assert 'data-source="claim-text"' in html
    assert 'dir="rtl" data-testid="claim-excerpt"' in html


def test_it_shows_the_workspace_in_the_same_queries_for_few_or_many_claims(desk_client, checker):
    client = desk_client(checker)

    def workspace_queries(count: int) -> int:
        body = " ".join(f"Sentence {n} says {n}%." for n in range(count))
        article = ArticleFactory(body=body)
        claims = []
        position = 0
        for n in range(count):
            sentence = f"Sentence {n} says {n}%."
            start = body.index(sentence, position)
            position = start + len(sentence)
            claims.append(ClaimFactory(article=article, start=start, end=position))
        claim_assign_next(queue=claims[0].queue, checker=checker)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("desk:claim_workspace", args=[claims[0].pk]))
        assert response.status_code == 200
        assert 'data-testid="span-form"' in response.content.decode()
        for claim in claims:
            claim.delete()
        return len(queries)

    client.get(reverse("desk:home"))
    assert workspace_queries(3) == workspace_queries(30)


def test_it_shows_the_article_page_in_the_same_queries_for_few_or_many_claims(desk_client, checker):
    client = desk_client(checker)

    def article_queries(count: int) -> int:
        body = " ".join(f"Sentence {n} says {n}%." for n in range(count))
        article = ArticleFactory(body=body)
        for n in range(count):
            start = body.index(f"Sentence {n} says")
            ClaimFactory(article=article, start=start, end=start + len(f"Sentence {n} says"))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("desk:article_detail", args=[article.pk]))
        assert 'data-testid="claim-add"' in response.content.decode()
        return len(queries)

    client.get(reverse("desk:home"))
    assert article_queries(3) == article_queries(30)
