"""Every kind of e-mail, rendered as a mail client would show its HTML part: axe-core finds no
serious or critical issue (language, title, contrast of the school's colour, link text)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from certificates.models import Certificate
from commerce.models import Order
from notifications.messages import build_message
from notifications.models import Kind, Notification
from tests.certificates.issue_helpers import (
    approved_course,
    completed_enrollment,
    issue,
    provider_school,
)
from tests.factories import UserFactory
from tests.records.external_credit_helpers import add_credit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]
SERIOUS = ("serious", "critical")


def notifications(catalog):
    school = provider_school(signature=False, brand_colour="#FFD400", email_footer="Our footer")
    course = approved_course(catalog, school, price=Decimal("149.00"), title="Neck pain")
    enrollment = completed_enrollment(course, email="learner@example.com")
    certificate = issue(enrollment)
    order = Order.objects.create(
        student=enrollment.student,
        course=course,
        amount=Decimal("149.00"),
        currency="usd",
        status=Order.Status.PAID,
        paid_at=timezone.now(),
        amount_paid=Decimal("149.00"),
        amount_refunded=Decimal("149.00"),
    )
    learner, admin = enrollment.student, UserFactory(email="admin@example.com")
    today = timezone.localdate()
    cases = {
        Kind.RECEIPT: (learner, {"order": order.pk}),
        Kind.ENROLMENT: (learner, {"enrollment": enrollment.pk}),
        Kind.CERTIFICATE_WAITING: (learner, {"certificate": certificate.pk}),
        Kind.CERTIFICATE_ISSUED: (learner, {"certificate": certificate.pk}),
        Kind.INACTIVITY: (learner, {"enrollment": enrollment.pk, "days": 14}),
        Kind.RENEWAL: (
            learner,
            {
                "body": "FL-BMT",
                "body_name": "Florida Board of Massage Therapy",
                "cycle_end": (today + timedelta(days=30)).isoformat(),
                "days_left": 30,
                "done": "3.00",
                "required": "24.00",
                "missing": "21.00",
                "topics_missing": [["Ethics", "2.00"]],
            },
        ),
        Kind.REPORTS_DUE: (
            admin,
            {
                "body": "FL-BMT",
                "tracking_system": "CE Broker",
                "due_on": today.isoformat(),
                "days_left": 2,
                "count": 3,
            },
        ),
        Kind.PAYMENT_ALERT: (admin, {"order": order.pk, "event": "refunded"}),
        Kind.APPROVAL_EXPIRY: (
            admin,
            {
                "approval_kind": "provider",
                "body": "NCBTMB",
                "body_name": "NCBTMB",
                "number": "AP-1",
                "title": school.name,
                "expires_on": today.isoformat(),
                "days_left": 14,
            },
        ),
    }
    credit = add_credit(learner=learner, body_name="Ontario College")
    cases[Kind.CREDIT_REVIEWED] = (
        learner,
        {"credit": credit.pk, "status": "rejected", "reason": "The scan is unreadable."},
    )
    assert Certificate.objects.get(pk=certificate.pk).status == Certificate.Status.ISSUED
    return [
        Notification(kind=kind, key=kind, recipient=who, school=school, data=data)
        for kind, (who, data) in cases.items()
    ]


def test_every_email_kind_passes_axe(page, catalog, axe_js):
    problems = []
    for notification in notifications(catalog):
        html = build_message(notification).alternatives[0][0]
        page.set_content(html)
        page.add_script_tag(path=str(axe_js))
        violations = page.evaluate("async () => (await axe.run()).violations")
        problems += [
            f"{notification.kind}: [{v['impact']}] {v['id']}: {v['help']}"
            for v in violations
            if v["impact"] in SERIOUS
        ]
    assert not problems, "\n".join(problems)
