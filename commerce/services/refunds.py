"""Money going back: refunds and chargebacks, and what they do to the enrolment and seats.

Each verb is called by the verified webhook (services.webhooks), except `order_refund_request`,
which staff use to ask the gateway that took the payment for a refund.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commerce.gateways import PaymentProviderError, gateway_for
from commerce.models import Order
from commerce.services.seats import seat_pool_withdraw_unused
from commerce.signals import order_disputed, order_refunded
from courses.models import Enrollment
from courses.services.enrollments import enrollment_restore, enrollment_revoke, enrollment_suspend

REFUND_NOT_PAID = "Only a paid order can be refunded."
REFUND_REFUSED = "The payment provider refused the refund: {error}"
SEATS_KEPT_AFTER_REFUND = (
    "Refunded; the unused seats were withdrawn, {used} already used were kept: "
    "revoke those enrolments by hand if the refund covers them."
)
REFUND_REASON = "Payment refunded"
DISPUTE_REASON = "Payment disputed"
DISPUTE_WON_REASON = "Payment dispute won by the school"
DISPUTE_LOST_REASON = "Payment dispute lost: the payment was returned"
DISPUTE_WON_SEATS_KEPT_WITHDRAWN = (
    "Dispute won; the unused seats withdrawn when it opened stay withdrawn: "
    "issue new ones by hand if the organisation still needs them."
)


def _paid_enrollment(order: Order) -> Enrollment | None:
    if order.seats:  # the buyer's own place, if any, was another order
        return None
    return Enrollment.objects.filter(
        student_id=order.student_id, course_id=order.course_id, source=Enrollment.Source.PAID
    ).first()


@transaction.atomic
def order_refund_record(*, order: Order, amount_refunded: Decimal, full: bool) -> Order:
    """Stripe refunded (part of) the payment; a full refund revokes the paid enrolment."""
    order.amount_refunded = max(order.amount_refunded, amount_refunded)
    if full:
        order.status = Order.Status.REFUNDED
        order.refunded_at = order.refunded_at or timezone.now()
        enrollment = _paid_enrollment(order)
        if enrollment is not None:
            enrollment_revoke(enrollment=enrollment, reason=REFUND_REASON)
        if order.seats:
            kept = seat_pool_withdraw_unused(order=order)
            if kept:
                order.error = SEATS_KEPT_AFTER_REFUND.format(used=kept)
    order.save(update_fields=["amount_refunded", "status", "refunded_at", "error", "updated_at"])
    order_refunded.send(sender=Order, order=order, full=full)
    return order


@transaction.atomic
def order_dispute_record(*, order: Order) -> Order:
    """A chargeback was opened: access is suspended until staff settle it."""
    if order.status != Order.Status.REFUNDED:
        order.status = Order.Status.DISPUTED
        order.save(update_fields=["status", "updated_at"])
    enrollment = _paid_enrollment(order)
    if enrollment is not None:
        enrollment_suspend(enrollment=enrollment, reason=DISPUTE_REASON)
    if order.seats:
        seat_pool_withdraw_unused(order=order)
    order_disputed.send(sender=Order, order=order)
    return order


@transaction.atomic
def order_dispute_close(*, order: Order, won: bool) -> Order:
    """A chargeback was decided. Won: the school keeps the money, so the order is paid again
    and the enrolment (with its certificate) suspended by the dispute comes back. Lost: the
    money went back to the buyer, so the enrolment is revoked as for a refund."""
    enrollment = _paid_enrollment(order)
    if won:
        if order.status == Order.Status.DISPUTED:
            order.status = Order.Status.PAID
            if order.seats:
                order.error = DISPUTE_WON_SEATS_KEPT_WITHDRAWN
            order.save(update_fields=["status", "error", "updated_at"])
        if enrollment is not None:
            enrollment_restore(
                enrollment=enrollment, reason=DISPUTE_WON_REASON, withdrawn_reason=DISPUTE_REASON
            )
        return order
    if enrollment is not None:
        enrollment_revoke(enrollment=enrollment, reason=DISPUTE_LOST_REASON)
    return order


def order_refund_request(*, order: Order, requested_by) -> Order:
    """Staff ask the gateway that took the payment to refund it; the charge.refunded webhook
    does the rest."""
    if order.status != Order.Status.PAID or not order.payment_intent_id:
        raise ValidationError(REFUND_NOT_PAID, code="not_paid")
    try:
        gateway_for(order=order).refund_request(order=order, requested_by=requested_by)
    except PaymentProviderError as exc:
        raise ValidationError(REFUND_REFUSED.format(error=exc), code="provider") from exc
    Order.objects.filter(pk=order.pk).update(refund_requested_at=timezone.now())
    order.refresh_from_db()
    return order
