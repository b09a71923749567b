"""Wagtail's password forms for private pages and document collections, throttled.

Wagtail checks a shared password with no limit, so a short one falls to guessing. Wrong
guesses are counted per client address and restriction in the shared cache (the same
counters and client-IP rule as our other limits); past the limit the form answers 429
before the password is checked.
"""

from functools import wraps

from django.http import HttpResponse
from wagtail.documents.views import serve as document_views
from wagtail.views import authenticate_with_password as page_password_view

from accounts.throttle import address_subject, throttle_count, throttle_hit

WRONG_PASSWORDS_ALLOWED = 10
WINDOW_SECONDS = 15 * 60
TOO_MANY_GUESSES = "Too many wrong passwords for this page. Wait 15 minutes and try again."


def _throttled(view, scope: str):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        restriction_id = next(iter(kwargs.values()), "")
        subject = f"{address_subject(request)}:{restriction_id}"
        if throttle_count(scope=scope, subject=subject) >= WRONG_PASSWORDS_ALLOWED:
            return HttpResponse(TOO_MANY_GUESSES, status=429, content_type="text/plain")
        response = view(request, *args, **kwargs)
        if response.status_code != 302:  # a right password redirects back to the page
            throttle_hit(scope=scope, subject=subject, window_seconds=WINDOW_SECONDS)
        return response

    return wrapper


page_password = _throttled(page_password_view, "page-password")
document_password = _throttled(document_views.authenticate_with_password, "document-password")
