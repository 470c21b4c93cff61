"""The audit trail moves from `reviews` down to `claims` (the lower layer owns what both need).

Only Django's model state moves: the table `reviews_auditevent`, its rows, its indexes and its
append-only trigger stay exactly as they are. The content type follows, so permissions granted on
audit events keep working.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def content_type_to_claims(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    if content_type.objects.filter(app_label="claims", model="auditevent").exists():
        return
    content_type.objects.filter(app_label="reviews", model="auditevent").update(app_label="claims")


def content_type_to_reviews(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="claims", model="auditevent").update(app_label="reviews")


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0003_source_fetch_key"),
        ("contenttypes", "0002_remove_content_type_name"),
        # The table is created (with its trigger) by these; this migration only takes it over.
        ("reviews", "0003_workflow_one_working_verdict"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEvent",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("action", models.CharField(db_index=True, max_length=60)),
                        ("object_type", models.CharField(max_length=60)),
                        ("object_id", models.CharField(max_length=60)),
                        ("before", models.JSONField(blank=True, null=True)),
                        ("after", models.JSONField(blank=True, null=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                        (
                            "actor",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "claim",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="audit_events",
                                to="claims.claim",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "reviews_auditevent",
                        "ordering": ["created_at", "id"],
                        "indexes": [
                            models.Index(
                                fields=["object_type", "object_id"],
                                name="reviews_aud_object__ed7615_idx",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_to_claims, content_type_to_reviews),
    ]
