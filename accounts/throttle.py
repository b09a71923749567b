"""Fixed-window counters for our own rate limits, kept in Django's default cache.

The default cache is Redis when REDIS_URL is set, so every web worker and server counts
together; cache.add then cache.incr is atomic there and in local memory.
"""

import ipaddress

from django.core.cache import cache

from accounts.client_ip import client_ip

# One IPv6 client usually holds a whole /64, as allauth assumes too.
IPV6_PREFIX = 64


def _key(scope: str, subject: str) -> str:
    return f"throttle:{scope}:{subject}"


def address_subject(request) -> str:
    """The client's address as a counter's subject: an IPv6 address by its /64 network."""
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/{IPV6_PREFIX}", strict=False).network_address)
    return str(parsed)


def throttle_count(*, scope: str, subject: str) -> int:
    """How many hits the subject has in the current window."""
    return cache.get(_key(scope, subject), 0)


def throttle_hit(*, scope: str, subject: str, window_seconds: int) -> int:
    """Count one hit and return the window's count so far, this one included."""
    key = _key(scope, subject)
    cache.add(key, 0, timeout=window_seconds)
    try:
        return cache.incr(key)
    except ValueError:  # the window expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        return 1
