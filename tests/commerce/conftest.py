import json
from decimal import Decimal

import pytest

from commerce.gateways import stripe as stripe_gateway
from tests.commerce.fake_stripe import SECRET_KEY, WEBHOOK_SECRET, FakeStripe, sign
from tests.conftest import build_course

WEBHOOK_URL = "/payments/stripe/webhook/"


@pytest.fixture
def fake_stripe(settings, monkeypatch):
    """The Stripe gateway with keys set, against the offline fake."""
    settings.STRIPE_SECRET_KEY = SECRET_KEY
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.PAYMENT_GATEWAY = "stripe"
    fake = FakeStripe()
    monkeypatch.setattr(stripe_gateway, "http_client", fake)
    return fake


@pytest.fixture
def paid_course(catalog):
    return build_course(catalog, modules=1, lessons_per_module=3, price=Decimal("149.00"))


@pytest.fixture
def deliver(client):
    """POST a Stripe event to the webhook, signed as Stripe signs it (or with `signature`)."""

    def deliver(event: dict, *, signature: str | None = None, payload: str | None = None):
        body = payload if payload is not None else json.dumps(event)
        header = signature if signature is not None else sign(body)
        return client.post(
            WEBHOOK_URL, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
        )

    return deliver
