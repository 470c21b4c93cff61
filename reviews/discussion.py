"""The discussion on a claim: comments, `@name` mentions that notify, all in the audit trail."""

import re

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from claims.audit import audit_record
from claims.errors import Forbidden, InvalidInput
from claims.models import Claim
from claims.roles import is_newsroom_member
from reviews.models import Comment
from reviews.notifications import notification_send

MAX_COMMENT_CHARS = 5000
# A user name as Django allows it (letters, digits, @.+-_), after an @ that starts a word.
_MENTION = re.compile(r"(?<![\w@.])@([\w.+-]{1,150})")


def mentioned_usernames(body: str) -> list[str]:
    names = []
    for match in _MENTION.finditer(body):
        name = match.group(1).rstrip(".")
        if name and name not in names:
            names.append(name)
    return names


@transaction.atomic
def comment_add(*, claim: Claim, author, body: str, kind: str = Comment.Kind.COMMENT) -> Comment:
    """Add to the claim's thread; each newsroom member named with @ is notified once."""
    if not is_newsroom_member(author):
        raise Forbidden(_("Only fact-checkers and editors take part in the discussion."))
    body = (body or "").strip()
    if not body:
        raise InvalidInput(_("Write something before sending the comment."))
    if len(body) > MAX_COMMENT_CHARS:
        raise InvalidInput(
            _("A comment holds at most %(limit)d characters.") % {"limit": MAX_COMMENT_CHARS}
        )
    comment = Comment.objects.create(claim=claim, author=author, body=body, kind=kind)
    mentioned = list(
        get_user_model()
        .objects.filter(username__in=mentioned_usernames(body), is_active=True)
        .exclude(pk=author.pk)
    )
    notified = []
    for person in mentioned:
        if not is_newsroom_member(person):
            continue
        notification_send(
            recipient=person,
            verb="mentioned",
            claim=claim,
            message=_("%(author)s mentioned you on claim %(claim)s: %(body)s")
            % {"author": author.get_username(), "claim": claim.pk, "body": body[:300]},
        )
        notified.append(person.get_username())
    audit_record(
        actor=author,
        action="comment.add",
        obj=comment,
        claim_id=claim.pk,
        after={"kind": kind, "body": body, "mentioned": notified},
    )
    return comment
