"""A page cache for anonymous visitors, emptied whenever published content changes.

Catalog, course and free-preview lesson pages are the same for every visitor without a
session, so the first such visitor's response is kept and replayed to the next ones before any
other middleware, view or query runs. What makes it safe:

- Only GET and HEAD requests carrying no session, messages or CSRF cookie and no
  Authorization header are served from or stored in the cache: anyone logged in, or anyone the
  site has started to remember, always gets a fresh page.
- Only Wagtail page responses, and views that opt in with `allow_for_anonymous(request)`, with
  status 200 that set no cookie are stored. A page that used a CSRF token (a form), a
  password-protected page or a private page's redirect sets a cookie or answers otherwise, so
  it is never kept.
- Every stored and replayed response says `Vary: Cookie` and `Cache-Control: max-age=0,
  must-revalidate, public`: a shared cache keys it by cookie and no browser keeps a copy past a
  publish.

Invalidation is a generation, part of every key: publishing, unpublishing, moving or deleting a
page, or saving a snippet shown on pages (see `invalidate`'s callers), starts a new generation,
and the old entries age out. A view outside Wagtail registers its URL prefix with a scope of its
own (`register_scope`), whose generation is part of its keys too: saving a certificate empties
the cached verify pages without touching the catalog's.

The generation lives where every worker sees it: in the cache when the cache is shared (Redis),
or in a stamp file's random content when each worker has its own local-memory cache (the
embedded default: one machine). Entries also expire after PAGE_CACHE_SECONDS, whatever happens.
Within a request each generation is read once (`generations_read_once`, entered by the
middleware): with Redis every read is a round trip, and a lesson looks up seven or more cached
values. A publish made during the request is seen by the rest of it (`invalidate` updates it).

Speed with a shared cache (issue 19): a cache hit used to cost Redis two or three round trips
(the generations, then the page), a third of the time of a hit. So each worker

- remembers the shared generations for PAGE_GENERATION_CHECK_SECONDS (1 s) and then reads all
  of them again in one round trip: a publish in another worker shows here within that bound
  (and the content cache, keyed by the same generation, follows it). A publish in this worker
  applies at once (`invalidate` updates this worker's copy). The stamp file of the local-memory
  setup is read every time: it costs a few microseconds and keeps that setup exact.
- keeps the pages it has served in its own memory (`_recent`, PAGE_MEMO_BYTES of content, the
  least recently used dropped first, each for PAGE_CACHE_SECONDS at most from when the worker
  got it), under the same key, generations included: a new generation never finds them.

A hit is then answered with no round trip at all, and one per worker per second at most.
"""

import hashlib
import os
import secrets
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from time import monotonic

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

GENERATION_KEY = "page-cache:generation"
CACHE_CONTROL = "max-age=0, must-revalidate, public"
# Cookies that mean "this visitor has state of their own": their pages are never shared.
PERSONAL_COOKIES = ("SESSION_COOKIE_NAME", "CSRF_COOKIE_NAME")
MESSAGES_COOKIE = "messages"
MAX_QUERY_LENGTH = 200


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _shared() -> bool:
    backend = settings.CACHES[settings.PAGE_CACHE_ALIAS]["BACKEND"]
    return not backend.endswith(("LocMemCache", "DummyCache"))


PAGES = "pages"
_scopes: dict[str, str] = {}  # URL prefix -> scope name


def register_scope(prefix: str, name: str) -> None:
    """Cached responses under `prefix` also depend on the generation `name`."""
    _scopes[prefix] = name


def _stamp(name: str = PAGES) -> Path:
    return Path(_stamp_path(str(settings.PAGE_CACHE_STAMP_FILE), name))


# The generations this request has read, by scope name; None outside a request.
_read_this_request: ContextVar[dict[str, str] | None] = ContextVar(
    "page_cache_generations", default=None
)


@contextmanager
def generations_read_once() -> Iterator[None]:
    """Within this block each generation is read at most once (tasks and commands, outside any
    block, read it on every call)."""
    token = _read_this_request.set({})
    try:
        yield
    finally:
        _read_this_request.reset(token)


def generation(name: str = PAGES) -> str:
    seen = _read_this_request.get()
    if seen is None:
        return _read_generation(name)
    value = seen.get(name)
    if value is None:
        value = seen[name] = _read_generation(name)
    return value


def _generation_key(name: str) -> str:
    return GENERATION_KEY if name == PAGES else f"{GENERATION_KEY}:{name}"


# The shared generations this worker has read, by scope name: (monotonic time read, value).
_known: dict[str, tuple[float, str]] = {}


def _read_generation(name: str) -> str:
    if _shared():
        known = _known.get(name)
        fresh_for = settings.PAGE_GENERATION_CHECK_SECONDS
        if known is not None and monotonic() - known[0] < fresh_for:
            return known[1]
        return _read_shared_generations(name)[name]
    # The file's content, a random token: its inode and mtime could repeat an earlier
    # generation when two changes come within one clock tick and the inode is reused.
    # os.open and a cached path: a third of open()'s cost, on every request.
    try:
        descriptor = os.open(_stamp_path(str(settings.PAGE_CACHE_STAMP_FILE), name), os.O_RDONLY)
    except FileNotFoundError:
        return "0"
    try:
        return os.read(descriptor, 64).decode()
    finally:
        os.close(descriptor)


def _read_shared_generations(name: str) -> dict[str, str]:
    """Every scope's generation in one round trip (a page under a scope needs two), remembered
    by this worker from now."""
    names = {PAGES, name, *_scopes.values()}
    keys = {_generation_key(each): each for each in names}
    read_at = monotonic()
    found = _cache().get_many(list(keys))
    values = {}
    for key, each in keys.items():
        value = found.get(key)
        if value is None:
            # The first reader sets it; a concurrent first reader's value wins if it came first.
            value = secrets.token_hex(6)
            _cache().add(key, value, timeout=None)
            value = _cache().get(key, value)
        values[each] = value
        _known[each] = (read_at, value)
    return values


@lru_cache(maxsize=64)
def _stamp_path(setting: str, name: str) -> str:
    stamp = Path(setting)
    return str(stamp if name == PAGES else stamp.with_name(f"{stamp.name}.{name}"))


def invalidate(name: str = PAGES) -> None:
    """Start a new generation: every page cached under it is stale from now on, in every
    worker."""
    if _shared():
        value = secrets.token_hex(6)
        _cache().set(_generation_key(name), value, timeout=None)
        _known[name] = (monotonic(), value)
    else:
        stamp = _stamp(name)
        stamp.parent.mkdir(parents=True, exist_ok=True)
        fresh = stamp.with_name(f"{stamp.name}.{secrets.token_hex(4)}")
        value = secrets.token_hex(8)
        fresh.write_text(value)
        # A new file replaces the old one: a new inode, so a new generation even within one tick.
        os.replace(fresh, stamp)
    seen = _read_this_request.get()
    if seen is not None:
        seen[name] = value


class _RecentPages:
    """The stored responses this worker has served lately, least recently used first, each
    with the time it stops being served from here; at most PAGE_MEMO_BYTES of page content
    (a worker's memory budget, not a count: pages are 5-60 KB)."""

    def __init__(self) -> None:
        self.entries: OrderedDict[str, tuple[float, tuple]] = OrderedDict()
        self.size = 0

    def get(self, key: str) -> tuple | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        expires, stored = entry
        if expires < monotonic():
            self._drop(key)
            return None
        with suppress(KeyError):  # dropped by another thread meanwhile (runserver)
            self.entries.move_to_end(key)
        return stored

    def put(self, key: str, stored: tuple) -> None:
        content = stored[2]
        if len(content) > settings.PAGE_MEMO_BYTES:
            return
        self._drop(key)
        self.entries[key] = (monotonic() + settings.PAGE_CACHE_SECONDS, stored)
        self.size += len(content)
        while self.size > settings.PAGE_MEMO_BYTES and self.entries:
            self._drop(next(iter(self.entries)))

    def _drop(self, key: str) -> None:
        entry = self.entries.pop(key, None)
        if entry is not None:
            self.size -= len(entry[1][2])

    def clear(self) -> None:
        self.entries.clear()
        self.size = 0


_recent = _RecentPages()


@receiver(setting_changed)
def _forget_on_setting_change(*, setting, **kwargs):
    # Tests switch the cache on and off around rolled-back databases whose generations repeat.
    if setting in (
        "PAGE_CACHE_SECONDS",
        "PAGE_CACHE_STAMP_FILE",
        "CACHES",
        "PAGE_GENERATION_CHECK_SECONDS",
        "PAGE_MEMO_BYTES",
    ):
        forget_this_worker()


def forget_this_worker() -> None:
    """Drop what this worker remembers (generations and pages): the next request reads the
    shared cache."""
    _known.clear()
    _recent.clear()


def _eligible(request) -> bool:
    if not settings.PAGE_CACHE_SECONDS or request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if any(getattr(settings, name) in cookies for name in PERSONAL_COOKIES):
        return False
    if MESSAGES_COOKIE in cookies or "HTTP_AUTHORIZATION" in request.META:
        return False
    return len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_LENGTH


def _key(request) -> str:
    generations = [generation()] + [
        generation(name) for prefix, name in _scopes.items() if request.path.startswith(prefix)
    ]
    url = request.build_absolute_uri()
    digest = hashlib.blake2b(url.encode(), digest_size=16).hexdigest()
    return f"page-cache:{'.'.join(generations)}:{digest}"


def allow_for_anonymous(request) -> None:
    """A view outside Wagtail says its response may be kept for anonymous visitors. Its URL
    prefix must be registered with the scope whose changes make it stale."""
    if not any(request.path.startswith(prefix) for prefix in _scopes):
        raise ValueError(f"{request.path}: register its prefix with page_cache.register_scope")
    request.page_cache_allowed = True


def _storable(request, response) -> bool:
    match = getattr(request, "resolver_match", None)
    return (
        response.status_code == 200
        and match is not None
        and (match.url_name == "wagtail_serve" or getattr(request, "page_cache_allowed", False))
        and not response.streaming
        and not response.cookies
        and not getattr(request, "is_preview", False)
        and not getattr(getattr(request, "user", None), "is_authenticated", False)
        and not response.has_header("Cache-Control")
    )


class AnonymousPageCacheMiddleware:
    """First in MIDDLEWARE: a hit is answered before any other middleware runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with generations_read_once():
            return self._respond(request)

    def _respond(self, request):
        if not _eligible(request):
            return self.get_response(request)
        key = _key(request)
        cached = _recent.get(key)
        if cached is None:
            cached = _cache().get(key)
            if cached is not None:
                _recent.put(key, cached)
        if cached is not None:
            status, headers, content = cached
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response.headers[name] = value
            response.headers["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _storable(request, response):
            response.headers["Cache-Control"] = CACHE_CONTROL
            patch_vary_headers(response, ["Cookie"])
            headers = [(name, value) for name, value in response.items()]
            stored = (200, headers, response.content)
            _cache().set(key, stored, settings.PAGE_CACHE_SECONDS)
            _recent.put(key, stored)
            response.headers["X-Page-Cache"] = "miss"
        return response
