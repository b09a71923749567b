"""Secrets at rest (tracking-system passwords and keys): Fernet, AES-128-CBC with HMAC-SHA256.

The key comes from FIELD_ENCRYPTION_KEY (a Fernet key: `python -c "from cryptography.fernet
import Fernet; print(Fernet.generate_key().decode())"`). Several keys may be given, comma
separated, newest first: values are written with the first and read with any, so a key can be
rotated. With DEBUG on and no key set, one is derived from SECRET_KEY (development only).
"""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

NO_KEY = (
    "FIELD_ENCRYPTION_KEY is not set: tracking-system credentials cannot be stored or read. "
    "Set it to a Fernet key (see .env.example)."
)
UNREADABLE = "The stored secret cannot be read with FIELD_ENCRYPTION_KEY: enter it again."


def _fernet() -> MultiFernet:
    keys = [k.strip() for k in (settings.FIELD_ENCRYPTION_KEY or "").split(",") if k.strip()]
    if not keys:
        if not settings.DEBUG:
            raise ImproperlyConfigured(NO_KEY)
        digest = hashlib.sha256(f"field-encryption:{settings.SECRET_KEY}".encode()).digest()
        keys = [base64.urlsafe_b64encode(digest).decode()]
    return MultiFernet([Fernet(key.encode()) for key in keys])


def encrypt(plaintext: str) -> str:
    return _fernet().encrypt(plaintext.encode()).decode() if plaintext else ""


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise ImproperlyConfigured(UNREADABLE) from None


def hint(plaintext: str) -> str:
    """What the admin may see of a secret: its last two characters, if it is long enough."""
    return f"…{plaintext[-2:]}" if len(plaintext) >= 8 else "…"
