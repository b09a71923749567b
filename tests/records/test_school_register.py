from datetime import date

import pytest
from django.urls import reverse

from certificates.models import Certificate
from schools.models import SchoolMembership
from tests.factories import CoursePageFactory, SchoolFactory, SchoolMembershipFactory, UserFactory
from tests.records.transcript_helpers import approval, make_certificate, read_csv

REGISTER_COLUMNS = [
    "Certificate number",
    "Status",
    "Learner name",
    "Email",
    "Licence number",
    "Licence state/board",
    "Course",
    "CE hours",
    "Approvals",
    "Completed on",
    "Issued on",
    "Revoked on",
    "Revocation reason",
    "Verification page",
]


@pytest.fixture
def school(db):
    return SchoolFactory(slug="bodywork-institute", name="Bodywork Institute")


@pytest.fixture
def school_course(catalog, school):
    return CoursePageFactory(parent=catalog, school=school, title="Neck Release")


@pytest.fixture
def admin(school):
    return SchoolMembershipFactory(school=school, role=SchoolMembership.Role.ADMIN).user


def url(school, suffix="certificates/"):
    return f"/schools/{school.slug}/{suffix}"


def certify(course, *, name="Maria Lopez", issued_on=date(2026, 3, 1), **fields):
    student = UserFactory(legal_name=name, licence_number="MA1", licensing_board="Florida")
    fields.setdefault("approvals", [approval("NCBTMB", "3.00", title="Neck Release (approved)")])
    return make_certificate(
        student=student, course=course, completed_on=issued_on, issued_on=issued_on, **fields
    )


def numbers(response) -> list[str]:
    return [c.number for c, _ in response.context["rows"]]


def test_register_lists_issued_and_revoked_newest_first(client, catalog, school_course, admin):
    older = certify(school_course, issued_on=date(2026, 1, 5))
    revoked = certify(school_course, status=Certificate.Status.REVOKED, name="Rae Voked")
    certify(school_course, status=Certificate.Status.PENDING)
    certify(CoursePageFactory(parent=catalog, school=SchoolFactory()))
    client.force_login(admin)
    response = client.get(url(school_course.school))

    assert response.status_code == 200
    assert numbers(response) == [revoked.number, older.number]
    html = response.content.decode()
    assert "Neck Release (approved)" in html and "Rae Voked" in html
    assert "Refunded" in html  # the revocation reason
    assert f'href="/certificates/verify/{older.verify_code}/"' in html


def test_register_filters(client, catalog, school_course, admin):
    school = school_course.school
    other_course = CoursePageFactory(parent=catalog, school=school)
    jan = certify(school_course, issued_on=date(2026, 1, 5), name="Ann Early")
    feb = certify(school_course, issued_on=date(2026, 2, 5), name="Bob Middle")
    mar = certify(other_course, issued_on=date(2026, 3, 5), name="Cat Late")
    gone = certify(school_course, issued_on=date(2026, 3, 6), status=Certificate.Status.REVOKED)
    client.force_login(admin)

    def found(**query):
        return numbers(client.get(url(school), query))

    assert found(course=school_course.pk) == [gone.number, feb.number, jan.number]
    assert found(status="revoked") == [gone.number]
    assert found(status="issued", date_from="2026-02-01", date_to="2026-03-05") == [
        mar.number,
        feb.number,
    ]
    assert found(q="bob  middle") == [feb.number]
    assert found(q=jan.number) == [jan.number]
    assert found(q=mar.student.email) == [mar.number]
    other_schools_course = CoursePageFactory(parent=catalog, school=SchoolFactory())
    response = client.get(url(school), {"course": other_schools_course.pk})
    assert response.status_code == 400  # not one of this school's courses
    assert response.context["rows"] == []


def test_register_is_paginated(client, school_course, admin):
    for _ in range(51):
        certify(school_course)
    client.force_login(admin)
    first = client.get(url(school_course.school), {"status": "issued"})
    assert len(first.context["rows"]) == 50
    assert 'href="?status=issued&amp;page=2"' in first.content.decode()
    assert len(client.get(url(school_course.school), {"page": 2}).context["rows"]) == 1


def test_register_csv_has_the_record_columns_and_follows_the_filters(client, school_course, admin):
    issued = certify(school_course, name="=Evil()")
    revoked = certify(school_course, status=Certificate.Status.REVOKED)
    client.force_login(admin)
    response = client.get(url(school_course.school, "certificates.csv"))
    header, *rows = read_csv(response)

    assert header == REGISTER_COLUMNS
    by_number = {row[0]: row for row in rows}
    assert set(by_number) == {issued.number, revoked.number}
    row = by_number[issued.number]
    assert row[1:9] == [
        "Issued",
        "'=Evil()",
        issued.student.email,
        "MA1",
        "Florida",
        "Neck Release (approved)",
        "1.00",
        "NCBTMB NCB-1234: 3 CE hours",
    ]
    assert row[9:11] == ["2026-03-01", "2026-03-01"]
    assert row[13] == f"http://testserver/certificates/verify/{issued.verify_code}/"
    assert by_number[revoked.number][1] == "Revoked"
    assert by_number[revoked.number][11:13] == ["2026-03-01", "Refunded"]

    filtered = read_csv(
        client.get(url(school_course.school, "certificates.csv"), {"status": "revoked"})
    )
    assert [r[0] for r in filtered[1:]] == [revoked.number]
    bad = client.get(url(school_course.school, "certificates.csv"), {"date_from": "soon"})
    assert bad.status_code == 400


def test_overview_links_courses_and_their_evaluations(client, school_course, admin):
    certify(school_course)
    client.force_login(admin)
    response = client.get(url(school_course.school, ""))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Certificate records: Bodywork Institute" in html
    course = response.context["courses"][0]
    assert (course.issued_count, course.evaluation_count) == (1, 0)
    assert f"/schools/bodywork-institute/courses/{school_course.pk}/evaluations/" in html


def test_permissions(client, school_course, admin, staff_user):
    school = school_course.school
    instructor = SchoolMembershipFactory(school=school, role=SchoolMembership.Role.INSTRUCTOR).user
    reviewer = SchoolMembershipFactory(school=school, role=SchoolMembership.Role.REVIEWER).user
    outsider = SchoolMembershipFactory(role=SchoolMembership.Role.ADMIN).user
    matrix = {
        url(school): [404, 404, 200, 200, 200, 200],
        url(school, ""): [404, 404, 200, 200, 200, 200],
        url(school, "certificates.csv"): [404, 404, 403, 200, 200, 200],
    }
    users = [UserFactory(), outsider, reviewer, instructor, admin, staff_user]
    for path, statuses in matrix.items():
        client.logout()
        assert client.get(path).status_code == 302
        for user, status in zip(users, statuses, strict=True):
            client.force_login(user)
            assert client.get(path).status_code == status, (path, user)
    client.force_login(reviewer)
    html = client.get(url(school)).content.decode()
    assert "Download CSV" not in html and "Completions report" not in html


@pytest.mark.parametrize("count", [3, 30])
def test_register_query_count_does_not_grow(
    client, school_course, admin, count, django_assert_max_num_queries
):
    for n in range(count):
        certify(school_course, status="revoked" if n % 3 == 0 else "issued")
    client.force_login(admin)
    query = {"course": school_course.pk, "q": "maria"}
    client.get(url(school_course.school))  # creates the site's settings row
    # session user, membership, course filter, count, page, course choices, base.html's 4
    with django_assert_max_num_queries(10):
        response = client.get(url(school_course.school), query)
    assert len(response.context["rows"]) == count
    with django_assert_max_num_queries(4):  # session user, membership, course, certificates
        rows = read_csv(client.get(url(school_course.school, "certificates.csv"), query))
    assert len(rows) == count + 1


def test_old_school_record_addresses_redirect_to_the_new_ones(client):
    """School pages moved from /transcript/schools/<school>/ to /schools/<school>/: bookmarks and
    links in old e-mails keep working, query string included."""
    response = client.get("/transcript/schools/harbour/certificates/?status=issued")
    assert response.status_code == 301
    assert response["Location"] == "/schools/harbour/certificates/?status=issued"
    # The learner's own transcript and its share links stay where they were.
    assert reverse("transcripts:transcript") == "/transcript/"
    assert reverse("transcripts:shared", args=["abc"]) == "/transcript/shared/abc/"
