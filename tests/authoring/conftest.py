"""A school set up as production sets it up (school_create), its instructor, reviewer and
admin, another school's instructor and reviewer, and a course of the school to build."""

from decimal import Decimal

import pytest

from courses.services.schools import school_create
from schools.models import SchoolMembership
from schools.services import school_member_add
from tests.factories import CoursePageFactory, UserFactory

Role = SchoolMembership.Role


def member(school, role, email):
    user = UserFactory(email=email)
    school_member_add(school=school, user=user, role=role)
    return user


@pytest.fixture
def school(catalog):
    return school_create(name="Valley School", slug="valley", catalog=catalog)


@pytest.fixture
def other_school(catalog):
    return school_create(name="Alder School", slug="alder", catalog=catalog)


@pytest.fixture
def instructor(school):
    return member(school, Role.INSTRUCTOR, "instructor@valley.example")


@pytest.fixture
def reviewer(school):
    return member(school, Role.REVIEWER, "reviewer@valley.example")


@pytest.fixture
def school_admin(school):
    return member(school, Role.ADMIN, "admin@valley.example")


@pytest.fixture
def outsider(other_school):
    return member(other_school, Role.INSTRUCTOR, "instructor@alder.example")


@pytest.fixture
def outside_reviewer(other_school):
    return member(other_school, Role.REVIEWER, "reviewer@alder.example")


@pytest.fixture
def new_course(school, instructor):
    """A course page never published, as an instructor starts one: not a CE course."""
    course = CoursePageFactory.build(
        title="Palpation basics", slug="palpation-basics", school=school, ce_hours=Decimal(0)
    )
    course.live = False
    school.section.add_child(instance=course)
    course.save_revision(user=instructor, clean=False)
    return course
