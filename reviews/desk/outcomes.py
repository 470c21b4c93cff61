"""Desk views for an inconsistency's outcome: submit it, or accept what a source backs."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from claims.errors import WorkflowError
from reviews.corrections import is_inconsistency, outcome_parse, outcome_suggestion_accept
from reviews.desk.access import checker_required, page
from reviews.desk.outcome_forms import outcome_form
from reviews.desk.workspace import _workspace_context, claim_for
from reviews.verdicts import verdict_submit


@require_POST
@checker_required
def outcome_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = claim_for(pk)
    form = outcome_form(claim, None, data=request.POST)
    status = 400
    if not is_inconsistency(claim):
        form.add_error(None, _("Only an inconsistency takes an outcome."))
    elif form.is_valid():
        data = form.cleaned_data
        rating, should_say = outcome_parse(data.get("outcome") or "")
        try:
            verdict_submit(
                claim=claim,
                author=request.user,
                version=data.get("version"),
                rating=rating or None,
                should_say=should_say,
                rationale=data.get("rationale") or "",
                evidence=[snapshot.pk for snapshot in data.get("evidence") or []],
            )
        except WorkflowError as error:
            form.add_error(None, error.detail)
            status = error.status_code
        else:
            messages.success(request, _("Outcome submitted: an editor will review it."))
            return redirect("desk:home")
    # Re-render with what was chosen and typed, never lose it.
    context = _workspace_context(request, claim, outcome_form=form)
    return page(request, "reviews/claim_workspace.html", context, status=status)


@require_POST
@checker_required
def outcome_accept_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One click: the outcome becomes the value the source backs (htmx swaps the panel)."""
    claim = claim_for(pk)
    error = None
    try:
        snapshot_id = int(request.POST.get("snapshot", ""))
    except ValueError:
        error, code = _("Choose a source's suggestion to accept."), 400
    else:
        try:
            outcome_suggestion_accept(claim=claim, author=request.user, snapshot_id=snapshot_id)
        except WorkflowError as refused:
            error, code = refused.detail, refused.status_code
    if not request.headers.get("HX-Request"):
        if error:
            messages.error(request, error)
        return redirect("desk:claim_workspace", pk=claim.pk)
    context = _workspace_context(request, claim)
    context["outcome_error"] = error
    return render(request, "reviews/_outcome.html", context, status=code if error else 200)
