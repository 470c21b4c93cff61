"""Webhooks out: endpoints editors register, signed JSON deliveries sent by Celery.

Signature, as Stripe does it, so a receiver can reject forgeries and replays:
    Claimdesk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>
Each attempt is signed afresh (a new `t`). Emitting an event only writes delivery rows in the
caller's transaction; the POST happens in a task after commit, bounded in time, so a receiver
that hangs or answers 500 never slows an approval. Delivery is at least once: the body's `id`
is the event's, the same on every attempt and re-send, for receivers to drop duplicates.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import time
import uuid
from functools import partial

from celery import current_app
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from claims.audit import audit_record
from claims.errors import InvalidInput
from claims.fetching import FetchFailed, FetchOptions, FetchRefused
from claims.fetching.fetcher import check_target
from claims.fetching.posting import post_json
from claims.sources import fetch_options
from claims.url_keys import InvalidURL
from claims.web_addresses import web_address_checked
from reviews.models import WebhookDelivery, WebhookEndpoint
from reviews.monitor_models import WEBHOOK_EVENTS
from reviews.notifications import notify_editors

SIGNATURE_HEADER = "Claimdesk-Signature"
DELIVER_WEBHOOK = "reviews.tasks.deliver_webhook"
MIN_SECRET_LENGTH = 16
MAX_RETRY_DELAY = 6 * 3600


def webhook_signature(*, secret: str, body: bytes, timestamp: int) -> str:
    signed = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode("utf-8"), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def webhook_options() -> FetchOptions:
    timeout = settings.CLAIMDESK_WEBHOOK_TIMEOUT
    return fetch_options(
        connect_timeout=min(settings.CLAIMDESK_FETCH_CONNECT_TIMEOUT, timeout),
        read_timeout=timeout,
        deadline=timeout * 2,
    )


def _checked_url(url: str) -> str:
    url = (url or "").strip()
    if not url:
        raise InvalidInput(_("Receiver address: give the receiver's address."))
    try:
        url = web_address_checked(url)
        check_target(url, webhook_options())
    except InvalidURL as error:
        raise InvalidInput(_("Receiver address: %(error)s") % {"error": error}) from None
    except FetchRefused as refused:
        raise InvalidInput(
            _("Receiver address: refused, %(reason)s.") % {"reason": refused.reason}
        ) from None
    except FetchFailed as failed:
        raise InvalidInput(_("Receiver address: %(reason)s.") % {"reason": failed.reason}) from None
    return url


def _checked_events(events: object) -> list[str]:
    if not isinstance(events, list) or not events:
        raise InvalidInput(_("events: choose at least one event."))
    unknown = [event for event in events if event not in WEBHOOK_EVENTS]
    if unknown:
        raise InvalidInput(
            _("events: unknown %(unknown)s; known: %(known)s.")
            % {"unknown": ", ".join(map(str, unknown)), "known": ", ".join(WEBHOOK_EVENTS)}
        )
    return sorted(set(events), key=WEBHOOK_EVENTS.index)


@transaction.atomic
def webhook_endpoint_create(*, url: str, events: list, secret: str, created_by) -> WebhookEndpoint:
    """Raises InvalidInput with the reason (address rules as the safe fetcher's)."""
    if not isinstance(secret, str) or len(secret) < MIN_SECRET_LENGTH:
        raise InvalidInput(
            _("secret: use at least %(count)d random characters.") % {"count": MIN_SECRET_LENGTH}
        )
    events = _checked_events(events)
    endpoint = WebhookEndpoint.objects.create(
        url=_checked_url(url),
        events=events,
        secret=secret[:200],
        created_by=created_by,
    )
    audit_record(
        actor=created_by,
        action="webhook.create",
        obj=endpoint,
        after={"url": endpoint.url, "events": endpoint.events},
    )
    return endpoint


@transaction.atomic
def webhook_endpoint_enable(*, endpoint: WebhookEndpoint, actor) -> WebhookEndpoint:
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        is_active=True, consecutive_failures=0, disabled_at=None, disabled_reason=""
    )
    audit_record(actor=actor, action="webhook.enable", obj=endpoint)
    endpoint.refresh_from_db()
    return endpoint


# --- emitting --------------------------------------------------------------------------------


def _enqueue(delivery_id: int) -> None:
    # By name: services never import the tasks module (the tasks import the services).
    current_app.send_task(DELIVER_WEBHOOK, args=(delivery_id,))


def webhooks_emit(*, event: str, data: dict) -> list[WebhookDelivery]:
    """One delivery per active endpoint subscribed to `event`, sent after the commit."""
    if event not in WEBHOOK_EVENTS:
        raise ValueError(f"unknown webhook event {event!r}")
    endpoints = [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(is_active=True)
        if event in endpoint.events
    ]
    if not endpoints:
        return []
    event_id = uuid.uuid4().hex
    payload = {"id": event_id, "event": event, "created": timezone.now(), "data": data}
    body = json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True)
    deliveries = WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(endpoint=endpoint, event=event, event_id=event_id, body=body)
            for endpoint in endpoints
        ]
    )
    for delivery in deliveries:
        # robust: a broker hiccup must not fail the approval that emitted the event.
        transaction.on_commit(partial(_enqueue, delivery.pk), robust=True)
    return deliveries


@transaction.atomic
def webhook_delivery_resend(*, delivery: WebhookDelivery, actor) -> WebhookDelivery:
    """Send the same event again (same body and event id) as a new, logged delivery."""
    copy = WebhookDelivery.objects.create(
        endpoint=delivery.endpoint,
        event=delivery.event,
        event_id=delivery.event_id,
        body=delivery.body,
        resent_from=delivery,
    )
    audit_record(
        actor=actor,
        action="webhook.resend",
        obj=copy,
        after={"resent_from": delivery.pk, "event": delivery.event},
    )
    transaction.on_commit(partial(_enqueue, copy.pk), robust=True)
    return copy


# --- sending ---------------------------------------------------------------------------------


def webhook_retry_countdown(attempts: int) -> float:
    """Exponential backoff with jitter: base, 2×base, 4×base… after the 1st, 2nd, 3rd attempt."""
    base = settings.CLAIMDESK_WEBHOOK_BACKOFF * 2 ** max(0, attempts - 1)
    return min(random.uniform(base * 0.75, base), MAX_RETRY_DELAY)


def webhook_delivery_attempt(*, delivery: WebhookDelivery) -> str:
    """POST once; returns "delivered", "retry" or "failed". Never raises for the receiver."""
    endpoint = delivery.endpoint
    if not endpoint.is_active:
        _delivery_record(delivery, status=WebhookDelivery.Status.FAILED, code=None,
                         error="The endpoint is disabled.")  # fmt: skip
        return "failed"
    body = delivery.body.encode("utf-8")
    headers = {
        SIGNATURE_HEADER: webhook_signature(
            secret=endpoint.secret, body=body, timestamp=int(time.time())
        ),
        "Claimdesk-Event": delivery.event,
        "Claimdesk-Delivery": str(delivery.pk),
    }
    code, error, retryable = None, "", True
    try:
        code = post_json(endpoint.url, body, headers=headers, options=webhook_options())
    except FetchRefused as refused:
        error, retryable = f"Refused: {refused.reason}", False
    except FetchFailed as failure:
        error = failure.reason
    if code is not None and 200 <= code < 300:
        _delivery_record(delivery, status=WebhookDelivery.Status.DELIVERED, code=code, error="")
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(consecutive_failures=0)
        return "delivered"
    if code is not None:
        error = f"The receiver answered {code}."
    disabled = _endpoint_failure(endpoint, error)
    attempts = delivery.attempts + 1
    if retryable and not disabled and attempts < settings.CLAIMDESK_WEBHOOK_MAX_ATTEMPTS:
        _delivery_record(delivery, status=WebhookDelivery.Status.RETRYING, code=code, error=error)
        return "retry"
    _delivery_record(delivery, status=WebhookDelivery.Status.FAILED, code=code, error=error)
    return "failed"


def _delivery_record(delivery: WebhookDelivery, *, status: str, code: int | None, error: str):
    now = timezone.now()
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=status,
        attempts=F("attempts") + 1,
        response_code=code,
        error=error[:500],
        last_attempt_at=now,
        delivered_at=now if status == WebhookDelivery.Status.DELIVERED else None,
    )
    delivery.refresh_from_db()


@transaction.atomic
def _endpoint_failure(endpoint: WebhookEndpoint, error: str) -> bool:
    """Count a failed attempt; disable the endpoint after a run of them. True when disabled."""
    locked = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    locked.consecutive_failures += 1
    limit = settings.CLAIMDESK_WEBHOOK_DISABLE_AFTER
    if locked.is_active and locked.consecutive_failures >= limit:
        locked.is_active = False
        locked.disabled_at = timezone.now()
        locked.disabled_reason = f"{limit} failed attempts in a row; the last: {error}"[:500]
        notify_editors(
            verb="webhook_disabled",
            message=lambda: (
                _(
                    "The webhook to %(url)s was turned off after %(count)d failed deliveries in a row "
                    "(last: %(error)s). Turn it on again in the desk once the receiver works."
                )
                % {"url": locked.url, "count": limit, "error": error}
            ),
        )
    locked.save(
        update_fields=["consecutive_failures", "is_active", "disabled_at", "disabled_reason"]
    )
    return not locked.is_active
