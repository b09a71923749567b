"""Values derived from published content, cached until the content changes.

A course's outline, a site's root page, whether any page is password-protected: every learner's
request needs them, and they change only when something is published. They are kept under the
page cache's generation (cms/page_cache.py), so a publish, move or snippet save makes them
stale at once in every worker. CONTENT_CACHE_SECONDS bounds how long an entry lives anyway;
0 turns this cache off (tests do, because their rolled-back databases reuse ids).
"""

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches

from cms import page_cache

T = TypeVar("T")
_MISSING = object()


def enabled() -> bool:
    return bool(settings.CONTENT_CACHE_SECONDS)


def get_or_make(name: str, make: Callable[[], T], *, keep_none: bool = True) -> T:
    """`make()`'s value, made once per content generation (or every time when disabled).

    keep_none=False leaves a None (a miss) uncached: names built from request paths must not
    let random URLs fill the cache.
    """
    if not enabled():
        return make()
    cache = caches[settings.PAGE_CACHE_ALIAS]
    key = f"content:{page_cache.generation()}:{name}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = make()
        if value is not None or keep_none:
            cache.set(key, value, settings.CONTENT_CACHE_SECONDS)
    return value
