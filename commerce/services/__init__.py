"""What the product does with money: orders, the payment gateway's events, seat pools."""

from commerce.services.orders import (
    ORDER_ALREADY_ENROLLED,
    ORDER_AMOUNT_MISMATCH,
    ORDER_COURSE_FREE,
    ORDER_ENROLLMENT_SUSPENDED,
    ORDER_UNKNOWN_SESSION,
    PAYMENT_PROVIDER_FAILED,
    PAYMENTS_NOT_CONFIGURED,
    order_buy_check,
    order_checkout_start,
    order_expire,
    order_fulfil,
)
from commerce.services.refunds import (
    REFUND_NOT_PAID,
    REFUND_REFUSED,
    order_dispute_close,
    order_dispute_record,
    order_refund_record,
    order_refund_request,
)
from commerce.services.webhooks import (
    EVENT_WAITING_FOR_ORDER,
    HANDLERS,
    WebhookFailed,
    WebhookRejected,
    webhook_event_process,
)

__all__ = [
    "EVENT_WAITING_FOR_ORDER",
    "HANDLERS",
    "ORDER_ALREADY_ENROLLED",
    "ORDER_AMOUNT_MISMATCH",
    "ORDER_COURSE_FREE",
    "ORDER_ENROLLMENT_SUSPENDED",
    "ORDER_UNKNOWN_SESSION",
    "PAYMENTS_NOT_CONFIGURED",
    "PAYMENT_PROVIDER_FAILED",
    "REFUND_NOT_PAID",
    "REFUND_REFUSED",
    "WebhookFailed",
    "WebhookRejected",
    "order_buy_check",
    "order_checkout_start",
    "order_dispute_close",
    "order_dispute_record",
    "order_expire",
    "order_fulfil",
    "order_refund_record",
    "order_refund_request",
    "webhook_event_process",
]
