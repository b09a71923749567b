"""The Redis cache backend reuses one client per connection pool (cms/redis_cache.py)."""

from cms.redis_cache import SharedClientRedisCache

# Never connected to: making clients and pools opens no socket.
LOCATION = "redis://127.0.0.1:6399/0"


def test_every_operation_gets_the_same_client_of_the_same_pool():
    cache = SharedClientRedisCache(LOCATION, {})
    first = cache._cache.get_client("a")
    assert cache._cache.get_client("b", write=True) is first
    assert first.connection_pool is cache._cache._get_connection_pool(write=False)


def test_a_new_pool_gets_a_client_of_its_own():
    cache = SharedClientRedisCache(LOCATION, {})
    first = cache._cache.get_client()
    cache._cache._pools.clear()  # as after the pool is replaced
    second = cache._cache.get_client()
    assert second is not first
    assert second.connection_pool is cache._cache._get_connection_pool(write=False)
