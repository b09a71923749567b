"""Reporting deadlines: completions not yet reported to each state tracking system, the days
left of the window, the roster to upload, and "mark reported" with who and when."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certificates.models import Certificate
from courses.models import CourseApproval, CourseType
from records import reporting
from records.models import CompletionReport
from schools.models import SchoolMembership
from tests.factories import CoursePageFactory, SchoolFactory, SchoolMembershipFactory, UserFactory
from tests.records.transcript_helpers import (
    approval,
    florida_board,
    make_certificate,
    ncbtmb,
    read_csv,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 5, 31)
FL_APPROVAL = approval("FL-BMT", number="FL-20-991", title="Neck Therapy (Florida)")
PROVIDERS = [{"body": "FL-BMT", "provider_number": "CE-50-1234"}]


@pytest.fixture
def florida(db):
    return florida_board()


@pytest.fixture
def school(db):
    return SchoolFactory(slug="gulf", name="Gulf School")


@pytest.fixture
def course(catalog, school, florida):
    course = CoursePageFactory(parent=catalog, school=school, title="Neck")
    CourseApproval.objects.create(
        course=course,
        body=florida,
        approved_title="Neck Therapy (Florida)",
        ce_hours=Decimal("3"),
        course_type=CourseType.HOME_STUDY,
        approval_number="FL-20-991",
    )
    return course


def completion(course, *, days_ago: int, today: date = TODAY, **fields) -> Certificate:
    student = UserFactory()
    return make_certificate(
        student=student,
        course=course,
        approvals=[FL_APPROVAL],
        providers=PROVIDERS,
        completed_on=today - timedelta(days=days_ago),
        **fields,
    )


@pytest.fixture
def instructor(school):
    return SchoolMembershipFactory(school=school, role=SchoolMembership.Role.INSTRUCTOR).user


# --- The arithmetic -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_ago", "left"), [(0, 30), (1, 29), (23, 7), (29, 1), (30, 0), (31, -1), (45, -15)]
)
def test_days_left_count_calendar_days_from_the_completion(days_ago, left):
    completed_on = TODAY - timedelta(days=days_ago)
    assert reporting.days_left(completed_on=completed_on, today=TODAY, reporting_days=30) == left


def test_the_counts_around_the_deadline(school, florida, course):
    for days_ago in (0, 22, 23, 30, 31):
        completion(course, days_ago=days_ago)

    [summary] = reporting.body_deadlines(school=school, bodies=[florida], today=TODAY)

    # 31 days ago is overdue; 30 (due today) and 23 (7 left) are due soon; 22 has 8 left.
    assert (summary.unreported, summary.overdue, summary.due_soon) == (5, 1, 2)
    pending = reporting.pending_completions(school=school, body=florida, today=TODAY)
    assert [p.days_left for p in pending] == [-1, 0, 7, 8, 30]
    assert pending[0].is_overdue and pending[0].overdue_days == 1
    assert not pending[1].is_overdue


def test_a_body_with_a_longer_window_counts_with_its_own_days(school, florida, course):
    florida.reporting_days = 45
    florida.save()
    completion(course, days_ago=31)
    [summary] = reporting.body_deadlines(school=school, bodies=[florida], today=TODAY)
    assert (summary.unreported, summary.overdue, summary.due_soon) == (1, 0, 0)


def test_only_this_schools_issued_completions_of_courses_the_body_approved(
    catalog, school, florida, course
):
    due = completion(course, days_ago=3)
    completion(course, days_ago=3, status=Certificate.Status.REVOKED)
    unapproved = CoursePageFactory(parent=catalog, school=school)
    CourseApproval.objects.create(
        course=unapproved, body=ncbtmb(), approved_title="X", ce_hours=1, approval_number="N-1"
    )
    completion(unapproved, days_ago=3)
    other_school = CoursePageFactory(parent=catalog, school=SchoolFactory())
    CourseApproval.objects.create(
        course=other_school, body=florida, approved_title="Y", ce_hours=1, approval_number="F-2"
    )
    completion(other_school, days_ago=3)

    assert reporting.tracking_bodies(school=school) == [florida]
    assert list(reporting.unreported_certificates(school=school, body=florida)) == [due]


# --- Marking reported -----------------------------------------------------------------------


def test_marking_reported_records_who_and_when_and_is_idempotent(
    school, florida, course, instructor
):
    first, second = completion(course, days_ago=5), completion(course, days_ago=4)
    marked = reporting.completions_mark_reported(
        school=school,
        body=florida,
        reported_by=instructor,
        certificate_ids=[first.pk],
        batch_reference=" CEB  1234 ",
    )
    assert marked == 1
    report = CompletionReport.objects.get()
    assert (report.certificate, report.reported_by, report.batch_reference) == (
        first,
        instructor,
        "CEB 1234",
    )
    assert timezone.now() - report.reported_at < timedelta(minutes=1)
    again = reporting.completions_mark_reported(
        school=school, body=florida, reported_by=instructor, certificate_ids=[first.pk]
    )
    assert again == 0 and CompletionReport.objects.count() == 1
    assert list(reporting.unreported_certificates(school=school, body=florida)) == [second]


def test_another_schools_certificate_cannot_be_marked(catalog, school, florida, instructor):
    foreign_course = CoursePageFactory(parent=catalog, school=SchoolFactory())
    CourseApproval.objects.create(
        course=foreign_course, body=florida, approved_title="Y", ce_hours=1, approval_number="F"
    )
    foreign = completion(foreign_course, days_ago=1)
    with pytest.raises(ValidationError) as error:
        reporting.completions_mark_reported(
            school=school, body=florida, reported_by=instructor, certificate_ids=[foreign.pk]
        )
    assert error.value.messages == [reporting.NOT_REPORTABLE]
    assert not CompletionReport.objects.exists()


def test_a_downloaded_batch_is_marked_without_what_was_issued_after_it(
    school, florida, course, instructor
):
    completion(course, days_ago=9)
    completion(course, days_ago=8)
    as_of = timezone.now()
    later = completion(course, days_ago=0, issued_at=as_of + timedelta(minutes=5))
    marked = reporting.completions_mark_reported(
        school=school, body=florida, reported_by=instructor, as_of=as_of
    )
    assert marked == 2
    assert list(reporting.unreported_certificates(school=school, body=florida)) == [later]


def test_nothing_chosen_is_refused(school, florida, instructor):
    with pytest.raises(ValidationError):
        reporting.completions_mark_reported(school=school, body=florida, reported_by=instructor)


# --- The pages ------------------------------------------------------------------------------


def page_url(school):
    return f"/schools/{school.slug}/reporting/"


def roster_url(school, body):
    return f"/schools/{school.slug}/reporting/{body.pk}/roster.csv"


def mark_url(school, body):
    return f"/schools/{school.slug}/reporting/{body.pk}/mark/"


def test_the_page_shows_the_counts_and_the_days_left(client, school, course, instructor):
    today = timezone.localdate()
    for days_ago in (31, 30, 2):
        completion(course, days_ago=days_ago, today=today)
    client.force_login(instructor)
    page = client.get(page_url(school)).content.decode()
    assert "CE Broker" in page
    assert "Overdue by 1 day" in page and "Due today" in page
    assert "3 completions to report" in page
    assert "1 overdue" in page


def test_page_and_roster_queries_do_not_grow_with_completions(client, school, course, instructor):
    client.force_login(instructor)
    today = timezone.localdate()

    def measure(url):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        assert response.status_code == 200
        return len(queries)

    florida = course.approvals.get().body
    for days_ago in range(3):
        completion(course, days_ago=days_ago, today=today)
    measure(page_url(school))  # the first page of a site creates its settings row
    few = (measure(page_url(school)), measure(roster_url(school, florida)))
    for days_ago in range(27):
        completion(course, days_ago=days_ago % 40, today=today)
    many = (measure(page_url(school)), measure(roster_url(school, florida)))
    assert few == many
    # user, membership, bodies, counts, rows + layout; then the automatic reporting panel:
    # account, rejected, missing licences, receipts, batches
    assert many[0] <= 14 and many[1] <= 4


def test_the_roster_has_the_fields_the_tracking_system_asks_for(
    client, school, florida, course, instructor
):
    today = timezone.localdate()
    certificate = completion(course, days_ago=10, today=today)
    client.force_login(instructor)
    rows = read_csv(client.get(roster_url(school, florida)))
    assert rows[0] == reporting.ROSTER_COLUMNS
    learner = certificate.snapshot["learner"]
    assert rows[1] == [
        learner["name"],
        learner["licence_number"],
        learner["licensing_board"],
        "CE-50-1234",
        "FL-20-991",
        "Neck Therapy (Florida)",
        "3.00",
        (today - timedelta(days=10)).isoformat(),
        certificate.number,
        "20",
    ]


def test_marking_from_the_page_ticked_and_whole_batch(client, school, florida, course, instructor):
    today = timezone.localdate()
    first, second, third = (completion(course, days_ago=d, today=today) for d in (5, 4, 3))
    client.force_login(instructor)
    response = client.post(
        mark_url(school, florida), {"certificate": [first.pk], "batch_reference": "B-1"}
    )
    assert response.status_code == 302
    assert CompletionReport.objects.get().reported_by == instructor
    page = client.get(response["Location"]).content.decode()
    assert "1 completion marked reported to CE Broker." in page
    client.post(mark_url(school, florida), {"as_of": timezone.now().isoformat()})
    assert set(CompletionReport.objects.values_list("certificate_id", flat=True)) == {
        first.pk,
        second.pk,
        third.pk,
    }
    assert "Everything is reported." in client.get(page_url(school)).content.decode()


def test_marking_with_nothing_ticked_says_so(client, school, florida, course, instructor):
    client.force_login(instructor)
    response = client.post(mark_url(school, florida), {}, follow=True)
    assert reporting.NOTHING_CHOSEN in response.content.decode()
    assert not CompletionReport.objects.exists()


def test_reviewers_and_outsiders_are_refused(client, school, florida, course):
    completion(course, days_ago=1)
    reviewer = SchoolMembershipFactory(school=school, role=SchoolMembership.Role.REVIEWER).user
    client.force_login(reviewer)
    assert client.get(page_url(school)).status_code == 403
    assert client.get(roster_url(school, florida)).status_code == 403
    assert client.post(mark_url(school, florida), {"as_of": "2030-01-01T00:00"}).status_code == 403
    client.force_login(UserFactory())
    assert client.get(page_url(school)).status_code == 404
    assert client.post(mark_url(school, florida), {"as_of": "2030-01-01T00:00"}).status_code == 404
    assert not CompletionReport.objects.exists()


def test_a_body_that_approved_none_of_the_schools_courses_is_404(
    client, school, course, instructor
):
    other = ncbtmb()
    other.tracking_system = "Other tracker"
    other.save()
    client.force_login(instructor)
    assert client.get(roster_url(school, other)).status_code == 404
