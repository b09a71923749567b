"""What every page's header and footer need, without a query per request once cached."""

import time

from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from cms import content_cache
from cms.models import SiteSettings

# A permission change shows in the header within this long (plus the worker's memo below);
# the admin checks for itself.
ADMIN_ACCESS_SECONDS = 300
# Each worker keeps its answers this long in front of the shared cache: with Redis, asking it
# was one of the three round trips of a learner's lesson page (issue 19).
ADMIN_ACCESS_MEMO_SECONDS = 30
MAX_MEMO_ENTRIES = 2000

# user id -> (expiry on time.monotonic(), allowed)
_memo: dict[int, tuple[float, bool]] = {}


@receiver(setting_changed)
def _forget_on_setting_change(*, setting, **kwargs):
    # Tests turn the cache on and off around rolled-back databases whose ids repeat.
    if setting in ("CONTENT_CACHE_SECONDS", "CACHES"):
        _memo.clear()


def _site_settings(request) -> SiteSettings | None:
    site = Site.find_for_request(request)
    if site is None:
        return None
    return content_cache.get_or_make(
        f"site-settings:{site.pk}", lambda: SiteSettings.for_site(site)
    )


def admin_access(user) -> bool:
    """Whether to offer `user` the admin (header link, Wagtail's userbar)."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    if not content_cache.enabled():
        return user.has_perm("wagtailadmin.access_admin")
    now = time.monotonic()
    remembered = _memo.get(user.pk)
    if remembered is not None and remembered[0] > now:
        return remembered[1]
    key = f"admin-access:{user.pk}"
    allowed = cache.get(key)
    if allowed is None:
        allowed = user.has_perm("wagtailadmin.access_admin")
        cache.set(key, allowed, ADMIN_ACCESS_SECONDS)
    if len(_memo) >= MAX_MEMO_ENTRIES:
        _memo.clear()
    _memo[user.pk] = (now + ADMIN_ACCESS_MEMO_SECONDS, allowed)
    return allowed


def chrome(request) -> dict:
    return {
        "site_settings": SimpleLazyObject(lambda: _site_settings(request)),
        "show_admin": SimpleLazyObject(lambda: admin_access(request.user)),
    }
