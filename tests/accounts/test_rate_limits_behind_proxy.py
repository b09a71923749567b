"""Behind the README's nginx every request comes from 127.0.0.1: with TRUSTED_PROXY_COUNT=1 the
rate limits (allauth's and ours) count per client, from X-Forwarded-For, so one client's
failures lock out that client only, and forged extra entries in the header change nothing."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client

from certificates import views as certificate_views
from tests.certificates.issue_helpers import (
    approved_course,
    completed_enrollment,
    issue,
    provider_school,
)
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
LOOKUP = "/certificates/verify/"
CLIENT_A = "203.0.113.7"
CLIENT_B = "198.51.100.20"
LOCKED = "Too many failed login attempts"


def behind_proxy(forwarded_for: str) -> Client:
    """A browser whose requests nginx forwards from 127.0.0.1."""
    return Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)


def fail_logins(client: Client, count: int, *, forged: bool = False) -> None:
    for n in range(count):
        headers = {}
        if forged:  # what the client wrote, with nginx's entry for its real address appended
            headers["HTTP_X_FORWARDED_FOR"] = f"10.9.{n}.1, 192.0.2.{n}, {CLIENT_A}"
        client.post(LOGIN, {"login": f"guess{n}@example.com", "password": "wrong"}, **headers)


def logs_in(client: Client, user) -> bool:
    response = client.post(LOGIN, {"login": user.email, "password": PASSWORD})
    return response.status_code == 302 and SESSION_KEY in client.session


@pytest.fixture
def one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


@pytest.mark.parametrize("forged", [False, True], ids=["plain", "forged entries"])
def test_12_failures_lock_out_that_client_only(one_proxy, forged):
    a, b = behind_proxy(CLIENT_A), behind_proxy(CLIENT_B)
    fail_logins(a, 12, forged=forged)

    response = a.post(LOGIN, {"login": UserFactory().email, "password": PASSWORD})
    assert LOCKED in response.content.decode()
    assert SESSION_KEY not in a.session
    assert logs_in(b, UserFactory())


def test_without_the_setting_the_proxy_is_one_client_for_everyone(settings):
    """What happened before: the proxy's address counted for every visitor."""
    settings.TRUSTED_PROXY_COUNT = 0
    fail_logins(behind_proxy(CLIENT_A), 12)
    assert not logs_in(behind_proxy(CLIENT_B), UserFactory())


def test_allauths_429_counts_per_client_too(one_proxy):
    a = behind_proxy(CLIENT_A)
    statuses = [
        a.post(LOGIN, {"login": f"guess{n}@example.com", "password": "x"}).status_code
        for n in range(31)
    ]
    assert statuses[-1] == 429 and 429 not in statuses[:-1]
    assert logs_in(behind_proxy(CLIENT_B), UserFactory())


# --- Our own limit: the certificate lookup ----------------------------------------------------


@pytest.fixture
def certificate(catalog):
    return issue(completed_enrollment(approved_course(catalog, provider_school(signature=False))))


def lookup(client: Client, number: str, surname: str, **headers):
    return client.post(LOOKUP, {"number": number, "surname": surname}, **headers)


@pytest.mark.parametrize("forged", [False, True], ids=["plain", "forged entries"])
def test_certificate_lookups_are_limited_per_client(one_proxy, certificate, forged):
    a, b = behind_proxy(CLIENT_A), behind_proxy(CLIENT_B)
    for n in range(certificate_views.LOOKUP_LIMIT):
        headers = {"HTTP_X_FORWARDED_FOR": f"192.0.2.{n}, {CLIENT_A}"} if forged else {}
        assert lookup(a, "GCN-1999-000001", "Nobody", **headers).status_code == 404

    response = lookup(a, certificate.number, "Okafor")
    assert response.status_code == 429
    assert certificate_views.TOO_MANY_LOOKUPS in response.content.decode()
    assert lookup(b, certificate.number, "Okafor").status_code == 302


def test_without_the_setting_lookups_count_the_proxy(settings, certificate):
    settings.TRUSTED_PROXY_COUNT = 0
    a, b = behind_proxy(CLIENT_A), behind_proxy(CLIENT_B)
    for _ in range(certificate_views.LOOKUP_LIMIT):
        lookup(a, "GCN-1999-000001", "Nobody")
    assert lookup(b, certificate.number, "Okafor").status_code == 429
