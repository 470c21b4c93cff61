"""Team set-up in the desk: editors who manage the team add people, roles and queues."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.errors import WorkflowError
from claims.roles import EDITOR_GROUP, FACT_CHECKER_GROUP
from reviews.desk.access import forbidden, newsroom_required, page
from reviews.models import Queue
from reviews.team import can_manage_team, team_member_save


class TeamMemberForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("User name"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("E-mail"), required=False)
    roles = forms.MultipleChoiceField(
        label=gettext_lazy("Roles"),
        choices=[
            ("fact-checker", gettext_lazy("Fact-checker")),
            ("editor", gettext_lazy("Editor")),
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    queues = forms.MultipleChoiceField(
        label=gettext_lazy("Queues"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["queues"].choices = [(q.slug, q.name) for q in Queue.objects.all()]


def _members():
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .prefetch_related(
            Prefetch(
                "groups", queryset=Group.objects.filter(name__in=[EDITOR_GROUP, FACT_CHECKER_GROUP])
            ),
            Prefetch("queues", queryset=Queue.objects.order_by("priority", "slug")),
        )
        .order_by("username")
    )


@newsroom_required
def team(request: HttpRequest) -> HttpResponse:
    if not can_manage_team(request.user):
        return forbidden(request, _("Only editors who manage the team can open this page."))
    form = TeamMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, created = team_member_save(
                username=data["username"],
                email=data["email"],
                roles=data["roles"],
                queues=data["queues"],
                actor=request.user,
            )
        except WorkflowError as error:
            form.add_error(None, error.detail)
        else:
            message = _("Added %(name)s.") if created else _("Updated %(name)s.")
            messages.success(request, message % {"name": user.get_username()})
            return redirect("desk:team")
    return page(request, "reviews/team.html", {"nav": "team", "form": form, "members": _members()})
