"""Prerequisites and drip release: the rules (courses.selectors.locks), with the clock passed
in as `now=` and dates read in the site's time zone."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from courses import selectors
from courses.models import CoursePrerequisite, Enrollment, ModulePage
from courses.models.prerequisites import PREREQUISITE_CYCLE, PREREQUISITE_SELF
from courses.selectors.locks import (
    NOT_YET_OPEN,
    PREREQUISITES,
    Release,
    final_lock,
    module_lock,
    module_opens_at,
    start_of_day,
)
from courses.services import enrollment_create
from tests.conftest import build_course
from tests.factories import (
    EnrollmentFactory,
    SchoolFactory,
    SchoolMembershipFactory,
    UserFactory,
)

ENROLLED = datetime(2027, 3, 5, 22, 30, tzinfo=UTC)


def module(**fields) -> Release:
    return Release(**fields)


# --- Dates: pure rules, no database ----------------------------------------------------------


def test_a_module_without_release_fields_is_open():
    assert module_opens_at(module=module(), enrolled_at=ENROLLED) is None
    assert module_lock(module=module(), enrolled_at=ENROLLED, now=ENROLLED) is None


def test_a_dated_module_opens_at_midnight_on_its_date_and_says_so():
    dated = module(opens_on=date(2027, 3, 12))
    midnight = start_of_day(date(2027, 3, 12))
    lock = module_lock(module=dated, enrolled_at=ENROLLED, now=midnight - timedelta(seconds=1))
    assert lock.reason == NOT_YET_OPEN
    assert lock.message == "Opens on 12 March 2027."
    assert lock.opens_at == midnight
    assert module_lock(module=dated, enrolled_at=ENROLLED, now=midnight) is None


def test_a_delay_counts_days_from_the_enrolment_date_and_names_the_day():
    delayed = module(opens_after_days=7)
    lock = module_lock(module=delayed, enrolled_at=ENROLLED, now=ENROLLED)
    assert lock.message == "Opens 7 days after you enrol: on 12 March 2027."
    assert lock.opens_at == start_of_day(date(2027, 3, 12))
    assert module_lock(module=delayed, enrolled_at=ENROLLED, now=lock.opens_at) is None


@override_settings(TIME_ZONE="America/Toronto")
def test_the_enrolment_day_and_the_opening_are_read_in_the_site_time_zone():
    # 22:30 UTC on 5 March is 17:30 in Toronto: still 5 March there, and midnight is 05:00 UTC.
    with timezone.override("America/Toronto"):
        opens = module_opens_at(module=module(opens_after_days=1), enrolled_at=ENROLLED)
    assert opens == datetime(2027, 3, 6, 5, 0, tzinfo=UTC)
    late = datetime(2027, 3, 6, 4, 30, tzinfo=UTC)  # 23:30 on 5 March in Toronto
    with timezone.override("America/Toronto"):
        assert module_opens_at(module=module(opens_after_days=1), enrolled_at=late) == opens


def test_with_a_date_and_a_delay_the_later_one_opens_the_module():
    both = module(opens_on=date(2027, 3, 8), opens_after_days=10)
    lock = module_lock(module=both, enrolled_at=ENROLLED, now=ENROLLED)
    assert lock.message == "Opens 10 days after you enrol: on 15 March 2027."
    later_date = module(opens_on=date(2027, 4, 1), opens_after_days=2)
    lock = module_lock(module=later_date, enrolled_at=ENROLLED, now=ENROLLED)
    assert lock.message == "Opens on 1 April 2027."


def test_before_enrolling_a_delay_cannot_be_dated():
    lock = module_lock(module=module(opens_after_days=1), enrolled_at=None, now=ENROLLED)
    assert lock.message == "Opens 1 day after you enrol."
    assert lock.opens_at is None


def test_the_final_opens_with_the_last_module():
    modules = [module(opens_after_days=3), module(opens_on=date(2027, 3, 20)), module()]
    lock = final_lock(modules=modules, enrolled_at=ENROLLED, now=ENROLLED)
    assert lock.message == "Opens when the last module opens on 20 March 2027."
    after = start_of_day(date(2027, 3, 20))
    assert final_lock(modules=modules, enrolled_at=ENROLLED, now=after) is None


# --- Prerequisites ---------------------------------------------------------------------------


@pytest.fixture
def basics(catalog):
    return build_course(catalog, title="Basics", lessons_per_module=1)


@pytest.fixture
def advanced(catalog, basics):
    course = build_course(catalog, title="Advanced", lessons_per_module=2)
    CoursePrerequisite.objects.create(course=course, required_course=basics)
    return course


def complete(user, course):
    enrollment = EnrollmentFactory(student=user, course=course)
    Enrollment.objects.filter(pk=enrollment.pk).update(completed_at=timezone.now())
    return enrollment


def test_prerequisites_are_missing_until_completed(
    user, basics, advanced, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert selectors.prerequisites_missing(user=user, course=advanced) == [basics]
    EnrollmentFactory(student=user, course=basics)  # enrolled is not completed
    assert selectors.prerequisites_missing(user=user, course=advanced) == [basics]
    Enrollment.objects.filter(student=user, course=basics).update(completed_at=timezone.now())
    assert selectors.prerequisites_missing(user=user, course=advanced) == []


def test_a_revoked_completion_does_not_count(user, basics, advanced):
    enrollment = complete(user, basics)
    Enrollment.objects.filter(pk=enrollment.pk).update(status=Enrollment.Status.REVOKED)
    assert selectors.prerequisites_missing(user=user, course=advanced) == [basics]


def test_an_unpublished_prerequisite_does_not_lock_for_ever(user, basics, advanced):
    basics.unpublish()
    assert selectors.prerequisites_missing(user=user, course=advanced) == []


def test_the_lock_names_every_missing_course(user, catalog, basics, advanced):
    other = build_course(catalog, title="Anatomy", lessons_per_module=1)
    CoursePrerequisite.objects.create(course=advanced, required_course=other, sort_order=1)
    lock = selectors.prerequisite_lock(user=user, course=advanced)
    assert lock.reason == PREREQUISITES
    assert lock.message == "Complete “Basics” and “Anatomy” first: this course requires them."
    assert list(lock.missing) == [basics, other]


def test_free_enrolment_is_refused_until_prerequisites_are_complete(user, basics, advanced):
    with pytest.raises(ValidationError) as refused:
        enrollment_create(user=user, course=advanced)
    assert refused.value.messages == ["Complete “Basics” first: this course requires it."]
    assert not Enrollment.objects.filter(student=user, course=advanced).exists()
    complete(user, basics)
    assert enrollment_create(user=user, course=advanced).is_active


def test_a_course_cannot_require_itself_or_its_own_dependant(basics, advanced):
    with pytest.raises(ValidationError) as itself:
        CoursePrerequisite(course=basics, required_course=basics).full_clean()
    assert PREREQUISITE_SELF in str(itself.value)
    with pytest.raises(ValidationError) as cycle:
        CoursePrerequisite(course=basics, required_course=advanced).full_clean()
    assert PREREQUISITE_CYCLE.format(required=advanced) in str(cycle.value)


# --- A page's lock: who is locked out --------------------------------------------------------


def test_page_lock_locks_the_enrolled_learner_only(user, catalog, basics, advanced):
    school = SchoolFactory()
    advanced.school = school
    advanced.save_revision().publish()
    lesson = advanced.get_descendants().type(ModulePage).first().get_children().first()
    enrollment = EnrollmentFactory(student=user, course=advanced)
    lock = selectors.page_lock(user=user, page=lesson, course=advanced, enrollment=enrollment)
    assert lock.reason == PREREQUISITES
    instructor = SchoolMembershipFactory(school=school, role="instructor").user
    teaching = EnrollmentFactory(student=instructor, course=advanced)
    lock = selectors.page_lock(user=instructor, page=lesson, course=advanced, enrollment=teaching)
    assert lock is None
    staff = UserFactory(is_staff=True)
    staff_enrolled = EnrollmentFactory(student=staff, course=advanced)
    lock = selectors.page_lock(user=staff, page=lesson, course=advanced, enrollment=staff_enrolled)
    assert lock is None


def test_page_lock_costs_one_query_when_nothing_is_locked(
    user, basics, advanced, django_assert_num_queries
):
    complete(user, basics)
    enrollment = EnrollmentFactory(student=user, course=advanced)
    lesson = advanced.get_descendants().type(ModulePage).first().get_children().first()
    with django_assert_num_queries(1):
        assert (
            selectors.page_lock(user=user, page=lesson, course=advanced, enrollment=enrollment)
            is None
        )
