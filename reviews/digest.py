"""The morning list: new claims since the last digest, most check-worthy first, grouped by
publisher and queue, with "checked before" marks; as a desk page and an opt-in e-mail sent at
each person's chosen hour in their own time zone.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from claims.errors import InvalidInput
from claims.models import Claim
from claims.preferences import preferences_for
from reviews.matching_models import ClaimMatch
from reviews.models import DigestSubscription, RepeatOccurrence
from reviews.queues import is_repeat

logger = logging.getLogger(__name__)
LISTED_STATUSES = [Claim.Status.NEW, Claim.Status.QUEUED, Claim.Status.ASSIGNED]
MAX_CLAIMS = 300
DEFAULT_WINDOW = datetime.timedelta(hours=24)


@dataclass
class CheckedBefore:
    """A mark on a claim that repeats one already checked (ours or an imported review)."""

    label: str
    claim_id: int | None = None
    score: float | None = None


@dataclass
class QueueGroup:
    name: str
    claims: list[Claim] = field(default_factory=list)


@dataclass
class PublisherGroup:
    publisher: str
    queues: list[QueueGroup] = field(default_factory=list)

    @property
    def top(self) -> float:
        return max(c.checkworthiness for group in self.queues for c in group.claims)

    @property
    def count(self) -> int:
        return sum(len(group.claims) for group in self.queues)


def checked_before_marks(claim_ids: list[int]) -> dict[int, CheckedBefore]:
    """Checked before: the repeats recorded, then the best probable match of each other claim.

    The page, the e-mail and the API all read marks through this one function.
    """
    marks: dict[int, CheckedBefore] = {}
    found = RepeatOccurrence.objects.filter(claim_id__in=claim_ids).order_by("-score")
    for occurrence in found.select_related("matched_claim"):
        if occurrence.claim_id in marks:
            continue
        matched = occurrence.matched_claim
        marks[occurrence.claim_id] = CheckedBefore(
            label=matched.text[:200] if matched else occurrence.imported_label,
            claim_id=matched.pk if matched else None,
            score=occurrence.score,
        )
    probable = (
        ClaimMatch.objects.filter(claim_id__in=claim_ids, probable=True)
        .select_related("item__claim", "item__review")
        .order_by("claim_id", "-score")
    )
    for match in probable:
        if match.claim_id in marks:
            continue
        item = match.item
        marks[match.claim_id] = CheckedBefore(
            label=item.text[:200], claim_id=item.claim_id, score=match.score
        )
    return marks


def morning_list(*, since: datetime.datetime, until: datetime.datetime | None = None):
    """(groups, count): publishers by their most check-worthy claim, queues likewise inside."""
    claims = list(
        Claim.objects.filter(created_at__gte=since, status__in=LISTED_STATUSES)
        .filter(created_at__lt=until or timezone.now())
        .select_related("article", "queue")
        .annotate(is_repeat=is_repeat())
        .order_by("-is_repeat", "-checkworthiness", "created_at", "pk")[:MAX_CLAIMS]
    )
    marks = checked_before_marks([claim.pk for claim in claims])
    by_publisher: dict[str, dict[str, QueueGroup]] = defaultdict(dict)
    for claim in claims:
        claim.checked_before = marks.get(claim.pk)
        publisher = claim.article.publisher or _("No publisher")
        queue = str(claim.queue) if claim.queue_id else _("Not routed yet")
        by_publisher[publisher].setdefault(queue, QueueGroup(name=queue)).claims.append(claim)
    groups = [
        PublisherGroup(publisher=name, queues=list(queues.values()))
        for name, queues in by_publisher.items()
    ]
    # Claims arrive ranked, so each group's first claim is its best; dicts keep that order.
    groups.sort(key=lambda group: -group.top)
    return groups, len(claims)


def digest_window_start(subscription: DigestSubscription | None, now: datetime.datetime):
    if subscription is not None and subscription.last_sent_at is not None:
        return subscription.last_sent_at
    return now - DEFAULT_WINDOW


@transaction.atomic
def digest_subscription_save(*, user, is_enabled: bool, hour: int, time_zone: str):
    if not isinstance(hour, int) or not 0 <= hour <= 23:
        raise InvalidInput(_("hour: choose an hour from 0 to 23."))
    if time_zone not in zoneinfo.available_timezones():
        raise InvalidInput(_("time zone: %(zone)s is not a time zone name.") % {"zone": time_zone})
    subscription, _created = DigestSubscription.objects.update_or_create(
        user=user, defaults={"is_enabled": is_enabled, "hour": hour, "time_zone": time_zone}
    )
    return subscription


def digest_is_due(subscription: DigestSubscription, now: datetime.datetime) -> bool:
    """At the chosen local hour, once per local day."""
    zone = zoneinfo.ZoneInfo(subscription.time_zone)
    local = now.astimezone(zone)
    if not subscription.is_enabled or local.hour != subscription.hour:
        return False
    last = subscription.last_sent_at
    return last is None or last.astimezone(zone).date() < local.date()


def digest_send(*, subscription: DigestSubscription, now: datetime.datetime) -> bool:
    """Send one digest; an empty list is not sent (but the window still moves on)."""
    user = subscription.user
    preferences = preferences_for(user)
    language = (preferences.language if preferences else "") or settings.LANGUAGE_CODE
    # The recipient's language throughout: publisher and queue headings, body, subject.
    with translation.override(language):
        since = digest_window_start(subscription, now)
        groups, count = morning_list(since=since, until=now)
        rows = DigestSubscription.objects.filter(
            pk=subscription.pk, last_sent_at=subscription.last_sent_at
        ).update(last_sent_at=now)
        if rows != 1:  # another beat sent it meanwhile
            return False
        if not count or not user.email:
            return False
        body = render_to_string(
            "reviews/email/morning_list.txt",
            {"groups": groups, "count": count, "since": since, "user": user,
             "base_url": settings.CLAIMDESK_PUBLIC_BASE_URL},
        )  # fmt: skip
        subject = ngettext(
            "[Claimdesk] Morning list: %(count)d new claim",
            "[Claimdesk] Morning list: %(count)d new claims",
            count,
        ) % {"count": count}
    try:
        send_mail(subject, body, None, [user.email], fail_silently=False)
    except (OSError, smtplib.SMTPException):
        # One person's mail server trouble must not hold up everyone else's list.
        logger.warning("morning list for user %s not sent", user.pk, exc_info=True)
        return False
    return True


def digests_send_due(*, now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    sent = 0
    for subscription in DigestSubscription.objects.filter(is_enabled=True).select_related("user"):
        if digest_is_due(subscription, now) and digest_send(subscription=subscription, now=now):
            sent += 1
    return sent
