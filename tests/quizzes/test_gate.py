"""quizzes.gate reads the enrolment and its lock's facts in one hand-written query, for speed:
it must answer as the ORM query of courses.selectors.lock_facts() does, for every kind of lock,
and quiz_gate as quiz_access and quiz_lock asked separately."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.models import Enrollment, ModulePage
from courses.selectors import lock_facts, page_lock
from courses.selectors.locks import NOT_YET_OPEN, PREREQUISITES
from quizzes import gate, selectors
from quizzes.autosave_target import TreePosition
from tests.factories import (
    EnrollmentFactory,
    SchoolMembershipFactory,
    UserFactory,
)
from tests.quizzes.lock_scenarios import scenarios

FACTS = ("lock_blocked", "lock_opens_on", "lock_opens_after_days")


def orm_facts(user, page):
    """The facts as the ORM reads them (what the lesson page and quiz_lock read before)."""
    paths = [page.path[: n * page.steplen] for n in range(1, page.depth)]
    row = (
        Enrollment.objects.filter(
            student=user, status=Enrollment.Status.ACTIVE, course__path__in=paths
        )
        .annotate(**lock_facts(user=user, page=page))
        .values("pk", "course_id", *FACTS)
        .first()
    )
    if row is None:
        return None
    return {**row, "lock_blocked": bool(row["lock_blocked"])}


def raw_facts(user, page):
    enrollment = gate.enrollment_with_lock_facts(user=user, page=page)
    if enrollment is None:
        return None
    return {
        "pk": enrollment.pk,
        "course_id": enrollment.course_id,
        **{name: getattr(enrollment, name) for name in FACTS},
    }


def orm_gate(user, quiz):
    """quiz_access, then page_lock reading its facts through the ORM: the two asked apart."""
    may_take = selectors.quiz_access(user=user, quiz=quiz)
    facts = orm_facts(user, quiz)
    if facts is None:
        return may_take, None
    enrollment = Enrollment.objects.select_related("course").get(pk=facts["pk"])
    lock = page_lock(user=user, page=quiz, course=enrollment.course, enrollment=enrollment)
    return may_take, lock


@pytest.mark.django_db
def test_the_raw_read_answers_as_the_orm_for_every_kind_of_lock(lock_courses):
    learner = UserFactory()
    for scenario in scenarios(lock_courses, learner):
        for quiz in lock_courses["quizzes"]:
            assert raw_facts(learner, quiz) == orm_facts(learner, quiz), (scenario, quiz.title)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["learner", "staff", "school member"])
def test_quiz_gate_answers_as_access_and_lock_asked_apart(lock_courses, who):
    learner = UserFactory(is_staff=who == "staff")
    if who == "school member":
        SchoolMembershipFactory(
            school=lock_courses["advanced"].school, user=learner, role="instructor"
        )
    reasons = set()
    for scenario in scenarios(lock_courses, learner):
        for quiz in lock_courses["quizzes"]:
            quiz.refresh_from_db()
            found = selectors.quiz_gate(user=learner, quiz=quiz)
            may_take, lock = orm_gate(learner, quiz)
            assert (found.may_take, found.lock) == (may_take, lock), (scenario, quiz.title)
            assert found.lock == selectors.quiz_lock(user=learner, quiz=quiz)
            reasons.add(lock and lock.reason)
    # The learner met every kind of lock; staff and the school's members none.
    expected = {None, PREREQUISITES, NOT_YET_OPEN} if who == "learner" else {None}
    assert reasons == expected


@pytest.mark.django_db
def test_quiz_gate_reads_one_row_when_nothing_is_locked(lock_courses, django_assert_num_queries):
    learner = EnrollmentFactory(course=lock_courses["advanced"]).student
    quiz = lock_courses["quizzes"][0]
    with django_assert_num_queries(1):
        found = selectors.quiz_gate(user=learner, quiz=quiz)
    assert found.may_take and found.lock is None


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["learner", "staff", "school member"])
def test_open_without_lock_is_true_only_where_quiz_gate_lets_the_learner_in(lock_courses, who):
    """Autosave's shortcut (quizzes.gate.open_without_lock) may only say "open" where quiz_gate
    says "may take, no lock"; for a plainly open module quiz it must say so (else it is never
    taken). It is asked with the quiz's place in the tree, as autosave asks it."""
    learner = UserFactory(is_staff=who == "staff")
    if who == "school member":
        SchoolMembershipFactory(
            school=lock_courses["advanced"].school, user=learner, role="instructor"
        )
    opened = set()
    for scenario in scenarios(lock_courses, learner):
        for quiz in lock_courses["quizzes"]:
            quiz.refresh_from_db()
            found = selectors.quiz_gate(user=learner, quiz=quiz)
            position = TreePosition(path=quiz.path)
            is_open = gate.open_without_lock(user=learner, page=position)
            assert is_open == gate.open_without_lock(user=learner, page=quiz), scenario
            if is_open:
                assert found.may_take and found.lock is None, (scenario, quiz.title)
                opened.add((scenario, quiz.kind))
    module_quiz = lock_courses["quizzes"][0]
    assert ("enrolled, nothing locked", module_quiz.kind) in opened
    assert all(kind == module_quiz.kind for _, kind in opened)  # a course-level final asks


@pytest.mark.django_db
def test_open_without_lock_dates_a_delay_from_the_enrolment(lock_courses):
    """A module opening days after enrolling is open once they have passed: the enrolment's
    time, read by a plain cursor, is compared as the aware time the ORM gives."""
    module, quiz = lock_courses["module"], lock_courses["quizzes"][0]
    ModulePage.objects.filter(pk=module.pk).update(opens_after_days=10)
    enrollment = EnrollmentFactory(course=lock_courses["advanced"])
    learner = enrollment.student
    assert not gate.open_without_lock(user=learner, page=quiz)
    Enrollment.objects.filter(pk=enrollment.pk).update(
        enrolled_at=timezone.now() - timedelta(days=11)
    )
    assert gate.open_without_lock(user=learner, page=quiz)
    assert selectors.quiz_gate(user=learner, quiz=quiz).lock is None


@pytest.mark.django_db
def test_the_open_attempt_pages_cursor_read_answers_as_the_raw_read(lock_courses):
    """gate.open_gate (the question page's fast path) reads the same row with a plain cursor."""
    learner = UserFactory()
    for scenario in scenarios(lock_courses, learner):
        for quiz in lock_courses["quizzes"]:
            enrollment = gate.enrollment_with_lock_facts(user=learner, page=quiz)
            found = gate.open_gate(student_id=learner.pk, path=quiz.path, depth=quiz.depth)
            if enrollment is None:
                assert found is None, (scenario, quiz.title)
                continue
            expected = gate.OpenGate(
                enrolled_at=enrollment.enrolled_at,
                course_path=enrollment.course.path,
                **{name: getattr(enrollment, name) for name in FACTS},
            )
            assert found == expected, (scenario, quiz.title)
