"""kombu's Redis transport, minus a throw-away client per message.

kombu builds a new `redis.Redis` object for every delivered message's bookkeeping and for every
acknowledgement (`Channel._create_client`), and redis-py builds a table of some two hundred
reply parsers in each one: in the sources worker that was a sixth of all its CPU. A Redis
client is thread-safe (each command borrows a connection from the pool), so the channel keeps
one per connection pool and hands it out again. Everything else is kombu's own code; the
setting CELERY_BROKER_TRANSPORT points Celery here.
"""

from kombu.transport import redis as kombu_redis


class Channel(kombu_redis.Channel):
    _reused_client = None

    def _create_client(self, asynchronous=False):
        if asynchronous:  # the event loop's own connection: kombu keeps that one itself
            return super()._create_client(asynchronous=True)
        pool = self.pool
        client = self._reused_client
        if client is None or client.connection_pool is not pool:  # a new pool after a reconnect
            client = self._reused_client = super()._create_client()
        return client


class Transport(kombu_redis.Transport):
    Channel = Channel
