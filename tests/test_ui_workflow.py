"""The desk workflow through its pages: take, draft, submit, approve or return, be told."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Citation, Claim, Source
from reviews.assignment import claim_assign_next
from reviews.models import Assignment, Notification, Queue, Rating, Verdict
from reviews.verdicts import verdict_save_draft, verdict_submit
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    SnapshotFactory,
    SourceFactory,
    VerdictFactory,
)
from tests.workflow_setup import cited_snapshot

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"


def _rating(slug: str) -> Rating:
    return Rating.objects.get(scale__is_default=True, slug=slug)


@pytest.fixture
def queued_claim(checker) -> Claim:
    return ClaimFactory()


@pytest.fixture
def held_claim(checker, queued_claim) -> Claim:
    claim = claim_assign_next(queue=queued_claim.queue, checker=checker)
    assert claim.pk == queued_claim.pk
    return Claim.objects.get(pk=claim.pk)


@pytest.fixture
def submitted_verdict(checker, held_claim) -> Verdict:
    return verdict_submit(
        claim=held_claim,
        author=checker,
        rating="false",
        summary="Exports fell 2%",
        rationale="The ministry's statistics show a fall.",
        evidence=[cited_snapshot(held_claim).pk],
    )


def _draft(client, claim, **data):
    fields = {"rating": "", "summary": "", "rationale": "", "version": "0"}
    fields.update(data)
    return client.post(
        reverse("desk:verdict_draft", args=[claim.pk]), fields, HTTP_HX_REQUEST="true"
    )


# --- home, queues, take next -------------------------------------------------------------------


def test_it_shows_my_queues_with_their_counts(desk_client, checker, queued_claim):
    ClaimFactory(queue=queued_claim.queue)
    html = desk_client(checker).get(reverse("desk:home")).content.decode()
    row = html[html.index('data-testid="queue-english-desk"') :]
    row = row[: row.index("</tr>")]
    assert "<bdi>2</bdi>" in row  # open
    assert reverse("desk:queue_take_next", args=["english-desk"]) in row


def test_it_takes_the_next_claim_and_opens_its_workspace(desk_client, checker, queued_claim):
    client = desk_client(checker)
    response = client.post(reverse("desk:queue_take_next", args=["english-desk"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:claim_workspace", args=[queued_claim.pk])
    assert Assignment.objects.get(claim=queued_claim, ended_at__isnull=True).checker == checker
    home = client.get(reverse("desk:home")).content.decode()
    assert 'data-testid="my-claim"' in home
    assert queued_claim.text[:40] in home


def test_it_says_so_when_a_queue_is_empty(desk_client, checker):
    response = desk_client(checker).post(
        reverse("desk:queue_take_next", args=["triage"]), follow=True
    )
    assert "Nothing is waiting in Triage" in response.content.decode()


def test_it_refuses_take_next_to_a_checker_outside_the_queue(
    desk_client, stranger_checker, queued_claim
):
    response = desk_client(stranger_checker).post(
        reverse("desk:queue_take_next", args=["english-desk"]), follow=True
    )
    assert "not a fact-checker on the queue" in response.content.decode()
    assert Claim.objects.get(pk=queued_claim.pk).status == Claim.Status.QUEUED


def _queue_with_claims(count: int) -> Queue:
    queue = Queue.objects.create(slug=f"q{count}", name=f"Queue {count}", priority=500)
    for _ in range(count):
        ClaimFactory(queue=queue, article=ArticleFactory())
    return queue


def test_it_lists_a_queue_in_the_same_queries_for_10_or_100_claims(desk_client, checker):
    client = desk_client(checker)
    small, large = _queue_with_claims(10), _queue_with_claims(100)
    for queue in (small, large):
        for claim in queue.claims.all()[:3]:
            Assignment.objects.create(
                claim=claim, checker=checker, lease_expires_at="2100-01-01T00:00Z"
            )
    client.get(reverse("desk:home"))

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries), response.content.decode()

    few, small_html = count(reverse("desk:queue_detail", args=[small.slug]))
    many, large_html = count(reverse("desk:queue_detail", args=[large.slug]))
    assert few == many
    assert small_html.count('data-testid="queue-claim"') == 10
    assert large_html.count('data-testid="queue-claim"') == 100
    home_few, _ = count(reverse("desk:home"))
    _queue_with_claims(50)
    home_many, _ = count(reverse("desk:home"))
    assert home_few == home_many


# --- workspace --------------------------------------------------------------------------------


def test_it_shows_the_claim_highlighted_in_its_article(desk_client, checker):
    article = ArticleFactory(
        language="ar", body="مقدمة.\nقال الوزير إن الصادرات بلغت بنحو 40 مليار دولار.\nخاتمة."
    )
    start = article.body.index("قال")
    end = article.body.index(".", start) + 1
    money = article.body.index("بنحو")
    claim = ClaimFactory(
        article=article,
        start=start,
        end=end,
        kind=Claim.Kind.MONEY,
        queue=Queue.objects.get(slug="arabic-desk"),
        facts=[
            {
                "type": "money",
                "start": money,
                "end": money + 19,
                "text": "بنحو 40 مليار دولار",
                "value": 40_000_000_000,
                "currency": "USD",
            }
        ],
    )
    html = (
        desk_client(checker).get(reverse("desk:claim_workspace", args=[claim.pk])).content.decode()
    )
    assert 'lang="ar" dir="rtl" data-testid="claim-excerpt"' in html
    assert f'<mark class="claim claim-money focus" id="claim-{claim.pk}"' in html
    assert (
        '40 billion US dollars">بنحو 40 مليار دولار</span>' in html
    )  # the value in words on hover
    # the fact read out, with the exact value on hover
    assert '<span class="fact-value" title="40,000,000,000 USD">' in html
    assert "40 billion US dollars</span>" in html
    assert "مقدمة" not in html  # only the claim's paragraph


def test_it_escapes_claim_text_in_the_workspace_and_inbox(desk_client, checker, editor):
    article = ArticleFactory(body=f"He wrote {SCRIPT} and left.")
    claim = ClaimFactory(article=article, text=f"He wrote {SCRIPT}")
    VerdictFactory(
        claim=claim,
        author=checker,
        status=Verdict.Status.SUBMITTED,
        summary=SCRIPT,
        rationale=SCRIPT,
    )
    for client, url in [
        (desk_client(checker), reverse("desk:claim_workspace", args=[claim.pk])),
        (desk_client(editor), reverse("desk:inbox")),
        (desk_client(checker), reverse("desk:home")),
    ]:
        html = client.get(url).content
        assert SCRIPT.encode() not in html
        assert b"&lt;script&gt;" in html


def test_it_offers_the_verdict_form_only_to_the_holder(desk_client, checker, checker2, held_claim):
    url = reverse("desk:claim_workspace", args=[held_claim.pk])
    mine = desk_client(checker).get(url).content.decode()
    theirs = desk_client(checker2).get(url).content.decode()
    assert 'id="verdict-form"' in mine
    assert 'hx-trigger="keyup changed delay:800ms' in mine
    assert 'data-soft-limit="75"' in mine
    assert "Release claim" in mine
    assert 'id="verdict-form"' not in theirs
    assert "<bdi>checker</bdi> is working on this claim" in theirs


def test_it_autosaves_a_draft_and_hands_back_the_new_version(desk_client, checker, held_claim):
    client = desk_client(checker)
    first = _draft(client, held_claim, summary="Exports fell", rating=_rating("false").pk)
    assert first.status_code == 200
    assert "Draft saved" in first.content.decode()
    assert 'id="verdict-version" value="1" hx-swap-oob="true"' in first.content.decode()
    second = _draft(client, held_claim, summary="Exports fell 2%", version="1")
    assert 'value="2"' in second.content.decode()
    verdict = Verdict.objects.get(claim=held_claim)
    assert (verdict.summary, verdict.rating.slug, verdict.version) == (
        "Exports fell 2%",
        "false",
        2,
    )


def test_it_reports_a_stale_draft_and_keeps_the_saved_text(desk_client, checker, held_claim):
    client = desk_client(checker)
    _draft(client, held_claim, summary="Saved by tab one")
    stale = _draft(client, held_claim, summary="Typed in tab two", version="0")
    body = stale.content.decode()
    assert stale.status_code == 409
    assert "Not saved" in body
    assert "Your text is still here" in body
    assert "hx-swap-oob" not in body  # the form, and what was typed in it, stays untouched
    assert Verdict.objects.get(claim=held_claim).summary == "Saved by tab one"


def test_it_submits_the_verdict_and_it_leaves_my_claims(desk_client, checker, held_claim):
    client = desk_client(checker)
    _draft(client, held_claim, summary="Draft")
    response = client.post(
        reverse("desk:verdict_submit", args=[held_claim.pk]),
        {
            "rating": _rating("mostly-false").pk,
            "summary": "Exports fell",
            "rationale": "R",
            "evidence": [cited_snapshot(held_claim).pk],
            "version": "1",
        },
    )
    assert response.status_code == 302
    verdict = Verdict.objects.get(claim=held_claim)
    assert verdict.status == Verdict.Status.SUBMITTED
    assert verdict.rating.slug == "mostly-false"
    home = client.get(reverse("desk:home")).content.decode()
    assert 'data-testid="my-claim"' not in home
    assert "Waiting for an editor" in home


def test_it_refuses_a_verdict_without_a_cited_source_and_says_why(desk_client, checker, held_claim):
    response = desk_client(checker).post(
        reverse("desk:verdict_submit", args=[held_claim.pk]),
        {
            "rating": _rating("false").pk,
            "summary": "Exports fell",
            "rationale": "Kept while I find a source",
            "version": "0",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "cites at least one archived source" in body
    assert "Kept while I find a source" in body
    assert not Verdict.objects.filter(claim=held_claim, status=Verdict.Status.SUBMITTED).exists()
    assert Claim.objects.get(pk=held_claim.pk).status == Claim.Status.ASSIGNED


def test_it_submits_unverifiable_without_a_source(desk_client, checker, held_claim):
    response = desk_client(checker).post(
        reverse("desk:verdict_submit", args=[held_claim.pk]),
        {"rating": _rating("unverifiable").pk, "summary": "No record either way", "version": "0"},
    )
    assert response.status_code == 302
    assert Verdict.objects.get(claim=held_claim).status == Verdict.Status.SUBMITTED


def test_it_offers_the_claim_as_reviewed_prefilled_and_keeps_the_checkers_wording(
    desk_client, checker, held_claim
):
    client = desk_client(checker)
    html = client.get(reverse("desk:claim_workspace", args=[held_claim.pk])).content.decode()
    assert 'name="claim_reviewed"' in html
    assert held_claim.text in html
    response = client.post(
        reverse("desk:verdict_submit", args=[held_claim.pk]),
        {
            "rating": _rating("false").pk,
            "claim_reviewed": "Exports rose 5% last year",
            "summary": "They rose 2%",
            "evidence": [cited_snapshot(held_claim).pk],
            "version": "0",
        },
    )
    assert response.status_code == 302
    verdict = Verdict.objects.get(claim=held_claim)
    assert (verdict.claim_reviewed, verdict.summary) == (
        "Exports rose 5% last year",
        "They rose 2%",
    )


def test_it_keeps_the_typed_verdict_when_submission_is_refused(desk_client, checker, held_claim):
    response = desk_client(checker).post(
        reverse("desk:verdict_submit", args=[held_claim.pk]),
        {"rating": "", "summary": "", "rationale": "My long careful rationale", "version": "0"},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "needs a rating and a summary" in body
    assert "My long careful rationale" in body


def test_it_releases_the_claim_back_to_its_queue(desk_client, checker, held_claim):
    response = desk_client(checker).post(reverse("desk:claim_release", args=[held_claim.pk]))
    assert response.status_code == 302
    assert Claim.objects.get(pk=held_claim.pk).status == Claim.Status.QUEUED


def test_it_attaches_a_source_and_polls_its_evidence(desk_client, checker, held_claim):
    client = desk_client(checker)
    response = client.post(
        reverse("desk:claim_source_attach", args=[held_claim.pk]),
        {"url": "https://stats.example.org/exports"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    citation = Citation.objects.get(claim=held_claim)
    assert citation.source.url == "https://stats.example.org/exports"
    assert 'data-testid="source-status" data-status="pending">Waiting<' in body
    assert 'hx-trigger="every 1s"' in body


def test_it_explains_a_source_url_it_cannot_use(desk_client, checker, held_claim):
    response = desk_client(checker).post(
        reverse("desk:claim_source_attach", args=[held_claim.pk]),
        {"url": "ftp://stats.example.org/exports"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert "Only http and https" in response.content.decode()
    assert not Citation.objects.exists()


def test_it_shows_each_source_status_reason_and_stance(desk_client, checker, held_claim):
    from claims.models import Evidence

    failed = SourceFactory(
        status=Source.Status.FAILED, failure_reason="Refused: 10.0.0.1 is private"
    )
    checked = SourceFactory(status=Source.Status.CHECKED)
    for source in (failed, checked):
        Citation.objects.create(claim=held_claim, source=source)
    Evidence.objects.create(
        claim=held_claim,
        snapshot=SnapshotFactory(source=checked),
        stance="contradicts",
        fact_results=[{"claim_text": "5%", "result": "different", "seen": "2%"}],
    )
    html = (
        desk_client(checker)
        .get(reverse("desk:claim_evidence", args=[held_claim.pk]))
        .content.decode()
    )
    assert "Refused: 10.0.0.1 is private" in html
    assert 'data-testid="source-stance" data-stance="contradicts">Contradicts<' in html
    assert "<bdi>2%</bdi>" in html
    assert "hx-trigger" not in html  # every source settled: polling stops


# --- editor inbox -----------------------------------------------------------------------------


def test_it_shows_the_inbox_with_approve_and_return(desk_client, editor, submitted_verdict):
    html = desk_client(editor).get(reverse("desk:inbox")).content.decode()
    assert "Exports fell 2%" in html
    assert "The ministry&#x27;s statistics show a fall." in html
    assert reverse("desk:verdict_approve", args=[submitted_verdict.pk]) in html
    assert reverse("desk:verdict_return", args=[submitted_verdict.pk]) in html


def test_it_approves_and_the_checker_is_notified(desk_client, checker, editor, submitted_verdict):
    response = desk_client(editor).post(
        reverse("desk:verdict_approve", args=[submitted_verdict.pk]), follow=True
    )
    assert "Approved and published" in response.content.decode()
    assert Verdict.objects.get(pk=submitted_verdict.pk).status == Verdict.Status.PUBLISHED
    client = desk_client(checker)
    home = client.get(reverse("desk:home")).content.decode()
    assert 'data-testid="unread-count">1</span>' in home
    listing = client.get(reverse("desk:notifications")).content.decode()
    assert "approved" in listing
    assert "Exports fell 2%" in listing
    assert Notification.objects.get(recipient=checker).read_at is not None
    workspace = client.get(
        reverse("desk:claim_workspace", args=[submitted_verdict.claim_id])
    ).content.decode()
    assert reverse("public_pages:verdict", args=[submitted_verdict.claim_id]) in workspace
    assert 'id="verdict-form"' not in workspace


def test_it_never_offers_an_editor_approval_of_their_own_verdict(desk_client, editor, checker):
    from django.contrib.auth.models import Group

    editor.groups.add(Group.objects.get(name="fact-checker"))
    claim = ClaimFactory()
    Queue.objects.get(slug="english-desk").members.add(editor)
    held = claim_assign_next(queue=claim.queue, checker=editor)
    verdict_save_draft(
        claim=held,
        author=editor,
        rating="true",
        summary="Mine",
        evidence=[cited_snapshot(held).pk],
    )
    own = verdict_submit(claim=Claim.objects.get(pk=held.pk), author=editor)
    client = desk_client(editor)
    html = client.get(reverse("desk:inbox")).content.decode()
    assert "You wrote this" in html
    assert reverse("desk:verdict_approve", args=[own.pk]) not in html
    refused = client.post(reverse("desk:verdict_approve", args=[own.pk]), follow=True)
    assert "author can never approve" in refused.content.decode()
    assert Verdict.objects.get(pk=own.pk).status == Verdict.Status.SUBMITTED


def test_it_requires_a_comment_to_return_a_verdict(desk_client, editor, submitted_verdict):
    response = desk_client(editor).post(
        reverse("desk:verdict_return", args=[submitted_verdict.pk]), {"comment": "  "}, follow=True
    )
    assert "a comment is required" in response.content.decode()
    assert Verdict.objects.get(pk=submitted_verdict.pk).status == Verdict.Status.SUBMITTED


def test_it_returns_a_verdict_and_the_checker_sees_the_comment(
    desk_client, checker, editor, submitted_verdict
):
    desk_client(editor).post(
        reverse("desk:verdict_return", args=[submitted_verdict.pk]),
        {"comment": f"Cite the ministry's table {SCRIPT}"},
    )
    client = desk_client(checker)
    html = client.get(
        reverse("desk:claim_workspace", args=[submitted_verdict.claim_id])
    ).content.decode()
    assert 'data-testid="returned-comment"' in html
    assert "Cite the ministry&#x27;s table &lt;script&gt;" in html
    assert 'id="verdict-form"' in html  # back in the checker's hands
    assert "Exports fell 2%" in html  # the returned text, ready to fix
    assert "returned" in client.get(reverse("desk:notifications")).content.decode()


def test_it_lists_the_inbox_in_the_same_queries_for_few_or_many_verdicts(
    desk_client, editor, checker
):
    client = desk_client(editor)

    def submitted(count):
        for _ in range(count):
            claim = ClaimFactory()
            verdict = VerdictFactory(claim=claim, author=checker, status=Verdict.Status.SUBMITTED)
            verdict.evidence.add(SnapshotFactory())

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("desk:inbox")).status_code == 200
        return len(queries)

    submitted(3)
    few = count()
    submitted(30)
    assert count() == few


def test_it_refuses_a_stale_submission_and_keeps_what_was_typed(desk_client, checker, held_claim):
    client = desk_client(checker)
    _draft(client, held_claim, summary="First save")
    _draft(client, held_claim, summary="Second save", version="1")
    response = client.post(
        reverse("desk:verdict_submit", args=[held_claim.pk]),
        {"rating": _rating("true").pk, "summary": "From a stale tab", "version": "1"},
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert "newer version" in body
    assert "From a stale tab" in body
    assert Verdict.objects.get(claim=held_claim).status == Verdict.Status.DRAFT


def test_it_shows_the_editor_the_claim_as_it_will_be_published(
    desk_client, editor, checker, held_claim
):
    verdict_submit(
        claim=held_claim,
        author=checker,
        rating="false",
        claim_reviewed=f"Exports doubled {SCRIPT}",
        summary="They rose 2%",
        evidence=[cited_snapshot(held_claim).pk],
    )

    html = desk_client(editor).get(reverse("desk:inbox")).content.decode()

    assert 'data-testid="inbox-claim-reviewed"' in html
    assert "Exports doubled &lt;script&gt;" in html
