"""Builders for the tracking-system tests: many completions quickly, a school set up to report
to CE Broker, and the fake service's address."""

import secrets
from datetime import UTC, date, datetime, time
from decimal import Decimal

from accounts.models import User
from certificates.models import Certificate
from courses.models import CourseApproval, CourseType, Enrollment
from records import crypto
from records.models import TrackingCredential
from tests.factories import CoursePageFactory

PROVIDER = "50-1234"


def florida_snapshot(*, learner: str, course_number: str, provider: str = PROVIDER) -> dict:
    return {
        "learner": {"name": learner, "licence_number": "", "licensing_board": "FL-BMT"},
        "approvals": [
            {
                "body": "FL-BMT",
                "approval_number": course_number,
                "approved_title": "Neck Therapy",
                "ce_hours": "3.00",
                "categories": [],
            }
        ],
        "provider": {"approvals": [{"body": "FL-BMT", "provider_number": provider}]},
    }


def florida_course(*, catalog, school, body, number: str = "20-991"):
    course = CoursePageFactory(
        parent=catalog, school=school, title=f"Neck {number} {secrets.token_hex(2)}"
    )
    CourseApproval.objects.create(
        course=course,
        body=body,
        approved_title="Neck Therapy (Florida)",
        ce_hours=Decimal("3"),
        course_type=CourseType.HOME_STUDY,
        approval_number=number,
    )
    return course


def bulk_completions(
    *, course, count: int, licence=lambda i: f"MA{100000 + i}", completed_on=date(2026, 5, 20)
) -> list[Certificate]:
    """`count` issued completions of `course`, each by its own learner, in a few queries."""
    tag = secrets.token_hex(3)
    users = User.objects.bulk_create(
        [
            User(
                email=f"l{tag}-{i}@example.com",
                legal_name=f"Learner{i} Person{i}",
                licence_number=licence(i) or "",
                licensing_board="FL-BMT",
            )
            for i in range(count)
        ]
    )
    enrollments = Enrollment.objects.bulk_create(
        [Enrollment(student=u, course=course, source=Enrollment.Source.FREE) for u in users]
    )
    moment = datetime.combine(completed_on, time(12), tzinfo=UTC)
    number = course.approvals.get().approval_number
    return Certificate.objects.bulk_create(
        [
            Certificate(
                enrollment=e,
                student=e.student,
                course=course,
                school=course.school,
                status=Certificate.Status.ISSUED,
                number=f"T-{tag}-{i}",
                verify_code=f"v{tag}{i}",
                completed_at=moment,
                issued_at=moment,
                ce_hours=Decimal("3"),
                snapshot=florida_snapshot(learner=e.student.legal_name, course_number=number),
            )
            for i, e in enumerate(enrollments)
        ]
    )


def cebroker_credential(*, school, url: str, transport=TrackingCredential.Transport.CEBROKER_XML):
    return TrackingCredential.objects.create(
        school=school,
        tracking_system="CE Broker",
        transport=transport,
        provider_id=PROVIDER,
        username="gulf-school",
        secret_encrypted=crypto.encrypt("s3cret-pass"),
        secret_hint=crypto.hint("s3cret-pass"),
        endpoint_url=url,
    )
