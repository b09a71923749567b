"""Wagtail finds the request's Site with a query on every request; the answer only changes when
a Site is edited, which starts a new content generation (cms/receivers.py)."""

from wagtail.models import Site

from cms import content_cache


def _site_for(request) -> Site | None:
    site = Site._find_for_request(request)
    if site is not None:
        # Routing starts at the root page's specific object: fetch it once, with the site.
        site.root_page = site.root_page.specific
    return site


class CachedSiteMiddleware:
    """Sets the attribute Wagtail's Site.find_for_request reads before it would query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if content_cache.enabled():
            name = f"site:{request.get_host()}:{request.get_port()}"
            request._wagtail_site = content_cache.get_or_make(name, lambda: _site_for(request))
        return self.get_response(request)
