"""A shared cache for page-cache tests, and a clock the page cache reads.

The file-based cache stands in for Redis: like Redis, every worker (process) sees the same
entries, so the page cache treats it as shared. Another worker's publish is what its
`invalidate` does to the shared cache: a new value under the generation key."""

import pytest
from django.core.cache import caches

from cms import page_cache

BOUND = 1.0


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(page_cache, "monotonic", clock)
    return clock


@pytest.fixture
def shared_page_cache(settings, tmp_path, clock):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "shared-cache"),
        },
    }
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_GENERATION_CHECK_SECONDS = BOUND
    settings.PAGE_CACHE_STAMP_FILE = tmp_path / "page-cache.stamp"
    yield caches["default"]
    caches["default"].clear()


def another_worker_publishes(cache, name=page_cache.PAGES):
    cache.set(page_cache._generation_key(name), f"elsewhere-{name}", timeout=None)
