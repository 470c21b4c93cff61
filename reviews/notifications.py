"""In-app notifications, with a copy by email through Django's email backend."""

from collections.abc import Iterable

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from claims.bidi import isolated
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
        subject = f"[Claimdesk] {message[:120]}"

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


def notify_verdict_approved(*, verdict: Verdict, editor) -> Notification:
    return notification_send(
        recipient=verdict.author,
        verb="approved",
        verdict=verdict,
        message=(
            f"{isolated(editor.get_username())} approved and published your verdict on claim "
            f"{verdict.claim_id}: {verdict.summary}"
        ),
    )


def notify_verdict_returned(*, verdict: Verdict, editor, comment: str) -> Notification:
    return notification_send(
        recipient=verdict.author,
        verb="returned",
        verdict=verdict,
        message=(
            f"{isolated(editor.get_username())} returned your verdict on claim {verdict.claim_id}: {comment}"
        ),
    )


def notify_editors(*, verb: str, message: str) -> int:
    """Every active editor, in the app and by e-mail (alerts about the newsroom's systems)."""
    from django.contrib.auth import get_user_model

    from claims.roles import EDITOR_GROUP

    editors = get_user_model().objects.filter(groups__name=EDITOR_GROUP, is_active=True)
    count = 0
    for editor in editors.distinct().order_by("pk"):
        notification_send(recipient=editor, verb=verb, message=message)
        count += 1
    return count
