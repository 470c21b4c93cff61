"""The newsroom team: people, their roles (fact-checker, editor) and the queues they work."""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from claims.audit import audit_record
from claims.errors import Forbidden, InvalidInput
from claims.roles import EDITOR_GROUP, FACT_CHECKER_GROUP, is_editor
from reviews.models import Queue

ROLES = {"fact-checker": FACT_CHECKER_GROUP, "editor": EDITOR_GROUP}
MANAGE_TEAM = "reviews.manage_team"


def can_manage_team(user) -> bool:
    return bool(
        getattr(user, "is_superuser", False) or (is_editor(user) and user.has_perm(MANAGE_TEAM))
    )


def _queues(slugs: Iterable[str]) -> list[Queue]:
    slugs = list(dict.fromkeys(slugs))
    queues = list(Queue.objects.filter(slug__in=slugs))
    missing = set(slugs) - {queue.slug for queue in queues}
    if missing:
        raise InvalidInput(_("No such queue: %(slugs)s.") % {"slugs": ", ".join(sorted(missing))})
    return queues


@transaction.atomic
def team_member_save(
    *,
    username: str,
    roles: Iterable[str],
    queues: Iterable[str] = (),
    email: str = "",
    password: str | None = None,
    actor=None,
) -> tuple[object, bool]:
    """Create or update a person with exactly these roles and queues. Returns (user, created)."""
    if actor is not None and not can_manage_team(actor):
        raise Forbidden(_("Only editors who manage the team may do this."))
    username = (username or "").strip()
    if not username or len(username) > 150:
        raise InvalidInput(_("Give a user name of at most 150 characters."))
    roles = list(dict.fromkeys(roles))
    unknown = [role for role in roles if role not in ROLES]
    if unknown:
        raise InvalidInput(_("Unknown role: %(role)s.") % {"role": ", ".join(unknown)})
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise InvalidInput(_("Enter a valid e-mail address.")) from None
    chosen_queues = _queues(queues)
    user, created = get_user_model().objects.get_or_create(username=username)
    if email:
        user.email = email
    if password:
        user.set_password(password)
    elif created:
        user.set_unusable_password()
    user.save()
    groups = Group.objects.filter(name__in=[ROLES[role] for role in roles])
    user.groups.remove(*Group.objects.filter(name__in=ROLES.values()).exclude(pk__in=groups))
    user.groups.add(*groups)
    user.queues.set(chosen_queues)
    audit_record(
        actor=actor,
        action="team.create" if created else "team.update",
        obj=user,
        after={"roles": roles, "queues": [queue.slug for queue in chosen_queues]},
    )
    return user, created
