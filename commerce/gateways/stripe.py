"""The one gateway to Stripe: every call to its API and every webhook check goes through here.

Callers get plain dicts and our own exceptions, never stripe objects, so nothing else imports
the SDK. Tests swap `http_client` for a fake that answers like Stripe's API. `StripeGateway`
(at the end) is what orders sees when PAYMENT_GATEWAY is "stripe".
"""

import json
import secrets
from typing import Any

import stripe  # noqa: TID251
from django.conf import settings

from commerce.gateways.base import CheckoutSession, PaymentProviderError
from commerce.models import Order

WEBHOOK_TOLERANCE_SECONDS = 300
_local_webhook_secret = "whsec_local_" + secrets.token_urlsafe(24)  # the local gateway only

http_client: stripe.HTTPClient | None = None  # None: the library's default (tests set a fake)


class SignatureError(Exception):
    """A webhook whose Stripe-Signature does not verify, or whose body is not an event."""


def _client() -> stripe.StripeClient:
    if not settings.STRIPE_SECRET_KEY:
        raise PaymentProviderError("STRIPE_SECRET_KEY is not set.")
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY, http_client=http_client, max_network_retries=0
    )


def _call(method, *args, **kwargs) -> dict[str, Any]:
    try:
        return method(*args, **kwargs).to_dict()
    except stripe.StripeError as exc:
        raise PaymentProviderError(exc.user_message or str(exc)) from exc


def checkout_session_create(*, params: dict, idempotency_key: str) -> dict[str, Any]:
    client = _client()
    return _call(
        client.v1.checkout.sessions.create,
        params=params,
        options={"idempotency_key": idempotency_key},
    )


def checkout_session_retrieve(*, session_id: str) -> dict[str, Any]:
    return _call(_client().v1.checkout.sessions.retrieve, session_id)


def checkout_session_expire(*, session_id: str) -> dict[str, Any]:
    return _call(_client().v1.checkout.sessions.expire, session_id)


def refund_create(*, payment_intent_id: str, idempotency_key: str, metadata: dict) -> dict:
    return _call(
        _client().v1.refunds.create,
        params={"payment_intent": payment_intent_id, "metadata": metadata},
        options={"idempotency_key": idempotency_key},
    )


def webhook_secret() -> str:
    """The secret webhooks are signed with; the local gateway signs with a per-process one."""
    if settings.STRIPE_WEBHOOK_SECRET:
        return settings.STRIPE_WEBHOOK_SECRET
    return _local_webhook_secret if settings.PAYMENT_GATEWAY == "local" else ""


def event_verify(*, payload: str, sig_header: str | None) -> dict[str, Any]:
    """The event in `payload` once its signature has verified against our secret."""
    secret = webhook_secret()
    if not secret:
        raise SignatureError("No webhook secret is configured (STRIPE_WEBHOOK_SECRET).")
    try:
        event = stripe.Webhook.construct_event(
            payload, sig_header, secret, tolerance=WEBHOOK_TOLERANCE_SECONDS
        )
    except stripe.SignatureVerificationError as exc:
        raise SignatureError(f"Invalid Stripe-Signature: {exc.user_message or exc}") from exc
    except (ValueError, TypeError) as exc:
        raise SignatureError("The body is not a Stripe event.") from exc
    data = json.loads(payload)  # as sent: to_dict() would turn decimal strings into Decimals
    if not isinstance(data, dict) or event.id != data.get("id"):
        raise SignatureError("The body is not a Stripe event.")
    if not data.get("id") or not data.get("type") or "object" not in data.get("data", {}):
        raise SignatureError("The body is not a Stripe event.")
    return data


def event_sign(*, payload: str, timestamp: int | None = None) -> str:
    """A Stripe-Signature header for `payload`, made exactly as Stripe makes it."""
    return stripe.WebhookSignature.generate_signature_header(
        payload, webhook_secret(), timestamp=timestamp
    )


def event_payload(event: dict) -> str:
    return json.dumps(event, separators=(",", ":"))


def _payout(order: Order) -> dict:
    """Stripe Connect destination charge: the school's account is paid, less the platform fee."""
    school = order.course.school
    if school is None or not school.payout_account:
        return {}
    payout = {"transfer_data": {"destination": school.payout_account}}
    fee = round(order.amount_minor * settings.STRIPE_PLATFORM_FEE_PERCENT / 100)
    if fee:
        payout["application_fee_amount"] = fee
    return payout


def _session_params(*, order: Order, success_url: str, cancel_url: str) -> dict:
    metadata = {
        "order_id": str(order.pk),
        "course_id": str(order.course_id),
        "student_id": str(order.student_id),
        "seats": str(order.seats),
    }
    return {
        "mode": "payment",
        "line_items": [
            {
                "quantity": order.quantity,
                "price_data": {
                    "currency": order.currency,
                    "unit_amount": order.amount_minor // order.quantity,
                    "product_data": {
                        "name": order.course.title
                        if not order.seats
                        else f"{order.course.title}: seats for {order.organisation}"
                    },
                },
            }
        ],
        "client_reference_id": str(order.pk),
        "metadata": metadata,
        "payment_intent_data": {"metadata": metadata, **_payout(order)},
        "customer_email": order.student.email,
        "allow_promotion_codes": True,
        "automatic_tax": {"enabled": settings.STRIPE_AUTOMATIC_TAX},
        "success_url": success_url,
        "cancel_url": cancel_url,
    }


class StripeGateway:
    """Stripe Checkout: Stripe's hosted page takes the card, its webhook completes the order."""

    def available(self) -> bool:
        return bool(settings.STRIPE_SECRET_KEY)

    def checkout_start(self, *, order: Order, success_url: str, cancel_url: str) -> CheckoutSession:
        session = checkout_session_create(
            params=_session_params(order=order, success_url=success_url, cancel_url=cancel_url),
            idempotency_key=f"nmt-order-{order.pk}-checkout",
        )
        return CheckoutSession(id=session["id"], url=session["url"])

    def checkout_status(self, *, order: Order) -> str:
        return checkout_session_retrieve(session_id=order.checkout_session_id)["status"]

    def checkout_close(self, *, order: Order) -> None:
        checkout_session_expire(session_id=order.checkout_session_id)

    def refund_request(self, *, order: Order, requested_by) -> None:
        refund_create(
            payment_intent_id=order.payment_intent_id,
            idempotency_key=f"nmt-order-{order.pk}-refund",
            metadata={"order_id": str(order.pk), "requested_by": str(requested_by.pk)},
        )
