"""In-app notifications, with a copy by email through Django's email backend."""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from claims.bidi import isolated
from claims.preferences import preferences_for
from reviews.corrections import is_inconsistency, outcome_sentence
from reviews.models import Notification, Verdict


@transaction.atomic
def notification_send(
    *, recipient, verb: str, message: str, verdict: Verdict | None = None, claim=None
) -> Notification:
    notification = Notification.objects.create(
        recipient=recipient,
        verb=verb,
        message=message[:500],
        verdict=verdict,
        claim=claim or (verdict.claim if verdict is not None else None),
    )
    if recipient.email:
        subject = f"[Claimdesk] {message[:120]}"  # the message is already in their language

        def email() -> None:
            # After commit, outside the request's outcome: a mail server hiccup must not undo
            # (or fail) an editorial decision that is already recorded.
            send_mail(subject, message, None, [recipient.email], fail_silently=True)

        transaction.on_commit(email)
    return notification


@transaction.atomic
def notifications_mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())


def _recipient_language(user) -> str:
    preferences = preferences_for(user)
    return (preferences.language if preferences else "") or settings.LANGUAGE_CODE


def notify_verdict_approved(*, verdict: Verdict, editor) -> Notification:
    # Written once, in the recipient's language (the e-mail copy reads the same).
    with translation.override(_recipient_language(verdict.author)):
        if is_inconsistency(verdict.claim):  # an outcome: approved, never published
            message = _("%(editor)s approved your outcome on claim %(number)s: %(notice)s") % {
                "editor": isolated(editor.get_username()),
                "number": verdict.claim_id,
                "notice": outcome_sentence(verdict)[0],
            }
        else:
            message = _(
                "%(editor)s approved and published your verdict on claim %(number)s: %(summary)s"
            ) % {
                "editor": isolated(editor.get_username()),
                "number": verdict.claim_id,
                "summary": verdict.summary,
            }
    return notification_send(
        recipient=verdict.author, verb="approved", verdict=verdict, message=message
    )


def notify_verdict_returned(*, verdict: Verdict, editor, comment: str) -> Notification:
    with translation.override(_recipient_language(verdict.author)):
        message = _("%(editor)s returned your verdict on claim %(number)s: %(comment)s") % {
            "editor": isolated(editor.get_username()),
            "number": verdict.claim_id,
            "comment": comment,
        }
    return notification_send(
        recipient=verdict.author, verb="returned", verdict=verdict, message=message
    )


def notify_editors(*, verb: str, message: str | Callable[[], str]) -> int:
    """Every active editor, in the app and by e-mail (alerts about the newsroom's systems).

    A callable `message` is written once per editor, in that editor's language.
    """
    from django.contrib.auth import get_user_model

    from claims.roles import EDITOR_GROUP

    editors = get_user_model().objects.filter(groups__name=EDITOR_GROUP, is_active=True)
    count = 0
    for editor in editors.distinct().order_by("pk"):
        with translation.override(_recipient_language(editor)):
            text = message() if callable(message) else message
        notification_send(recipient=editor, verb=verb, message=text)
        count += 1
    return count
