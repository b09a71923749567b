"""The Redis cache backend reuses one client per connection pool, and sends a GET straight to a
connection of the thread's own (cms/redis_cache.py)."""

import os
import threading
import uuid

import pytest
import redis
from django.core.cache.backends.redis import RedisCache

from cms import redis_cache
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


# --- A GET goes on the thread's own connection (needs REDIS_URL, as CI's second run has) ---

needs_redis = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL")


@pytest.fixture
def live():
    cache = SharedClientRedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": uuid.uuid4().hex})
    yield cache
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(f"{cache.key_prefix}:*"):
        client.delete(key)
    cache._cache._reader().disconnect()


def in_use(cache) -> int:
    return len(cache._cache._get_connection_pool(write=False)._in_use_connections)


def server_side_id(connection) -> int:
    connection.send_command("CLIENT", "ID")
    return connection.read_response()


@needs_redis
def test_get_answers_as_django_s_redis_cache_does(live):
    django_cache = RedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": live.key_prefix})
    live.set("pickled", {"lesson": [1, 2], "title": "Lief"})
    live.set("number", 42)
    for key in ("pickled", "number", "missing"):
        assert live.get(key, "default") == django_cache.get(key, "default")
    assert live.get("pickled") == {"lesson": [1, 2], "title": "Lief"}
    assert live.get("number") == 42
    assert live.get("missing") is None
    assert in_use(live) == 0


@needs_redis
def test_each_thread_and_each_forked_process_reads_on_a_connection_of_its_own(live, monkeypatch):
    live.set("key", "value")
    assert live.get("key") == "value"
    mine = live._cache._reader()
    assert live._cache._reader() is mine
    theirs = []
    thread = threading.Thread(
        target=lambda: theirs.append((live.get("key"), live._cache._reader()))
    )
    thread.start()
    thread.join()
    assert theirs[0][0] == "value" and theirs[0][1] is not mine
    theirs[0][1].disconnect()
    monkeypatch.setattr(redis_cache.os, "getpid", lambda: -1)  # as in a forked child
    assert live._cache._reader() is not mine
    assert live.get("key") == "value"


@needs_redis
def test_a_connection_the_server_dropped_is_retried_through_the_client(live):
    live.set("key", "value")
    assert live.get("key") == "value"
    reader = live._cache._reader()
    live._cache.get_client(write=True).client_kill_filter(_id=server_side_id(reader))

    assert live.get("key") == "value"
    assert live.get("key") == "value"  # and the next GET has its connection again
    assert in_use(live) == 0


@needs_redis
def test_an_error_reply_is_raised_and_the_connection_stays_usable(live):
    client = live._cache.get_client(write=True)
    client.rpush(live.make_key("a-list"), b"x")
    with pytest.raises(redis.ResponseError, match="WRONGTYPE"):
        live.get("a-list")
    live.set("after", 1)
    assert live.get("after") == 1


@needs_redis
def test_a_get_that_loses_its_connection_mid_reply_is_retried_through_the_client(live, monkeypatch):
    live.set("key", "value")
    assert live.get("key") == "value"
    reader = live._cache._reader()
    real, failures = reader.read_response, []

    def drops_once(*args, **kwargs):
        if not failures:
            failures.append(1)
            raise redis.ConnectionError("Connection closed by server.")
        return real(*args, **kwargs)

    monkeypatch.setattr(reader, "read_response", drops_once)
    assert live.get("key") == "value"
    assert failures == [1]
    assert live.get("key") == "value"
    assert in_use(live) == 0
