"""What every page's header and footer need, without a query per request once cached."""

from django.core.cache import cache
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from cms import content_cache
from cms.models import SiteSettings

# A permission change shows in the header within this long; the admin checks for itself.
ADMIN_ACCESS_SECONDS = 300


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
    key = f"admin-access:{user.pk}"
    allowed = cache.get(key)
    if allowed is None:
        allowed = user.has_perm("wagtailadmin.access_admin")
        cache.set(key, allowed, ADMIN_ACCESS_SECONDS)
    return allowed


def chrome(request) -> dict:
    return {
        "site_settings": SimpleLazyObject(lambda: _site_settings(request)),
        "show_admin": SimpleLazyObject(lambda: admin_access(request.user)),
    }
