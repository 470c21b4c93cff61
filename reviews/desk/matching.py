"""Desk views of "Checked before?": the workspace panel and the "same claim as…" action."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from claims.errors import WorkflowError
from claims.models import Claim
from claims.roles import is_fact_checker
from reviews.desk.access import checker_required, newsroom_required
from reviews.matching_links import claim_link_create
from reviews.matching_models import MatchItem
from reviews.matching_present import claim_match_rows

PANEL_TEMPLATE = "reviews/_checked_before.html"
SHOWN = 5


def _panel(request: HttpRequest, claim: Claim, status_message: str = "", status: int = 200):
    rows = claim_match_rows(claim)
    context = {
        "claim": claim,
        "matches": rows[:SHOWN],
        "more": max(0, len(rows) - SHOWN),
        "can_link": is_fact_checker(request.user),
        "status_message": status_message,
    }
    return render(request, PANEL_TEMPLATE, context, status=status)


@newsroom_required
def claim_checked_before(request: HttpRequest, pk: int) -> HttpResponse:
    return _panel(request, get_object_or_404(Claim, pk=pk))


@require_POST
@checker_required
def claim_link_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.select_related("article"), pk=pk)
    item = MatchItem.objects.filter(pk=request.POST.get("item") or 0).first()
    workspace = reverse("desk:claim_workspace", args=[claim.pk])
    if item is None:
        return _panel(request, claim, _("That match no longer exists."), status=400)
    try:
        _link, _created, draft = claim_link_create(claim=claim, item=item, actor=request.user)
    except WorkflowError as error:
        return _panel(request, claim, error.detail, status=400)
    if draft is not None:
        # The verdict form on the page is now stale: reload the workspace with the draft in it.
        messages.success(request, _("Linked. A draft verdict citing our earlier one was started."))
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=200)
            response["HX-Redirect"] = workspace
            return response
        return redirect(workspace)
    if request.headers.get("HX-Request"):
        return _panel(request, claim, _("Linked: marked as the same claim."))
    messages.success(request, _("Linked: marked as the same claim."))
    return redirect(workspace)
