"""The claim workspace: the claim in its article, sources and evidence, the verdict draft."""

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from claims.errors import WorkflowError
from claims.models import Citation, Claim, Evidence, Snapshot, Source
from claims.roles import is_editor
from reviews import source_access
from reviews.assignment import claim_release
from reviews.conflicts import source_suggestions
from reviews.corrections import is_inconsistency
from reviews.desk.access import checker_required, newsroom_required, page
from reviews.desk.discussion import claim_comments
from reviews.desk.forms import (
    ClaimDismissForm,
    ClaimReassignForm,
    ClaimReopenForm,
    ClaimSpanForm,
    ClaimSplitForm,
    CorrectionForm,
    SourceAttachForm,
    VerdictForm,
)
from reviews.desk.highlighting import claim_marks, highlighted_html, text_direction
from reviews.desk.outcome_forms import outcome_context
from reviews.desk.queues import queue_checkers
from reviews.lifecycle import (
    EDITABLE_STATUSES,
    TRANSITIONS,
    ClaimEvent,
)
from reviews.models import Assignment, EditorialDecision, Rating, Verdict
from reviews.queues import claim_workable_by
from reviews.verdicts import (
    EDITABLE_STATUSES as VERDICT_EDITABLE_STATUSES,
)
from reviews.verdicts import (
    WORKING_STATUSES,
    verdict_save_draft,
    verdict_submit,
)

EXCERPT_CONTEXT = 400  # characters of article around a claim in the workspace


def _default_ratings():
    return Rating.objects.filter(scale__is_default=True).order_by("order")


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
    initial = {"version": verdict.version if verdict else 0, "claim_reviewed": claim.text}
    if verdict is not None:
        initial.update(
            rating=verdict.rating_id,
            claim_reviewed=verdict.claim_reviewed or claim.text,
            summary=verdict.summary,
            rationale=verdict.rationale,
            evidence=[snapshot.pk for snapshot in verdict.evidence.all()],
        )
    return VerdictForm(
        data, initial=initial, ratings=_default_ratings(), snapshots=_claim_snapshots(claim)
    )


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
        and not is_inconsistency(claim)
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


def span_form(claim: Claim, data=None) -> ClaimSpanForm:
    initial = {"start": claim.start, "end": claim.end, "version": claim.version}
    return ClaimSpanForm(data, initial=initial, auto_id="span_%s")


def split_form(claim: Claim, data=None) -> ClaimSplitForm:
    return ClaimSplitForm(data, initial={"version": claim.version}, auto_id="split_%s")


def dismiss_form(claim: Claim, data=None) -> ClaimDismissForm:
    return ClaimDismissForm(data, initial={"version": claim.version}, auto_id="dismiss_%s")


def reopen_form(claim: Claim, data=None) -> ClaimReopenForm:
    return ClaimReopenForm(data, initial={"version": claim.version}, auto_id="reopen_%s")


def reassign_form(claim: Claim, data=None) -> ClaimReassignForm:
    holder_id = (
        Assignment.objects.filter(claim=claim, ended_at__isnull=True)
        .values_list("checker_id", flat=True)
        .first()
    )
    return ClaimReassignForm(
        data,
        initial={"checker": holder_id},
        checkers=queue_checkers(claim.queue),
        auto_id="reassign_%s",
    )


def correction_form(claim: Claim, published: Verdict | None, data=None) -> CorrectionForm:
    initial = {}
    if published is not None:
        # Start from what readers see now: a correction usually changes one thing.
        initial = {
            "rating": published.rating_id,
            "claim_reviewed": published.claim_reviewed or claim.text,
            "summary": published.summary,
            "rationale": published.rationale,
            "evidence": [snapshot.pk for snapshot in published.evidence.all()],
        }
    return CorrectionForm(
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
        "holder": holder,
        "is_holder": is_holder,
        "can_take_this": holder is None
        and claim.status == Claim.Status.QUEUED
        and tools["workable"],
        "can_edit_verdict": can_edit_verdict,
        "verdict": verdict,
        "returned": returned,
        "evidence_rows": evidence_rows,
        "evidence_settled": settled,
        "source_form": SourceAttachForm(),
        "form": _verdict_form(claim, verdict),
        "excerpt_offset": offset,
        "verdict_history": _verdict_history(claim),
        "comments": claim_comments(claim),
        **tools,
    }
    if tools["can_edit_claim"]:
        context["span_form"] = span_form(claim)
        context["split_form"] = split_form(claim)
    if tools["can_dismiss"]:
        context["dismiss_form"] = dismiss_form(claim)
    if tools["can_reopen"]:
        context["reopen_form"] = reopen_form(claim)
    if tools["can_reassign"]:
        context["reassign_form"] = reassign_form(claim)
    if tools["can_correct"]:
        context["correction_form"] = correction_form(claim, verdict)
    if is_inconsistency(claim):  # resolved with an outcome, not rated
        context.update(outcome_context(claim, verdict, editable=can_edit_verdict))
    context.update(extra)
    return context


def claim_for(pk: int) -> Claim:
    return get_object_or_404(Claim.objects.select_related("article", "queue"), pk=pk)


def workspace_url(claim_id: int, mark: int | None = None) -> str:
    """The workspace, scrolled to (and outlining, see `mark:target`) the claim that changed."""
    url = reverse("desk:claim_workspace", args=[claim_id])
    return f"{url}#claim-{mark or claim_id}"


def workspace_refused(
    request: HttpRequest, pk: int, status: int, error: WorkflowError | None = None, **forms
) -> HttpResponse:
    """The workspace again, as the claim is now, with the refused form holding what was typed."""
    claim = claim_for(pk)  # re-read: after a 409 the page must show the newer claim
    context = _workspace_context(request, claim, **forms)
    context["tool_error"] = error.detail if error is not None else None
    context["tool_conflict"] = status == 409
    return page(request, "reviews/claim_workspace.html", context, status=status)


@newsroom_required
def claim_workspace(request: HttpRequest, pk: int) -> HttpResponse:
    claim = claim_for(pk)
    return page(request, "reviews/claim_workspace.html", _workspace_context(request, claim))


@newsroom_required
def claim_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by the workspace until every source has settled."""
    claim = get_object_or_404(Claim, pk=pk)
    rows, settled = _evidence_rows(claim)
    context = {"claim": claim, "evidence_rows": rows, "evidence_settled": settled}
    if settled and request.headers.get("HX-Request"):
        context["choices_form"] = _verdict_form(claim, _current_verdict(claim))
        if is_inconsistency(claim):  # what the settled sources back, offered to accept
            context["outcome_suggestions"] = source_suggestions(claim)
    return render(request, "reviews/_evidence_list.html", context)


@require_POST
@checker_required
def claim_source_attach(request: HttpRequest, pk: int) -> HttpResponse:
    claim = claim_for(pk)
    form = SourceAttachForm(request.POST)
    if form.is_valid():
        try:
            source_access.claim_source_attach(
                claim=claim, url=form.cleaned_data["url"], actor=request.user
            )
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
    claim = claim_for(pk)
    try:
        claim_release(claim=claim, checker=request.user)
    except WorkflowError as error:
        messages.error(request, error.detail)
        return redirect("desk:claim_workspace", pk=claim.pk)
    messages.success(request, _("The claim is back in its queue."))
    return redirect("desk:home")


def verdict_arguments(form: VerdictForm) -> dict:
    data = form.cleaned_data
    return {
        "rating": data["rating"].slug if data.get("rating") else None,
        "claim_reviewed": data.get("claim_reviewed") or "",
        "summary": data.get("summary") or "",
        "rationale": data.get("rationale") or "",
        "evidence": [snapshot.pk for snapshot in data.get("evidence") or []],
    }


@require_POST
@checker_required
def verdict_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """Autosave: answers with a status line and the new version (the typed text stays as it is)."""
    claim = claim_for(pk)
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
                **verdict_arguments(form),
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
    claim = claim_for(pk)
    form = _verdict_form(claim, None, data=request.POST)
    status = 400
    if form.is_valid():
        try:
            verdict_submit(
                claim=claim,
                author=request.user,
                version=form.cleaned_data.get("version"),
                **verdict_arguments(form),
            )
        except WorkflowError as error:
            form.add_error(None, error.detail)
            status = error.status_code
        else:
            messages.success(request, _("Verdict submitted: an editor will review it."))
            return redirect("desk:home")
    # Re-render with what was typed, never lose it.
    context = _workspace_context(request, claim, form=form)
    return page(request, "reviews/claim_workspace.html", context, status=status)
