"""The editors' inbox: submitted verdicts to approve or return."""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from claims.errors import WorkflowError
from claims.models import Evidence, Snapshot
from claims.stance_counts import with_stance_counts
from reviews.approval import verdict_approve, verdict_return
from reviews.corrections import is_inconsistency, outcome_sentence
from reviews.desk.access import editor_required, page
from reviews.desk.forms import VerdictReturnForm
from reviews.models import Verdict


def _inbox_verdicts():
    return (
        with_stance_counts(Verdict.objects, claim_path="claim__")
        .filter(status=Verdict.Status.SUBMITTED)
        .select_related("claim__article", "claim__queue", "rating", "author")
        .prefetch_related(
            "contributors",
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


def _after_decision(request: HttpRequest, verdict: Verdict):
    """Back where the editor decided: the claim page, or the inbox."""
    if request.POST.get("from") == "claim":
        return redirect("desk:claim_workspace", pk=verdict.claim_id)
    return redirect("desk:inbox")


@require_http_methods(["GET", "POST"])
@editor_required
def verdict_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: exactly what approval publishes, to confirm; POST: approve and publish."""
    verdict = get_object_or_404(Verdict.objects.select_related("claim"), pk=pk)
    if request.method == "GET":
        shown = get_object_or_404(_inbox_verdicts(), pk=pk)
        context = {"nav": "inbox", "verdict": shown, "return_form": VerdictReturnForm()}
        if is_inconsistency(shown.claim):  # a correction notice, not a publication
            context["notice"] = outcome_sentence(shown)[1]
        return page(request, "reviews/approve_confirm.html", context)
    try:
        verdict_approve(verdict=verdict, editor=request.user)
    except WorkflowError as error:
        messages.error(request, error.detail)
        return _after_decision(request, verdict)
    if is_inconsistency(verdict.claim):
        done = _("Approved: the correction notice for claim %(number)s is on the article page.")
    else:
        done = _("Approved and published: verdict on claim %(number)s.")
    messages.success(request, done % {"number": verdict.claim_id})
    return _after_decision(request, verdict)


@require_POST
@editor_required
def verdict_return_view(request: HttpRequest, pk: int) -> HttpResponse:
    verdict = get_object_or_404(Verdict.objects.select_related("claim"), pk=pk)
    form = VerdictReturnForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("comment", []):
            messages.error(request, error)
        return _after_decision(request, verdict)
    try:
        verdict_return(verdict=verdict, editor=request.user, comment=form.cleaned_data["comment"])
    except WorkflowError as error:
        messages.error(request, error.detail)
        return _after_decision(request, verdict)
    messages.success(
        request,
        _("Returned to %(checker)s with your comment.")
        % {"checker": verdict.author.get_username()},
    )
    return _after_decision(request, verdict)
