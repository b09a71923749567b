"""Certificates as the issuing service leaves them, for tests that read or display them."""

import secrets
from decimal import Decimal

import factory
from django.utils import timezone

from certificates.models import Certificate, CertificateKind
from courses.models import Enrollment


def example_snapshot(certificate: Certificate) -> dict:
    """The frozen values an issued certificate prints (see certificates/snapshot.py)."""
    student, course = certificate.student, certificate.course
    school = certificate.school
    return {
        "schema": 1,
        "number": certificate.number,
        "kind": certificate.kind,
        "kind_label": certificate.get_kind_display(),
        "learner": {
            "name": student.legal_name or student.email,
            "licence_number": student.licence_number,
            "licensing_board": student.licensing_board,
            "email": student.email,
        },
        "course": {
            "id": course.pk,
            "title": course.title,
            "revision_id": None,
            "ce_hours": str(course.ce_hours),
            "course_type": "home_study",
            "course_type_label": "Home Study",
        },
        "approvals": [
            {
                "body": "NCBTMB",
                "body_name": "National Certification Board for Therapeutic Massage & Bodywork",
                "approval_number": "NCB-1234",
                "approved_title": course.title,
                "ce_hours": str(course.ce_hours),
                "course_type": "home_study",
                "course_type_label": "Home Study",
                "categories": [],
                "expires_on": None,
            }
        ],
        "provider": {
            "name": school.name if school else "NMT Academy",
            "address": school.address if school else "",
            "email": school.email if school else "",
            "website": school.website if school else "",
            "approvals": [{"body": "NCBTMB", "provider_number": "AP-1000"}],
            "administrator": {"name": "Ada Admin", "title": "Director", "signature": ""},
        },
        "instructors": [{"name": "Ian Instructor", "credentials": "LMT", "signature": ""}],
        "completed_on": certificate.completed_at.date().isoformat(),
        "issued_on": certificate.issued_at.date().isoformat() if certificate.issued_at else None,
        "verify_url": f"http://testserver/certificates/verify/{certificate.verify_code}/",
        "score_percent": "90.0",
    }


class CertificateFactory(factory.django.DjangoModelFactory):
    """An issued certificate for an active enrolment (pass `enrollment=`, or one is made)."""

    class Meta:
        model = Certificate

    enrollment = factory.LazyFunction(lambda: None)
    status = Certificate.Status.ISSUED
    kind = CertificateKind.ACHIEVEMENT
    number = factory.Sequence(lambda n: f"TEST-{timezone.now():%Y}-{n + 1:06d}")
    verify_code = factory.LazyFunction(lambda: secrets.token_urlsafe(16))
    completed_at = factory.LazyFunction(timezone.now)
    issued_at = factory.LazyFunction(timezone.now)
    ce_hours = Decimal("1.00")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        enrollment: Enrollment = kwargs["enrollment"]
        kwargs.setdefault("student", enrollment.student)
        kwargs.setdefault("course", enrollment.course)
        kwargs.setdefault("school", enrollment.course.school)
        certificate = model_class(*args, **kwargs)
        if not certificate.snapshot:
            certificate.snapshot = example_snapshot(certificate)
        certificate.save()
        return certificate
