"""A Content-Security-Policy on every response: scripts and styles only from our own files.

Our pages carry no inline script, event handler or style attribute (templates/ and static/js/
keep it so), so a script an attacker smuggles into a page, a question's feedback say, does not
run. Wagtail's admin is held to the same rules except for what Wagtail 8 itself needs (see
admin_policy and the README's "Content-Security-Policy" section).

First in MIDDLEWARE, outside the page cache: a cached page gets the header when it is replayed,
so the policy is never frozen into a stored copy.
"""

from django.conf import settings

HEADER = "Content-Security-Policy"
ADMIN_PREFIXES = ("/admin/", "/django-admin/")

# Chromium applies form-action to the redirect after a POST: "Pay" posts to our checkout view,
# which redirects to Stripe Checkout.
STRIPE_CHECKOUT = "https://checkout.stripe.com"
# The video block embeds these players (cms/blocks.py VideoBlock: YouTube or Vimeo).
VIDEO_PLAYERS = (
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
)


def _policy(directives: dict[str, tuple[str, ...]]) -> str:
    return "; ".join(f"{name} {' '.join(sources)}".strip() for name, sources in directives.items())


def _directives(*, media: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    return {
        "default-src": ("'self'",),
        "script-src": ("'self'",),
        "style-src": ("'self'",),
        "img-src": ("'self'", "data:", *media),
        "media-src": ("'self'", *media),
        "font-src": ("'self'",),
        "connect-src": ("'self'",),
        "frame-src": ("'self'", *VIDEO_PLAYERS),
        "object-src": ("'none'",),
        "base-uri": ("'self'",),
        "form-action": ("'self'", STRIPE_CHECKOUT),
        "frame-ancestors": ("'none'",),
    }


def site_policy(media: tuple[str, ...] = ()) -> str:
    return _policy(_directives(media=media))


def admin_policy(media: tuple[str, ...] = ()) -> str:
    """Wagtail 8's admin needs inline scripts and styles (see the README): its form widgets
    (choosers, InlinePanel, date pickers) start themselves with an inline <script> naming
    their field, so neither a hash nor a nonce can cover them, and its templates and
    JavaScript set style attributes. Everything else stays as strict as the site's."""
    directives = _directives(media=media)
    directives["script-src"] = ("'self'", "'unsafe-inline'")
    directives["style-src"] = ("'self'", "'unsafe-inline'")
    # The page editor's live preview frames the page from the admin itself.
    directives["frame-ancestors"] = ("'self'",)
    return _policy(directives)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        media = tuple(settings.CSP_MEDIA_SOURCES)
        self.site = site_policy(media)
        self.admin = admin_policy(media)

    def __call__(self, request):
        response = self.get_response(request)
        if HEADER not in response:
            admin = request.path.startswith(ADMIN_PREFIXES)
            response[HEADER] = self.admin if admin else self.site
        return response
