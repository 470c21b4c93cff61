"""Model instances from rows of hand-written SQL, converted as the ORM converts its own rows."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection

_CONVERTERS: dict[tuple, list] = {}


def _converters(model, names: tuple[str, ...]) -> list:
    """(position, column, converter) for the named fields: looked up once per backend."""
    key = (model, names, connection.vendor)
    found = _CONVERTERS.get(key)
    if found is None:
        found = []
        for index, name in enumerate(names):
            column = model._meta.get_field(name).get_col(model._meta.db_table)
            for convert in connection.ops.get_db_converters(column) + column.get_db_converters(
                connection
            ):
                found.append((index, column, convert))
        _CONVERTERS[key] = found
    return found


def model_from_row(model, names: Sequence[str], row: Sequence):
    """`model` with the fields `names` (attribute names) set from `row` (SQLite hands back
    datetimes as text, JSON as text, for instance)."""
    names = tuple(names)
    values = list(row[: len(names)])
    for index, column, convert in _converters(model, names):
        values[index] = convert(values[index], column, connection)
    return model.from_db(connection.alias, list(names), values)
