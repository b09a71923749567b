"""Django's Redis cache with one client per connection pool, instead of one per operation.

Why: Django's RedisCacheClient builds a new redis.Redis for every get and set, and redis-py
fills each new client's table of about 170 response callbacks; on a learner's lesson page that
cost more CPU than the Redis round trips themselves (issue 19). A redis.Redis holds no state of
its own between commands (the pool hands out connections, and a pool made before a fork resets
itself in the child), so one client per pool is shared by every request and thread. Nothing
else changes: the same pools, serializer, keys and commands.

A GET (every signed-in request reads its session with one) goes straight to a pooled
connection: redis-py's client wraps each command in a retry loop, metrics hooks and a response
callback lookup that cost more CPU than the round trip (measured: 80 us a get through the
client against 43 us this way). A GET that loses its connection is retried through the client,
so a dropped connection is handled exactly as redis-py handles it.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None or client.connection_pool is not pool:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def get(self, key, default):
        pool = self._get_connection_pool(False)
        connection = pool.get_connection()
        try:
            connection.send_command("GET", key)
            value = connection.read_response()
        except (self._lib.ConnectionError, self._lib.TimeoutError):
            # send and read disconnect on these; the client's retry policy takes over.
            value = _RETRY
        finally:
            pool.release(connection)
        if value is _RETRY:
            return super().get(key, default)
        return default if value is None else self._serializer.loads(value)


_RETRY = object()


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
