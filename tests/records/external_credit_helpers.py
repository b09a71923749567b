"""Builders for the tests of credit earned elsewhere."""

from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from records.external_credit.services import external_credit_add
from schools.models import SchoolMembership
from tests.factories import (
    CoursePageFactory,
    EnrollmentFactory,
    SchoolFactory,
    SchoolMembershipFactory,
    UserFactory,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def pdf(name: str = "certificate.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def add_credit(*, learner, hours: str = "2", completed_on: date = date(2026, 3, 1), body=None,
               body_name: str = "", topics=(), title: str = "Cupping basics",
               provider: str = "Elsewhere Institute", submission_key: str = ""):  # fmt: skip
    return external_credit_add(
        learner=learner,
        provider_name=provider,
        course_title=title,
        body=body,
        body_name=body_name,
        hours=Decimal(hours),
        topics=topics,
        completed_on=completed_on,
        certificate=pdf(),
        submission_key=submission_key,
    )


def enrolled_school(*, learner, catalog):
    """(school, its admin) for a school `learner` enrolled with: its admin may review them."""
    school = SchoolFactory()
    EnrollmentFactory(student=learner, course=CoursePageFactory(parent=catalog, school=school))
    admin = UserFactory()
    SchoolMembershipFactory(school=school, user=admin, role=SchoolMembership.Role.ADMIN)
    return school, admin
