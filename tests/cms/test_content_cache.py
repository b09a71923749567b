"""The content cache's in-process memo and the generation read once per request."""

import pytest
from django.core.cache import cache, caches

from cms import content_cache, page_cache
from tests.cms.shared_cache import another_worker_publishes, clock

__all__ = ["clock"]  # fixture


@pytest.fixture
def content_cache_on(settings, tmp_path):
    settings.CONTENT_CACHE_SECONDS = 600
    settings.PAGE_CACHE_STAMP_FILE = tmp_path / "page-cache.stamp"
    cache.clear()
    yield
    cache.clear()


def _forbid_shared_cache_reads(monkeypatch):
    shared = caches[page_cache.settings.PAGE_CACHE_ALIAS]
    monkeypatch.setattr(shared, "get", lambda *args, **kwargs: pytest.fail("shared cache read"))


class Maker:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return f"value {self.calls}"


def test_a_value_is_made_once_per_generation(content_cache_on):
    make = Maker()
    assert content_cache.get_or_make("outline", make) == "value 1"
    assert content_cache.get_or_make("outline", make) == "value 1"
    page_cache.invalidate()
    assert content_cache.get_or_make("outline", make) == "value 2"
    assert make.calls == 2


def test_the_memo_answers_without_the_shared_cache(content_cache_on, monkeypatch):
    make = Maker()
    content_cache.get_or_make("outline", make)
    _forbid_shared_cache_reads(monkeypatch)
    assert content_cache.get_or_make("outline", make) == "value 1"


def test_another_workers_publish_is_seen_by_the_next_request(content_cache_on, clock, settings):
    make = Maker()
    content_cache.get_or_make("outline", make)
    with page_cache.generations_read_once():
        assert content_cache.get_or_make("outline", make) == "value 1"
        # Another worker publishes: this request finishes with what it started with...
        if page_cache._shared():  # Redis: read again once the worker's copy is this old
            another_worker_publishes(cache)
            clock.now += settings.PAGE_GENERATION_CHECK_SECONDS
        else:
            page_cache._stamp().write_text("another-workers-generation")
        assert content_cache.get_or_make("outline", make) == "value 1"
    # ...and the next one sees the change.
    with page_cache.generations_read_once():
        assert content_cache.get_or_make("outline", make) == "value 2"


def test_a_publish_during_a_request_is_seen_by_the_rest_of_it(content_cache_on):
    make = Maker()
    with page_cache.generations_read_once():
        content_cache.get_or_make("outline", make)
        page_cache.invalidate()
        assert content_cache.get_or_make("outline", make) == "value 2"


def test_the_generation_is_read_once_per_request(content_cache_on, monkeypatch):
    reads = []
    read = page_cache._read_generation
    monkeypatch.setattr(
        page_cache, "_read_generation", lambda name: reads.append(name) or read(name)
    )
    with page_cache.generations_read_once():
        for name in ("outline", "sidebar", "route", "outline"):
            content_cache.get_or_make(name, Maker())
    assert reads == [page_cache.PAGES]


def test_the_memo_keeps_the_most_recently_used(content_cache_on, settings, monkeypatch):
    settings.CONTENT_MEMO_ENTRIES = 2
    makers = {name: Maker() for name in ("a", "b", "c")}
    for name in ("a", "b", "a", "c"):
        content_cache.get_or_make(name, makers[name])
    # The least recently used, "b", left the memo; the two others answer from it.
    _forbid_shared_cache_reads(monkeypatch)
    content_cache.get_or_make("a", makers["a"])
    content_cache.get_or_make("c", makers["c"])
    assert set(content_cache._memo.values) == {"a", "c"}
    assert all(maker.calls == 1 for maker in makers.values())


def test_a_miss_that_is_not_kept_is_made_again(content_cache_on):
    calls = []
    for _ in range(2):
        content_cache.get_or_make("route:/nowhere/", lambda: calls.append(1), keep_none=False)
    assert len(calls) == 2
