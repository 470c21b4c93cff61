"""The discussion thread on the claim workspace."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from claims.errors import WorkflowError
from claims.models import Claim
from reviews.desk.access import newsroom_required
from reviews.discussion import comment_add
from reviews.models import Comment


def claim_comments(claim: Claim):
    return Comment.objects.filter(claim=claim).select_related("author")


@require_POST
@newsroom_required
def claim_comment(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim, pk=pk)
    body = request.POST.get("body", "")
    context = {"claim": claim, "comment_draft": "", "comment_status": ""}
    try:
        comment_add(claim=claim, author=request.user, body=body)
        context["comment_status"] = _("Comment added.")
    except WorkflowError as error:
        context.update(comment_error=error.detail, comment_draft=body)
    if not request.headers.get("HX-Request"):
        return redirect(reverse("desk:claim_workspace", args=[claim.pk]) + "#discussion")
    context["comments"] = claim_comments(claim)
    return render(request, "reviews/_discussion.html", context)
