from datetime import date

import pytest

from certificates.models import Certificate
from schools.models import SchoolMembership
from tests.factories import CoursePageFactory, SchoolFactory, SchoolMembershipFactory, UserFactory
from tests.records.transcript_helpers import (
    approval,
    florida_board,
    make_certificate,
    ncbtmb,
    read_csv,
)

COLUMNS = [
    "Licensee name",
    "Licence number",
    "Licence state/board",
    "Body",
    "Course approval number",
    "Approved course title",
    "CE hours",
    "Completion date",
    "Certificate number",
    "Provider number",
]
PROVIDERS = [
    {"body": "NCBTMB", "provider_number": "AP-1000"},
    {"body": "FL-BMT", "provider_number": "50-1234"},
]
BOTH = [
    approval("NCBTMB", "3.00", number="NCB-9", title="Neck Release"),
    approval("FL-BMT", "3.00", number="FL-20-99", title="Neck Release Techniques"),
]


@pytest.fixture
def school(db):
    return SchoolFactory(slug="bodywork-institute")


@pytest.fixture
def school_course(catalog, school):
    return CoursePageFactory(parent=catalog, school=school, title="Neck Release")


@pytest.fixture
def instructor(school):
    return SchoolMembershipFactory(school=school, role=SchoolMembership.Role.INSTRUCTOR).user


def url(school, suffix="completions.csv"):
    return f"/schools/{school.slug}/{suffix}"


def licensee(name="Maria Lopez", licence="MA12345", board="Florida"):
    return UserFactory(legal_name=name, licence_number=licence, licensing_board=board)


def completion(course, *, student=None, **fields):
    fields.setdefault("approvals", BOTH)
    fields.setdefault("providers", PROVIDERS)
    return make_certificate(student=student or licensee(), course=course, **fields)


def test_one_row_per_body_approval_with_the_reporting_fields(client, school_course, instructor):
    certificate = completion(school_course, completed_on=date(2026, 5, 4))
    client.force_login(instructor)
    response = client.get(url(school_course.school))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        'attachment; filename="bodywork-institute-completions-'
    )
    header, *rows = read_csv(response)
    assert header == COLUMNS
    assert rows == [
        [
            "Maria Lopez",
            "MA12345",
            "Florida",
            "NCBTMB",
            "NCB-9",
            "Neck Release",
            "3.00",
            "2026-05-04",
            certificate.number,
            "AP-1000",
        ],
        [
            "Maria Lopez",
            "MA12345",
            "Florida",
            "FL-BMT",
            "FL-20-99",
            "Neck Release Techniques",
            "3.00",
            "2026-05-04",
            certificate.number,
            "50-1234",
        ],
    ]


def test_filters_by_body_course_and_completion_dates(client, catalog, school_course, instructor):
    school = school_course.school
    florida_board()
    ncbtmb()
    other_course = CoursePageFactory(parent=catalog, school=school)
    early = completion(school_course, completed_on=date(2026, 1, 10))
    middle = completion(school_course, completed_on=date(2026, 2, 10))
    late = completion(school_course, completed_on=date(2026, 3, 10))
    elsewhere = completion(other_course, completed_on=date(2026, 2, 10))
    client.force_login(instructor)

    def numbers(**query):
        return [row[8] for row in read_csv(client.get(url(school), query))[1:]]

    assert numbers(body="FL-BMT") == [early.number, middle.number, elsewhere.number, late.number]
    assert numbers(body="FL-BMT", course=school_course.pk) == [
        early.number,
        middle.number,
        late.number,
    ]
    assert numbers(body="NCBTMB", date_from="2026-02-01", date_to="2026-02-28") == [
        middle.number,
        elsewhere.number,
    ]
    assert numbers(body="NCBTMB", date_from="2026-03-10") == [late.number]
    assert len(numbers()) == 8  # no body filter: both approvals of each completion


def test_revoked_pending_and_other_schools_certificates_are_left_out(
    client, catalog, school_course, instructor
):
    kept = completion(school_course)
    completion(school_course, status=Certificate.Status.REVOKED)
    completion(school_course, status=Certificate.Status.PENDING)
    completion(CoursePageFactory(parent=catalog, school=SchoolFactory()))
    client.force_login(instructor)
    rows = read_csv(client.get(url(school_course.school)))[1:]
    assert {row[8] for row in rows} == {kept.number}


def test_cells_are_escaped_against_formulas(client, school_course, instructor):
    completion(
        school_course,
        student=licensee(name="=cmd|' /C calc'!A0", licence="+123", board="@board"),
        approvals=[approval("NCBTMB", title="-2+3")],
    )
    client.force_login(instructor)
    row = read_csv(client.get(url(school_course.school)))[1]
    assert row[:3] == ["'=cmd|' /C calc'!A0", "'+123", "'@board"]
    assert row[5] == "'-2+3"


def test_filter_page_previews_rows_and_links_the_csv(client, school_course, instructor):
    florida_board()
    certificate = completion(school_course)
    client.force_login(instructor)
    response = client.get(url(school_course.school, "completions/"), {"body": "FL-BMT"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "1 certificate match" in html
    assert "FL-20-99" in html and certificate.number in html and "NCB-9" not in html
    csv_link = f"/schools/{school_course.school.slug}/completions.csv?body=FL-BMT"
    assert f'href="{csv_link}"' in html
    assert "reported to CE Broker within 30 days" in html


def test_reversed_dates_are_a_clear_error(client, school_course, instructor):
    client.force_login(instructor)
    query = {"date_from": "2026-03-01", "date_to": "2026-02-01"}
    response = client.get(url(school_course.school, "completions/"), query)
    assert response.status_code == 400
    assert "The start date must be on or before the end date." in response.content.decode()
    response = client.get(url(school_course.school), query)
    assert response.status_code == 400


def test_permissions(client, school_course, instructor, staff_user):
    school = school_course.school
    admin = SchoolMembershipFactory(school=school, role=SchoolMembership.Role.ADMIN).user
    reviewer = SchoolMembershipFactory(school=school, role=SchoolMembership.Role.REVIEWER).user
    outsider = SchoolMembershipFactory(role=SchoolMembership.Role.ADMIN).user
    for path in (url(school), url(school, "completions/")):
        client.logout()
        response = client.get(path)
        assert response.status_code == 302 and "login" in response.url
        for user, status in [
            (UserFactory(), 404),
            (outsider, 404),
            (reviewer, 403),
            (instructor, 200),
            (admin, 200),
            (staff_user, 200),
        ]:
            client.force_login(user)
            assert client.get(path).status_code == status, (path, user)
    client.force_login(staff_user)
    assert client.get("/schools/no-such-school/completions.csv").status_code == 404


@pytest.mark.parametrize("count", [3, 30])
def test_export_query_count_does_not_grow(
    client, school_course, instructor, count, django_assert_max_num_queries
):
    for _ in range(count):
        completion(school_course)
    client.force_login(instructor)
    client.get(url(school_course.school, "completions/"))  # creates the site's settings row
    with django_assert_max_num_queries(3):  # session user, membership, certificates
        rows = read_csv(client.get(url(school_course.school)))
    assert len(rows) == 2 * count + 1
    # session user, membership, count, preview, the form's two choice lists, base.html's 4
    with django_assert_max_num_queries(10):
        assert client.get(url(school_course.school, "completions/")).status_code == 200
