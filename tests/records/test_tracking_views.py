"""The school's side of automatic reporting: its CE Broker account (encrypted, never shown
back), "Report now", and the dashboard's rejected, waiting and reported lists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from courses.models import CourseApproval
from records import crypto
from records.models import CompletionReport, TrackingCredential
from records.tracking.fake_cebroker import NOT_IN_DATABASE, UNKNOWN_COURSE
from schools.models import SchoolMembership
from tests.factories import SchoolFactory, SchoolMembershipFactory, UserFactory
from tests.records.tracking_helpers import bulk_completions, cebroker_credential, florida_course
from tests.records.transcript_helpers import florida_board

pytestmark = pytest.mark.django_db


@pytest.fixture
def florida(db):
    return florida_board()


@pytest.fixture
def school(db):
    return SchoolFactory(slug="gulf", name="Gulf School")


@pytest.fixture
def course(catalog, school, florida):
    return florida_course(catalog=catalog, school=school, body=florida)


def member(school, role):
    return SchoolMembershipFactory(school=school, role=role).user


def page_url(school, body):
    return f"/schools/{school.slug}/reporting/?body={body.pk}"


def account_url(school, body):
    return f"/schools/{school.slug}/reporting/{body.pk}/account/"


def test_a_school_admin_sets_up_the_account_and_the_secret_is_stored_encrypted(
    client, school, florida, course
):
    client.force_login(member(school, SchoolMembership.Role.ADMIN))
    assert client.get(account_url(school, florida)).status_code == 200
    response = client.post(
        account_url(school, florida),
        {
            "transport": "cebroker_xml",
            "provider_id": "50-1234",
            "username": "gulf",
            "secret": "correct horse battery",
            "enabled": "on",
        },
    )
    assert response.status_code == 302
    credential = TrackingCredential.objects.get()
    assert "correct horse" not in credential.secret_encrypted
    assert crypto.decrypt(credential.secret_encrypted) == "correct horse battery"

    page = client.get(account_url(school, florida)).content.decode()
    assert "correct horse" not in page and "ending …ry is stored" in page

    # Saved again without a secret: the stored one stays.
    client.post(account_url(school, florida), {"transport": "cebroker_xml", "username": "g2"})
    credential.refresh_from_db()
    assert credential.username == "g2"
    assert crypto.decrypt(credential.secret_encrypted) == "correct horse battery"


def test_the_web_service_needs_a_secret(client, school, florida, course):
    client.force_login(member(school, SchoolMembership.Role.ADMIN))
    response = client.post(account_url(school, florida), {"transport": "cebroker_xml"})
    assert response.status_code == 400
    assert "Enter the password or key" in response.content.decode()
    assert not TrackingCredential.objects.exists()


def test_only_admins_manage_the_account(client, school, florida, course):
    client.force_login(member(school, SchoolMembership.Role.INSTRUCTOR))
    assert client.get(account_url(school, florida)).status_code == 403
    client.force_login(UserFactory())
    assert client.get(account_url(school, florida)).status_code == 404
    assert (
        client.post(f"/schools/{school.slug}/reporting/{florida.pk}/report-now/").status_code == 404
    )


def test_report_now_sends_and_the_dashboard_shows_receipts_rejections_and_missing_licences(
    client, school, florida, course, fake_cebroker
):
    certificates = bulk_completions(
        course=course, count=4, licence=lambda i: "" if i == 3 else f"MA30000{i}"
    )
    fake_cebroker.fake.unknown_licences.add("MA300001")
    cebroker_credential(school=school, url=fake_cebroker.url)
    instructor = member(school, SchoolMembership.Role.INSTRUCTOR)
    client.force_login(instructor)

    response = client.post(
        f"/schools/{school.slug}/reporting/{florida.pk}/report-now/", follow=True
    )
    page = response.content.decode()
    assert "Reporting to CE Broker has started" in page
    assert CompletionReport.objects.count() == 2
    assert CompletionReport.objects.first().reported_by == instructor
    assert "Rejected by CE Broker (1)" in page and NOT_IN_DATABASE in page
    # The rejected record names learner, licence and course, with the ways to correct it.
    rejected = page[page.index('id="rejected"') : page.index('id="missing-licence"')]
    learner = certificates[1].student
    assert learner.email in rejected and "MA300001" in rejected
    assert course.title in rejected and "Tracking number 20-991" in rejected
    assert f'href="mailto:{learner.email}?subject=' in rejected
    assert "http%3A//testserver/accounts/profile/" in rejected
    assert f'href="/admin/pages/{course.pk}/edit/"' in rejected
    assert "Rejected: waiting for a correction" in rejected
    assert "Waiting for a licence number (1)" in page and certificates[3].number in page
    assert "RCPT-" in page
    assert "Report now" in page


def test_the_dashboard_queries_do_not_grow_with_completions(
    client, school, florida, course, fake_cebroker
):
    cebroker_credential(school=school, url=fake_cebroker.url)
    client.force_login(member(school, SchoolMembership.Role.ADMIN))

    def measure():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page_url(school, florida)).status_code == 200
        return len(queries)

    def grow(count, start):
        bulk_completions(course=course, count=count, licence=lambda i: f"MA{start + i}")
        bulk_completions(course=course, count=count, licence=lambda i: "")
        fake_cebroker.fake.unknown_licences.update(f"MA{start + i}" for i in range(0, count, 2))
        client.post(f"/schools/{school.slug}/reporting/{florida.pk}/report-now/")

    grow(2, 500000)
    measure()  # the first page of a site creates its settings row
    few = measure()
    grow(40, 600000)
    assert measure() == few
    assert few <= 14


def test_a_rejected_course_number_shows_the_number_sent_and_that_a_correction_is_resent(
    client, school, florida, course, fake_cebroker
):
    [certificate] = bulk_completions(course=course, count=1, licence=lambda i: "MA700001")
    fake_cebroker.fake.unknown_courses.add("20-991")
    cebroker_credential(school=school, url=fake_cebroker.url)
    client.force_login(member(school, SchoolMembership.Role.ADMIN))
    client.post(f"/schools/{school.slug}/reporting/{florida.pk}/report-now/")

    def rejected_part() -> str:
        page = client.get(page_url(school, florida)).content.decode()
        return page[page.index('id="rejected"') :]

    before = rejected_part()
    assert "Tracking number 20-991" in before and escape(UNKNOWN_COURSE) in before
    assert "resent on the next run" not in before

    CourseApproval.objects.filter(course=course).update(approval_number="20-992")
    after = rejected_part()
    assert "Tracking number 20-991 was sent" in after
    assert "the approval's number is now 20-992: it will be resent on the next run" in after
    assert "Resent on the next run with the corrected course number" in after
    assert certificate.number in after
