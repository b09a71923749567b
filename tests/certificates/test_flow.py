"""The learner's way to a certificate: evaluate, confirm the details, wait, download."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates import forms as certificate_forms
from certificates import services
from certificates.evaluation import QUESTIONS, RATING_REQUIRED
from certificates.models import Certificate, CourseEvaluation
from courses.models import Enrollment
from tests.certificates.issue_helpers import (
    CE_DETAILS,
    GOOD_RATINGS,
    approved_course,
    completed_enrollment,
    issue,
    provider_school,
)
from tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalog):
    return approved_course(catalog, provider_school(signature=False))


@pytest.fixture
def enrollment(course):
    return completed_enrollment(course, legal_name="Maria Okafor", licensing_board="FL")


def page_url(course):
    return reverse("certificates:course", args=[course.pk])


def test_evaluation_then_confirmation_then_download(
    client, course, enrollment, django_capture_on_commit_callbacks
):
    client.force_login(enrollment.student)

    # Step 1: the evaluation (the pending certificate exists since completion).
    response = client.get(page_url(course))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Step 1 of 2" in html and QUESTIONS[0][1] in html
    incomplete = client.post(
        reverse("certificates:evaluation", args=[course.pk]), {"objectives_met": "5"}
    )
    assert incomplete.status_code == 400
    assert RATING_REQUIRED in incomplete.content.decode()
    assert not CourseEvaluation.objects.exists()
    response = client.post(
        reverse("certificates:evaluation", args=[course.pk]),
        {**{key: str(value) for key, value in GOOD_RATINGS.items()}, "comments": "Great."},
    )
    assert response.status_code == 302
    assert CourseEvaluation.objects.get(enrollment=enrollment).comments == "Great."

    # Step 2: the details, prefilled from the profile.
    html = client.get(page_url(course)).content.decode()
    assert "Step 2 of 2" in html and 'value="Maria Okafor"' in html
    confirm_url = reverse("certificates:confirm", args=[course.pk])
    missing = client.post(confirm_url, {**CE_DETAILS, "licence_number": "", "confirm": "on"})
    assert missing.status_code == 400
    assert certificate_forms.LICENCE_NUMBER_REQUIRED in missing.content.decode()
    unconfirmed = client.post(confirm_url, CE_DETAILS)
    assert certificate_forms.CONFIRM_REQUIRED in unconfirmed.content.decode()
    assert Certificate.objects.get().status == Certificate.Status.PENDING

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(confirm_url, {**CE_DETAILS, "confirm": "on"})
    assert response.status_code == 302
    certificate = Certificate.objects.get()
    assert certificate.status == Certificate.Status.ISSUED
    enrollment.student.refresh_from_db()
    assert enrollment.student.licence_number == "MA98765"
    assert enrollment.student.legal_name == "Maria Elena Okafor"

    # Issued, PDF not rendered yet: "being prepared", refreshing itself.
    html = client.get(page_url(course)).content.decode()
    assert "being prepared" in html and 'http-equiv="refresh"' in html
    download_url = reverse("certificates:download", args=[certificate.number])
    assert client.get(download_url).url == page_url(course)

    for callback in callbacks:
        callback()  # the render task
    html = client.get(page_url(course)).content.decode()
    assert download_url in html and 'http-equiv="refresh"' not in html
    response = client.get(download_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'attachment; filename="{certificate.number}.pdf"' == response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_course_without_evaluation_goes_straight_to_confirmation(client, catalog):
    course = approved_course(
        catalog, provider_school(signature=False, slug="s2", name="S2"), requires_evaluation=False
    )
    enrollment = completed_enrollment(course)
    client.force_login(enrollment.student)
    html = client.get(page_url(course)).content.decode()
    assert "Confirm the details" in html and "Step 1 of 2" not in html
    response = client.post(
        reverse("certificates:confirm", args=[course.pk]), {**CE_DETAILS, "confirm": "on"}
    )
    assert response.status_code == 302
    assert Certificate.objects.get().is_valid


def test_the_evaluation_step_cannot_be_skipped_by_posting_the_details(client, course, enrollment):
    client.force_login(enrollment.student)
    response = client.post(
        reverse("certificates:confirm", args=[course.pk]), {**CE_DETAILS, "confirm": "on"}
    )
    assert response.status_code == 400
    assert Certificate.objects.get().status == Certificate.Status.PENDING


def test_before_completion_the_page_says_what_is_left(client, course):
    enrollment = EnrollmentFactory(course=course)
    client.force_login(enrollment.student)
    response = client.get(page_url(course))
    assert response.status_code == 200
    assert "becomes available when you complete the course" in response.content.decode()
    assert not Certificate.objects.exists()
    assert client.post(reverse("certificates:evaluation", args=[course.pk])).status_code == 404


def test_a_lost_completion_signal_is_made_up_for_by_the_page(client, course, enrollment):
    assert not Certificate.objects.exists()  # the helper does not send the signal
    client.force_login(enrollment.student)
    assert "Step 1 of 2" in client.get(page_url(course)).content.decode()
    assert Certificate.objects.get().status == Certificate.Status.PENDING


def test_a_revoked_certificate_shows_the_reason_to_its_owner(client, course, enrollment):
    from certificates import services

    certificate = issue(enrollment)
    services.certificate_revoke(certificate=certificate, reason="Payment refunded")
    client.force_login(enrollment.student)
    html = client.get(page_url(course)).content.decode()
    assert "was revoked" in html and "Payment refunded" in html
    download = client.get(reverse("certificates:download", args=[certificate.number]))
    assert download.status_code == 302  # back to the page that explains why


def test_a_withdrawn_enrolment_cannot_claim(client, course, enrollment):
    from certificates import services

    services.certificate_create_pending(enrollment=enrollment)
    Enrollment.objects.filter(pk=enrollment.pk).update(
        status=Enrollment.Status.SUSPENDED, status_reason="Payment disputed"
    )
    client.force_login(enrollment.student)
    html = client.get(page_url(course)).content.decode()
    assert "Payment disputed" in html and "Issue my certificate" not in html


def test_my_courses_links_to_the_certificate_once_complete(client, course, enrollment):
    client.force_login(enrollment.student)
    html = client.get(reverse("courses:my_courses")).content.decode()
    assert page_url(course) in html


def pdf_tasks(callbacks) -> list:
    return [c for c in callbacks if c.__qualname__.startswith("_enqueue_pdf.")]


def test_a_pdf_task_lost_after_issue_is_queued_again_by_the_learners_page(
    client, course, django_capture_on_commit_callbacks
):
    """The process died between the issue's commit and the enqueue: the waiting page, which
    polls, queues the render again once the PDF is overdue, and only once per interval."""
    enrollment = completed_enrollment(course)
    with django_capture_on_commit_callbacks(execute=False):  # the enqueue is lost
        certificate = issue(enrollment)
    assert not certificate.pdf
    client.force_login(enrollment.student)

    with django_capture_on_commit_callbacks(execute=False) as fresh:
        assert "being prepared" in client.get(page_url(course)).content.decode()
    assert pdf_tasks(fresh) == []  # just issued: the worker is given its time

    Certificate.objects.filter(pk=certificate.pk).update(
        issued_at=timezone.now() - services.PDF_REQUEUE_AFTER - timedelta(seconds=1)
    )
    with django_capture_on_commit_callbacks(execute=True) as requeued:
        assert "being prepared" in client.get(page_url(course)).content.decode()
    assert len(pdf_tasks(requeued)) == 1
    with django_capture_on_commit_callbacks(execute=False) as again:
        client.get(page_url(course))
    assert pdf_tasks(again) == []  # the PDF exists now; nothing more is queued
    certificate.refresh_from_db()
    assert certificate.pdf and "being prepared" not in client.get(page_url(course)).content.decode()
