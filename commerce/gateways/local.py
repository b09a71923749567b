"""The embedded test checkout: with no Stripe keys, the demo can still sell a course.

Paying builds the event Stripe would send, signs it as Stripe does and feeds it to the very
same `webhook_event_process`, so the demo exercises the real fulfilment code.
"""

import secrets
import time

from django.conf import settings
from django.core.exceptions import ValidationError

from commerce import payments
from commerce.models import Order, StripeEvent
from commerce.services.webhooks import webhook_event_process

TEST_CHECKOUT_OFF = "The test checkout is off."
TEST_ORDER_NOT_PENDING = "This order is no longer waiting for payment."
API_VERSION = "2025-10-29.clover"


def _local_id(prefix: str) -> str:
    return f"{prefix}_local_{secrets.token_urlsafe(18)}"


def _event(event_type: str, obj: dict) -> dict:
    return {
        "id": _local_id("evt"),
        "object": "event",
        "api_version": API_VERSION,
        "created": int(time.time()),
        "data": {"object": obj},
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": event_type,
    }


def _deliver(event: dict) -> StripeEvent:
    payload = payments.event_payload(event)
    return webhook_event_process(payload=payload, sig_header=payments.event_sign(payload=payload))


def _require_test_mode(order: Order) -> None:
    if not settings.STRIPE_TEST_CHECKOUT or not order.is_test_checkout:
        raise ValidationError(TEST_CHECKOUT_OFF, code="off")


def order_test_checkout_pay(*, order: Order) -> StripeEvent:
    """Pay a test-checkout order: a locally signed checkout.session.completed event."""
    _require_test_mode(order)
    if order.status != Order.Status.PENDING:
        raise ValidationError(TEST_ORDER_NOT_PENDING, code="not_pending")
    metadata = {
        "order_id": str(order.pk),
        "course_id": str(order.course_id),
        "student_id": str(order.student_id),
        "seats": str(order.seats),
    }
    session = {
        "id": order.checkout_session_id,
        "object": "checkout.session",
        "allow_promotion_codes": True,
        "amount_subtotal": order.amount_minor,
        "amount_total": order.amount_minor,
        "client_reference_id": str(order.pk),
        "created": int(order.created_at.timestamp()),
        "currency": order.currency,
        "customer_details": {"email": order.student.email, "name": None},
        "customer_email": order.student.email,
        "livemode": False,
        "metadata": metadata,
        "mode": "payment",
        "payment_intent": _local_id("pi"),
        "payment_method_types": ["card"],
        "payment_status": "paid",
        "status": "complete",
        "total_details": {"amount_discount": 0, "amount_shipping": 0, "amount_tax": 0},
        "url": None,
    }
    return _deliver(_event("checkout.session.completed", session))


def order_test_refund(*, order: Order) -> StripeEvent:
    """Refund a test-checkout order in full: a locally signed charge.refunded event."""
    _require_test_mode(order)
    charge = {
        "id": _local_id("ch"),
        "object": "charge",
        "amount": order.amount_minor,
        "amount_captured": order.amount_minor,
        "amount_refunded": order.amount_minor,
        "currency": order.currency,
        "livemode": False,
        "paid": True,
        "payment_intent": order.payment_intent_id,
        "refunded": True,
        "status": "succeeded",
    }
    return _deliver(_event("charge.refunded", charge))
