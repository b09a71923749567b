"""cms.lazy_messages: messages behave as with Django's middleware; the storage is opened only
by a request that reads or adds one."""

from django.contrib import messages
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.functional import empty

from cms.lazy_messages import LazyMessageMiddleware


def run(middleware_class, view, cookies=None):
    """One request through the session and message middleware; its request and response."""
    request = RequestFactory().get("/")
    request.COOKIES.update(cookies or {})
    seen = {}

    def handler(request):
        seen["request"] = request
        return view(request)

    chain = SessionMiddleware(middleware_class(handler))
    response = chain(request)
    return seen["request"], response


def adds(request):
    messages.success(request, "Saved.")
    return HttpResponse()


def shows(request):
    return HttpResponse(" | ".join(str(message) for message in messages.get_messages(request)))


def ignores(request):
    return HttpResponse("no messages here")


def carried(response) -> dict:
    return {name: morsel.value for name, morsel in response.cookies.items()}


def test_a_message_added_is_shown_on_the_next_page_as_with_django():
    for middleware in (MessageMiddleware, LazyMessageMiddleware):
        _, added = run(middleware, adds)
        _, shown = run(middleware, shows, carried(added))
        assert shown.content == b"Saved."


def test_a_page_that_ignores_messages_leaves_them_for_the_next():
    _, added = run(LazyMessageMiddleware, adds)
    request, ignored = run(LazyMessageMiddleware, ignores, carried(added))
    assert request._messages._wrapped is empty  # never opened
    assert "messages" not in ignored.cookies  # the cookie is neither rewritten nor cleared
    _, shown = run(LazyMessageMiddleware, shows, carried(added))
    assert shown.content == b"Saved."


def test_a_page_that_shows_them_clears_them_as_with_django():
    _, added = run(LazyMessageMiddleware, adds)
    _, shown = run(LazyMessageMiddleware, shows, carried(added))
    assert shown.cookies["messages"].value == ""  # deleted, as Django's storage does
    _, again = run(LazyMessageMiddleware, shows, carried(shown))
    assert again.content == b""


def test_django_admin_accepts_it_in_place_of_messagemiddleware():
    from django.contrib.admin.checks import _contains_subclass

    from config.settings import base

    assert _contains_subclass(
        "django.contrib.messages.middleware.MessageMiddleware", base.MIDDLEWARE
    )
