"""A database made by an earlier release migrates forward with all its data.

The audit trail moved from `reviews` to `claims` (claims 0004, reviews 0004): only Django's model
state moved, so every row, the append-only trigger and the admin permissions must survive.
"""

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from claims.ingest import article_extract
from claims.models import Article, AuditEvent, Claim
from reviews.approval import verdict_approve
from reviews.assignment import claim_assign_next
from reviews.models import Verdict
from reviews.verdicts import verdict_submit

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


def _populate_like_the_demo_with_a_published_verdict() -> Claim:
    call_command("load_demo", password="demo-password-1", stdout=None)
    article = Article.objects.get()
    article_extract(article=article)
    claim = Claim.objects.filter(queue__isnull=False).order_by("pk").first()
    held = claim_assign_next(queue=claim.queue, checker=User.objects.get(username="checker"))
    verdict = verdict_submit(
        claim=held,
        author=User.objects.get(username="checker"),
        rating="unverifiable",
        summary="No record either way",
        rationale="Searched the archives.",
    )
    verdict_approve(verdict=verdict, editor=User.objects.get(username="editor"))
    return held


@pytest.mark.django_db(transaction=True)
def test_it_migrates_a_demo_database_with_a_published_verdict_forward_losing_nothing():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    _migrate(BEFORE_THE_MOVE)
    try:
        claim = _populate_like_the_demo_with_a_published_verdict()
        before_counts, before_audit = _counts(), _audit_rows()
        assert before_counts["reviews_auditevent"] > 0
        assert before_counts["reviews_verdict"] == 1
    finally:
        _migrate(latest)

    assert _counts() == before_counts
    assert _audit_rows() == before_audit
    assert AuditEvent.objects.filter(action="verdict.approve", claim_id=claim.pk).exists()
    assert Verdict.objects.get(claim=claim).status == Verdict.Status.PUBLISHED
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
