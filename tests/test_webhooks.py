"""Webhooks out: signed JSON, retries with backoff, disablement, address rules, re-sending."""

import hmac
import json
import time

import pytest
from django.db import transaction

from claims.errors import InvalidInput
from reviews.approval import verdict_approve
from reviews.models import Notification, WebhookDelivery, WebhookEndpoint
from reviews.webhooks import (
    webhook_delivery_attempt,
    webhook_delivery_resend,
    webhook_endpoint_create,
    webhooks_emit,
)
from tests.plugins.services import wait_until
from tests.workflow_setup import cited_snapshot, plain_http, submitted_verdict  # noqa: F401

SECRET = "whsec-0123456789abcdef-test"


def verify(header: str, body: bytes, secret: str, *, now: float, tolerance: int = 300) -> bool:
    """What a receiver writes, from the README's description alone (not our code)."""
    fields = dict(part.split("=", 1) for part in header.split(","))
    timestamp = int(fields["t"])
    if abs(now - timestamp) > tolerance:
        return False
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, "sha256").hexdigest()
    return hmac.compare_digest(expected, fields["v1"])


@pytest.fixture
def web(outside_web, settings):
    settings.CLAIMDESK_FETCH_ALLOW_PRIVATE = True
    return outside_web


def endpoint(web, editor, path="/hook", events=("verdict.published",)) -> WebhookEndpoint:
    return webhook_endpoint_create(
        url=web.url(path), events=list(events), secret=SECRET, created_by=editor
    )


def emit(event="verdict.published", data=None) -> list[WebhookDelivery]:
    with transaction.atomic():
        return webhooks_emit(event=event, data=data or {"claim": {"id": 1, "text": "نص"}})


def test_it_signs_each_delivery_so_an_independent_verifier_accepts_it(web, editor):
    web.add("/hook", "ok", content_type="text/plain")
    endpoint(web, editor)
    (delivery,) = emit()

    assert webhook_delivery_attempt(delivery=delivery) == "delivered"

    ((headers, body),) = web.posts_to("/hook")
    signature = headers["Claimdesk-Signature"]
    assert verify(signature, body, SECRET, now=time.time())
    assert not verify(signature, body + b" ", SECRET, now=time.time())  # tampered
    assert not verify(signature, body, "another-secret-entirely", now=time.time())
    assert not verify(signature, body, SECRET, now=time.time() + 3600)  # replayed an hour later
    payload = json.loads(body)
    assert payload["event"] == "verdict.published" and payload["data"]["claim"]["text"] == "نص"
    assert headers["Content-Type"] == "application/json"
    delivery.refresh_from_db()
    assert (delivery.status, delivery.response_code, delivery.attempts) == ("delivered", 200, 1)


def test_it_emits_on_approval_without_waiting_for_a_hanging_receiver(
    web, editor, checker, django_capture_on_commit_callbacks
):
    web.add("/hook", "late", delay=60)
    endpoint(web, editor)
    verdict = submitted_verdict(checker)

    with django_capture_on_commit_callbacks() as callbacks:
        verdict_approve(verdict=verdict, editor=editor)

    delivery = WebhookDelivery.objects.get()
    data = json.loads(delivery.body)["data"]
    assert data["verdict"]["id"] == verdict.pk and data["verdict"]["rating"] == "false"
    assert data["claim"]["id"] == verdict.claim_id
    assert delivery.status == "pending" and web.hits("/hook") == 0  # nothing sent in the request
    assert len(callbacks) >= 1  # the delivery task starts after commit


def test_it_bounds_a_hanging_receiver_in_time_and_retries_later(web, editor, settings):
    settings.CLAIMDESK_WEBHOOK_TIMEOUT = 1
    web.add("/hook", "late", delay=30)
    endpoint(web, editor)
    (delivery,) = emit()

    assert webhook_delivery_attempt(delivery=delivery) == "retry"

    delivery.refresh_from_db()
    assert delivery.status == "retrying" and "within 1 s" in delivery.error


def test_it_retries_a_500_then_gives_up_and_disables_after_a_run_of_failures(web, editor, settings):
    settings.CLAIMDESK_WEBHOOK_MAX_ATTEMPTS = 3
    settings.CLAIMDESK_WEBHOOK_DISABLE_AFTER = 5
    web.add("/hook", "boom", status=500)
    hook = endpoint(web, editor)
    first, second = emit()[0], emit()[0]

    outcomes = [webhook_delivery_attempt(delivery=first) for _ in range(3)]
    outcomes += [webhook_delivery_attempt(delivery=second) for _ in range(2)]

    assert outcomes == ["retry", "retry", "failed", "retry", "failed"]
    first.refresh_from_db()
    assert (first.status, first.attempts, first.response_code) == ("failed", 3, 500)
    assert first.error == "The receiver answered 500."
    hook.refresh_from_db()
    assert not hook.is_active and "5 failed attempts in a row" in hook.disabled_reason
    notice = Notification.objects.get(recipient=editor, verb="webhook_disabled")
    assert web.url("/hook") in notice.message
    assert emit() == []  # a disabled endpoint gets nothing new
    assert web.hits("/hook") == 5


def test_it_resends_a_delivery_by_hand_with_the_same_event_id(web, editor):
    web.add("/hook", "ok")
    endpoint(web, editor)
    (delivery,) = emit()
    webhook_delivery_attempt(delivery=delivery)

    with transaction.atomic():
        again = webhook_delivery_resend(delivery=delivery, actor=editor)
    assert webhook_delivery_attempt(delivery=again) == "delivered"

    bodies = [json.loads(body) for _, body in web.posts_to("/hook")]
    assert bodies[0]["id"] == bodies[1]["id"] and again.resent_from == delivery


def test_it_refuses_private_addresses_and_unknown_events(editor, settings):
    settings.CLAIMDESK_FETCH_ALLOW_PRIVATE = False
    cases = [
        ("http://127.0.0.1:8080/hook", ["verdict.published"], "loopback"),
        ("http://169.254.169.254/hook", ["verdict.published"], "link-local"),
        ("ftp://example.org/hook", ["verdict.published"], "Only http and https"),
        ("https://example.org/hook", ["verdict.deleted"], "unknown verdict.deleted"),
    ]
    for url, events, words in cases:
        with pytest.raises(InvalidInput) as refused:
            webhook_endpoint_create(url=url, events=events, secret=SECRET, created_by=editor)
        assert words in refused.value.detail, url
    with pytest.raises(InvalidInput):
        webhook_endpoint_create(
            url="https://93.184.216.34/hook", events=["verdict.published"], secret="short",
            created_by=editor,
        )  # fmt: skip
    assert WebhookEndpoint.objects.count() == 0


@pytest.mark.worker
def test_it_delivers_and_retries_on_a_real_worker(worker_factory, editor, outside_web, settings):
    settings.CLAIMDESK_FETCH_ALLOW_PRIVATE = True
    outside_web.add("/hook", "boom", status=500)
    outside_web.add("/good", "ok")
    failing = webhook_endpoint_create(
        url=outside_web.url("/hook"), events=["article.extracted"], secret=SECRET,
        created_by=editor,
    )  # fmt: skip
    webhook_endpoint_create(
        url=outside_web.url("/good"), events=["article.extracted"], secret=SECRET,
        created_by=editor,
    )  # fmt: skip
    worker_factory(
        extra_env={
            "CLAIMDESK_FETCH_ALLOW_PRIVATE": "1",
            "CLAIMDESK_WEBHOOK_BACKOFF": "0",
            "CLAIMDESK_WEBHOOK_MAX_ATTEMPTS": "3",
        }
    )

    emit(event="article.extracted", data={"article": {"id": 7}})

    wait_until(lambda: WebhookDelivery.objects.filter(status="failed").exists(), timeout=60)
    wait_until(lambda: WebhookDelivery.objects.filter(status="delivered").exists(), timeout=60)
    assert outside_web.hits("/hook") == 3 and outside_web.hits("/good") == 1
    bad = WebhookDelivery.objects.get(endpoint=failing)
    assert (bad.attempts, bad.response_code) == (3, 500)
    headers, body = outside_web.posts_to("/good")[0]
    assert verify(headers["Claimdesk-Signature"], body, SECRET, now=time.time())


def test_it_is_accepted_by_the_readme_receiver_and_a_forgery_is_not(editor, settings):
    import re
    import threading
    from http.server import HTTPServer
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    code = re.search(r"```python\n(import hmac, time, http.server\n.*?)```", readme, re.S).group(1)
    lines = [line for line in code.strip().splitlines() if line.strip()]
    assert len(lines) <= 10 and lines[-1].startswith("http.server.HTTPServer(")
    namespace: dict = {}
    exec("\n".join(lines[:-1]).replace('b"your secret"', repr(SECRET.encode())), namespace)
    server = HTTPServer(("127.0.0.1", 0), namespace["Receiver"])
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.CLAIMDESK_FETCH_ALLOW_PRIVATE = True
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/hook"
        webhook_endpoint_create(
            url=url, events=["verdict.published"], secret=SECRET, created_by=editor
        )
        (delivery,) = emit()
        assert webhook_delivery_attempt(delivery=delivery) == "delivered"
        WebhookEndpoint.objects.update(secret="not-the-receivers-secret")
        (forged,) = emit()
        assert webhook_delivery_attempt(delivery=forged) == "retry"
        delivery.refresh_from_db()
        forged.refresh_from_db()
        assert (delivery.response_code, forged.response_code) == (204, 400)
    finally:
        server.shutdown()
        server.server_close()


def test_it_emits_article_extracted_with_the_claims(web, editor, checker):
    from claims.ingest import article_extract, article_submit

    endpoint(web, editor, events=["article.extracted"])
    article, _ = article_submit(
        submitted_by=checker, title="Trade", body="The ministry said exports rose 12% in 2023."
    )

    article_extract(article=article)

    payload = json.loads(WebhookDelivery.objects.get(event="article.extracted").body)
    assert payload["data"]["article"]["id"] == article.pk
    assert payload["data"]["article"]["status"] == "extracted"
    assert any("12%" in claim["text"] for claim in payload["data"]["claims"])


def test_it_emits_a_correction_and_a_correction_notice_when_a_correction_is_approved(
    web, editor, checker, checker2
):
    from claims.models import Claim
    from reviews.verdicts import verdict_correct

    original = verdict_approve(verdict=submitted_verdict(checker), editor=editor)
    endpoint(web, editor, events=["verdict.corrected", "article.correction_notice"])
    claim = Claim.objects.get(pk=original.claim_id)
    correction = verdict_correct(
        claim=claim,
        author=checker2,
        rating="mostly-false",
        summary="Exports rose 3%",
        evidence=[cited_snapshot(claim).pk],
    )

    verdict_approve(verdict=correction, editor=editor)

    events = {d.event: json.loads(d.body)["data"] for d in WebhookDelivery.objects.all()}
    assert set(events) == {"verdict.corrected", "article.correction_notice"}
    assert events["verdict.corrected"]["verdict"]["supersedes"] == original.pk
    assert events["article.correction_notice"]["article"]["id"] == claim.article_id
