"""A database made by an earlier release migrates forward with all its data.

The audit trail moved from `reviews` to `claims` (claims 0004, reviews 0004): only Django's model
state moved, so every row, the append-only trigger and the admin permissions must survive.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from claims.models import AuditEvent
from reviews.defaults import ensure_queues, ensure_rating_scale
from reviews.models import Verdict

# The last migrations of the release before the audit trail moved.
BEFORE_THE_MOVE = [
    ("claims", "0003_source_fetch_key"),
    ("reviews", "0003_workflow_one_working_verdict"),
]
TABLES = [
    "auth_user",
    "claims_article",
    "claims_articleurl",
    "claims_claim",
    "reviews_assignment",
    "reviews_auditevent",
    "reviews_editorialdecision",
    "reviews_notification",
    "reviews_queue",
    "reviews_verdict",
]


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in TABLES:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _audit_rows() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, action, object_type, object_id FROM reviews_auditevent ORDER BY id"
        )
        return cursor.fetchall()


def _populate_with_a_published_verdict(apps) -> int:
    """What the release before the move stored for a published verdict, written with that
    release's models (`apps`): today's models know columns its schema does not have yet."""
    now = timezone.now()
    # Earlier tests may have flushed what the data migrations made.
    ensure_rating_scale(
        apps.get_model("reviews", "RatingScale"), apps.get_model("reviews", "Rating")
    )
    ensure_queues(apps.get_model("reviews", "Queue"))
    user = apps.get_model("auth", "User")
    checker = user.objects.create(username="checker")
    editor = user.objects.create(username="editor")
    article = apps.get_model("claims", "Article").objects.create(
        title="Demo", body="Exports rose 12% in 2023.", language="en", status="extracted"
    )
    apps.get_model("claims", "ArticleURL").objects.create(
        article=article, url="https://news.example.org/demo", match_key="news.example.org/demo"
    )
    claim = apps.get_model("claims", "Claim").objects.create(
        article=article,
        start=0,
        end=25,
        text=article.body,
        kind="percent",
        status="published",
        queue=apps.get_model("reviews", "Queue").objects.get(slug="english-desk"),
    )
    apps.get_model("reviews", "Assignment").objects.create(
        claim=claim, checker=checker, lease_expires_at=now, ended_at=now, end_reason="submitted"
    )
    verdict = apps.get_model("reviews", "Verdict").objects.create(
        claim=claim,
        author=checker,
        rating=apps.get_model("reviews", "Rating").objects.get(slug="unverifiable"),
        summary="No record either way",
        rationale="Searched the archives.",
        status="published",
        version=3,
        submitted_at=now,
        published_at=now,
    )
    apps.get_model("reviews", "EditorialDecision").objects.create(
        verdict=verdict, editor=editor, decision="approve", verdict_version=2
    )
    apps.get_model("reviews", "Notification").objects.create(
        recipient=checker, verb="approved", message="Published", verdict=verdict
    )
    audit = apps.get_model("reviews", "AuditEvent")
    for actor, action in ((checker, "verdict.submit"), (editor, "verdict.approve")):
        audit.objects.create(
            actor=actor,
            action=action,
            object_type="verdict",
            object_id=str(verdict.pk),
            claim=claim,
        )
    return claim.pk


@pytest.mark.django_db(transaction=True)
def test_it_migrates_a_demo_database_with_a_published_verdict_forward_losing_nothing():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    _migrate(BEFORE_THE_MOVE)
    try:
        claim_id = _populate_with_a_published_verdict(
            executor.loader.project_state(BEFORE_THE_MOVE).apps
        )
        before_counts, before_audit = _counts(), _audit_rows()
        assert before_counts["reviews_auditevent"] > 0
        assert before_counts["reviews_verdict"] == 1
    finally:
        _migrate(latest)

    assert _counts() == before_counts
    assert _audit_rows() == before_audit
    assert AuditEvent.objects.filter(action="verdict.approve", claim_id=claim_id).exists()
    assert Verdict.objects.get(claim_id=claim_id).status == Verdict.Status.PUBLISHED
    published = Verdict.objects.get(claim_id=claim_id)
    assert list(published.contributors.all()) == [published.author]  # backfilled
    audit_type = ContentType.objects.get_for_model(AuditEvent)
    assert audit_type.app_label == "claims"
    assert not ContentType.objects.filter(app_label="reviews", model="auditevent").exists()
    assert audit_type.permission_set.filter(codename="view_auditevent").exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_keeps_the_audit_trail_append_only_in_the_database_after_the_move(checker):
    from django.db import InternalError, ProgrammingError, transaction

    event = AuditEvent.objects.create(
        actor=checker, action="test.kept", object_type="x", object_id="1"
    )
    for statement in (
        "UPDATE reviews_auditevent SET action = 'hidden' WHERE id = %s",
        "DELETE FROM reviews_auditevent WHERE id = %s",
    ):
        with pytest.raises((InternalError, ProgrammingError)), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(statement, [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk, action="test.kept").exists()
