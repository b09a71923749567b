"""Django's Redis cache with one client per connection pool, instead of one per operation, and
a GET sent on a connection of the thread's own.

Why one client: Django's RedisCacheClient builds a new redis.Redis for every get and set, and
redis-py fills each new client's table of about 170 response callbacks; on a learner's lesson
page that cost more CPU than the Redis round trips themselves (issue 19). A redis.Redis holds
no state of its own between commands (the pool hands out connections, and a pool made before a
fork resets itself in the child), so one client per pool is shared by every request and thread.

Why a connection of its own for GET: every signed-in request reads its session with one, and
in a request the pool's checkout and return (a deprecation check of its arguments, metrics
hooks, a lock, a poll of the socket) cost the worker about 80 us of CPU, the client's retry
loop and callbacks as much again, against about 120 us for the round trip itself (measured in
the bench's question page). The connection is made by the pool's own class from the pool's own
settings, once per thread and process; a GET that finds it dropped (the server closed it, a
timeout) is sent again through the client, whose retry policy then applies exactly as before.
Nothing else changes: the same pools, serializer, keys and commands.
"""

import os
import threading

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._readers = threading.local()

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None or client.connection_pool is not pool:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def _reader(self):
        """This thread's connection for GET, or None where the pool must hand them out (a pool
        with client-side caching wraps its connections)."""
        pool = self._get_connection_pool(False)
        if getattr(pool, "cache", None) is not None:
            return None
        mine = self._readers
        if getattr(mine, "pool", None) is not pool or mine.pid != os.getpid():
            # A connection inherited through a fork is the parent's socket: never used here.
            mine.connection = pool.connection_class(**pool.connection_kwargs)
            mine.pool, mine.pid = pool, os.getpid()
        return mine.connection

    def get(self, key, default):
        connection = self._reader()
        if connection is None:
            return super().get(key, default)
        try:
            connection.send_command("GET", key)
            value = connection.read_response()
        except (self._lib.ConnectionError, self._lib.TimeoutError):
            # send and read have closed it (the next GET reconnects); the client retries.
            connection.disconnect()
            return super().get(key, default)
        return default if value is None else self._serializer.loads(value)


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
