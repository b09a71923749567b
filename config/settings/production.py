from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *

STRIPE_TEST_CHECKOUT = False  # never a fake checkout in production, whatever the environment
# CE credit rests on lessons read for their real reading time, whatever the environment says.
LESSON_MIN_SECONDS_SCALE = 1.0

# Every issued certificate is signed: without the key, issuing would fail for learners later.
if not DEBUG:
    if not (CREDENTIAL_SIGNING_KEY or CREDENTIAL_SIGNING_KEY_FILE):
        raise ImproperlyConfigured(
            "CREDENTIAL_SIGNING_KEY or CREDENTIAL_SIGNING_KEY_FILE is missing: set either to an "
            "Ed25519 private key (openssl genpkey -algorithm ed25519 -out signing-key.pem)"
        )
    if CREDENTIAL_SIGNING_KEY_FILE and not Path(CREDENTIAL_SIGNING_KEY_FILE).is_file():
        raise ImproperlyConfigured(
            f"CREDENTIAL_SIGNING_KEY_FILE={CREDENTIAL_SIGNING_KEY_FILE} is not a readable file"
        )
