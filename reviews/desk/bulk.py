"""Bulk actions on the claims page: move the ticked claims to a queue, dismiss them, reopen them.

Assigning in bulk lives on the queue page, where the queue's checkers are listed (queues.py).
All or nothing: the services lock every ticked claim and refuse the lot when one cannot move.
"""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from claims.errors import WorkflowError
from claims.models import Claim
from reviews.bulk import claims_bulk_dismiss, claims_bulk_move, claims_bulk_reopen
from reviews.desk.access import editor_required, redirect_back
from reviews.models import Queue


class ClaimsBulkForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("move", _("Move")), ("dismiss", _("Dismiss")), ("reopen", _("Reopen"))],
        error_messages={"required": _("Choose what to do with the ticked claims.")},
    )
    claims = forms.ModelMultipleChoiceField(
        queryset=Claim.objects.all(),
        error_messages={
            "required": _("Tick at least one claim."),
            "invalid_choice": _("Claim %(value)s no longer exists: reload the page."),
        },
    )
    queue = forms.ModelChoiceField(
        label=_("Move the ticked claims to"),
        queryset=Queue.objects.filter(is_active=True).order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Choose a queue"),
    )
    reason = forms.CharField(label=_("Reason for dismissing"), max_length=500, required=False)

    def clean(self):
        data = super().clean()
        if data.get("action") == "move" and not data.get("queue"):
            self.add_error("queue", _("Choose the queue to move the claims to."))
        if data.get("action") == "dismiss" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the claims are not check-worthy."))
        return data


def _done_message(action: str, count: int, queue: Queue | None) -> str:
    if action == "move":
        return ngettext(
            "Moved %(count)s claim to %(queue)s.", "Moved %(count)s claims to %(queue)s.", count
        ) % {"count": count, "queue": queue}
    if action == "dismiss":
        return ngettext("Dismissed %(count)s claim.", "Dismissed %(count)s claims.", count) % {
            "count": count
        }
    return ngettext("Reopened %(count)s claim.", "Reopened %(count)s claims.", count) % {
        "count": count
    }


def _back(request: HttpRequest):
    return redirect_back(request, "desk:claims_list")


@require_POST
@editor_required
def claims_bulk_view(request: HttpRequest) -> HttpResponse:
    form = ClaimsBulkForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back(request)
    action, data = form.cleaned_data["action"], form.cleaned_data
    ids = [claim.pk for claim in data["claims"]]
    try:
        if action == "move":
            done = claims_bulk_move(claim_ids=ids, queue=data["queue"], editor=request.user)
        elif action == "dismiss":
            done = claims_bulk_dismiss(claim_ids=ids, reason=data["reason"], editor=request.user)
        else:
            done = claims_bulk_reopen(claim_ids=ids, editor=request.user)
    except WorkflowError as error:
        messages.error(request, error.detail)
        return _back(request)
    messages.success(request, _done_message(action, len(done), data.get("queue")))
    return _back(request)
