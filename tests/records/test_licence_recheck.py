"""The licence is checked again when the certificate is issued, for each board it claims that
reports to a tracking system: a failure leaves the certificate issued, tells the learner what
to correct, and holds that board's report back until the number is corrected."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from certificates.services import certificate_reissue, course_evaluation_submit
from certificates.signals import certificate_boards_added
from courses.models import AccreditingBody, CourseApproval
from records.licence_recheck import certificate_licence_recheck
from records.models import ReportItem
from records.report_runs import due_certificates
from tests.certificates.issue_helpers import (
    CE_DETAILS,
    GOOD_RATINGS,
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


@pytest.fixture
def florida_after_evaluation(catalog):
    """A course whose Florida credit waits for the course evaluation (FL-BMT reports to CE
    Broker); NCBTMB's does not."""
    cache.clear()
    course = approved_course(catalog, provider_school(), requires_evaluation=False)
    CourseApproval.objects.filter(course=course, body__abbreviation="FL-BMT").update(
        requires_evaluation=True
    )
    AccreditingBody.objects.filter(abbreviation="FL-BMT").update(
        tracking_system="CE Broker", region="FL"
    )
    return course


def claimed(certificate) -> set[str]:
    certificate.refresh_from_db()
    return {a["body"] for a in certificate.snapshot["approvals"]}


def test_a_board_added_by_a_reissue_has_the_licence_checked_as_on_issue(
    florida_after_evaluation, django_capture_on_commit_callbacks
):
    enrollment = completed_enrollment(florida_after_evaluation)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue(enrollment, details=CE_DETAILS | {"licence_number": "12345"},
                            evaluate=False)  # fmt: skip
    assert claimed(certificate) == {"NCBTMB"}
    assert florida_item(certificate) is None  # Florida not claimed: nothing checked for it

    with django_capture_on_commit_callbacks(execute=True):
        course_evaluation_submit(enrollment=enrollment, ratings=GOOD_RATINGS)

    assert claimed(certificate) == {"FL-BMT", "NCBTMB"}
    item = florida_item(certificate)
    assert item.status == ReportItem.Status.REJECTED
    assert item.message.startswith("Florida Board of Massage Therapy licence numbers are MA")
    florida = AccreditingBody.objects.get(abbreviation="FL-BMT")
    assert not due_certificates(school=florida_after_evaluation.school, body=florida).exists()


def test_a_board_added_with_a_good_licence_is_reported_as_usual(
    florida_after_evaluation, django_capture_on_commit_callbacks
):
    enrollment = completed_enrollment(florida_after_evaluation)
    certificate = issue(enrollment, evaluate=False)
    with django_capture_on_commit_callbacks(execute=True):
        course_evaluation_submit(enrollment=enrollment, ratings=GOOD_RATINGS)
    assert claimed(certificate) == {"FL-BMT", "NCBTMB"}
    assert florida_item(certificate) is None
    florida = AccreditingBody.objects.get(abbreviation="FL-BMT")
    assert due_certificates(school=florida_after_evaluation.school, body=florida).exists()


def test_a_reissue_that_adds_no_board_checks_nothing_again(
    course, django_capture_on_commit_callbacks
):
    certificate = issued(course, django_capture_on_commit_callbacks)
    certificate.student.licence_number = "12345"
    certificate.student.save(update_fields=["licence_number"])
    boards_added = []
    certificate_boards_added.connect(receiver := lambda **kw: boards_added.append(kw["bodies"]))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            certificate_reissue(certificate=certificate, reason="Name corrected", actor=None)
    finally:
        certificate_boards_added.disconnect(receiver)
    assert boards_added == []
    assert florida_item(certificate) is None


def test_the_recheck_for_added_boards_leaves_the_others_alone(
    course, django_capture_on_commit_callbacks
):
    certificate = issued(course, django_capture_on_commit_callbacks)
    certificate.student.licence_number = "12345"
    certificate.student.save(update_fields=["licence_number"])
    assert certificate_licence_recheck(certificate_id=certificate.pk, bodies={"NCBTMB"}) == []
    assert florida_item(certificate) is None
    assert certificate_licence_recheck(certificate_id=certificate.pk, bodies={"FL-BMT"})
    assert florida_item(certificate).status == ReportItem.Status.REJECTED
