"""The one rule set: who is platform staff, what each school role may do, and that the
memberships behind every rule are read once per user object."""

import os
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from schools import rules
from schools.models import SchoolMembership
from tests.factories import SchoolFactory, UserFactory

Role = SchoolMembership.Role
ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRS = {".venv", "node_modules", ".git", "media", "static", "__pycache__"}


@pytest.fixture
def school(db):
    return SchoolFactory()


@pytest.fixture
def other_school(db):
    return SchoolFactory()


def member(school, role, **fields):
    user = UserFactory(**fields)
    SchoolMembership.objects.create(school=school, user=user, role=role)
    return user


# --- Platform staff -----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"is_staff": True}, True),
        ({"is_superuser": True}, True),
        ({"is_staff": True, "is_superuser": True}, True),
        ({"is_staff": True, "is_active": False}, False),
        ({"is_superuser": True, "is_active": False}, False),
        ({}, False),
    ],
    ids=["staff", "superuser", "both", "inactive-staff", "inactive-superuser", "plain-user"],
)
def test_is_platform_staff_means_active_and_staff_or_superuser(fields, expected):
    assert rules.is_platform_staff(UserFactory(**fields)) is expected


def test_anonymous_visitor_is_nobody():
    visitor = AnonymousUser()
    course = SimpleNamespace(school_id=1)
    assert not rules.is_platform_staff(visitor)
    assert rules.school_ids(visitor) == frozenset()
    assert rules.school_scope(visitor) == frozenset()
    assert not rules.may_teach_course(visitor, course=course)
    assert not rules.may_refund_order(visitor)


@pytest.mark.django_db
def test_platform_staff_may_do_everything_anywhere(school):
    staff = UserFactory(is_staff=True)
    course = SimpleNamespace(school_id=school.pk)
    assert rules.school_scope(staff) is None
    assert rules.question_bank_scope(staff, write=True) is None
    assert rules.role_in_school(staff, school_id=school.pk) == rules.STAFF
    assert rules.may_teach_course(staff, course=course)
    assert rules.may_run_live_sessions(staff, course=course)
    assert rules.may_grant_seats(staff)
    assert rules.may_grant_seats(staff, course=course)
    assert rules.may_refund_order(staff)
    assert rules.may_manage_designs(staff)
    assert rules.may_edit_design(staff, school_id=None)
    assert rules.school_and_role(staff, slug=school.slug) == (school, rules.STAFF)
    assert rules.may_create_school(staff)
    assert rules.may_manage_team(staff, school_id=school.pk)
    assert rules.may_set_up_school(staff, school_id=school.pk)
    assert rules.team_school_ids(staff) is None


@pytest.mark.django_db
def test_inactive_staff_and_inactive_members_get_nothing(school):
    staff = UserFactory(is_staff=True, is_active=False)
    admin = member(school, Role.ADMIN, is_active=False)
    course = SimpleNamespace(school_id=school.pk)
    for user in (staff, admin):
        assert rules.school_scope(user) == frozenset()
        assert not rules.may_teach_course(user, course=course)
        assert not rules.may_grant_seats(user, course=course)
        assert not rules.may_refund_order(user)
        assert rules.school_and_role(user, slug=school.slug) is None


# --- Each school role ---------------------------------------------------------------------

# What each role may do in its own school: (admin, instructor, reviewer).
ROLE_RULES = {
    "teach": (True, True, False),
    "run_live": (True, True, False),
    "grant_accommodation": (True, True, False),
    "grant_seats": (True, False, False),
    "manage_pool": (True, False, False),
    "edit_banks": (True, True, False),
    "read_banks": (True, True, True),
    "view_certificates": (True, True, False),
    "manage_certificate": (True, False, False),
    "view_school_design": (True, True, False),
    "view_platform_design": (True, True, False),
    "edit_school_design": (True, True, False),
    "edit_platform_design": (False, False, False),
    "read_register": (True, True, True),
    "export_register": (True, True, False),
    "manage_school_seats": (True, False, False),
    "manage_tracking_credentials": (True, False, False),
    "refund_order": (False, False, False),
    "manage_team": (True, False, False),
    "set_up_school": (True, False, False),
    "create_school": (False, False, False),
}


def answers(user, school) -> dict[str, bool]:
    course = SimpleNamespace(school_id=school.pk)
    pool = SimpleNamespace(school_id=school.pk, manager_id=None)
    certificate = SimpleNamespace(school_id=school.pk)
    found = rules.school_and_role(user, slug=school.slug)
    role = found[1] if found else None
    return {
        "teach": rules.may_teach_course(user, course=course),
        "run_live": rules.may_run_live_sessions(user, course=course),
        "grant_accommodation": rules.may_grant_accommodation(user, course=course),
        "grant_seats": rules.may_grant_seats(user, course=course),
        "manage_pool": rules.may_manage_seat_pool(user, pool=pool),
        "edit_banks": school.pk in rules.question_bank_scope(user, write=True),
        "read_banks": school.pk in rules.question_bank_scope(user, write=False),
        "view_certificates": rules.may_view_certificate(user, certificate=certificate),
        "manage_certificate": rules.may_manage_certificate(user, certificate=certificate),
        "view_school_design": rules.may_view_design(user, school_id=school.pk),
        "view_platform_design": rules.may_view_design(user, school_id=None),
        "edit_school_design": rules.may_edit_design(user, school_id=school.pk),
        "edit_platform_design": rules.may_edit_design(user, school_id=None),
        "read_register": rules.may_read_register(role),
        "export_register": rules.may_export_register(role),
        "manage_school_seats": rules.may_manage_school_seats(role),
        "manage_tracking_credentials": rules.may_manage_tracking_credentials(role),
        "refund_order": rules.may_refund_order(user),
        "manage_team": rules.may_manage_team(user, school_id=school.pk),
        "set_up_school": rules.may_set_up_school(user, school_id=school.pk),
        "create_school": rules.may_create_school(user),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "column"), [(Role.ADMIN, 0), (Role.INSTRUCTOR, 1), (Role.REVIEWER, 2)]
)
def test_each_role_may_do_what_its_column_says_in_its_own_school(school, role, column):
    user = member(school, role)
    expected = {rule: allowed[column] for rule, allowed in ROLE_RULES.items()}
    assert answers(user, school) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.ADMIN, Role.INSTRUCTOR, Role.REVIEWER])
def test_a_role_in_one_school_gives_nothing_in_another(school, other_school, role):
    user = member(school, role)
    outside = answers(user, other_school)
    assert not any(value for rule, value in outside.items() if rule != "view_platform_design")


@pytest.mark.django_db
def test_a_plain_user_may_do_nothing(school):
    assert not any(answers(UserFactory(), school).values())


@pytest.mark.django_db
def test_a_pool_manager_manages_their_pool_without_a_membership(school):
    manager = UserFactory()
    pool = SimpleNamespace(school_id=school.pk, manager_id=manager.pk)
    assert rules.may_manage_seat_pool(manager, pool=pool)
    assert not rules.may_grant_seats(manager)


@pytest.mark.django_db
def test_staff_and_members_lists_staff_and_the_roles_asked_for(school):
    staff = UserFactory(is_staff=True)
    superuser = UserFactory(is_superuser=True)
    UserFactory(is_staff=True, is_active=False)
    admin = member(school, Role.ADMIN)
    member(school, Role.REVIEWER)
    UserFactory()
    found = set(rules.staff_and_members(roles=rules.TEACHING_ROLES))
    assert found == {staff, superuser, admin}
    assert set(rules.platform_staff_users()) == {staff, superuser}


# --- The per-user cache -------------------------------------------------------------------


@pytest.mark.django_db
def test_memberships_are_read_once_per_user_object(school, other_school, django_assert_num_queries):
    user = member(school, Role.ADMIN)
    SchoolMembership.objects.create(school=other_school, user=user, role=Role.REVIEWER)
    course = SimpleNamespace(school_id=school.pk)
    with django_assert_num_queries(1):
        assert rules.school_ids(user) == {school.pk, other_school.pk}
        assert rules.school_ids(user, roles=rules.ADMIN_ROLES) == {school.pk}
        assert rules.may_teach_course(user, course=course)
        assert rules.may_grant_seats(user)
        assert rules.question_bank_scope(user, write=True) == {school.pk}
        assert rules.school_and_role(user, slug=other_school.slug) == (other_school, "reviewer")
    # Another object for the same person (the next request's) reads them afresh.
    fresh = type(user).objects.get(pk=user.pk)
    with django_assert_num_queries(1):
        assert rules.may_teach_course(fresh, course=course)
        assert rules.may_manage_designs(fresh)


@pytest.mark.django_db
def test_staff_rules_need_no_query(school, django_assert_num_queries):
    staff = UserFactory(is_staff=True)
    course = SimpleNamespace(school_id=school.pk)
    with django_assert_num_queries(0):
        assert rules.may_teach_course(staff, course=course)
        assert rules.school_scope(staff) is None
        assert rules.may_refund_order(staff)


# --- One definition ----------------------------------------------------------------------

DUPLICATES = re.compile(r"^\s*def (school_ids_for|is_platform_staff|editor_school_ids)\b", re.M)


def test_no_module_but_schools_rules_defines_the_staff_or_membership_readers():
    defined = set()
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in SKIPPED_DIRS]
        for name in files:
            path = Path(folder, name)
            if name.endswith(".py") and DUPLICATES.search(path.read_text(encoding="utf-8")):
                defined.add(path.relative_to(ROOT).as_posix())
    assert defined == {"schools/rules.py"}


@pytest.mark.django_db
def test_the_seat_pool_filter_costs_no_query_and_is_none_for_staff(
    school, django_assert_num_queries
):
    admin = member(school, Role.ADMIN)
    staff = UserFactory(is_staff=True)
    with django_assert_num_queries(0):
        assert rules.seat_pools_managed_by(staff) is None
        assert rules.seat_pools_managed_by(admin) is not None
