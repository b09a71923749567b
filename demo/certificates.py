"""The demo learner's issued certificate, so a newcomer sees the whole journey at once.

Runs on courses' `demo_loaded` signal after the demo learner has finished their course;
goes through the real services (evaluation, confirmation, issue, PDF task), so the demo
certificate is exactly what a learner would get.
"""

from django.conf import settings
from django.urls import reverse

from certificates.evaluation import QUESTION_KEYS
from certificates.models import Certificate
from certificates.services import certificate_issue, course_evaluation_submit
from courses.models import Enrollment
from demo.courses import nmt_course
from demo.courses.loader import DEMO_USERS

DEMO_COMMENTS = "Clear lessons and a fair final assessment. (A demonstration evaluation.)"


def demo_certificate_load(*, report) -> None:
    enrollment = (
        Enrollment.objects.select_related("student", "course")
        .filter(
            course__slug=nmt_course.COURSE["slug"],
            student__email=DEMO_USERS["student"]["email"],
            completed_at__isnull=False,
        )
        .first()
    )
    # The completion started the pending certificate (completion/services.py).
    certificate = Certificate.objects.filter(enrollment=enrollment).first() if enrollment else None
    if certificate is None:
        return
    if certificate.status == Certificate.Status.PENDING:
        course_evaluation_submit(
            enrollment=enrollment,
            ratings=dict.fromkeys(QUESTION_KEYS, 5),
            comments=DEMO_COMMENTS,
        )
        certificate = certificate_issue(certificate=certificate, confirmed_by=enrollment.student)
        report.created.append(f"certificate: {certificate.number}")
    path = reverse("certificates:verify", args=[certificate.verify_code])
    report.links["Demo certificate (verify page)"] = settings.SITE_URL + path
