"""A certificate never claims an approval that had expired (or was not yet granted) on the
day the learner completed the course; schools see their approvals nearing expiry."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.models import CourseApproval
from courses.selectors import approvals_nearing_expiry
from schools.models import SchoolMembership
from tests.certificates.issue_helpers import (
    approved_course,
    completed_enrollment,
    issue,
    provider_school,
)
from tests.factories import CoursePageFactory, SchoolMembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(db):
    return provider_school()


@pytest.fixture
def course(catalog, school):
    return approved_course(catalog, school)


def _bodies(certificate) -> list[str]:
    return [a["body"] for a in certificate.snapshot["approvals"]]


def test_an_approval_expired_before_completion_is_not_on_the_certificate(course):
    enrollment = completed_enrollment(course)
    completed = timezone.localdate(enrollment.completed_at)
    CourseApproval.objects.filter(course=course, body__abbreviation="FL-BMT").update(
        expires_on=completed - timedelta(days=1)
    )
    certificate = issue(enrollment)
    assert _bodies(certificate) == ["NCBTMB"]
    assert "FL-20-991" not in str(certificate.snapshot)


def test_an_approval_expiring_on_the_completion_day_is_still_claimed(course):
    enrollment = completed_enrollment(course)
    CourseApproval.objects.filter(course=course).update(
        expires_on=timezone.localdate(enrollment.completed_at)
    )
    certificate = issue(enrollment)
    assert sorted(_bodies(certificate)) == ["FL-BMT", "NCBTMB"]


def test_the_completion_date_decides_not_the_issue_date(course):
    """Completed while approved, issued after expiry: the approval stays on the certificate."""
    enrollment = completed_enrollment(course)
    enrollment.completed_at = timezone.now() - timedelta(days=10)
    enrollment.save(update_fields=["completed_at"])
    CourseApproval.objects.filter(course=course, body__abbreviation="NCBTMB").update(
        expires_on=timezone.localdate() - timedelta(days=5)
    )
    certificate = issue(enrollment)
    assert sorted(_bodies(certificate)) == ["FL-BMT", "NCBTMB"]


def test_an_approval_granted_after_completion_is_not_claimed(course):
    enrollment = completed_enrollment(course)
    CourseApproval.objects.filter(course=course, body__abbreviation="NCBTMB").update(
        approved_on=timezone.localdate(enrollment.completed_at) + timedelta(days=1)
    )
    certificate = issue(enrollment)
    assert _bodies(certificate) == ["FL-BMT"]
    assert certificate.snapshot["course"]["title"] == "Neck and Shoulder Trigger Point Therapy"


def test_approvals_nearing_expiry_soonest_first_in_one_query(
    catalog, school, course, django_assert_num_queries
):
    today = timezone.localdate()
    CourseApproval.objects.filter(course=course, body__abbreviation="NCBTMB").update(
        expires_on=today + timedelta(days=30)
    )
    CourseApproval.objects.filter(course=course, body__abbreviation="FL-BMT").update(
        expires_on=today - timedelta(days=3)
    )
    far = approved_course(catalog, school, title="Far away")
    CourseApproval.objects.filter(course=far).update(expires_on=today + timedelta(days=400))
    other = approved_course(catalog, provider_school(slug="other", name="Other"), title="Other")
    CourseApproval.objects.filter(course=other).update(expires_on=today + timedelta(days=1))
    with django_assert_num_queries(1):
        found = approvals_nearing_expiry(school=school)
        rows = [(a.course.title, a.body.abbreviation) for a in found]
    assert rows == [(course.title, "FL-BMT"), (course.title, "NCBTMB")]


def test_the_records_page_shows_approvals_nearing_expiry(client, catalog, school, course):
    today = timezone.localdate()
    CourseApproval.objects.filter(course=course, body__abbreviation="NCBTMB").update(
        expires_on=today + timedelta(days=20)
    )
    admin = SchoolMembershipFactory(school=school, role=SchoolMembership.Role.ADMIN).user
    client.force_login(admin)
    html = client.get(f"/schools/{school.slug}/").content.decode()
    assert "Approvals nearing expiry" in html
    assert "NCB-24-7788" in html and "FL-20-991" not in html
    CoursePageFactory(parent=catalog, school=school, title="No approvals")
    CourseApproval.objects.filter(course=course).update(expires_on=None)
    html = client.get(f"/schools/{school.slug}/").content.decode()
    assert "No course approval expires within 90 days." in html
