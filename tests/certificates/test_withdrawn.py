"""A refund, a dispute or a staff revocation of the enrolment revokes its certificate."""

import pytest
from django.urls import reverse

from certificates.models import Certificate, CertificateEvent
from courses.models import Enrollment
from courses.services.enrollments import enrollment_revoke, enrollment_suspend
from courses.signals import enrollment_withdrawn
from tests.certificates.issue_helpers import (
    approved_course,
    completed_enrollment,
    issue,
    provider_school,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalog):
    return approved_course(catalog, provider_school(signature=False))


def test_refund_revokes_the_issued_certificate(client, course, django_capture_on_commit_callbacks):
    enrollment = completed_enrollment(course)
    certificate = issue(enrollment)
    with django_capture_on_commit_callbacks(execute=True):
        enrollment_revoke(enrollment=enrollment, reason="Refunded in full")

    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    assert certificate.revoked_reason == "Refunded in full"
    event = certificate.events.get(action="revoked")
    assert event.actor is None and event.data == {"status": "issued"}

    html = client.get(reverse("certificates:verify", args=[certificate.verify_code])).content
    assert b"Revoked" in html and b"Refunded in full" in html


def test_a_dispute_revokes_it_too(course, django_capture_on_commit_callbacks):
    enrollment = completed_enrollment(course)
    certificate = issue(enrollment)
    with django_capture_on_commit_callbacks(execute=True):
        enrollment_suspend(enrollment=enrollment, reason="Payment disputed")
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    assert certificate.revoked_reason == "Payment disputed"


def test_a_pending_certificate_is_revoked_before_it_is_ever_issued(
    client, course, django_capture_on_commit_callbacks
):
    enrollment = completed_enrollment(course)
    from certificates import services

    pending = services.certificate_create_pending(enrollment=enrollment)
    with django_capture_on_commit_callbacks(execute=True):
        enrollment_revoke(enrollment=enrollment, reason="Refunded")
    pending.refresh_from_db()
    assert pending.status == Certificate.Status.REVOKED and pending.number is None
    client.force_login(enrollment.student)
    html = client.get(reverse("certificates:course", args=[course.pk])).content.decode()
    assert "was revoked" in html and "Refunded" in html


def test_the_signal_arriving_twice_revokes_once(course):
    enrollment = completed_enrollment(course)
    certificate = issue(enrollment)
    Enrollment.objects.filter(pk=enrollment.pk).update(status=Enrollment.Status.REVOKED)
    for _ in range(2):
        enrollment_withdrawn.send(sender=Enrollment, enrollment=enrollment, reason="Refunded")
    assert CertificateEvent.objects.filter(certificate=certificate, action="revoked").count() == 1


def test_withdrawing_an_enrolment_without_a_certificate_does_nothing(course):
    enrollment = completed_enrollment(course)
    enrollment_withdrawn.send(sender=Enrollment, enrollment=enrollment, reason="Refunded")
    assert not Certificate.objects.exists()
