"""The requests bench/fixtures.py writes for signed-in pages carry the cookies a learner's
browser holds, and the harness counts their responses as it does any other path's."""

from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.test import RequestFactory

from bench import fixtures
from bench.loadgen import Expect, parse_line
from tests.bench.loopback import GENERATORS, serving

SESSION_KEY = "s" * 32
CSRF = "0123456789abcdef" * 2  # fixtures.py's secrets.token_hex(16): 32 of Django's characters


def _cookies(header: str) -> dict[str, str]:
    parsed = SimpleCookie()
    parsed.load(header)
    return {name: morsel.value for name, morsel in parsed.items()}


def test_a_signed_in_get_sends_the_session_and_csrf_cookies():
    method, path, body, headers = parse_line(fixtures.browser_get("/x/", SESSION_KEY, CSRF))
    assert (method, path, body) == ("GET", "/x/", "")
    assert _cookies(headers["Cookie"]) == {
        settings.SESSION_COOKIE_NAME: SESSION_KEY,
        settings.CSRF_COOKIE_NAME: CSRF,
    }


def test_django_takes_the_bench_cookie_as_the_browsers_csrf_secret():
    _, path, _, headers = parse_line(fixtures.browser_get("/x/", SESSION_KEY, CSRF))
    request = RequestFactory().get(path, headers={"Cookie": headers["Cookie"]})
    CsrfViewMiddleware(lambda r: HttpResponse()).process_request(request)
    assert request.META["CSRF_COOKIE"] == CSRF  # kept, not replaced by a newly minted secret


@pytest.fixture
def cookie_checking_server():
    """200 when the request carries both cookies, 403 otherwise."""

    def app(environ, start_response):
        cookies = _cookies(environ.get("HTTP_COOKIE", ""))
        both = cookies.get(settings.SESSION_COOKIE_NAME) == SESSION_KEY
        both = both and cookies.get(settings.CSRF_COOKIE_NAME) == CSRF
        start_response("200 OK" if both else "403 Forbidden", [("Content-Length", "0")])
        return [b""]

    with serving(app) as port:
        yield port


@pytest.mark.parametrize("generate", GENERATORS)
@pytest.mark.parametrize("csrf", [CSRF, None])
def test_every_response_is_counted_and_one_without_the_cookies_is_an_error(
    generate, cookie_checking_server, tmp_path, csrf
):
    if csrf:
        request = fixtures.browser_get("/lesson/", SESSION_KEY, csrf)
    else:  # what the bench sent before: the session cookie alone
        request = fixtures.line("GET", "/lesson/", "", (fixtures.cookie(SESSION_KEY),))
    requests = tmp_path / "lesson_enrolled.tsv"
    requests.write_text(request + "\n")

    load = generate(
        port=cookie_checking_server, request_file=requests, expect=Expect(200), seconds=1,
        threads=1, connections=2,
    )  # fmt: skip

    assert load.requests > 0
    assert load.unexpected == (0 if csrf else load.requests)
