"""Search reads stored values: the normalised text and its tsvector as generated columns.

PostgreSQL only (SQLite keeps its Python fallback, claims/search.py). The expression indexes of
0009 made the index find candidates fast, but every candidate row then ran the normalisation
again (in the recheck and the OR filter): about half a millisecond a row, seconds for a common
Arabic word over 100,000 claims. Stored columns are computed once, on write, as the expression
indexes already were.
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from claims.search import SEARCH_COLUMNS_SQL

    with schema_editor.connection.cursor() as cursor:
        for statement in SEARCH_COLUMNS_SQL:
            cursor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from claims.search import SEARCH_COLUMNS_DROP_SQL

    with schema_editor.connection.cursor() as cursor:
        for statement in SEARCH_COLUMNS_DROP_SQL:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("claims", "0010_user_preferences_and_readable_labels")]

    operations = [migrations.RunPython(create, drop)]
