"""The audit trail now belongs to `claims` (see claims 0004): drop it from this app's state only."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0003_workflow_one_working_verdict"),
        ("claims", "0004_auditevent_moved_from_reviews"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AuditEvent")],
            database_operations=[],
        ),
    ]
