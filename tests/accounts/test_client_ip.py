"""The one client-IP function: REMOTE_ADDR unless proxies are trusted, then X-Forwarded-For read
from the right, never more hops than configured, and REMOTE_ADDR for a header it cannot trust."""

import pytest
from allauth.account.adapter import get_adapter
from django.test import RequestFactory

from accounts.client_ip import client_ip

PROXY = "127.0.0.1"


def request_with(forwarded: str | None = None, remote: str = PROXY):
    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        # No proxy trusted: the header is the client's to write, so it is ignored.
        (0, "203.0.113.7", PROXY),
        (0, None, PROXY),
        # One proxy (the README's nginx): it appends the address it saw.
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "203.0.113.7 ,  198.51.100.2", "198.51.100.2"),
        (1, "10.0.0.1, 192.0.2.1, 203.0.113.7", "203.0.113.7"),
        (1, "2001:DB8::1", "2001:db8::1"),
        # Two proxies (a CDN, then nginx): the second entry from the right.
        (2, "spoofed, 203.0.113.7, 198.51.100.9", "203.0.113.7"),
        (2, "203.0.113.7, 198.51.100.9", "203.0.113.7"),
        # Fewer entries than trusted proxies: the request did not come the configured way.
        (2, "203.0.113.7", PROXY),
        (3, "203.0.113.7, 198.51.100.9", PROXY),
        # Malformed: REMOTE_ADDR, never a made-up key.
        (1, None, PROXY),
        (1, "", PROXY),
        (1, "   ", PROXY),
        (1, "203.0.113.7,", PROXY),
        (1, "unknown", PROXY),
        (1, "203.0.113.7:8080", PROXY),
        (1, "999.1.1.1", PROXY),
        (1, "<script>", PROXY),
        (1, "203.0.113.7, not-an-address", PROXY),
        (2, "not-an-address, 198.51.100.9", PROXY),
    ],
)
def test_client_ip(settings, hops, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = hops
    assert client_ip(request_with(forwarded)) == expected


def test_allauths_rate_limits_use_it(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = request_with("198.51.100.1, 203.0.113.7")
    assert get_adapter(request).get_client_ip(request) == "203.0.113.7"


@pytest.mark.parametrize("hops", [0, 1])
def test_ipv4_clients_behind_a_dual_stack_socket_are_not_one_bucket(settings, hops):
    """A dual-stack listener (gunicorn on [::], nginx on [::]:443 ipv6only=off) writes an IPv4
    client as ::ffff:a.b.c.d; counted by its /64, every IPv4 client would be the address ::,
    and one client's failures would lock out all of them."""
    from accounts.throttle import address_subject

    settings.TRUSTED_PROXY_COUNT = hops
    subjects = set()
    for client in ("::ffff:198.51.100.7", "::ffff:203.0.113.9"):
        request = request_with(remote=client) if hops == 0 else request_with(f"spoofed, {client}")
        assert client_ip(request) == client.removeprefix("::ffff:")
        subjects.add(address_subject(request))
    assert subjects == {"198.51.100.7", "203.0.113.9"}
