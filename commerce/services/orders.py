"""Orders: buying a course through the payment gateway settings chose (commerce.gateways).

The browser never enrols anyone: checkout only creates the order and the gateway's session; the
verified webhook (services.webhooks) calls `order_fulfil`.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from commerce.gateways import PaymentProviderError, gateway, gateway_for
from commerce.models import Order
from commerce.services.seats import (
    SEAT_COURSE_NO_SCHOOL,
    SEATS_MAX,
    seat_pool_purchased,
)
from commerce.signals import order_paid
from courses import selectors
from courses.models import CoursePage, Enrollment
from courses.services.enrollments import (
    COURSE_NOT_LIVE,
    ENROLLMENT_REVOKED,
    enrollment_grant_paid,
)
from schools.policies import policies_accepted_check

ORDER_COURSE_FREE = "This course is free: enrol without checkout."
ORDER_ALREADY_ENROLLED = "You are already enrolled on this course."
ORDER_ENROLLMENT_SUSPENDED = "Your enrolment on this course is suspended; contact the school."
PAYMENTS_NOT_CONFIGURED = "Payments are not available right now. Please try again later."
PAYMENT_PROVIDER_FAILED = "We could not reach the payment provider and nothing was charged."
ORDER_UNKNOWN_SESSION = "No order has this checkout session."
ORDER_AMOUNT_MISMATCH = "Paid {paid} but the order is for {expected}: not enrolled."
ORDER_ENROLLMENT_INACTIVE = "Paid, but the enrolment is {status}: refund or reinstate it."

SEAT_ORDER_MIN = 2
SEAT_ORDER_COUNT = f"Buy from {SEAT_ORDER_MIN} to {SEATS_MAX} seats in one order."
SEATS_COURSE_FREE = "This course is free: learners enrol without a seat."
SEAT_ORDER_NO_ORGANISATION = "Name the organisation the seats are for."
ORDER_AMOUNT_MAX = Decimal("999999.99")  # what Order.amount holds
SEAT_ORDER_TOO_LARGE = "Orders this large are arranged with the school: contact it directly."

PAID_STATUSES = ("paid", "no_payment_required")


class OrderNotFound(Exception):
    pass


def order_buy_check(*, user, course: CoursePage) -> None:
    """Raise ValidationError with a clear message when `user` cannot buy `course`."""
    if course.is_free:
        raise ValidationError(ORDER_COURSE_FREE, code="free")
    if not course.live:
        raise ValidationError(COURSE_NOT_LIVE, code="not_live")
    enrollment = Enrollment.objects.filter(student=user, course=course).first()
    if enrollment is not None:
        messages = {
            Enrollment.Status.ACTIVE: ORDER_ALREADY_ENROLLED,
            Enrollment.Status.SUSPENDED: ORDER_ENROLLMENT_SUSPENDED,
            Enrollment.Status.REVOKED: ENROLLMENT_REVOKED,
        }
        raise ValidationError(messages[enrollment.status], code="owned")
    lock = selectors.prerequisite_lock(user=user, course=course)
    if lock is not None:
        raise ValidationError(lock.message, code="prerequisites")
    if not gateway().available():
        raise ValidationError(PAYMENTS_NOT_CONFIGURED, code="not_configured")


def order_checkout_start(
    *, user, course: CoursePage, success_url: str, cancel_url: str, accepted_policies: str
) -> Order:
    """The student's pending order with an open checkout session, created at most once.

    `success_url` and `cancel_url` are absolute; `?order=<id>` is added to both. The price is
    the course's, read here; clicking twice returns the same order and session.
    `accepted_policies` is the digest of the school's policies the buyer accepted
    (schools.policies); they are stored with the order.
    """
    order_buy_check(user=user, course=course)
    start = {
        "user": user,
        "course": course,
        "success_url": success_url,
        "cancel_url": cancel_url,
        "policies": policies_accepted_check(course=course, accepted_digest=accepted_policies),
    }
    try:
        return _checkout_start(**start)
    except IntegrityError:  # a concurrent click created the pending order: reuse it
        return _checkout_start(**start)
    except PaymentProviderError as exc:
        raise ValidationError(PAYMENT_PROVIDER_FAILED, code="provider") from exc


def seat_order_checkout_start(
    *,
    user,
    course: CoursePage,
    seats: int,
    organisation: str,
    success_url: str,
    cancel_url: str,
    accepted_policies: str,
) -> Order:
    """A pending order for `seats` places on `course` for `organisation`, with its session.

    Paid, it becomes a seat pool of single-use codes that `user` hands out (order_fulfil).
    `accepted_policies` as for `order_checkout_start`.
    """
    organisation = " ".join(organisation.split())
    seat_order_check(user=user, course=course, seats=seats, organisation=organisation)
    start = {
        "user": user,
        "course": course,
        "success_url": success_url,
        "cancel_url": cancel_url,
        "seats": seats,
        "organisation": organisation,
        "policies": policies_accepted_check(course=course, accepted_digest=accepted_policies),
    }
    try:
        return _checkout_start(**start)
    except IntegrityError:  # a concurrent click created the pending order: reuse it
        return _checkout_start(**start)
    except PaymentProviderError as exc:
        raise ValidationError(PAYMENT_PROVIDER_FAILED, code="provider") from exc


def seat_order_check(*, user, course: CoursePage, seats: int, organisation: str) -> None:
    """Raise ValidationError with a clear message when `user` cannot buy these seats."""
    if course.is_free:
        raise ValidationError(SEATS_COURSE_FREE, code="free")
    if not course.live:
        raise ValidationError(COURSE_NOT_LIVE, code="not_live")
    if not course.school_id:
        raise ValidationError(SEAT_COURSE_NO_SCHOOL, code="no_school")
    if not SEAT_ORDER_MIN <= seats <= SEATS_MAX:
        raise ValidationError(SEAT_ORDER_COUNT, code="seats")
    if course.price * seats > ORDER_AMOUNT_MAX:
        raise ValidationError(SEAT_ORDER_TOO_LARGE, code="too_large")
    if not organisation:
        raise ValidationError(SEAT_ORDER_NO_ORGANISATION, code="organisation")
    if not gateway().available():
        raise ValidationError(PAYMENTS_NOT_CONFIGURED, code="not_configured")


@transaction.atomic
def _checkout_start(
    *,
    user,
    course: CoursePage,
    success_url: str,
    cancel_url: str,
    policies: dict,
    seats: int = 0,
    organisation: str = "",
) -> Order:
    """The buyer's pending order of this kind (own place, or seats) with a payable session,
    holding the policies the buyer accepted just now."""
    pending = Order.objects.select_for_update().filter(
        student=user, course=course, status=Order.Status.PENDING
    )
    order = (pending.filter(seats__gt=0) if seats else pending.filter(seats=0)).first()
    wanted = Order(
        student=user,
        course=course,
        seats=seats,
        organisation=organisation,
        amount=course.price * (seats or 1),
        currency=course.currency,
    )
    accepted_at = timezone.now()
    if order is not None and _session_reusable(order=order, wanted=wanted, success_url=success_url):
        order.policies_accepted, order.policies_accepted_at = policies, accepted_at
        order.save(update_fields=["policies_accepted", "policies_accepted_at", "updated_at"])
        return order
    order = wanted
    order.policies_accepted, order.policies_accepted_at = policies, accepted_at
    order.save()
    session = gateway().checkout_start(
        order=order,
        success_url=_with_order(success_url, order),
        cancel_url=_with_order(cancel_url, order),
    )
    order.checkout_session_id, order.checkout_url = session.id, session.url
    order.full_clean()
    order.save(update_fields=["checkout_session_id", "checkout_url", "updated_at"])
    return order


def _session_reusable(*, order: Order, wanted: Order, success_url: str) -> bool:
    """Whether the pending order's session can still be paid for what the buyer now wants
    (same price, seats and organisation); if not, the order expires."""
    reusable = (order.amount, order.currency, order.seats, order.organisation) == (
        wanted.amount,
        wanted.currency,
        wanted.seats,
        wanted.organisation,
    )
    made_by = gateway_for(order=order)
    if reusable:
        status = made_by.checkout_status(order=order)
        if status == "complete":  # paid, the webhook is on its way: wait for it
            order.checkout_url = _with_order(success_url, order)
            order.save(update_fields=["checkout_url", "updated_at"])
            return True
        reusable = status == "open"
    else:  # price or seats changed: close the old session first
        made_by.checkout_close(order=order)
    if not reusable:
        order.status = Order.Status.EXPIRED
        order.save(update_fields=["status", "updated_at"])
    return reusable


def _with_order(url: str, order: Order) -> str:
    return f"{url}{'&' if '?' in url else '?'}order={order.pk}"


def order_for_session(*, session: dict) -> Order:
    """The order of a checkout session, locked for this transaction."""
    order = (
        Order.objects.select_for_update(of=("self",))
        .select_related("student", "course")
        .filter(checkout_session_id=session.get("id") or None)
        .first()
    )
    reference = session.get("client_reference_id")
    if order is None or (reference and reference != str(order.pk)):
        raise OrderNotFound(ORDER_UNKNOWN_SESSION)
    return order


def order_for_payment(*, payment_intent_id: str) -> Order | None:
    if not payment_intent_id:
        return None
    return (
        Order.objects.select_for_update(of=("self",))
        .select_related("student", "course")
        .filter(payment_intent_id=payment_intent_id)
        .first()
    )


def _amount_problem(*, order: Order, session: dict) -> str:
    totals = session.get("total_details") or {}
    paid = session.get("amount_total")
    adjustments = (
        (totals.get("amount_tax") or 0)
        + (totals.get("amount_shipping") or 0)
        - (totals.get("amount_discount") or 0)
    )
    subtotal = session.get("amount_subtotal", order.amount_minor)
    currency = (session.get("currency") or "").lower()
    if (
        currency != order.currency
        or subtotal != order.amount_minor
        or paid != order.amount_minor + adjustments
    ):
        return ORDER_AMOUNT_MISMATCH.format(
            paid=f"{paid} {currency} (minor units)",
            expected=f"{order.amount_minor} {order.currency}",
        )
    return ""


def _link_payment(order: Order, session: dict) -> None:
    payment_intent = session.get("payment_intent") or ""
    if isinstance(payment_intent, dict):
        payment_intent = payment_intent.get("id", "")
    if payment_intent and not order.payment_intent_id:
        order.payment_intent_id = payment_intent


@transaction.atomic
def order_fulfil(*, session: dict) -> Order:
    """Enrol the buyer of a completed, verified checkout session; idempotent.

    A session whose amount or currency differs from the order records an error on the order
    and enrols nobody. Refunded or disputed orders stay as they are.
    """
    order = order_for_session(session=session)
    _link_payment(order, session)
    fields = ["payment_intent_id", "error", "updated_at"]
    if session.get("payment_status") not in PAID_STATUSES or order.status not in (
        Order.Status.PENDING,
        Order.Status.EXPIRED,
    ):
        order.save(update_fields=fields)  # async payment still pending, or already settled
        return order
    order.error = _amount_problem(order=order, session=session)
    if order.error:
        order.save(update_fields=fields)
        return order
    order.status = Order.Status.PAID
    order.paid_at = timezone.now()
    order.amount_paid = Decimal(session["amount_total"]) / 100
    # Before the enrolment it buys: the receipt is the first thing the buyer hears of it.
    order_paid.send(sender=Order, order=order)
    if order.seats:
        seat_pool_purchased(order=order)
    else:
        enrollment = enrollment_grant_paid(user=order.student, course=order.course)
        if not enrollment.is_active:
            order.error = ORDER_ENROLLMENT_INACTIVE.format(status=enrollment.get_status_display())
    order.save(update_fields=[*fields, "status", "paid_at", "amount_paid"])
    return order


@transaction.atomic
def order_expire(*, session: dict, reason: str = "") -> Order:
    """A session that expired or whose delayed payment failed: the order can no longer be paid."""
    order = order_for_session(session=session)
    _link_payment(order, session)
    if order.status == Order.Status.PENDING:
        order.status = Order.Status.EXPIRED
    order.error = reason or order.error
    order.save(update_fields=["status", "payment_intent_id", "error", "updated_at"])
    return order
