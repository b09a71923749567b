"""What the apps below announce, turned into queued messages (connected in apps.py).

Each signal arrives inside the transaction that records its fact: the log row is written in
it, and the delivery task is enqueued only when it commits (services.notification_queue).
"""

from notifications.models import Kind
from notifications.selectors import school_recipients
from notifications.services import notification_queue


def _queue_for_learner(kind: str, about: str, obj, *, student, school_id) -> None:
    """One message to the learner about `obj`, once: the key names kind, learner and object."""
    notification_queue(
        kind=kind,
        key=f"{kind}:{student.pk}:{about}-{obj.pk}",
        recipient=student,
        school_id=school_id,
        data={about: obj.pk},
    )


def order_paid_receiver(sender, order, **kwargs) -> None:
    _queue_for_learner(
        Kind.RECEIPT, "order", order, student=order.student, school_id=order.course.school_id
    )


def enrollment_created_receiver(sender, enrollment, **kwargs) -> None:
    _queue_for_learner(
        Kind.ENROLMENT,
        "enrollment",
        enrollment,
        student=enrollment.student,
        school_id=enrollment.course.school_id,
    )


def certificate_pending_receiver(sender, certificate, **kwargs) -> None:
    _queue_for_learner(
        Kind.CERTIFICATE_WAITING,
        "certificate",
        certificate,
        student=certificate.student,
        school_id=certificate.school_id,
    )


def certificate_issued_receiver(sender, certificate, **kwargs) -> None:
    _queue_for_learner(
        Kind.CERTIFICATE_ISSUED,
        "certificate",
        certificate,
        student=certificate.student,
        school_id=certificate.school_id,
    )


def external_credit_reviewed_receiver(sender, credit, **kwargs) -> None:
    # The decision travels in the data: the learner may edit the credit (sending it back for
    # review) before the worker sends the message, which must still say what was decided.
    notification_queue(
        kind=Kind.CREDIT_REVIEWED,
        key=f"credit_reviewed:{credit.learner_id}:credit-{credit.pk}:{credit.reviewed_at:%Y%m%d%H%M%S%f}",
        recipient=credit.learner,
        data={"credit": credit.pk, "status": credit.status, "reason": credit.review_reason},
    )


def _payment_alert(order, *, event: str) -> None:
    school = order.course.school
    if school is None:
        return
    for recipient, email in school_recipients(school_ids=[school.pk]).get(school.pk, []):
        notification_queue(
            kind=Kind.PAYMENT_ALERT,
            key=f"payment_alert:{recipient.pk if recipient else email}:order-{order.pk}:{event}",
            recipient=recipient,
            email=email,
            school=school,
            data={"order": order.pk, "event": event},
        )


def order_refunded_receiver(sender, order, full, **kwargs) -> None:
    # Each partial refund is its own fact (a new amount); a full one is sent once.
    event = "refunded" if full else f"partly-refunded-{order.amount_refunded}"
    _payment_alert(order, event=event)


def order_disputed_receiver(sender, order, **kwargs) -> None:
    _payment_alert(order, event="disputed")
