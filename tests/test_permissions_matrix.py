"""Every role × every API endpoint and action, with the status each must get.

Roles: anonymous, outsider (logged in, no newsroom group), checker (fact-checker on every queue),
stranger (fact-checker on no queue), editor, admin (superuser, on no queue).
"""

from datetime import date

import pytest

from claims.feeds import feed_create
from reviews.approval import verdict_approve  # noqa: F401 - documents who decides below
from reviews.lifecycle import claim_dismiss
from reviews.matching import match_items_index_claims
from reviews.models import Notification, WebhookDelivery, WebhookEndpoint
from reviews.verdicts import verdict_save_draft
from tests.conftest import api_client_for
from tests.factories import ArticleFactory
from tests.inconsistency_setup import cited, inconsistency
from tests.workflow_setup import (  # noqa: F401
    BODY,
    assigned_claim,
    cited_snapshot,
    claim,
    plain_http,
    submitted_verdict,
)

ROLES = ["anonymous", "outsider", "checker", "stranger", "editor", "admin"]


def expect(*codes: int) -> dict[str, int]:
    assert len(codes) == len(ROLES)
    return dict(zip(ROLES, codes, strict=True))


#            anonymous outsider checker stranger editor admin
READ = expect(401, 403, 200, 200, 200, 200)
EDITORS = expect(401, 403, 403, 403, 200, 200)
EDITORS_CREATE = expect(401, 403, 403, 403, 201, 201)

MATRIX = [
    # (name, method, path, payload, expected status per role)
    ("schema", "get", "/api/schema/", None, expect(200, 200, 200, 200, 200, 200)),
    (
        "token with a wrong password",
        "post",
        "/api/v1/auth/token/",
        {"username": "checker", "password": "wrong"},
        expect(400, 400, 400, 400, 400, 400),
    ),
    (
        "submit article",
        "post",
        "/api/v1/articles/",
        {"title": "T", "body": "Exports rose 12% in 2023, the ministry said."},
        expect(401, 403, 201, 201, 201, 201),
    ),
    ("read article", "get", "/api/v1/articles/{article}/", None, READ),
    (
        "add claim by hand",
        "post",
        "/api/v1/articles/{article}/claims/",
        {"start": 0, "end": 10},
        expect(401, 403, 201, 201, 403, 201),
    ),
    ("list claims", "get", "/api/v1/claims/?queue=english-desk", None, READ),
    ("read claim", "get", "/api/v1/claims/{queued}/", None, READ),
    (
        "edit claim span",
        "patch",
        "/api/v1/claims/{queued}/",
        {"start": 4, "end": 12, "version": 1},
        expect(401, 403, 200, 403, 403, 200),
    ),
    (
        "split claim",
        "post",
        "/api/v1/claims/{queued}/split/",
        {"at": 10},
        expect(401, 403, 201, 403, 403, 201),
    ),
    (
        "dismiss claim",
        "post",
        "/api/v1/claims/{queued}/dismiss/",
        {"reason": "opinion"},
        expect(401, 403, 200, 403, 200, 200),
    ),
    (
        "reopen claim",
        "post",
        "/api/v1/claims/{dismissed}/reopen/",
        {},
        expect(401, 403, 200, 403, 200, 200),
    ),
    ("claim history", "get", "/api/v1/claims/{held}/history/", None, READ),
    ("read comments", "get", "/api/v1/claims/{held}/comments/", None, READ),
    (
        "comment on a claim",
        "post",
        "/api/v1/claims/{held}/comments/",
        {"body": "Source? @editor"},
        expect(401, 403, 201, 201, 201, 201),
    ),
    ("list queues", "get", "/api/v1/queues/", None, READ),
    (
        "take next",
        "post",
        "/api/v1/queues/english-desk/next/",
        None,
        expect(401, 403, 200, 403, 403, 200),
    ),
    (
        "take next, skipping a claim",
        "post",
        "/api/v1/queues/english-desk/next/",
        {"skip": ["{queued}"]},
        expect(401, 403, 204, 403, 403, 204),  # the only queued claim was skipped
    ),
    (
        "take a chosen claim",
        "post",
        "/api/v1/claims/{queued}/take/",
        None,
        expect(401, 403, 200, 403, 403, 200),
    ),
    (
        "release claim",
        "post",
        "/api/v1/claims/{held}/release/",
        None,
        expect(401, 403, 200, 403, 403, 403),
    ),
    (
        "reassign claim",
        "post",
        "/api/v1/claims/{queued}/reassign/",
        {"checker": "checker2"},
        expect(401, 403, 403, 403, 200, 200),
    ),
    (
        "bulk assign",
        "post",
        "/api/v1/claims/bulk-assign/",
        {"claims": ["{queued}"], "checker": "checker2"},
        expect(401, 403, 403, 403, 200, 200),
    ),
    (
        "bulk action",
        "post",
        "/api/v1/claims/bulk/",
        {"action": "move", "claims": ["{queued}"], "queue": "triage"},
        expect(401, 403, 403, 403, 200, 200),
    ),
    ("list verdicts", "get", "/api/v1/claims/{held}/verdicts/", None, READ),
    (
        "submit verdict",
        "post",
        "/api/v1/claims/{held}/verdicts/",
        {"rating": "false", "summary": "No", "evidence": ["{held_snapshot}"]},
        expect(401, 403, 201, 403, 403, 403),
    ),
    (
        "save draft",
        "put",
        "/api/v1/claims/{held}/verdict-draft/",
        {"summary": "typing"},
        expect(401, 403, 201, 403, 403, 403),
    ),
    ("read draft", "get", "/api/v1/claims/{submitted_claim}/verdict-draft/", None, READ),
    ("read verdict", "get", "/api/v1/verdicts/{submitted}/", None, READ),
    (
        "submit draft",
        "post",
        "/api/v1/verdicts/{draft}/submit/",
        {},
        expect(401, 403, 200, 403, 403, 403),
    ),
    (
        "approve verdict",
        "post",
        "/api/v1/verdicts/{submitted}/approve/",
        None,
        expect(401, 403, 403, 403, 200, 200),
    ),
    (
        "return verdict",
        "post",
        "/api/v1/verdicts/{submitted}/return/",
        {"comment": "Cite it"},
        expect(401, 403, 403, 403, 200, 200),
    ),
    # Inconsistencies: resolved with an outcome (the holder), approved into correction notices.
    ("read outcome", "get", "/api/v1/claims/{incons}/outcome/", None, READ),
    (
        "submit outcome",
        "post",
        "/api/v1/claims/{incons}/outcome/",
        {"outcome": "should-say", "should_say": "month-7"},
        expect(401, 403, 201, 403, 403, 403),
    ),
    (
        "accept a source's suggested outcome",
        "post",
        "/api/v1/claims/{incons}/outcome/accept/",
        {"snapshot": "{incons_snapshot}"},
        expect(401, 403, 200, 403, 403, 403),
    ),
    ("article corrections", "get", "/api/v1/articles/{incons_article}/corrections/", None, READ),
    ("editor inbox", "get", "/api/v1/inbox/", None, expect(401, 403, 403, 403, 200, 200)),
    ("notifications", "get", "/api/v1/notifications/", None, expect(401, 200, 200, 200, 200, 200)),
    (
        "mark all read",
        "post",
        "/api/v1/notifications/read-all/",
        None,
        expect(401, 200, 200, 200, 200, 200),
    ),
    (
        "mark checker's notification read",
        "post",
        "/api/v1/notifications/{notification}/read/",
        None,
        expect(401, 404, 200, 404, 404, 404),
    ),
    # Sources: the checker holding the claim (or an editor who is also a fact-checker) cites a
    # source; the whole newsroom reads the evidence.
    (
        "attach source",
        "post",
        "/api/v1/claims/{held}/sources/",
        {"url": "https://example.org/a"},
        expect(401, 403, 201, 403, 403, 201),
    ),
    (
        "attach source to a claim someone else holds",
        "post",
        "/api/v1/claims/{queued}/sources/",
        {"url": "https://example.org/a"},
        expect(401, 403, 403, 403, 403, 201),
    ),
    ("read evidence", "get", "/api/v1/claims/{queued}/evidence/", None, READ),
    ("candidate sources", "get", "/api/v1/claims/{queued}/candidate-sources/", None, READ),
    ("claim matches", "get", "/api/v1/claims/{queued}/matches/", None, READ),
    (
        "link claim to a match",
        "post",
        "/api/v1/claims/{queued}/links/",
        {"item": "{match_item}"},
        expect(401, 403, 201, 201, 403, 201),
    ),
    ("search matches", "get", "/api/v1/matches/?text=exports%20rose&lang=en", None, READ),
    # monitoring: feeds (editors write, newsroom reads) and webhooks (editors)
    ("list feeds", "get", "/api/v1/feeds/", None, READ),
    (
        "add feed",
        "post",
        "/api/v1/feeds/",
        {"url": "https://news.example/rss.xml", "publisher": "News", "interval_minutes": 30},
        EDITORS_CREATE,
    ),
    ("read feed", "get", "/api/v1/feeds/{feed}/", None, READ),
    ("change feed", "patch", "/api/v1/feeds/{feed}/", {"is_enabled": False}, EDITORS),
    ("list webhooks", "get", "/api/v1/webhooks/", None, EDITORS),
    (
        "add webhook",
        "post",
        "/api/v1/webhooks/",
        {
            "url": "https://93.184.216.34/hook",
            "events": ["verdict.published"],
            "secret": "0123456789abcdef",
        },
        EDITORS_CREATE,
    ),
    ("webhook deliveries", "get", "/api/v1/webhooks/{webhook}/deliveries/", None, EDITORS),
    (
        "resend webhook delivery",
        "post",
        "/api/v1/webhook-deliveries/{delivery}/resend/",
        {},
        EDITORS_CREATE,
    ),
]


@pytest.fixture
def world(checker, checker2, editor, outsider, stranger_checker, admin_user) -> dict:
    article = ArticleFactory(body=BODY)
    queued = claim(article)
    dismissed = claim(article, start=1)
    claim_dismiss(claim=dismissed, actor=editor, reason="duplicate")
    held = assigned_claim(checker, editor, end=20)
    drafted = assigned_claim(checker, editor, end=21)
    draft = verdict_save_draft(
        claim=drafted,
        author=checker,
        rating="false",
        summary="No",
        evidence=[cited_snapshot(drafted).pk],
    )
    submitted = submitted_verdict(checker2)
    incons = inconsistency(holder=checker)
    incons_snapshot = cited(incons, published_on=date(2022, 7, 19))
    notification = Notification.objects.create(recipient=checker, verb="returned", message="x")
    (match_item,) = match_items_index_claims(claims=[held])
    feed = feed_create(url="https://wire.example/feed", publisher="Wire", created_by=editor)
    webhook = WebhookEndpoint.objects.create(
        url="https://93.184.216.34/hook", events=["verdict.published"], secret="s" * 16
    )
    delivery = WebhookDelivery.objects.create(
        endpoint=webhook, event="verdict.published", event_id="e1", body="{}"
    )
    return {
        "people": {
            "anonymous": None,
            "outsider": outsider,
            "checker": checker,
            "stranger": stranger_checker,
            "editor": editor,
            "admin": admin_user,
        },
        "ids": {
            "article": article.pk,
            "queued": queued.pk,
            "dismissed": dismissed.pk,
            "held": held.pk,
            "held_snapshot": cited_snapshot(held).pk,
            "draft": draft.pk,
            "submitted": submitted.pk,
            "submitted_claim": submitted.claim_id,
            "incons": incons.pk,
            "incons_snapshot": incons_snapshot.pk,
            "incons_article": incons.article_id,
            "notification": notification.pk,
            "match_item": match_item.pk,
            "feed": feed.pk,
            "webhook": webhook.pk,
            "delivery": delivery.pk,
        },
    }


def _filled(value, ids: dict):
    if isinstance(value, str):
        if value.startswith("{") and value.endswith("}") and value[1:-1] in ids:
            return ids[value[1:-1]]
        return value.format(**ids)
    if isinstance(value, list):
        return [_filled(item, ids) for item in value]
    if isinstance(value, dict):
        return {key: _filled(item, ids) for key, item in value.items()}
    return value


CASES = [
    pytest.param(name, method, path, payload, role, codes[role], id=f"{name}-{role}")
    for name, method, path, payload, codes in MATRIX
    for role in ROLES
]


@pytest.mark.parametrize(("name", "method", "path", "payload", "role", "expected"), CASES)
def test_it_gives_each_role_the_expected_status(world, name, method, path, payload, role, expected):
    client = api_client_for(world["people"][role])
    ids = world["ids"]

    response = getattr(client, method)(_filled(path, ids), _filled(payload, ids), format="json")

    assert response.status_code == expected, (name, role, response.content[:300])
    if expected >= 400:
        assert isinstance(response.json()["detail"], str)


def test_it_covers_every_api_route():
    """A new route without a row here fails this test."""
    from django.urls import get_resolver

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    api_routes = {
        route
        for route in walk(get_resolver().url_patterns)
        if route.startswith("api/v1/") and not route.startswith("api/v1/public/")
    }
    covered = {
        "api/v1/verdicts/<int:pk>/approve/",
    }
    import re

    for _, _, path, _, _ in MATRIX:
        bare = path.split("?")[0].lstrip("/")
        bare = re.sub(r"\{notification\}|\{[a-z_]+\}", "<int:pk>", bare)
        bare = bare.replace("english-desk", "<slug:slug>")
        covered.add(bare)
    assert api_routes - covered == set()
