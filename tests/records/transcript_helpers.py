"""Builders shared by the transcript, completions, register and evaluation tests."""

import csv
import io
from datetime import UTC, date, datetime, time
from decimal import Decimal

from certificates.models import Certificate, CourseEvaluation
from courses.models import AccreditingBody, CETopicCategory, TopicRequirement
from tests.certificates.factories import CertificateFactory
from tests.factories import CoursePageFactory, EnrollmentFactory, UserFactory

NCBTMB = "National Certification Board for Therapeutic Massage & Bodywork"


def approval(
    body: str = "NCBTMB",
    hours: str = "3.00",
    *,
    number: str = "NCB-1234",
    title: str = "Trigger Points of the Neck",
    categories: tuple[str, ...] = (),
    body_name: str = "",
) -> dict:
    """One entry of a snapshot's "approvals", as the issuing service writes it."""
    return {
        "body": body,
        "body_name": body_name or body,
        "approval_number": number,
        "approved_title": title,
        "ce_hours": hours,
        "course_type": "home_study",
        "course_type_label": "Home Study",
        "categories": list(categories),
        "expires_on": None,
    }


def at(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def make_certificate(
    *,
    student,
    course=None,
    catalog=None,
    approvals: list[dict] | None = None,
    completed_on: date = date(2026, 3, 1),
    issued_on: date | None = None,
    status: str = Certificate.Status.ISSUED,
    providers: list[dict] | None = None,
    **fields,
) -> Certificate:
    """An issued (or revoked, or pending) certificate with the approvals its snapshot lists."""
    course = course or CoursePageFactory(parent=catalog)
    enrollment = EnrollmentFactory(student=student, course=course)
    if status == Certificate.Status.REVOKED:
        fields.setdefault("revoked_at", at(completed_on))
        fields.setdefault("revoked_reason", "Refunded")
    if status == Certificate.Status.PENDING:
        fields.update(number=None, issued_at=None)
    else:
        fields.setdefault("issued_at", at(issued_on or completed_on))
    certificate = CertificateFactory(
        enrollment=enrollment, status=status, completed_at=at(completed_on), **fields
    )
    snapshot = dict(certificate.snapshot)
    if approvals is not None:
        snapshot["approvals"] = approvals
    if providers is not None:
        snapshot["provider"] = {**snapshot["provider"], "approvals": providers}
    snapshot["completed_on"] = completed_on.isoformat()
    certificate.snapshot = snapshot
    certificate.save(update_fields=["snapshot"])
    return certificate


def florida_board(*, required: str = "24", months: int = 24) -> AccreditingBody:
    """A state board with two required topics: ethics 2 h and laws and rules 2 h."""
    body = AccreditingBody.objects.create(
        name="Florida Board of Massage Therapy",
        abbreviation="FL-BMT",
        kind=AccreditingBody.Kind.STATE_BOARD,
        region="FL",
        tracking_system="CE Broker",
        renewal_cycle_months=months,
        required_hours=Decimal(required),
    )
    ethics = CETopicCategory.objects.create(name="Professional ethics", slug="ethics")
    laws = CETopicCategory.objects.create(name="Florida laws and rules", slug="laws")
    TopicRequirement.objects.create(body=body, category=ethics, hours=Decimal("2"))
    TopicRequirement.objects.create(body=body, category=laws, hours=Decimal("2"))
    return body


def ncbtmb() -> AccreditingBody:
    return AccreditingBody.objects.create(name=NCBTMB, abbreviation="NCBTMB")


def make_evaluation(*, course, ratings: dict, comments: str = "", student=None):
    enrollment = EnrollmentFactory(student=student or UserFactory(), course=course)
    return CourseEvaluation.objects.create(
        enrollment=enrollment, course=course, ratings=ratings, comments=comments
    )


def read_csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))
