"""Real outages for tests: a database that refuses connections, a broker that is not there.

Nothing is mocked: the connection settings point at a port (or a path) where nothing answers,
so the real driver raises what it raises in production, and are put back afterwards.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection

# In the reliability helper's port range, and never listened on by the test suite.
CLOSED_PORT = 18799


@contextmanager
def database_unreachable() -> Iterator[None]:
    """Every new connection of the default database fails until the block ends."""
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-claimdesk-outage/db.sqlite3"
    else:
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(CLOSED_PORT))
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


@pytest.fixture
def database_down(transactional_db):
    """Enter `with database_down():` for the outage; the test database is back afterwards."""
    return database_unreachable


def broker_unreachable(patch) -> None:
    """Point the Celery app at a port where nothing listens, with fresh connection pools
    (`patch` is a monkeypatch context: everything is put back when it ends)."""
    from config.celery import app

    patch.setattr(app.conf, "broker_url", f"redis://127.0.0.1:{CLOSED_PORT}/0")
    patch.setattr(app.conf, "broker_transport_options", {})
    patch.setattr(app, "_pool", None)
    patch.setattr(app.amqp, "_producer_pool", None)
