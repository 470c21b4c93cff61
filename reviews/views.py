"""Desk pages: home, queues, the claim workspace, the editor inbox, notifications.

Views are thin: they read, validate a form and call one service (reviews.assignment,
reviews.verdicts, reviews.approval, reviews.lifecycle, claims.sources); the services decide and
raise reviews.errors exceptions, which become a message on the page.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from claims.models import Citation, Claim, Evidence, Snapshot, Source
from claims.sources import source_attach
from claims.views import (
    checker_required,
    claim_marks,
    editor_required,
    fact_rows,
    highlighted_html,
    newsroom_required,
    page,
    text_direction,
)
from reviews.approval import verdict_approve, verdict_return
from reviews.assignment import claim_assign_next, claim_reassign, claim_release, claims_bulk_assign
from reviews.errors import WorkflowError
from reviews.forms import (
    ClaimDismissForm,
    ClaimReassignForm,
    ClaimReopenForm,
    ClaimsBulkAssignForm,
    ClaimSpanForm,
    ClaimSplitForm,
    CorrectionForm,
    SourceAttachForm,
    VerdictForm,
    VerdictReturnForm,
)
from reviews.lifecycle import (
    EDITABLE_STATUSES,
    TRANSITIONS,
    ClaimEvent,
    claim_dismiss,
    claim_reopen,
    claim_split,
    claim_update_span,
)
from reviews.models import (
    FACT_CHECKER_GROUP,
    Assignment,
    EditorialDecision,
    Notification,
    Queue,
    Rating,
    Verdict,
)
from reviews.notifications import notifications_mark_read
from reviews.queues import OPEN_STATUSES, claim_workable_by, queues_with_counts
from reviews.roles import is_editor, is_fact_checker
from reviews.verdicts import (
    EDITABLE_STATUSES as VERDICT_EDITABLE_STATUSES,
)
from reviews.verdicts import (
    WORKING_STATUSES,
    verdict_correct,
    verdict_save_draft,
    verdict_submit,
)

EXCERPT_CONTEXT = 400  # characters of article around a claim in the workspace
QUEUE_PAGE_SIZE = 200


def _default_ratings():
    return Rating.objects.filter(scale__is_default=True).order_by("order")


# --- home and queues --------------------------------------------------------------------------


@newsroom_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    queues = list(queues_with_counts(user=user))
    if not is_editor(user):
        queues = [queue for queue in queues if queue.is_member]
    assignments = (
        Assignment.objects.filter(checker=user, ended_at__isnull=True)
        .select_related("claim__article", "claim__queue")
        .order_by("lease_expires_at")
    )
    awaiting = (
        Verdict.objects.filter(author=user, status=Verdict.Status.SUBMITTED)
        .select_related("claim__article", "rating")
        .order_by("-submitted_at")[:20]
    )
    inbox_count = (
        Verdict.objects.filter(status=Verdict.Status.SUBMITTED).count() if is_editor(user) else 0
    )
    return page(
        request,
        "reviews/home.html",
        {
            "nav": "home",
            "queues": queues,
            "assignments": assignments,
            "awaiting": awaiting,
            "inbox_count": inbox_count,
            "can_take": is_fact_checker(user),
        },
    )


def _queue_context(request: HttpRequest, queue: Queue, **extra) -> dict:
    claims = (
        Claim.objects.filter(
            queue=queue,
            status__in=[Claim.Status.QUEUED, Claim.Status.ASSIGNED, Claim.Status.RETURNED],
        )
        .select_related("article")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(ended_at__isnull=True).select_related("checker"),
                to_attr="open_assignments",
            )
        )
        .order_by("-checkworthiness", "created_at", "id")[:QUEUE_PAGE_SIZE]
    )
    can_assign = is_editor(request.user)
    context = {
        "nav": "home",
        "queue": queue,
        "claims": claims,
        "can_take": is_fact_checker(request.user),
        "can_assign": can_assign,
        "selected": set(),
    }
    if can_assign:
        context["bulk_form"] = _bulk_assign_form(queue)
    context.update(extra)
    return context


@newsroom_required
def queue_detail(request: HttpRequest, slug: str) -> HttpResponse:
    queue = get_object_or_404(queues_with_counts(user=request.user), slug=slug)
    return page(request, "reviews/queue_detail.html", _queue_context(request, queue))


@require_POST
@checker_required
def queue_take_next(request: HttpRequest, slug: str) -> HttpResponse:
    queue = get_object_or_404(Queue, slug=slug, is_active=True)
    try:
        claim = claim_assign_next(queue=queue, checker=request.user)
    except WorkflowError as error:
        messages.error(request, error.detail)
        return redirect("desk:home")
    if claim is None:
        messages.info(request, f"Nothing is waiting in {queue.name}.")
        return redirect("desk:home")
    return redirect("desk:claim_workspace", pk=claim.pk)


# --- claim workspace --------------------------------------------------------------------------


def _excerpt(claim: Claim) -> tuple[str, int]:
    """The paragraphs around the claim: enough context to judge it, not the whole article."""
    body = claim.article.body
    start = max(0, claim.start - EXCERPT_CONTEXT)
    end = min(len(body), claim.end + EXCERPT_CONTEXT)
    paragraph_start = body.rfind("\n", 0, claim.start)
    if paragraph_start != -1 and paragraph_start >= start:
        start = paragraph_start + 1
    paragraph_end = body.find("\n", claim.end)
    if paragraph_end != -1 and paragraph_end <= end:
        end = paragraph_end
    return body[start:end], start


def _evidence_rows(claim: Claim) -> tuple[list[dict], bool]:
    """Per cited source: its fetch status and this claim's evidence; settled when none is moving."""
    citations = list(
        Citation.objects.filter(claim=claim).select_related("source").order_by("created_at", "id")
    )
    evidence_by_source: dict[int, Evidence] = {}
    for item in (
        Evidence.objects.filter(claim=claim)
        .select_related("snapshot")
        .order_by("snapshot__fetched_at", "id")
    ):
        evidence_by_source[item.snapshot.source_id] = item  # the latest snapshot wins
    rows, settled = [], True
    for citation in citations:
        source = citation.source
        evidence = evidence_by_source.get(source.pk)
        done = source.status == Source.Status.FAILED or (
            source.status == Source.Status.CHECKED and evidence is not None
        )
        settled = settled and done
        rows.append({"source": source, "evidence": evidence, "done": done})
    return rows, settled


def _current_verdict(claim: Claim) -> Verdict | None:
    """The verdict being written or reviewed; failing that, the published one."""
    return (
        Verdict.objects.filter(
            claim=claim, status__in=[*WORKING_STATUSES, Verdict.Status.PUBLISHED]
        )
        .select_related("rating", "author")
        .prefetch_related("evidence")
        .order_by("-created_at", "-id")
        .first()
    )


def _claim_snapshots(claim: Claim):
    return (
        Snapshot.objects.filter(source__citations__claim=claim)
        .select_related("source")
        .order_by("-fetched_at")
    )


def _verdict_form(claim: Claim, verdict: Verdict | None, data=None) -> VerdictForm:
    initial = {"version": verdict.version if verdict else 0}
    if verdict is not None:
        initial.update(
            rating=verdict.rating_id,
            summary=verdict.summary,
            rationale=verdict.rationale,
            evidence=[snapshot.pk for snapshot in verdict.evidence.all()],
        )
    return VerdictForm(
        data, initial=initial, ratings=_default_ratings(), snapshots=_claim_snapshots(claim)
    )


def _workspace_context(request: HttpRequest, claim: Claim, **extra) -> dict:
    user = request.user
    holder = (
        Assignment.objects.filter(claim=claim, ended_at__isnull=True)
        .select_related("checker")
        .first()
    )
    verdict = _current_verdict(claim)
    returned = None
    if verdict is not None and verdict.status == Verdict.Status.RETURNED:
        returned = (
            EditorialDecision.objects.filter(
                verdict=verdict, decision=EditorialDecision.Decision.RETURN
            )
            .select_related("editor")
            .first()
        )
    excerpt, offset = _excerpt(claim)
    siblings = list(
        Claim.objects.filter(article_id=claim.article_id, start__lt=offset + len(excerpt))
        .filter(end__gt=offset)
        .only("pk", "start", "end", "kind", "facts", "article_id")
    )
    # Only the focused claim's facts are worth marking; neighbours are faint context.
    for sibling in siblings:
        if sibling.pk != claim.pk:
            sibling.facts = []
    evidence_rows, settled = _evidence_rows(claim)
    is_holder = holder is not None and holder.checker_id == user.pk
    can_edit_verdict = is_holder and claim.status in (Claim.Status.ASSIGNED, Claim.Status.RETURNED)
    tools = _claim_tools(user, claim, holder, verdict)
    # A correction a colleague on the queue started (or an editor returned) is edited like a draft.
    can_edit_verdict = can_edit_verdict or (
        tools["workable"]
        and claim.status == Claim.Status.PUBLISHED
        and verdict is not None
        and verdict.supersedes_id is not None
        and verdict.status in VERDICT_EDITABLE_STATUSES
    )
    context = {
        "nav": "home",
        "claim": claim,
        "article": claim.article,
        "direction": text_direction(claim.article.language),
        "excerpt_html": highlighted_html(excerpt, claim_marks(siblings, focus=claim), offset),
        "excerpt_cut_start": offset > 0,
        "excerpt_cut_end": offset + len(excerpt) < len(claim.article.body),
        "facts": fact_rows(claim),
        "holder": holder,
        "is_holder": is_holder,
        "can_edit_verdict": can_edit_verdict,
        "verdict": verdict,
        "returned": returned,
        "evidence_rows": evidence_rows,
        "evidence_settled": settled,
        "source_form": SourceAttachForm(),
        "form": _verdict_form(claim, verdict),
        "excerpt_offset": offset,
        "verdict_history": _verdict_history(claim),
        **tools,
    }
    if tools["can_edit_claim"]:
        context["span_form"] = _span_form(claim)
        context["split_form"] = _split_form(claim)
    if tools["can_dismiss"]:
        context["dismiss_form"] = _dismiss_form(claim)
    if tools["can_reopen"]:
        context["reopen_form"] = _reopen_form(claim)
    if tools["can_reassign"]:
        context["reassign_form"] = _reassign_form(claim)
    if tools["can_correct"]:
        context["correction_form"] = _correction_form(claim, verdict)
    context.update(extra)
    return context


def _claim_for(pk: int) -> Claim:
    return get_object_or_404(Claim.objects.select_related("article", "queue"), pk=pk)


@newsroom_required
def claim_workspace(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim_for(pk)
    return page(request, "reviews/claim_workspace.html", _workspace_context(request, claim))


@newsroom_required
def claim_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by the workspace until every source has settled."""
    claim = get_object_or_404(Claim, pk=pk)
    rows, settled = _evidence_rows(claim)
    context = {"claim": claim, "evidence_rows": rows, "evidence_settled": settled}
    if settled and request.headers.get("HX-Request"):
        context["choices_form"] = _verdict_form(claim, _current_verdict(claim))
    return render(request, "reviews/_evidence_list.html", context)


@require_POST
@checker_required
def claim_source_attach(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim_for(pk)
    form = SourceAttachForm(request.POST)
    if form.is_valid():
        try:
            source_attach(claim=claim, url=form.cleaned_data["url"], added_by=request.user)
        except WorkflowError as error:
            form.add_error("url", error.detail)
        except ValueError as error:  # claims.url_keys.InvalidURL and friends
            form.add_error("url", str(error))
    if request.headers.get("HX-Request"):
        rows, settled = _evidence_rows(claim)
        status = 200 if not form.errors else 400
        return render(
            request,
            "reviews/_sources.html",
            {
                "claim": claim,
                "evidence_rows": rows,
                "evidence_settled": settled,
                "source_form": form if form.errors else SourceAttachForm(),
                "can_edit_verdict": True,
            },
            status=status,
        )
    if form.errors:
        for error in form.errors.get("url", []):
            messages.error(request, error)
    return redirect("desk:claim_workspace", pk=claim.pk)


@require_POST
@checker_required
def claim_release_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim_for(pk)
    try:
        claim_release(claim=claim, checker=request.user)
    except WorkflowError as error:
        messages.error(request, error.detail)
        return redirect("desk:claim_workspace", pk=claim.pk)
    messages.success(request, "The claim is back in its queue.")
    return redirect("desk:home")


def _verdict_arguments(form: VerdictForm) -> dict:
    data = form.cleaned_data
    return {
        "rating": data["rating"].slug if data.get("rating") else None,
        "summary": data.get("summary") or "",
        "rationale": data.get("rationale") or "",
        "evidence": [snapshot.pk for snapshot in data.get("evidence") or []],
    }


@require_POST
@checker_required
def verdict_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """Autosave: answers with a status line and the new version (the typed text stays as it is)."""
    claim = _claim_for(pk)
    form = _verdict_form(claim, None, data=request.POST)
    context = {"claim": claim}
    status = 200
    if not form.is_valid():
        context["error"] = " ".join(
            f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()
        )
        status = 400
    else:
        try:
            verdict = verdict_save_draft(
                claim=claim,
                author=request.user,
                version=form.cleaned_data.get("version"),
                **_verdict_arguments(form),
            )
        except WorkflowError as error:
            context["error"] = error.detail
            context["conflict"] = error.status_code == 409
            status = error.status_code
        else:
            context["verdict"] = verdict
    return render(request, "reviews/_draft_status.html", context, status=status)


@require_POST
@checker_required
def verdict_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim_for(pk)
    form = _verdict_form(claim, None, data=request.POST)
    status = 400
    if form.is_valid():
        try:
            verdict_submit(
                claim=claim,
                author=request.user,
                version=form.cleaned_data.get("version"),
                **_verdict_arguments(form),
            )
        except WorkflowError as error:
            form.add_error(None, error.detail)
            status = error.status_code
        else:
            messages.success(request, "Verdict submitted: an editor will review it.")
            return redirect("desk:home")
    # Re-render with what was typed, never lose it.
    context = _workspace_context(request, claim, form=form)
    return page(request, "reviews/claim_workspace.html", context, status=status)


# --- claim editing, dismissal, editors' assignments, corrections --------------------------------
# The services decide who may do what (queue membership, who holds the claim, the state machine);
# these helpers only decide which forms are worth showing, so a refusal stays the exception.

DISMISSABLE_STATUSES = set(TRANSITIONS[ClaimEvent.DISMISS])
ASSIGNABLE_STATUSES = {Claim.Status.QUEUED, Claim.Status.ASSIGNED, Claim.Status.RETURNED}


def _claim_tools(user, claim: Claim, holder: Assignment | None, verdict: Verdict | None) -> dict:
    editor = is_editor(user)
    workable = claim_workable_by(claim=claim, user=user)
    held_by_other = holder is not None and holder.checker_id != user.pk and not user.is_superuser
    return {
        "workable": workable,
        "can_edit_claim": workable and claim.status in EDITABLE_STATUSES and not held_by_other,
        "can_dismiss": claim.status in DISMISSABLE_STATUSES and (editor or workable),
        "can_reopen": claim.status == Claim.Status.DISMISSED and (editor or workable),
        "can_reassign": editor
        and claim.queue_id is not None
        and claim.status in ASSIGNABLE_STATUSES,
        "can_correct": workable
        and claim.status == Claim.Status.PUBLISHED
        and verdict is not None
        and verdict.status == Verdict.Status.PUBLISHED,
    }


def _verdict_history(claim: Claim) -> QuerySet[Verdict]:
    return (
        Verdict.objects.filter(claim=claim)
        .select_related("rating", "author", "superseded_by")
        .order_by("-created_at", "-id")
    )


def _queue_checkers(queue: Queue | None) -> QuerySet:
    """Fact-checkers on the queue: the only people the assignment service accepts."""
    if queue is None:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(queues=queue, is_active=True, groups__name=FACT_CHECKER_GROUP)
        .distinct()
        .order_by("username")
    )


def _span_form(claim: Claim, data=None) -> ClaimSpanForm:
    initial = {"start": claim.start, "end": claim.end, "version": claim.version}
    return ClaimSpanForm(data, initial=initial, auto_id="span_%s")


def _split_form(claim: Claim, data=None) -> ClaimSplitForm:
    return ClaimSplitForm(data, initial={"version": claim.version}, auto_id="split_%s")


def _dismiss_form(claim: Claim, data=None) -> ClaimDismissForm:
    return ClaimDismissForm(data, initial={"version": claim.version}, auto_id="dismiss_%s")


def _reopen_form(claim: Claim, data=None) -> ClaimReopenForm:
    return ClaimReopenForm(data, initial={"version": claim.version}, auto_id="reopen_%s")


def _reassign_form(claim: Claim, data=None) -> ClaimReassignForm:
    holder_id = (
        Assignment.objects.filter(claim=claim, ended_at__isnull=True)
        .values_list("checker_id", flat=True)
        .first()
    )
    return ClaimReassignForm(
        data,
        initial={"checker": holder_id},
        checkers=_queue_checkers(claim.queue),
        auto_id="reassign_%s",
    )


def _bulk_assign_form(queue: Queue, data=None) -> ClaimsBulkAssignForm:
    claim_ids = (
        Claim.objects.filter(queue=queue, status__in=OPEN_STATUSES).values_list("pk", flat=True)
        if data is not None
        else []
    )
    return ClaimsBulkAssignForm(
        data, checkers=_queue_checkers(queue), claim_ids=claim_ids, auto_id="bulk_%s"
    )


def _correction_form(claim: Claim, published: Verdict | None, data=None) -> CorrectionForm:
    initial = {}
    if published is not None:
        # Start from what readers see now: a correction usually changes one thing.
        initial = {
            "rating": published.rating_id,
            "summary": published.summary,
            "rationale": published.rationale,
            "evidence": [snapshot.pk for snapshot in published.evidence.all()],
        }
    return CorrectionForm(
        data, initial=initial, ratings=_default_ratings(), snapshots=_claim_snapshots(claim)
    )


def _workspace_url(claim_id: int, mark: int | None = None) -> str:
    """The workspace, scrolled to (and outlining, see `mark:target`) the claim that changed."""
    url = reverse("desk:claim_workspace", args=[claim_id])
    return f"{url}#claim-{mark or claim_id}"


def _workspace_refused(
    request: HttpRequest, pk: int, status: int, error: WorkflowError | None = None, **forms
) -> HttpResponse:
    """The workspace again, as the claim is now, with the refused form holding what was typed."""
    claim = _claim_for(pk)  # re-read: after a 409 the page must show the newer claim
    context = _workspace_context(request, claim, **forms)
    context["tool_error"] = error.detail if error is not None else None
    context["tool_conflict"] = status == 409
    return page(request, "reviews/claim_workspace.html", context, status=status)


@require_POST
@checker_required
def claim_span_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim_for(pk)
    form = _span_form(claim, data=request.POST)
    if not form.is_valid():
        return _workspace_refused(request, pk, 400, span_form=form)
    try:
        claim_update_span(claim=claim, actor=request.user, **form.cleaned_data)
    except WorkflowError as error:
        return _workspace_refused(request, pk, error.status_code, error, span_form=form)
    messages.success(request, f"The claim now covers characters {claim.start}–{claim.end}.")
    return redirect(_workspace_url(claim.pk))


@require_POST
@checker_required
def claim_split_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim_for(pk)
    form = _split_form(claim, data=request.POST)
    if not form.is_valid():
        return _workspace_refused(request, pk, 400, split_form=form)
    try:
        first, second = claim_split(claim=claim, actor=request.user, **form.cleaned_data)
    except WorkflowError as error:
        return _workspace_refused(request, pk, error.status_code, error, split_form=form)
    messages.success(
        request,
        f"Split in two: this claim now ends at character {first.end}; "
        f"the rest is claim #{second.pk}, waiting in its queue.",
    )
    return redirect(_workspace_url(first.pk, mark=second.pk))


@require_POST
@newsroom_required
def claim_dismiss_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim_for(pk)
    form = _dismiss_form(claim, data=request.POST)
    if not form.is_valid():
        return _workspace_refused(request, pk, 400, dismiss_form=form)
    try:
        claim_dismiss(claim=claim, actor=request.user, **form.cleaned_data)
    except WorkflowError as error:
        return _workspace_refused(request, pk, error.status_code, error, dismiss_form=form)
    messages.success(request, "Dismissed as not check-worthy. Reopen it if that was a mistake.")
    return redirect(_workspace_url(claim.pk))


@require_POST
@newsroom_required
def claim_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim_for(pk)
    form = _reopen_form(claim, data=request.POST)
    if not form.is_valid():
        return _workspace_refused(request, pk, 400, reopen_form=form)
    try:
        claim_reopen(claim=claim, actor=request.user, **form.cleaned_data)
    except WorkflowError as error:
        return _workspace_refused(request, pk, error.status_code, error, reopen_form=form)
    queue = claim.queue.name if claim.queue else "its queue"
    messages.success(request, f"Reopened: the claim is back in {queue}.")
    return redirect(_workspace_url(claim.pk))


@require_POST
@editor_required
def claim_reassign_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim_for(pk)
    form = _reassign_form(claim, data=request.POST)
    if not form.is_valid():
        return _workspace_refused(request, pk, 400, reassign_form=form)
    checker = form.cleaned_data["checker"]
    try:
        claim_reassign(claim=claim, checker=checker, editor=request.user)
    except WorkflowError as error:
        return _workspace_refused(request, pk, error.status_code, error, reassign_form=form)
    messages.success(request, f"Assigned to {checker.get_username()}.")
    return redirect(_workspace_url(claim.pk))


@require_POST
@editor_required
def queue_bulk_assign(request: HttpRequest, slug: str) -> HttpResponse:
    queue = get_object_or_404(Queue, slug=slug, is_active=True)
    form = _bulk_assign_form(queue, data=request.POST)
    status = 400
    if form.is_valid():
        checker = form.cleaned_data["checker"]
        try:
            assignments = claims_bulk_assign(
                claim_ids=form.cleaned_data["claims"], checker=checker, editor=request.user
            )
        except WorkflowError as error:
            form.add_error(None, error.detail)
            status = error.status_code
        else:
            count = len(assignments)
            messages.success(
                request, f"Assigned {count} claim{'s' if count != 1 else ''} to {checker}."
            )
            return redirect("desk:queue_detail", slug=queue.slug)
    # Keep the ticks and the chosen checker: the editor fixes one thing and sends again.
    selected = {int(value) for value in request.POST.getlist("claims") if value.isdigit()}
    queue = get_object_or_404(queues_with_counts(user=request.user), pk=queue.pk)
    context = _queue_context(request, queue, bulk_form=form, selected=selected)
    return page(request, "reviews/queue_detail.html", context, status=status)


@require_POST
@checker_required
def verdict_correct_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A correction goes straight to the editors; the published verdict stays until approval.

    verdict_correct, not verdict_submit: on a claim whose correction is already under way,
    verdict_submit would take over that draft, while this refuses (409) and changes nothing.
    """
    claim = _claim_for(pk)
    published = Verdict.objects.filter(claim=claim, status=Verdict.Status.PUBLISHED).first()
    form = _correction_form(claim, published, data=request.POST)
    if not form.is_valid():
        return _workspace_refused(request, pk, 400, correction_form=form)
    try:
        verdict_correct(claim=claim, author=request.user, **_verdict_arguments(form))
    except WorkflowError as error:
        return _workspace_refused(request, pk, error.status_code, error, correction_form=form)
    messages.success(
        request,
        "Correction submitted: an editor will review it. Readers see the published verdict "
        "until it is approved.",
    )
    return redirect(_workspace_url(claim.pk))


# --- editor inbox -----------------------------------------------------------------------------


def _inbox_verdicts():
    return (
        Verdict.objects.filter(status=Verdict.Status.SUBMITTED)
        .select_related("claim__article", "claim__queue", "rating", "author")
        .prefetch_related(
            Prefetch("evidence", queryset=Snapshot.objects.select_related("source")),
            Prefetch(
                "claim__evidence",
                queryset=Evidence.objects.select_related("snapshot__source"),
                to_attr="all_evidence",
            ),
        )
        .order_by("submitted_at", "id")
    )


@editor_required
def inbox(request: HttpRequest) -> HttpResponse:
    return page(
        request,
        "reviews/inbox.html",
        {"nav": "inbox", "verdicts": _inbox_verdicts(), "return_form": VerdictReturnForm()},
    )


@require_POST
@editor_required
def verdict_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    verdict = get_object_or_404(Verdict.objects.select_related("claim"), pk=pk)
    try:
        verdict_approve(verdict=verdict, editor=request.user)
    except WorkflowError as error:
        messages.error(request, error.detail)
        return redirect("desk:inbox")
    messages.success(request, f"Approved and published: verdict on claim {verdict.claim_id}.")
    return redirect("desk:inbox")


@require_POST
@editor_required
def verdict_return_view(request: HttpRequest, pk: int) -> HttpResponse:
    verdict = get_object_or_404(Verdict.objects.select_related("claim"), pk=pk)
    form = VerdictReturnForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("comment", []):
            messages.error(request, error)
        return redirect("desk:inbox")
    try:
        verdict_return(verdict=verdict, editor=request.user, comment=form.cleaned_data["comment"])
    except WorkflowError as error:
        messages.error(request, error.detail)
        return redirect("desk:inbox")
    messages.success(request, f"Returned to {verdict.author.get_username()} with your comment.")
    return redirect("desk:inbox")


# --- notifications ----------------------------------------------------------------------------


@newsroom_required
def notifications(request: HttpRequest) -> HttpResponse:
    items = list(
        Notification.objects.filter(recipient=request.user)
        .select_related("verdict__claim__article", "verdict__rating")
        .order_by("-created_at")[:100]
    )
    response = page(request, "reviews/notifications.html", {"nav": "notifications", "items": items})
    # Seen once listed; the badge counts only what arrived since.
    notifications_mark_read(user=request.user, ids=[item.pk for item in items])
    return response
