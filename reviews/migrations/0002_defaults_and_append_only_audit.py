from django.db import migrations

from reviews.defaults import ensure_groups, ensure_queues, ensure_rating_scale

# The audit trail is evidence for readers and regulators: no role may rewrite it, not even
# through SQL. (TRUNCATE stays with the database owner: test runs flush tables with it.) SQLite has no roles; there the model and its manager refuse instead.
APPEND_ONLY_SQL = """
CREATE OR REPLACE FUNCTION reviews_auditevent_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'reviews_auditevent is append-only: %% refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER reviews_auditevent_append_only
    BEFORE UPDATE OR DELETE ON reviews_auditevent
    FOR EACH ROW EXECUTE FUNCTION reviews_auditevent_refuse_change();
"""
DROP_SQL = """
DROP TRIGGER IF EXISTS reviews_auditevent_append_only ON reviews_auditevent;
DROP FUNCTION IF EXISTS reviews_auditevent_refuse_change();
"""


def create_defaults(apps, schema_editor):
    ensure_groups(apps.get_model("auth", "Group"))
    ensure_rating_scale(apps.get_model("reviews", "RatingScale"), apps.get_model("reviews", "Rating"))
    ensure_queues(apps.get_model("reviews", "Queue"))


def append_only(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(APPEND_ONLY_SQL)


def drop_append_only(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
        ("claims", "0002_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_defaults, migrations.RunPython.noop),
        migrations.RunPython(append_only, drop_append_only),
    ]
