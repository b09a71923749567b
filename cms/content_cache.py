"""Values derived from published content, cached until the content changes.

A course's outline, a site's root page, whether any page is password-protected: every learner's
request needs them, and they change only when something is published. They are kept under the
page cache's generation (cms/page_cache.py), so a publish, move or snippet save makes them
stale in every worker: at once, or within PAGE_GENERATION_CHECK_SECONDS in other workers when
the cache is shared (Redis). CONTENT_CACHE_SECONDS bounds how long an entry lives anyway;
0 turns this cache off (tests do, because their rolled-back databases reuse ids).

In front of the shared cache sits an in-process memo of the values this worker has used under
the current generation: a hit there costs a dict lookup instead of a cache round trip and an
unpickle (a lesson makes seven or more lookups). The memo is emptied by the first lookup under a
new generation, so it is never staler than the shared cache. Its values are shared between
requests: what is cached here must be immutable or treated as read-only (strings, tuples,
frozen dataclasses, model instances that templates only read).
"""

import time
from collections import OrderedDict
from collections.abc import Callable
from contextlib import suppress
from typing import TypeVar

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver

from cms import page_cache

T = TypeVar("T")
_MISSING = object()


class _Memo:
    """The values of one generation, least recently used first, each with its expiry."""

    def __init__(self) -> None:
        self.generation: str | None = None
        self.values: OrderedDict[str, tuple[float, object]] = OrderedDict()

    def forget(self) -> None:
        self.generation = None
        self.values.clear()

    def get(self, generation: str, name: str):
        if generation != self.generation:
            self.forget()
            self.generation = generation
            return _MISSING
        entry = self.values.get(name)
        if entry is None:
            return _MISSING
        expires, value = entry
        if expires < time.monotonic():
            self.values.pop(name, None)
            return _MISSING
        # Another thread (runserver, threaded workers) may have dropped it meanwhile.
        with suppress(KeyError):
            self.values.move_to_end(name)
        return value

    def put(self, name: str, value: object) -> None:
        self.values[name] = (time.monotonic() + settings.CONTENT_CACHE_SECONDS, value)
        with suppress(KeyError):  # emptied by another thread meanwhile
            while len(self.values) > settings.CONTENT_MEMO_ENTRIES:
                self.values.popitem(last=False)


_memo = _Memo()


@receiver(setting_changed)
def _forget_on_setting_change(*, setting, **kwargs):
    # Tests turn the cache on and off around rolled-back databases whose ids repeat.
    if setting in ("CONTENT_CACHE_SECONDS", "PAGE_CACHE_STAMP_FILE", "CACHES"):
        _memo.forget()


def enabled() -> bool:
    return bool(settings.CONTENT_CACHE_SECONDS)


def get_or_make(name: str, make: Callable[[], T], *, keep_none: bool = True) -> T:
    """`make()`'s value, made once per content generation (or every time when disabled).

    keep_none=False leaves a None (a miss) uncached: names built from request paths must not
    let random URLs fill the cache.
    """
    if not enabled():
        return make()
    generation = page_cache.generation()
    value = _memo.get(generation, name)
    if value is not _MISSING:
        return value
    cache = caches[settings.PAGE_CACHE_ALIAS]
    key = f"content:{generation}:{name}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = make()
        if value is None and not keep_none:
            return value
        cache.set(key, value, settings.CONTENT_CACHE_SECONDS)
    _memo.put(name, value)
    return value
