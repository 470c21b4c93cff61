"""Changing a claim from its workspace: span, split, dismiss, reopen, reassign, correct."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from claims.errors import WorkflowError
from reviews.assignment import claim_reassign
from reviews.desk.access import checker_required, editor_required, newsroom_required
from reviews.desk.workspace import (
    claim_for,
    correction_form,
    dismiss_form,
    reassign_form,
    reopen_form,
    span_form,
    split_form,
    verdict_arguments,
    workspace_refused,
    workspace_url,
)
from reviews.lifecycle import (
    claim_dismiss,
    claim_reopen,
    claim_split,
    claim_update_span,
)
from reviews.models import Verdict
from reviews.verdicts import (
    verdict_correct,
)

Refusal = HttpResponse | None


def _tool_run(request: HttpRequest, pk: int, make_form, form_key: str, action: Callable):
    """Validate the tool's form, then run its service: (claim, form, result, refusal).

    A refusal (invalid form, or the service said no) is the workspace again, with the form as
    typed and the reason, and nothing changed.
    """
    claim = claim_for(pk)
    form = make_form(claim, data=request.POST)
    if not form.is_valid():
        return claim, form, None, workspace_refused(request, pk, 400, **{form_key: form})
    try:
        return claim, form, action(claim, form), None
    except WorkflowError as error:
        refusal = workspace_refused(request, pk, error.status_code, error, **{form_key: form})
        return claim, form, None, refusal


@require_POST
@checker_required
def claim_span_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim, _form, _done, refusal = _tool_run(
        request,
        pk,
        span_form,
        "span_form",
        lambda claim, form: claim_update_span(claim=claim, actor=request.user, **form.cleaned_data),
    )
    if refusal:
        return refusal
    messages.success(
        request,
        _("The claim now covers characters %(start)s–%(end)s.")
        % {"start": claim.start, "end": claim.end},
    )
    return redirect(workspace_url(claim.pk))


@require_POST
@checker_required
def claim_split_view(request: HttpRequest, pk: int) -> HttpResponse:
    _claim, _form, parts, refusal = _tool_run(
        request,
        pk,
        split_form,
        "split_form",
        lambda claim, form: claim_split(claim=claim, actor=request.user, **form.cleaned_data),
    )
    if refusal:
        return refusal
    first, second = parts
    messages.success(
        request,
        _(
            "Split in two: this claim now ends at character %(end)s; "
            "the rest is claim #%(number)s, waiting in its queue."
        )
        % {"end": first.end, "number": second.pk},
    )
    return redirect(workspace_url(first.pk, mark=second.pk))


@require_POST
@newsroom_required
def claim_dismiss_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim, _form, _done, refusal = _tool_run(
        request,
        pk,
        dismiss_form,
        "dismiss_form",
        lambda claim, form: claim_dismiss(claim=claim, actor=request.user, **form.cleaned_data),
    )
    if refusal:
        return refusal
    messages.success(request, _("Dismissed as not check-worthy. Reopen it if that was a mistake."))
    return redirect(workspace_url(claim.pk))


@require_POST
@newsroom_required
def claim_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim, _form, _done, refusal = _tool_run(
        request,
        pk,
        reopen_form,
        "reopen_form",
        lambda claim, form: claim_reopen(claim=claim, actor=request.user, **form.cleaned_data),
    )
    if refusal:
        return refusal
    claim.refresh_from_db(fields=["queue"])
    if claim.queue_id:
        text = _("Reopened: the claim is back in %(queue)s.") % {"queue": claim.queue}
    else:
        text = _("Reopened: the claim is back with the desk, waiting for a queue.")
    messages.success(request, text)
    return redirect(workspace_url(claim.pk))


@require_POST
@editor_required
def claim_reassign_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim, form, _done, refusal = _tool_run(
        request,
        pk,
        reassign_form,
        "reassign_form",
        lambda claim, form: claim_reassign(
            claim=claim, checker=form.cleaned_data["checker"], editor=request.user
        ),
    )
    if refusal:
        return refusal
    checker = form.cleaned_data["checker"]
    messages.success(request, _("Assigned to %(checker)s.") % {"checker": checker.get_username()})
    return redirect(workspace_url(claim.pk))


@require_POST
@checker_required
def verdict_correct_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A correction goes straight to the editors; the published verdict stays until approval.

    verdict_correct, not verdict_submit: on a claim whose correction is already under way,
    verdict_submit would take over that draft, while this refuses (409) and changes nothing.
    """
    published = Verdict.objects.filter(claim_id=pk, status=Verdict.Status.PUBLISHED).first()
    claim, _form, _done, refusal = _tool_run(
        request,
        pk,
        lambda claim, data: correction_form(claim, published, data=data),
        "correction_form",
        lambda claim, form: verdict_correct(
            claim=claim, author=request.user, **verdict_arguments(form)
        ),
    )
    if refusal:
        return refusal
    messages.success(
        request,
        _(
            "Correction submitted: an editor will review it. Readers see the published verdict "
            "until it is approved."
        ),
    )
    return redirect(workspace_url(claim.pk))
