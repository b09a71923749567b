"""The client's address, as every per-address rate limit sees it (allauth's and ours).

Behind a reverse proxy REMOTE_ADDR is the proxy's own address, so one client's failures would
lock out everyone. Each trusted proxy appends the address it received the request from to
X-Forwarded-For (nginx's $proxy_add_x_forwarded_for), so with TRUSTED_PROXY_COUNT proxies in
front the client is the entry that many places from the right. Anything further left was
written by the client and may be forged, so it is never read.
"""

import ipaddress

from django.conf import settings


def _plain(address: str) -> str | None:
    """The address in its usual form; an IPv4 client seen through a dual-stack socket
    (::ffff:198.51.100.7) as its IPv4 address, so that the /64 counted for an IPv6 client
    (here and in allauth) does not put every IPv4 client in one bucket, `::`."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return None
    mapped = getattr(parsed, "ipv4_mapped", None)
    return str(mapped or parsed)


def _forwarded_client(header: str, hops: int) -> str | None:
    entries = [entry.strip() for entry in header.split(",")]
    # Fewer entries than proxies means the request did not come the configured way round.
    if len(entries) < hops:
        return None
    return _plain(entries[-hops])


def client_ip(request) -> str:
    """The address of whoever sent the request: REMOTE_ADDR when no proxy is trusted, or when
    X-Forwarded-For is missing or malformed."""
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    remote = _plain(remote) or remote
    if hops <= 0 or not header:
        return remote
    return _forwarded_client(header, hops) or remote
