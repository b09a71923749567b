"""The local gateway: an embedded checkout that takes no money, so development and the demo
can sell a course without Stripe keys (PAYMENT_GATEWAY=local; production settings refuse it).

Paying builds the event Stripe would send, signs it as Stripe does and feeds it to the very
same `webhook_event_process`, so the demo exercises the real fulfilment code.
"""

import secrets
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from commerce.gateways import stripe as stripe_gateway
from commerce.gateways.base import CheckoutSession, PaymentProviderError
from commerce.models import Order, StripeEvent
from commerce.services.webhooks import webhook_event_process

# Marks the sessions this gateway makes; Stripe never makes one like it.
SESSION_PREFIX = "cs_test_local_"
LOCAL_GATEWAY_OFF = "The local test checkout is off."
LOCAL_ORDER_NOT_PENDING = "This order is no longer waiting for payment."
API_VERSION = "2025-10-29.clover"


def is_active() -> bool:
    return settings.PAYMENT_GATEWAY == "local"


def owns(*, order: Order) -> bool:
    """Whether this gateway made the order's session (it may have been switched off since)."""
    return (order.checkout_session_id or "").startswith(SESSION_PREFIX)


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
    payload = stripe_gateway.event_payload(event)
    return webhook_event_process(
        payload=payload, sig_header=stripe_gateway.event_sign(payload=payload)
    )


def _payable(order: Order) -> bool:
    return is_active() and owns(order=order)


def order_pay(*, order: Order) -> StripeEvent:
    """Pay a local order: a locally signed checkout.session.completed event."""
    if not _payable(order):
        raise ValidationError(LOCAL_GATEWAY_OFF, code="off")
    if order.status != Order.Status.PENDING:
        raise ValidationError(LOCAL_ORDER_NOT_PENDING, code="not_pending")
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


class LocalGateway:
    """The checkout page is ours (payments:test_checkout); its Pay button calls `order_pay`."""

    def available(self) -> bool:
        return True

    def owns(self, *, order: Order) -> bool:
        return owns(order=order)

    def checkout_start(self, *, order: Order, success_url: str, cancel_url: str) -> CheckoutSession:
        # The page sends the buyer to the success or cancel page itself.
        return CheckoutSession(
            id=SESSION_PREFIX + secrets.token_urlsafe(18),
            url=reverse("payments:test_checkout", args=[order.pk]),
        )

    def checkout_status(self, *, order: Order) -> str:
        # Paying completes the order at once, so a session is never left complete but unpaid;
        # switched off, the page is gone and its orders can no longer be paid.
        return "open" if is_active() else "expired"

    def checkout_close(self, *, order: Order) -> None:
        """Nothing to close: the page pays only a pending order, and the order expires."""

    def refund_request(self, *, order: Order, requested_by) -> None:
        """A full refund: a locally signed charge.refunded event."""
        if not _payable(order):
            raise PaymentProviderError(LOCAL_GATEWAY_OFF)
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
        _deliver(_event("charge.refunded", charge))
