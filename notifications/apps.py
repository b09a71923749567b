"""E-mail to learners and schools: the facts the apps below announce, and the daily reminders."""

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from certificates.models import Certificate
        from certificates.signals import certificate_issued, certificate_pending
        from commerce.models import Order
        from commerce.signals import order_disputed, order_paid, order_refunded
        from courses.models import Enrollment
        from courses.signals import enrollment_created
        from notifications import receivers
        from records.external_credit.models import ExternalCredit
        from records.external_credit.signals import external_credit_reviewed

        connections = [
            (order_paid, Order, receivers.order_paid_receiver),
            (order_refunded, Order, receivers.order_refunded_receiver),
            (order_disputed, Order, receivers.order_disputed_receiver),
            (enrollment_created, Enrollment, receivers.enrollment_created_receiver),
            (certificate_pending, Certificate, receivers.certificate_pending_receiver),
            (certificate_issued, Certificate, receivers.certificate_issued_receiver),
            (external_credit_reviewed, ExternalCredit, receivers.external_credit_reviewed_receiver),
        ]
        for signal, sender, receiver in connections:
            signal.connect(
                receiver, sender=sender, dispatch_uid=f"notifications.{receiver.__name__}"
            )
