"""Every value a certificate prints, gathered once at issue and frozen in `Certificate.snapshot`.

Titles, hours, types and numbers come from the course's approvals by each accrediting body,
never from the course page: boards reject certificates that differ from what they approved.
Images (signatures, logo, QR code) are embedded as data URIs so that the PDF needs no files.
The shape is the one in tests/certificates/factories.py `example_snapshot` (keys may be added,
never renamed): designs written by schools depend on it.
"""

import base64
import logging
from datetime import date, datetime
from email.utils import parseaddr

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from certificates.board_rules import approval_standings
from certificates.models import Certificate, CertificateKind
from cms.qr import qr_data_uri
from cms.text import ce_hours_label
from courses.models import CoursePage, CourseType, CourseVersion
from quizzes.models import QuizKind, QuizPage
from quizzes.results import quiz_grade_for
from schools.models import School

logger = logging.getLogger(__name__)

SCHEMA = 1
SIGNATURE_SPEC = "max-480x160|format-png"
LOGO_SPEC = "max-480x200|format-png"


# --- Labels: how a value is printed --------------------------------------------------------


def hours_label(hours) -> str:
    """ "1 CE hour", "2.5 CE hours": clock hours, never written as CEUs (cms/text.py)."""
    return ce_hours_label(hours)


def date_label(iso: str | None) -> str:
    if not iso:
        return ""
    day = date.fromisoformat(iso[:10])
    return f"{day:%B} {day.day}, {day.year}"


def course_type_label(value: str) -> str:
    try:
        return CourseType(value).label
    except ValueError:
        return value


def display_context(snapshot: dict) -> dict:
    """The snapshot with every printable label present, for designs and pages.

    Snapshots carry their labels already; this fills them in for older or hand-made ones
    without changing the stored snapshot.
    """
    context = dict(snapshot)
    course = dict(context.get("course") or {})
    course.setdefault("ce_hours_label", hours_label(course.get("ce_hours")))
    course.setdefault("course_type_label", course_type_label(course.get("course_type", "")))
    context["course"] = course
    approvals = []
    for approval in context.get("approvals") or []:
        approval = dict(approval)
        approval.setdefault("ce_hours_label", hours_label(approval.get("ce_hours")))
        approval.setdefault("course_type_label", course_type_label(approval.get("course_type", "")))
        approvals.append(approval)
    context["approvals"] = approvals
    context.setdefault("completed_on_label", date_label(context.get("completed_on")))
    context.setdefault("issued_on_label", date_label(context.get("issued_on")))
    if "qr_code" not in context:
        context["qr_code"] = qr_data_uri(context["verify_url"]) if context.get("verify_url") else ""
    return context


# --- Gathering ------------------------------------------------------------------------------


def verify_url(code: str) -> str:
    return settings.SITE_URL + reverse("certificates:verify", args=[code])


def image_data_uri(image, spec: str) -> str:
    """A small PNG rendition of a Wagtail image as a data URI; "" if the file is unreadable."""
    if image is None:
        return ""
    try:
        rendition = image.get_rendition(spec)
        with rendition.file.open("rb") as handle:
            data = handle.read()
    except OSError:
        logger.warning("Certificate image %s could not be read", image.pk, exc_info=True)
        return ""
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def _approvals(certificate: Certificate, *, on: date) -> tuple[list[dict], list[dict]]:
    """(claimed, withheld): the approvals the learner earned credit with among their chosen
    boards, in force on `on` (the completion day), each with its own body's values, and the
    chosen ones whose own rules (pass mark, post-test, evaluation) are not met yet, with what
    is missing. A certificate never claims an approval that had expired, or was not yet
    granted, when the learner finished."""
    standings = approval_standings(enrollment=certificate.enrollment, on=on)
    claimed = [_approval_values(s.approval) for s in standings if s.earned]
    withheld = [
        {
            "body": s.body.abbreviation,
            "body_name": s.body.name,
            "approval_number": s.approval.approval_number,
            "missing": s.missing,
        }
        for s in standings
        if not s.earned
    ]
    return claimed, withheld


def _approval_values(approval) -> dict:
    return {
        "body": approval.body.abbreviation,
        "body_name": approval.body.name,
        "approval_number": approval.approval_number,
        "approved_title": approval.approved_title,
        "ce_hours": str(approval.ce_hours),
        "ce_hours_label": hours_label(approval.ce_hours),
        "course_type": approval.course_type,
        "course_type_label": approval.get_course_type_display(),
        "credit_type": approval.credit_type,
        "credit_type_label": approval.get_credit_type_display(),
        "categories": [category.name for category in approval.categories.all()],
        "subject_areas": [
            {"code": area.code, "name": area.name, "hours": str(area.hours)}
            for area in approval.subject_areas.all()
        ],
        "expires_on": approval.expires_on.isoformat() if approval.expires_on else None,
    }


def platform_provider() -> dict:
    return {
        "name": settings.WAGTAIL_SITE_NAME,
        "address": "",
        "email": parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
        "website": settings.SITE_URL,
        "logo": "",
        "approvals": [],
        "administrator": {"name": "", "title": "", "signature": ""},
    }


def provider_snapshot(school: School | None) -> dict:
    if school is None:
        return platform_provider()
    approvals = school.approvals.select_related("body").order_by("body__name", "pk")
    return {
        "name": school.name,
        "address": school.address,
        "email": school.email,
        "website": school.website,
        "logo": image_data_uri(school.logo, LOGO_SPEC),
        "approvals": [
            {
                "body": approval.body.abbreviation,
                "body_name": approval.body.name,
                "provider_number": approval.provider_number,
                "expires_on": approval.expires_on.isoformat() if approval.expires_on else None,
            }
            for approval in approvals
        ],
        "administrator": {
            "name": school.administrator_name,
            "title": school.administrator_title,
            "signature": image_data_uri(school.administrator_signature, SIGNATURE_SPEC),
        },
    }


def _instructors(course: CoursePage) -> list[dict]:
    return [
        {
            "name": instructor.name,
            "credentials": instructor.credentials,
            "signature": image_data_uri(instructor.signature, SIGNATURE_SPEC),
        }
        for instructor in course.instructors.select_related("signature").order_by("name", "pk")
    ]


def final_assessment_score(*, course: CoursePage, student) -> str | None:
    """The learner's grade on the course's final assessment, as a percentage, if it has one."""
    quiz = (
        QuizPage.objects.live()
        .descendant_of(course)
        .filter(kind=QuizKind.FINAL_ASSESSMENT)
        .order_by("path")
        .first()
    )
    if quiz is None:
        return None
    grade = quiz_grade_for(quiz=quiz, user=student)
    return None if grade is None else f"{grade * 100:.1f}"


def certificate_kind(course: CoursePage) -> str:
    """Achievement when the learner had to pass a graded test; completion otherwise."""
    graded = (
        QuizPage.objects.live().descendant_of(course).filter(required_for_completion=True).exists()
    )
    return CertificateKind.ACHIEVEMENT if graded else CertificateKind.COMPLETION


def _iso_date(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return timezone.localdate(moment).isoformat()


def _course_version(certificate: Certificate) -> int | None:
    """The number of the course version the learner completed (the one live at completion)."""
    numbers = CourseVersion.objects.filter(course_id=certificate.course_id)
    if certificate.course_revision_id:
        numbers = numbers.filter(revision_id=certificate.course_revision_id)
    return numbers.order_by("-number").values_list("number", flat=True).first()


def build_snapshot(*, certificate: Certificate) -> dict:
    """Gather the certificate's printed values from the current course, school and learner."""
    course = CoursePage.objects.get(pk=certificate.course_id)
    student = certificate.student
    completed_day = (
        timezone.localdate(certificate.completed_at)
        if certificate.completed_at
        else timezone.localdate()
    )
    approvals, withheld = _approvals(certificate, on=completed_day)
    primary = approvals[0] if approvals else None
    ce_hours = primary["ce_hours"] if primary else str(course.ce_hours)
    course_type = primary["course_type"] if primary else CourseType.HOME_STUDY
    url = verify_url(certificate.verify_code)
    completed_on = _iso_date(certificate.completed_at)
    issued_on = _iso_date(certificate.issued_at)
    return {
        "schema": SCHEMA,
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
            "title": primary["approved_title"] if primary else course.title,
            "page_title": course.title,
            "revision_id": certificate.course_revision_id,
            "version": _course_version(certificate),
            "ce_hours": ce_hours,
            "ce_hours_label": hours_label(ce_hours),
            "course_type": course_type,
            "course_type_label": course_type_label(course_type),
        },
        "approvals": approvals,
        "credit_withheld": withheld,
        "provider": provider_snapshot(certificate.school),
        "instructors": _instructors(course),
        "completed_on": completed_on,
        "completed_on_label": date_label(completed_on),
        "issued_on": issued_on,
        "issued_on_label": date_label(issued_on),
        "verify_url": url,
        "qr_code": qr_data_uri(url),
        "score_percent": final_assessment_score(course=course, student=student),
    }


def sample_snapshot(*, school: School | None) -> dict:
    """A made-up learner and course with the school's real provider details: design previews."""
    today = timezone.localdate().isoformat()
    url = settings.SITE_URL + reverse("certificates:verify", args=["SAMPLE-PREVIEW"])
    approvals = [
        {
            "body": "NCBTMB",
            "body_name": "National Certification Board for Therapeutic Massage & Bodywork",
            "approval_number": "SAMPLE-1234",
            "approved_title": "Trigger Points of the Neck and Shoulder",
            "ce_hours": "3.00",
            "ce_hours_label": hours_label("3.00"),
            "course_type": CourseType.HOME_STUDY,
            "course_type_label": CourseType.HOME_STUDY.label,
            "categories": [],
            "expires_on": None,
        }
    ]
    return {
        "schema": SCHEMA,
        "number": "SAMPLE-0000-000000",
        "kind": CertificateKind.ACHIEVEMENT,
        "kind_label": CertificateKind.ACHIEVEMENT.label,
        "learner": {
            "name": "Jordan Sample",
            "licence_number": "MA00000",
            "licensing_board": "Sample State Board of Massage Therapy",
            "email": "jordan@example.com",
        },
        "course": {
            "id": None,
            "title": approvals[0]["approved_title"],
            "page_title": approvals[0]["approved_title"],
            "revision_id": None,
            "version": 3,
            "ce_hours": "3.00",
            "ce_hours_label": hours_label("3.00"),
            "course_type": CourseType.HOME_STUDY,
            "course_type_label": CourseType.HOME_STUDY.label,
        },
        "approvals": approvals,
        "provider": provider_snapshot(school),
        "instructors": [{"name": "Sam Instructor", "credentials": "LMT", "signature": ""}],
        "completed_on": today,
        "completed_on_label": date_label(today),
        "issued_on": today,
        "issued_on_label": date_label(today),
        "verify_url": url,
        "qr_code": qr_data_uri(url),
        "score_percent": "92.0",
        "sample": True,
    }
