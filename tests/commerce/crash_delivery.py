"""Run in a `manage.py shell` subprocess by test_certificate_follows_payment: deliver one signed
Stripe event to the webhook and kill the process with os._exit at the step named by
FAULT_TARGET, as a worker killed there would die (no rollback handler, no response, no
on-commit callback runs)."""

import os
import sys
from unittest import mock

from django.test import Client, override_settings

from commerce import services
from commerce.models import StripeEvent
from tests.commerce.conftest import WEBHOOK_URL
from tests.commerce.fake_stripe import SECRET_KEY, WEBHOOK_SECRET, sign

DIED = 17  # the exit status that says the process reached its fault point


def _die(*args, **kwargs):
    sys.stdout.flush()
    os._exit(DIED)


def _die_marking_processed(original):
    def save(self, *args, **kwargs):
        if "processed_at" in (kwargs.get("update_fields") or ()):
            _die()
        return original(self, *args, **kwargs)

    return save


def _die_after_commit(original):
    def process(**kwargs):
        original(**kwargs)
        _die()

    return process


def main() -> None:
    target, special = os.environ["FAULT_TARGET"], os.environ.get("FAULT_SPECIAL", "")
    replacement = {
        "processed": lambda: _die_marking_processed(StripeEvent.save),
        "commit": lambda: _die_after_commit(services.webhook_event_process),
    }.get(special, lambda: _die)()
    body = os.environ["FAULT_EVENT"]
    stripe = override_settings(
        STRIPE_SECRET_KEY=SECRET_KEY,
        STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
        PAYMENT_GATEWAY="stripe",
    )
    with stripe, mock.patch(target, replacement):
        Client(raise_request_exception=False).post(
            WEBHOOK_URL,
            data=body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=sign(body),
        )
    os._exit(0)  # the fault point was never reached
