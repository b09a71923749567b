"""cms.csrf_token.get_token gives what Django's get_token gives, for less CPU."""

from collections import Counter

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    CsrfViewMiddleware,
    _get_new_csrf_string,
    _unmask_cipher_token,
)
from django.test import RequestFactory

from cms.csrf_token import get_token, random_csrf_string


def test_the_token_enciphers_the_cookie_secret_and_renews_the_cookie():
    request = HttpRequest()
    secret = request.META["CSRF_COOKIE"] = _get_new_csrf_string()
    tokens = {get_token(request) for _ in range(50)}
    assert len(tokens) == 50  # a fresh mask every time
    assert {_unmask_cipher_token(token) for token in tokens} == {secret}
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


def test_a_visitor_without_the_cookie_gets_a_new_secret_as_with_django():
    request = HttpRequest()
    token = get_token(request)
    secret = request.META["CSRF_COOKIE"]
    assert len(secret) == 32 and set(secret) <= set(CSRF_ALLOWED_CHARS)
    assert _unmask_cipher_token(token) == secret
    assert get_token(request) != token and request.META["CSRF_COOKIE"] == secret


def accepted(*, token: str, secret: str) -> bool:
    post = RequestFactory().post("/", {"csrfmiddlewaretoken": token})
    post.COOKIES["csrftoken"] = secret
    middleware = CsrfViewMiddleware(lambda request: HttpResponse())
    middleware.process_request(post)
    return middleware.process_view(post, lambda request: None, (), {}) is None


def test_django_accepts_the_token_on_a_post():
    page = HttpRequest()
    token = get_token(page)
    assert accepted(token=token, secret=page.META["CSRF_COOKIE"])
    # Another visitor's token does not pass with this visitor's cookie.
    assert not accepted(token=get_token(HttpRequest()), secret=page.META["CSRF_COOKIE"])


def test_every_character_is_drawn_from_the_whole_alphabet():
    counts = Counter("".join(random_csrf_string() for _ in range(2000)))
    assert set(counts) == set(CSRF_ALLOWED_CHARS)
    expected = 2000 * 32 / len(CSRF_ALLOWED_CHARS)
    assert all(0.6 * expected < count < 1.4 * expected for count in counts.values())
