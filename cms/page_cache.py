"""A page cache for anonymous visitors, emptied whenever published content changes.

Catalog, course and free-preview lesson pages are the same for every visitor without a
session, so the first such visitor's response is kept and replayed to the next ones before any
other middleware, view or query runs. What makes it safe:

- Only GET and HEAD requests carrying no session, messages or CSRF cookie and no
  Authorization header are served from or stored in the cache: anyone logged in, or anyone the
  site has started to remember, always gets a fresh page.
- Only Wagtail page responses with status 200 that set no cookie are stored. A page that used
  a CSRF token (a form), a password-protected page or a private page's redirect sets a cookie or
  answers otherwise, so it is never kept.
- Every stored and replayed response says `Vary: Cookie` and `Cache-Control: max-age=0,
  must-revalidate, public`: a shared cache keys it by cookie and no browser keeps a copy past a
  publish.

Invalidation is a generation, part of every key: publishing, unpublishing, moving or deleting a
page, or saving a snippet shown on pages (see `invalidate`'s callers), starts a new generation,
and the old entries age out. The generation lives where every worker sees it: in the cache when
the cache is shared (Redis), or in a stamp file's inode and mtime when each worker has its own
local-memory cache (the embedded default: one machine). Entries also expire after
PAGE_CACHE_SECONDS, whatever happens.
"""

import hashlib
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
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


def _stamp() -> Path:
    return Path(settings.PAGE_CACHE_STAMP_FILE)


def generation() -> str:
    if _shared():
        value = _cache().get(GENERATION_KEY)
        if value is None:
            value = secrets.token_hex(6)
            _cache().add(GENERATION_KEY, value, timeout=None)
            value = _cache().get(GENERATION_KEY, value)
        return value
    try:
        stat = os.stat(_stamp())
    except FileNotFoundError:
        return "0"
    return f"{stat.st_ino:x}.{stat.st_mtime_ns:x}"


def invalidate() -> None:
    """Start a new generation: every cached page is stale from now on, in every worker."""
    if _shared():
        _cache().set(GENERATION_KEY, secrets.token_hex(6), timeout=None)
        return
    stamp = _stamp()
    stamp.parent.mkdir(parents=True, exist_ok=True)
    fresh = stamp.with_name(f"{stamp.name}.{secrets.token_hex(4)}")
    fresh.write_text(secrets.token_hex(8))
    # A new file replaces the old one: a new inode, so a new generation even within one tick.
    os.replace(fresh, stamp)


def _eligible(request) -> bool:
    if not settings.PAGE_CACHE_SECONDS or request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if any(getattr(settings, name) in cookies for name in PERSONAL_COOKIES):
        return False
    if MESSAGES_COOKIE in cookies or "HTTP_AUTHORIZATION" in request.META:
        return False
    return len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_LENGTH


def _key(request, generation_value: str) -> str:
    url = request.build_absolute_uri()
    digest = hashlib.blake2b(url.encode(), digest_size=16).hexdigest()
    return f"page-cache:{generation_value}:{digest}"


def _storable(request, response) -> bool:
    match = getattr(request, "resolver_match", None)
    return (
        response.status_code == 200
        and match is not None
        and match.url_name == "wagtail_serve"
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
        if not _eligible(request):
            return self.get_response(request)
        key = _key(request, generation())
        cached = _cache().get(key)
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
            _cache().set(key, (200, headers, response.content), settings.PAGE_CACHE_SECONDS)
            response.headers["X-Page-Cache"] = "miss"
        return response
