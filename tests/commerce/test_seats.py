import threading

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from commerce.models import EnrollmentCode, SeatPool
from commerce.services.seats import (
    CODE_ALPHABET,
    INVITE_BAD_HEADER,
    INVITE_DUPLICATE,
    INVITE_EMAIL_INVALID,
    INVITE_EMAIL_MISSING,
    INVITE_NO_SEATS,
    SEAT_ALREADY_ENROLLED,
    SEAT_CODE_INVALID,
    SEAT_CODE_NOT_REVOCABLE,
    SEAT_CODE_USED,
    SEAT_ENROLLMENT_BLOCKED,
    code_generate,
    code_normalise,
    seat_code_redeem,
    seat_code_revoke,
    seat_invites_import,
    seat_pool_grant,
)
from courses.models import Enrollment
from courses.services.enrollments import COURSE_NOT_LIVE
from schools.models import SchoolMembership
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, SchoolFactory, SchoolMembershipFactory, UserFactory

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs row locks: PostgreSQL"
)


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


def grant(course, manager, granted_by, seats=3):
    return seat_pool_grant(
        course=course,
        organisation="Spa & Co",
        manager=manager,
        seats=seats,
        granted_by=granted_by,
    )


def codes_of(pool) -> list[str]:
    return list(pool.codes.order_by("pk").values_list("code", flat=True))


# --- Codes ------------------------------------------------------------------------------------


def test_codes_are_long_random_and_typed_loosely():
    code = code_generate()
    raw = code.replace("-", "")
    assert len(raw) == 12 and set(raw) <= set(CODE_ALPHABET) and len(CODE_ALPHABET) == 32
    assert code.count("-") == 2
    assert len({code_generate() for _ in range(500)}) == 500
    assert code_normalise(f"  {raw.lower()[:6]} {raw.lower()[6:]} ") == code
    assert code_normalise("ABCD-EFGH-JKMO") == "ABCD-EFGH-JKM0"  # O is read as zero
    assert code_normalise("ABCD-EFGH") is None
    assert code_normalise("ABCD-EFGH-JKM!U") is None


# --- Granting ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_grants_a_pool_with_one_code_per_seat(seat_course, manager, staff_user, school):
    pool = grant(seat_course, manager, staff_user, seats=5)
    assert pool.school == school and pool.source == SeatPool.Source.GRANTED
    assert pool.created_by == staff_user
    assert pool.codes.count() == 5
    assert len(set(codes_of(pool))) == 5


@pytest.mark.django_db
def test_school_admin_grants_on_their_school_course(seat_course, manager, school_admin):
    assert grant(seat_course, manager, school_admin).codes.count() == 3


@pytest.mark.django_db
def test_others_cannot_grant(seat_course, manager, school):
    instructor = SchoolMembershipFactory(school=school, role=SchoolMembership.Role.INSTRUCTOR)
    other_admin = SchoolMembershipFactory(role=SchoolMembership.Role.ADMIN)
    for user in (manager, instructor.user, other_admin.user):
        with pytest.raises(PermissionDenied):
            grant(seat_course, manager, user)
    assert not SeatPool.objects.exists()


@pytest.mark.django_db
def test_seat_count_is_bounded(seat_course, manager, staff_user):
    for seats in (0, 1001):
        with pytest.raises(ValidationError):
            grant(seat_course, manager, staff_user, seats=seats)


# --- Redeeming --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_redeem_enrols_and_spends_the_code(seat_course, manager, staff_user, user):
    pool = grant(seat_course, manager, staff_user)
    code = codes_of(pool)[0]
    enrollment = seat_code_redeem(code=code.lower().replace("-", " "), user=user)
    assert enrollment.student == user and enrollment.course_id == seat_course.pk
    assert enrollment.source == Enrollment.Source.SEAT and enrollment.is_active
    seat = EnrollmentCode.objects.get(code=code)
    assert seat.redeemed_by == user and seat.redeemed_at and seat.enrollment == enrollment


@pytest.mark.django_db
def test_same_user_redeeming_again_gets_the_same_enrolment(seat_course, manager, staff_user, user):
    code = codes_of(grant(seat_course, manager, staff_user))[0]
    first = seat_code_redeem(code=code, user=user)
    assert seat_code_redeem(code=code, user=user) == first
    assert Enrollment.objects.count() == 1


@pytest.mark.django_db
def test_a_used_code_is_refused_to_someone_else(seat_course, manager, staff_user, user):
    code = codes_of(grant(seat_course, manager, staff_user))[0]
    seat_code_redeem(code=code, user=user)
    with pytest.raises(ValidationError) as exc:
        seat_code_redeem(code=code, user=UserFactory())
    assert exc.value.messages == [SEAT_CODE_USED]
    assert Enrollment.objects.count() == 1


@pytest.mark.django_db
def test_unknown_malformed_and_revoked_codes_say_the_same(seat_course, manager, staff_user, user):
    pool = grant(seat_course, manager, staff_user)
    revoked = pool.codes.first()
    seat_code_revoke(code=revoked, by=manager)
    for typed in ("ZZZZ-ZZZZ-ZZZZ", "nonsense", revoked.code):
        with pytest.raises(ValidationError) as exc:
            seat_code_redeem(code=typed, user=user)
        assert exc.value.messages == [SEAT_CODE_INVALID]
    assert not Enrollment.objects.exists()


@pytest.mark.django_db
def test_already_enrolled_learner_keeps_the_seat_free(seat_course, manager, staff_user, user):
    EnrollmentFactory(student=user, course=seat_course)
    code = codes_of(grant(seat_course, manager, staff_user))[0]
    with pytest.raises(ValidationError) as exc:
        seat_code_redeem(code=code, user=user)
    assert exc.value.messages == [SEAT_ALREADY_ENROLLED]
    assert EnrollmentCode.objects.get(code=code).redeemed_at is None


@pytest.mark.django_db
def test_revoked_learner_cannot_use_a_seat_to_come_back(seat_course, manager, staff_user, user):
    EnrollmentFactory(student=user, course=seat_course, status=Enrollment.Status.REVOKED)
    code = codes_of(grant(seat_course, manager, staff_user))[0]
    with pytest.raises(ValidationError) as exc:
        seat_code_redeem(code=code, user=user)
    assert exc.value.messages == [SEAT_ENROLLMENT_BLOCKED]
    assert EnrollmentCode.objects.get(code=code).redeemed_at is None


@pytest.mark.django_db
def test_a_course_that_is_not_live_refuses_codes(seat_course, manager, staff_user, user):
    code = codes_of(grant(seat_course, manager, staff_user))[0]
    seat_course.unpublish()
    with pytest.raises(ValidationError) as exc:
        seat_code_redeem(code=code, user=user)
    assert exc.value.messages == [COURSE_NOT_LIVE]


# --- Revoking ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_revoking_replaces_the_code_so_the_pool_keeps_its_seats(
    seat_course, manager, staff_user, user
):
    pool = grant(seat_course, manager, staff_user, seats=2)
    first, second = pool.codes.all()
    seat_code_revoke(code=first, by=manager)
    seat_code_revoke(code=first, by=manager)  # twice changes nothing more
    assert pool.codes.filter(revoked_at__isnull=True).count() == 2
    assert pool.codes.count() == 3
    seat_code_redeem(code=second.code, user=user)
    with pytest.raises(ValidationError) as exc:
        seat_code_revoke(code=second, by=manager)
    assert exc.value.messages == [SEAT_CODE_NOT_REVOCABLE]
    with pytest.raises(PermissionDenied):
        seat_code_revoke(code=pool.codes.filter(revoked_at=None).last(), by=UserFactory())


# --- Races ------------------------------------------------------------------------------------


def race(jobs) -> tuple[list, list]:
    """Run each job in its own thread, all released at once; (results, errors)."""
    start = threading.Barrier(len(jobs))
    results, errors = [], []

    def run(job):
        try:
            start.wait()
            results.append(job())
        except Exception as exc:  # counted by the caller
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_six_people_racing_for_three_codes_make_three_enrolments(catalog, staff_user):
    school = SchoolFactory()
    course = build_course(catalog, modules=1, lessons_per_module=1, school=school)
    pool = grant(course, UserFactory(), staff_user, seats=3)
    codes = codes_of(pool)
    users = [UserFactory() for _ in range(6)]
    jobs = [
        lambda user=user, code=codes[i % 3]: seat_code_redeem(code=code, user=user)
        for i, user in enumerate(users)
    ]
    results, errors = race(jobs)
    assert len(results) == 3
    assert [e.messages for e in errors] == [[SEAT_CODE_USED]] * 3
    assert Enrollment.objects.filter(course=course).count() == 3
    assert pool.codes.filter(redeemed_at__isnull=False).count() == 3


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_eight_people_racing_for_one_code_make_one_enrolment(catalog, staff_user):
    course = build_course(catalog, modules=1, lessons_per_module=1, school=SchoolFactory())
    code = codes_of(grant(course, UserFactory(), staff_user, seats=1))[0]
    users = [UserFactory() for _ in range(8)]
    results, errors = race([lambda u=u: seat_code_redeem(code=code, user=u) for u in users])
    assert len(results) == 1 and len(errors) == 7
    assert Enrollment.objects.filter(course=course).count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_revoking_at_once_never_makes_more_live_codes_than_seats(catalog, staff_user):
    course = build_course(catalog, modules=1, lessons_per_module=1, school=SchoolFactory())
    manager = UserFactory()
    pool = grant(course, manager, staff_user, seats=4)
    codes = list(pool.codes.all())
    results, errors = race([lambda c=c: seat_code_revoke(code=c, by=manager) for c in codes])
    assert errors == [] and len(results) == 4
    assert pool.codes.filter(revoked_at__isnull=True).count() == 4


# --- Invitations ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_invites_import_reports_each_row_and_imports_the_good_ones(
    seat_course, manager, staff_user, django_capture_on_commit_callbacks
):
    pool = grant(seat_course, manager, staff_user, seats=3)
    csv_text = (
        "\ufeff Name , EMAIL \n"
        "Ada Lovelace, ada@example.com \n"
        "Bad Email,not-an-email\n"
        "No Email,\n"
        "\n"
        "Ada Again,ADA@example.com\n"
        "Grace Hopper,grace@example.com\n"
        "Alan Turing,alan@example.com\n"
        "Late Comer,late@example.com\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = seat_invites_import(pool=pool, csv_text=csv_text, invited_by=manager)
    got = [(row.line, row.email, row.status, row.message) for row in report.rows]
    assert got == [
        (2, "ada@example.com", "invited", "Invitation sent."),
        (3, "not-an-email", "invalid", INVITE_EMAIL_INVALID),
        (4, "", "invalid", INVITE_EMAIL_MISSING),
        (6, "ADA@example.com", "duplicate", INVITE_DUPLICATE),
        (7, "grace@example.com", "invited", "Invitation sent."),
        (8, "alan@example.com", "invited", "Invitation sent."),
        (9, "late@example.com", "no_seats", INVITE_NO_SEATS),
    ]
    assert (report.invited, report.skipped) == (3, 4)
    invited = dict(pool.codes.exclude(email="").values_list("email", "name"))
    assert invited == {
        "ada@example.com": "Ada Lovelace",
        "grace@example.com": "Grace Hopper",
        "alan@example.com": "Alan Turing",
    }
    assert sorted(m.to[0] for m in mail.outbox) == sorted(invited)
    ada_code = pool.codes.get(email="ada@example.com").code
    ada_mail = next(m for m in mail.outbox if m.to == ["ada@example.com"])
    assert f"/seats/redeem/?code={ada_code}" in ada_mail.body and "Ada Lovelace" in ada_mail.body


@pytest.mark.django_db
def test_a_second_import_skips_people_already_invited(
    seat_course, manager, staff_user, django_capture_on_commit_callbacks
):
    pool = grant(seat_course, manager, staff_user, seats=3)
    with django_capture_on_commit_callbacks(execute=True):
        seat_invites_import(pool=pool, csv_text="name,email\nA,a@example.com\n", invited_by=manager)
        report = seat_invites_import(
            pool=pool, csv_text="email,name\nA@EXAMPLE.COM,A\nb@example.com,B\n", invited_by=manager
        )
    assert [row.status for row in report.rows] == ["duplicate", "invited"]
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_invites_need_the_header_and_a_manager(seat_course, manager, staff_user):
    pool = grant(seat_course, manager, staff_user)
    with pytest.raises(ValidationError) as exc:
        seat_invites_import(pool=pool, csv_text="a@example.com\n", invited_by=manager)
    assert exc.value.messages == [INVITE_BAD_HEADER]
    with pytest.raises(PermissionDenied):
        seat_invites_import(pool=pool, csv_text="name,email\n", invited_by=UserFactory())


@pytest.mark.django_db
def test_invitations_wait_for_the_commit(
    seat_course, manager, staff_user, django_capture_on_commit_callbacks
):
    pool = grant(seat_course, manager, staff_user)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        seat_invites_import(pool=pool, csv_text="name,email\nA,a@example.com\n", invited_by=manager)
    assert len(callbacks) == 1 and mail.outbox == []
