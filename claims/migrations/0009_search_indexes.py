"""Arabic-aware search: the normalising SQL function and its indexes (PostgreSQL only).

On SQLite the same function is registered in Python on each connection (claims/search.py).
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from claims.search import search_index_sql

    # No parameters: the function's text holds a literal '%' that must not read as a placeholder.
    with schema_editor.connection.cursor() as cursor:
        for statement in search_index_sql():
            cursor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from claims.search import SEARCH_INDEX_DROP_SQL

    for statement in SEARCH_INDEX_DROP_SQL:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("claims", "0008_work_leases")]

    operations = [migrations.RunPython(create, drop)]
