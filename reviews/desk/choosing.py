"""Choosing work from the desk: take next (with skips), take a chosen claim, skip the one held."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from claims.errors import WorkflowError
from claims.models import Claim
from reviews.choosing import claim_skip_and_next, claim_take, claim_take_next
from reviews.desk.access import checker_required, redirect_back
from reviews.models import Queue


def _back(request: HttpRequest):
    """Back to the list the checker chose from, when it is one of ours."""
    return redirect_back(request, "desk:home")


@require_POST
@checker_required
def queue_take_next(request: HttpRequest, slug: str) -> HttpResponse:
    queue = get_object_or_404(Queue, slug=slug, is_active=True)
    try:
        claim = claim_take_next(queue=queue, checker=request.user)
    except WorkflowError as error:
        messages.error(request, error.detail)
        return redirect("desk:home")
    if claim is None:
        messages.info(request, _("Nothing is waiting in %(queue)s.") % {"queue": queue})
        return redirect("desk:home")
    return redirect("desk:claim_workspace", pk=claim.pk)


@require_POST
@checker_required
def claim_take_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim, pk=pk)
    try:
        claim_take(claim=claim, checker=request.user)
    except WorkflowError as error:
        messages.error(request, error.detail)
        return _back(request)
    return redirect("desk:claim_workspace", pk=claim.pk)


@require_POST
@checker_required
def claim_skip_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.select_related("queue"), pk=pk)
    try:
        following = claim_skip_and_next(claim=claim, checker=request.user)
    except WorkflowError as error:
        messages.error(request, error.detail)
        return redirect("desk:claim_workspace", pk=claim.pk)
    if following is None:
        messages.info(request, _("You skipped the claim; nothing else is waiting in its queue."))
        return redirect("desk:home")
    messages.info(request, _("Skipped claim %(id)s: here is the next one.") % {"id": claim.pk})
    return redirect("desk:claim_workspace", pk=following.pk)
