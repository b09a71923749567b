"""Stripe webhooks: verify, store every event first, then handle it exactly once.

Each event is stored in its own transaction (a duplicate delivery finds the stored row), then
handled in a second transaction holding a lock on that row, so duplicate or concurrent
deliveries do the work once. A refund or dispute that arrives before its checkout completes
waits, stored, and is applied by the checkout handler the moment the order gets its payment.
"""

import logging
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from commerce.gateways import stripe as stripe_gateway
from commerce.models import StripeEvent
from commerce.services.orders import OrderNotFound, order_expire, order_for_payment, order_fulfil
from commerce.services.refunds import order_dispute_close, order_dispute_record, order_refund_record

logger = logging.getLogger(__name__)

EVENT_WAITING_FOR_ORDER = "No order has this payment yet: applied when its checkout completes."
EVENT_NOT_OURS = "No order has this payment."
EVENT_CHECKOUT_PENDING = "The checkout of this payment is still being processed: retry."
PAYMENT_FAILED = "The delayed payment failed."
WEBHOOK_HANDLER_FAILED = "The event could not be handled; Stripe will retry it."

PAYMENT_EVENTS = ("charge.refunded", "charge.dispute.created", "charge.dispute.closed")
# A closed dispute's outcome: "won" and a closed inquiry leave the money with the school.
DISPUTE_KEPT = ("won", "warning_closed")
DISPUTE_LOST = "lost"
DISPUTE_OUTCOME_UNKNOWN = "The dispute closed as {status!r}: nothing changed."


class WebhookRejected(Exception):
    """Answer 400: the request is not a genuine Stripe event (nothing was stored)."""


class WebhookFailed(Exception):
    """Answer 500 so Stripe retries: the handler failed and its writes were rolled back."""


class _Waiting(Exception):
    pass


class _Ignored(Exception):
    pass


def _payment_intent_of(obj: dict) -> str:
    value = obj.get("payment_intent") or ""
    return value.get("id", "") if isinstance(value, dict) else value


def _replay_waiting(payment_intent_id: str) -> None:
    """Apply refunds and disputes that arrived before the order knew its payment."""
    if not payment_intent_id:
        return
    waiting = StripeEvent.objects.select_for_update().filter(
        payment_intent_id=payment_intent_id, type__in=PAYMENT_EVENTS, processed_at__isnull=True
    )
    for event in waiting.order_by("received_at", "pk"):
        _event_apply(event)


def _checkout_completed(session: dict) -> str:
    order = order_fulfil(session=session)
    _replay_waiting(order.payment_intent_id)
    return order.error


def _checkout_expired(session: dict) -> str:
    order = order_expire(session=session)
    _replay_waiting(order.payment_intent_id)
    return ""


def _checkout_failed(session: dict) -> str:
    order = order_expire(session=session, reason=PAYMENT_FAILED)
    _replay_waiting(order.payment_intent_id)
    return ""


def _order_for_payment_event(obj: dict):
    payment_intent_id = _payment_intent_of(obj)
    if not payment_intent_id:
        raise _Ignored(EVENT_NOT_OURS)
    order = order_for_payment(payment_intent_id=payment_intent_id)
    if order is not None:
        return order
    # The checkouts' states in one read: read in two, a checkout stored between them (not yet
    # handled) looked handled, and its refund was dropped as not ours.
    handled = list(
        StripeEvent.objects.filter(
            payment_intent_id=payment_intent_id, type__startswith="checkout.session."
        ).values_list("processed_at", flat=True)
    )
    if not handled:
        raise _Waiting  # the checkout handler will find this event and apply it
    if None in handled:
        raise RuntimeError(EVENT_CHECKOUT_PENDING)  # 500: Stripe retries shortly
    # Every checkout was handled, and committed with its order, before that read: look again.
    order = order_for_payment(payment_intent_id=payment_intent_id)
    if order is None:
        raise _Ignored(EVENT_NOT_OURS)
    return order


def _charge_refunded(charge: dict) -> str:
    order = _order_for_payment_event(charge)
    full = bool(charge.get("refunded")) or charge["amount_refunded"] >= charge["amount"]
    order_refund_record(
        order=order, amount_refunded=Decimal(charge["amount_refunded"]) / 100, full=full
    )
    return ""


def _dispute_created(dispute: dict) -> str:
    order_dispute_record(order=_order_for_payment_event(dispute))
    return ""


def _dispute_closed(dispute: dict) -> str:
    order = _order_for_payment_event(dispute)
    status = dispute.get("status") or ""
    if status not in (*DISPUTE_KEPT, DISPUTE_LOST):
        return DISPUTE_OUTCOME_UNKNOWN.format(status=status)
    order_dispute_close(order=order, won=status in DISPUTE_KEPT)
    return ""


HANDLERS = {
    "checkout.session.completed": _checkout_completed,
    "checkout.session.async_payment_succeeded": _checkout_completed,
    "checkout.session.async_payment_failed": _checkout_failed,
    "checkout.session.expired": _checkout_expired,
    "charge.refunded": _charge_refunded,
    "charge.dispute.created": _dispute_created,
    "charge.dispute.closed": _dispute_closed,
}


def _event_apply(event: StripeEvent) -> None:
    """Run the handler of a locked, unprocessed event and record the outcome on it."""
    handler = HANDLERS.get(event.type)
    try:
        error = handler(event.payload["data"]["object"]) if handler else ""
    except _Waiting:
        event.error = EVENT_WAITING_FOR_ORDER
        event.save(update_fields=["error"])
        return
    except (_Ignored, OrderNotFound) as exc:
        error = str(exc)
    event.processed_at = timezone.now()
    event.error = error
    event.save(update_fields=["processed_at", "error"])


def _event_store(data: dict) -> StripeEvent:
    with transaction.atomic():
        event, _ = StripeEvent.objects.get_or_create(
            event_id=data["id"],
            defaults={
                "type": data["type"][:100],
                "payload": data,
                "payment_intent_id": _payment_intent_of(data["data"]["object"]),
            },
        )
    return event


def webhook_event_process(*, payload: str, sig_header: str | None) -> StripeEvent:
    """Verify, store and handle one webhook delivery; safe to call any number of times."""
    try:
        data = stripe_gateway.event_verify(payload=payload, sig_header=sig_header)
    except stripe_gateway.SignatureError as exc:
        raise WebhookRejected(str(exc)) from exc
    event = _event_store(data)
    try:
        with transaction.atomic():
            locked = StripeEvent.objects.select_for_update().get(pk=event.pk)
            if locked.processed_at is None:
                _event_apply(locked)
    except Exception as exc:
        logger.exception("Stripe event %s (%s) failed", event.event_id, event.type)
        StripeEvent.objects.filter(pk=event.pk, processed_at__isnull=True).update(
            error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise WebhookFailed(WEBHOOK_HANDLER_FAILED) from exc
    event.refresh_from_db()
    return event
