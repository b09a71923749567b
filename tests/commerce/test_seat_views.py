import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from commerce.models import SeatPool
from commerce.services.seats import (
    SEAT_CODE_INVALID,
    seat_code_redeem,
    seat_code_revoke,
    seat_pool_grant,
)
from courses.models import Enrollment
from schools.models import SchoolMembership
from tests.conftest import build_course
from tests.factories import SchoolFactory, SchoolMembershipFactory, UserFactory


@pytest.fixture
def school(db):
    return SchoolFactory()


@pytest.fixture
def seat_course(catalog, school):
    return build_course(catalog, modules=1, lessons_per_module=1, school=school)


@pytest.fixture
def school_admin(school):
    return SchoolMembershipFactory(school=school, role=SchoolMembership.Role.ADMIN).user


@pytest.fixture
def manager(db):
    return UserFactory()


@pytest.fixture
def pool(seat_course, manager, staff_user):
    return seat_pool_grant(
        course=seat_course, organisation="Spa & Co", manager=manager, seats=3, granted_by=staff_user
    )


def pool_url(pool) -> str:
    return f"/seats/pools/{pool.pk}/"


# --- Redeeming --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_redeem_page_needs_login_and_keeps_the_code_through_it(client, pool):
    response = client.get("/seats/redeem/?code=ABCD-EFGH-JKMN")
    assert response.status_code == 302
    assert "next=/seats/redeem/%3Fcode%3DABCD-EFGH-JKMN" in response.url


@pytest.mark.django_db
def test_redeem_page_prefills_the_code_from_the_link(client, pool, user):
    client.force_login(user)
    response = client.get("/seats/redeem/?code=ABCD-EFGH-JKMN")
    assert response.status_code == 200
    assert 'value="ABCD-EFGH-JKMN"' in response.text


@pytest.mark.django_db
def test_redeeming_enrols_and_goes_to_the_course(client, pool, user, seat_course):
    client.force_login(user)
    code = pool.codes.first().code
    response = client.post("/seats/redeem/", {"code": code.lower()}, follow=True)
    assert response.redirect_chain[-1][0] == seat_course.url
    assert f"You are enrolled on {seat_course.title}." in response.text
    assert Enrollment.objects.get(student=user).source == Enrollment.Source.SEAT


@pytest.mark.django_db
def test_a_bad_code_shows_a_form_error(client, pool, user):
    client.force_login(user)
    response = client.post("/seats/redeem/", {"code": "ZZZZ-ZZZZ-ZZZZ"})
    assert response.status_code == 200
    assert SEAT_CODE_INVALID in response.text
    assert not Enrollment.objects.exists()


# --- Who sees a pool --------------------------------------------------------------------------


@pytest.mark.django_db
def test_manager_school_admin_and_staff_see_the_pool(
    client, pool, manager, school_admin, staff_user
):
    for user in (manager, school_admin, staff_user):
        client.force_login(user)
        response = client.get(pool_url(pool))
        assert response.status_code == 200
        assert pool.codes.first().code in response.text


@pytest.mark.django_db
def test_others_get_404_and_anonymous_goes_to_login(client, pool, school):
    assert client.get(pool_url(pool)).status_code == 302
    other_admin = SchoolMembershipFactory(role=SchoolMembership.Role.ADMIN).user
    instructor = SchoolMembershipFactory(school=school, role=SchoolMembership.Role.INSTRUCTOR).user
    for user in (other_admin, instructor, UserFactory()):
        client.force_login(user)
        assert client.get(pool_url(pool)).status_code == 404
        assert client.get(f"{pool_url(pool)}used.csv").status_code == 404
        assert client.post(pool_url(pool)).status_code == 404
        assert "Spa &amp; Co" not in client.get("/seats/pools/").text


@pytest.mark.django_db
def test_used_codes_are_hidden_and_the_export_lists_who_used_them(client, pool, manager):
    learner = UserFactory(legal_name="Jane Q. Learner")
    used, revoked = pool.codes.all()[:2]
    seat_code_redeem(code=used.code, user=learner)
    seat_code_revoke(code=revoked, by=manager)
    client.force_login(manager)
    page = client.get(pool_url(pool)).text
    assert used.code not in page and revoked.code not in page
    assert "Jane Q. Learner" in page
    response = client.get(f"{pool_url(pool)}used.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 2
    assert rows[1][:2] == ["Jane Q. Learner", learner.email]


@pytest.mark.django_db
def test_pool_page_query_count_does_not_grow_with_codes(
    client, seat_course, manager, staff_user, django_assert_max_num_queries
):
    small = seat_pool_grant(
        course=seat_course, organisation="A", manager=manager, seats=3, granted_by=staff_user
    )
    large = seat_pool_grant(
        course=seat_course, organisation="B", manager=manager, seats=30, granted_by=staff_user
    )
    for pool in (small, large):
        for code in list(pool.codes.all())[:2]:
            seat_code_redeem(code=code.code, user=UserFactory())
    client.force_login(manager)
    client.get(pool_url(small))  # warm the session and site caches
    with django_assert_max_num_queries(7) as small_queries:
        assert client.get(pool_url(small)).status_code == 200
    with django_assert_max_num_queries(7) as large_queries:
        assert client.get(pool_url(large)).status_code == 200
    assert len(small_queries) == len(large_queries)


# --- Invitations and revoking -----------------------------------------------------------------


@pytest.mark.django_db
def test_csv_upload_shows_the_per_row_report(
    client, pool, manager, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(manager)
    upload = SimpleUploadedFile(
        "people.csv", b"name,email\nAda,ada@example.com\nBob,bob-at-example\n", "text/csv"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(pool_url(pool), {"file": upload})
    assert response.status_code == 200
    assert "1 invited, 1 skipped" in response.text
    assert "Not a valid email address." in response.text
    assert [m.to for m in mailoutbox] == [["ada@example.com"]]


@pytest.mark.django_db
def test_csv_without_the_header_is_a_form_error(client, pool, manager):
    client.force_login(manager)
    upload = SimpleUploadedFile("people.csv", b"ada@example.com\n", "text/csv")
    response = client.post(pool_url(pool), {"file": upload})
    assert response.status_code == 400
    assert "The first line must be the header" in response.text


@pytest.mark.django_db
def test_manager_revokes_an_unused_code(client, pool, manager):
    code = pool.codes.first()
    client.force_login(manager)
    response = client.post(f"{pool_url(pool)}codes/{code.pk}/revoke/")
    assert response.status_code == 302
    code.refresh_from_db()
    assert code.revoked_at is not None
    assert pool.codes.filter(revoked_at=None).count() == 3


# --- Granting ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_school_admin_grants_only_on_their_school_courses(
    client, catalog, seat_course, school_admin, manager
):
    elsewhere = build_course(catalog, modules=1, lessons_per_module=1, school=SchoolFactory())
    client.force_login(school_admin)
    page = client.get("/seats/pools/new/").text
    assert seat_course.title in page and elsewhere.title not in page
    form = {"organisation": "Clinic", "manager_email": manager.email.upper(), "seats": 4}
    response = client.post("/seats/pools/new/", {**form, "course": elsewhere.pk})
    assert response.status_code == 200 and not SeatPool.objects.exists()
    response = client.post("/seats/pools/new/", {**form, "course": seat_course.pk})
    pool = SeatPool.objects.get()
    assert response.url == pool_url(pool)
    assert (pool.manager, pool.seats, pool.codes.count()) == (manager, 4, 4)


@pytest.mark.django_db
def test_grant_page_is_closed_to_people_who_cannot_grant(client, seat_course, school):
    instructor = SchoolMembershipFactory(school=school, role=SchoolMembership.Role.INSTRUCTOR).user
    client.force_login(instructor)
    assert client.get("/seats/pools/new/").status_code == 404


@pytest.mark.django_db
def test_grant_form_needs_an_existing_manager(client, seat_course, staff_user):
    client.force_login(staff_user)
    response = client.post(
        "/seats/pools/new/",
        {"course": seat_course.pk, "organisation": "X", "manager_email": "no@one.test", "seats": 2},
    )
    assert "No active account has this email address." in response.text
    assert not SeatPool.objects.exists()
