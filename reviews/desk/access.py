"""Who may open a desk page, and the layout's role-aware context."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from claims.roles import is_editor, is_fact_checker, is_newsroom_member
from reviews.models import Notification
from reviews.team import can_manage_team


def redirect_back(request: HttpRequest, fallback: str) -> HttpResponse:
    """Back to the page the form was sent from (its `next` field) when that page is ours;
    anything else (another site, `//host`, `/\\host`) goes to `fallback` instead."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


def role_required(test: Callable[[object], bool], reason: str):
    """Login first (redirect), then the newsroom role (403 page): outsiders see nothing."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not test(request.user):
                return forbidden(request, reason)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


newsroom_required = role_required(
    is_newsroom_member, _("The desk is for fact-checkers and editors of this newsroom.")
)


checker_required = role_required(is_fact_checker, _("Only fact-checkers can do this."))


editor_required = role_required(is_editor, _("Only editors can do this."))


def desk_role(request: HttpRequest) -> dict:
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return {}
    member = is_newsroom_member(user)
    return {
        "member": member,
        "checker": is_fact_checker(user),
        "editor": is_editor(user),
        "manages_team": member and can_manage_team(user),
        "unread": Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        if member
        else 0,
    }


def page(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    """render() plus what the layout needs: the role-aware navigation."""
    return render(request, template, {"desk_role": desk_role(request), **context}, status=status)


def forbidden(request: HttpRequest, reason: str = "") -> HttpResponse:
    return page(request, "reviews/forbidden.html", {"reason": reason}, status=403)
