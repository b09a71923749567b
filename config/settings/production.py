from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *

# Production takes real money: asking for the local gateway, which takes none, stops the start
# rather than being ignored. DEBUG without Stripe keys (local elsewhere) still means Stripe here.
PAYMENT_GATEWAY_LOCAL_REFUSED = (
    "PAYMENT_GATEWAY=local (or STRIPE_TEST_CHECKOUT=1) is the test checkout, which takes no "
    "payment: production settings need PAYMENT_GATEWAY=stripe and the STRIPE_* keys"
)
if env.str("PAYMENT_GATEWAY", default="") == "local" or env.bool(
    "STRIPE_TEST_CHECKOUT", default=False
):
    raise ImproperlyConfigured(PAYMENT_GATEWAY_LOCAL_REFUSED)
PAYMENT_GATEWAY = "stripe"
# CE credit rests on lessons read for their real reading time, whatever the environment says.
LESSON_MIN_SECONDS_SCALE = 1.0

# Staff and school admins refund payments and read licence numbers: a password is not enough.
MFA_REQUIRED_FOR_STAFF = env.bool("MFA_REQUIRED_FOR_STAFF", default=True)
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = False

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
