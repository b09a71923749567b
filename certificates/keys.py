"""The platform's Ed25519 key, which signs every certificate's Open Badges 3.0 credential.

Production reads it from CREDENTIAL_SIGNING_KEY (the PEM) or CREDENTIAL_SIGNING_KEY_FILE and
refuses to start without one (config/settings/production.py). Development and tests, which
set CREDENTIAL_DEV_KEY_FILE instead, generate a key into that file on first use and keep it.
"""

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MISSING_KEY = (
    "CREDENTIAL_SIGNING_KEY or CREDENTIAL_SIGNING_KEY_FILE must hold an Ed25519 private key "
    "(PEM) to sign credentials; make one with "
    "`openssl genpkey -algorithm ed25519 -out credential-signing-key.pem`."
)
NOT_ED25519 = "{source} is not an Ed25519 private key in PEM: {reason}"
RETIRED_NOT_ED25519 = "{source} holds a key that is not an Ed25519 public key in PEM: {reason}"
PEM_BLOCK = re.compile(rb"-----BEGIN PUBLIC KEY-----.+?-----END PUBLIC KEY-----", re.DOTALL)


@dataclass(frozen=True)
class SigningKey:
    private_pem: bytes
    public_pem: bytes


def signing_key() -> SigningKey:
    return _signing_key(
        settings.CREDENTIAL_SIGNING_KEY,
        settings.CREDENTIAL_SIGNING_KEY_FILE,
        settings.CREDENTIAL_DEV_KEY_FILE,
    )


def published_public_keys() -> tuple[bytes, ...]:
    """Every public key a credential of ours may be signed with: the current one first.

    Retired keys stay published so that credentials signed before a key change still verify.
    """
    current = signing_key().public_pem
    retired = _retired_public_keys(settings.CREDENTIAL_RETIRED_PUBLIC_KEYS_FILE)
    return (current, *(pem for pem in retired if pem != current))


def public_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


# Cached per configuration, so tests that override the settings get their own key.
@functools.lru_cache(maxsize=8)
def _signing_key(pem_text: str, path: str, dev_path: str | Path | None) -> SigningKey:
    if pem_text:
        source, pem = "CREDENTIAL_SIGNING_KEY", pem_text.encode()
    elif path:
        source = f"CREDENTIAL_SIGNING_KEY_FILE ({path})"
        try:
            pem = Path(path).read_bytes()
        except OSError as exc:
            raise ImproperlyConfigured(f"{source} cannot be read: {exc.strerror}") from exc
    elif dev_path:
        source, pem = str(dev_path), _development_key(Path(dev_path))
    else:
        raise ImproperlyConfigured(MISSING_KEY)
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(NOT_ED25519.format(source=source, reason=exc)) from exc
    if not isinstance(key, Ed25519PrivateKey):
        reason = f"it is a {type(key).__name__}"
        raise ImproperlyConfigured(NOT_ED25519.format(source=source, reason=reason))
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return SigningKey(private_pem=private, public_pem=public_pem(key.public_key()))


def _development_key(path: Path) -> bytes:
    """The key kept in `path`, generated on first use (never in production: no path there)."""
    if path.exists():
        return path.read_bytes()
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # Exclusive create: two processes starting together keep the first key written.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes()
    with os.fdopen(fd, "wb") as file:
        file.write(pem)
    return pem


@functools.lru_cache(maxsize=8)
def _retired_public_keys(path: str) -> tuple[bytes, ...]:
    if not path:
        return ()
    source = f"CREDENTIAL_RETIRED_PUBLIC_KEYS_FILE ({path})"
    try:
        blocks = PEM_BLOCK.findall(Path(path).read_bytes())
    except OSError as exc:
        raise ImproperlyConfigured(f"{source} cannot be read: {exc.strerror}") from exc
    keys = []
    for block in blocks:
        try:
            key = serialization.load_pem_public_key(block)
        except ValueError as exc:
            raise ImproperlyConfigured(
                RETIRED_NOT_ED25519.format(source=source, reason=exc)
            ) from exc
        if not isinstance(key, Ed25519PublicKey):
            reason = f"it is a {type(key).__name__}"
            raise ImproperlyConfigured(RETIRED_NOT_ED25519.format(source=source, reason=reason))
        keys.append(public_pem(key))
    return tuple(keys)
