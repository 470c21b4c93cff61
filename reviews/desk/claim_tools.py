"""Changing a claim from its workspace: span, split, dismiss, reopen, reassign, correct."""

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


@require_POST
@checker_required
def claim_span_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = claim_for(pk)
    form = span_form(claim, data=request.POST)
    if not form.is_valid():
        return workspace_refused(request, pk, 400, span_form=form)
    try:
        claim_update_span(claim=claim, actor=request.user, **form.cleaned_data)
    except WorkflowError as error:
        return workspace_refused(request, pk, error.status_code, error, span_form=form)
    messages.success(
        request,
        _("The claim now covers characters %(start)s–%(end)s.")
        % {"start": claim.start, "end": claim.end},
    )
    return redirect(workspace_url(claim.pk))


@require_POST
@checker_required
def claim_split_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = claim_for(pk)
    form = split_form(claim, data=request.POST)
    if not form.is_valid():
        return workspace_refused(request, pk, 400, split_form=form)
    try:
        first, second = claim_split(claim=claim, actor=request.user, **form.cleaned_data)
    except WorkflowError as error:
        return workspace_refused(request, pk, error.status_code, error, split_form=form)
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
    claim = claim_for(pk)
    form = dismiss_form(claim, data=request.POST)
    if not form.is_valid():
        return workspace_refused(request, pk, 400, dismiss_form=form)
    try:
        claim_dismiss(claim=claim, actor=request.user, **form.cleaned_data)
    except WorkflowError as error:
        return workspace_refused(request, pk, error.status_code, error, dismiss_form=form)
    messages.success(request, _("Dismissed as not check-worthy. Reopen it if that was a mistake."))
    return redirect(workspace_url(claim.pk))


@require_POST
@newsroom_required
def claim_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = claim_for(pk)
    form = reopen_form(claim, data=request.POST)
    if not form.is_valid():
        return workspace_refused(request, pk, 400, reopen_form=form)
    try:
        claim_reopen(claim=claim, actor=request.user, **form.cleaned_data)
    except WorkflowError as error:
        return workspace_refused(request, pk, error.status_code, error, reopen_form=form)
    queue = claim.queue.name if claim.queue else "its queue"
    messages.success(request, _("Reopened: the claim is back in %(queue)s.") % {"queue": queue})
    return redirect(workspace_url(claim.pk))


@require_POST
@editor_required
def claim_reassign_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = claim_for(pk)
    form = reassign_form(claim, data=request.POST)
    if not form.is_valid():
        return workspace_refused(request, pk, 400, reassign_form=form)
    checker = form.cleaned_data["checker"]
    try:
        claim_reassign(claim=claim, checker=checker, editor=request.user)
    except WorkflowError as error:
        return workspace_refused(request, pk, error.status_code, error, reassign_form=form)
    messages.success(request, _("Assigned to %(checker)s.") % {"checker": checker.get_username()})
    return redirect(workspace_url(claim.pk))


@require_POST
@checker_required
def verdict_correct_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A correction goes straight to the editors; the published verdict stays until approval.

    verdict_correct, not verdict_submit: on a claim whose correction is already under way,
    verdict_submit would take over that draft, while this refuses (409) and changes nothing.
    """
    claim = claim_for(pk)
    published = Verdict.objects.filter(claim=claim, status=Verdict.Status.PUBLISHED).first()
    form = correction_form(claim, published, data=request.POST)
    if not form.is_valid():
        return workspace_refused(request, pk, 400, correction_form=form)
    try:
        verdict_correct(claim=claim, author=request.user, **verdict_arguments(form))
    except WorkflowError as error:
        return workspace_refused(request, pk, error.status_code, error, correction_form=form)
    messages.success(
        request,
        _(
            "Correction submitted: an editor will review it. Readers see the published verdict "
            "until it is approved."
        ),
    )
    return redirect(workspace_url(claim.pk))
