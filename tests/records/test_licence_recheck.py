"""The licence is checked again when the certificate is issued, for each board it claims that
reports to a tracking system: a failure leaves the certificate issued, tells the learner what
to correct, and holds that board's report back until the number is corrected."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from courses.models import AccreditingBody
from records.models import ReportItem
from records.report_runs import due_certificates
from tests.certificates.issue_helpers import (
    CE_DETAILS,
    approved_course,
    completed_enrollment,
    issue,
    provider_school,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalog):
    cache.clear()
    course = approved_course(catalog, provider_school())
    AccreditingBody.objects.filter(abbreviation="FL-BMT").update(
        tracking_system="CE Broker", region="FL"
    )
    return course


def issued(course, django_capture_on_commit_callbacks, **details):
    enrollment = completed_enrollment(course)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue(enrollment, details=CE_DETAILS | details)
    return certificate


def florida_item(certificate):
    return ReportItem.objects.filter(certificate=certificate, body__abbreviation="FL-BMT").first()


def test_a_licence_in_the_wrong_format_holds_the_report_back(
    client, course, django_capture_on_commit_callbacks
):
    certificate = issued(course, django_capture_on_commit_callbacks, licence_number="12345")
    item = florida_item(certificate)
    assert item.status == ReportItem.Status.REJECTED
    assert item.message.startswith("Florida Board of Massage Therapy licence numbers are MA")
    florida = AccreditingBody.objects.get(abbreviation="FL-BMT")
    assert not due_certificates(school=course.school, body=florida).exists()

    client.force_login(certificate.student)
    html = client.get(f"/certificates/course/{course.pk}/").content.decode()
    assert "Your credit cannot be reported yet." in html
    assert "licence numbers are MA followed by 4 to 7 digits" in html
    assert f'href="{reverse("accounts:profile")}"' in html

    student = certificate.student
    student.licence_number = "MA12345"
    student.save(update_fields=["licence_number"])
    assert florida_item(certificate).status == ReportItem.Status.CORRECTED
    assert due_certificates(school=course.school, body=florida).exists()
    html = client.get(f"/certificates/course/{course.pk}/").content.decode()
    assert "Your credit cannot be reported yet." not in html


def test_the_validation_service_refuses_an_unknown_licence(
    settings, fake_cebroker, course, django_capture_on_commit_callbacks
):
    settings.TRACKING_SYSTEMS = {
        "CE Broker": {
            "transport": "cebroker_xml",
            "url": fake_cebroker.url,
            "validation_url": fake_cebroker.validation_url,
            "timeout": 5,
        }
    }
    fake_cebroker.fake.unknown_licences.add("MA99999")
    certificate = issued(course, django_capture_on_commit_callbacks, licence_number="MA99999")
    assert certificate.status == certificate.Status.ISSUED
    assert florida_item(certificate).message == (
        "CE Broker has no Florida Board of Massage Therapy licence numbered MA99999. Check the "
        "number on your licence and enter it exactly as printed."
    )


def test_a_good_licence_and_a_board_without_tracking_hold_nothing_back(
    course, django_capture_on_commit_callbacks
):
    certificate = issued(course, django_capture_on_commit_callbacks)
    assert not ReportItem.objects.filter(certificate=certificate).exists()
