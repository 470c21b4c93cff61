"""config.broker: kombu's Redis channel keeps one client per connection pool."""

import pytest

from config.broker import Channel


@pytest.mark.redis
def test_the_channel_hands_out_one_client_until_its_pool_is_replaced():
    from config.celery import app

    with app.connection_for_write() as connection:
        channel = connection.default_channel
        assert isinstance(channel, Channel)  # CELERY_BROKER_TRANSPORT points here
        first = channel._create_client()
        assert channel._create_client() is first
        assert first.ping()

        channel._pool = None  # what kombu does after losing the server: a new pool
        second = channel._create_client()

        assert second is not first
        assert second.connection_pool is channel.pool
        assert second.ping()
