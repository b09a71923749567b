"""django.middleware.csrf.get_token, drawing its random characters from one os.urandom call.

Why: Django draws each of a token's 32 mask characters (and, for a visitor without the CSRF
cookie, 32 more for the secret) with its own system call; on a learner's lesson page that was
more CPU than the page's query (issue 19). What must stay equal to Django's: the secret kept in
request.META and the flag that sends the cookie, and the token's form (a mask of
CSRF_ALLOWED_CHARS followed by the secret enciphered with it), so CsrfViewMiddleware accepts it
as its own. Every character is still uniform over the alphabet (bytes past the last whole
multiple of its length are discarded, not folded back).
"""

import os

from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH

CHARS = CSRF_ALLOWED_CHARS
# The largest multiple of the alphabet's length within a byte: every byte below it maps to
# one character with equal chance.
_LIMIT = 256 - 256 % len(CHARS)
_INDEX = {char: n for n, char in enumerate(CHARS)}


def random_csrf_string(length: int = CSRF_SECRET_LENGTH) -> str:
    """`length` characters of CSRF_ALLOWED_CHARS from the system's random source."""
    picked = []
    while len(picked) < length:
        picked += [byte % len(CHARS) for byte in os.urandom(length + 16) if byte < _LIMIT]
    return "".join(CHARS[n] for n in picked[:length])


def get_token(request) -> str:
    """A masked CSRF token for the form of `request`'s page, as Django's get_token gives."""
    secret = request.META.get("CSRF_COOKIE")
    if secret is None:
        secret = request.META["CSRF_COOKIE"] = random_csrf_string()
    # Sent in the response, as Django does, also to renew the cookie's expiry.
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    mask = random_csrf_string()
    size = len(CHARS)
    cipher = "".join(
        CHARS[(_INDEX[s] + _INDEX[m]) % size] for s, m in zip(secret, mask, strict=True)
    )
    return mask + cipher
