"""Wagtail asks for a page's view restrictions (password, login, groups) on every page view, in
two queries. Most sites have none at all; whether any exists is kept in the content cache,
which any restriction saved or deleted empties (cms/receivers.py)."""

from wagtail.models import PageViewRestriction

from cms import content_cache


def any_view_restriction() -> bool:
    return content_cache.get_or_make(
        "view-restrictions:any", lambda: PageViewRestriction.objects.exists()
    )


class CachedViewRestrictionsMixin:
    """For page models: no queries for restrictions while the site has none."""

    def get_view_restrictions(self):
        if content_cache.enabled() and not any_view_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
