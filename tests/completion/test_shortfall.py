"""The cheap "surely not complete yet" check (completion/shortfall.py) never says so of a course
the full rules find complete, and course_completion_check decides as it did without it."""

import pytest

from completion.services import course_completion, course_completion_check
from completion.shortfall import course_surely_incomplete
from courses.models import Enrollment, LessonPage, LessonVisit, ModulePage
from live.models import SkillsChecklistItem
from quizzes.services import attempts
from tests.completion.test_completion_lessons import fresh, lessons_of, take, visit
from tests.conftest import build_course
from tests.factories import EnrollmentFactory
from tests.quizzes.conftest import make_question, make_quiz


def shortfall(enrollment) -> bool:
    course = enrollment.course
    return course_surely_incomplete(
        course_path=course.path, course_depth=course.depth, student_id=enrollment.student_id
    )


def agrees(enrollment, *, surely_incomplete: bool, complete: bool) -> None:
    enrollment = fresh(enrollment)
    assert shortfall(enrollment) is surely_incomplete
    assert course_completion(enrollment=enrollment).complete is complete
    assert not (surely_incomplete and complete)


@pytest.fixture
def final_quiz(course, bank):
    return make_quiz(
        course, questions=[make_question(bank)], shuffle_answers=False, kind="final_assessment"
    )


def test_nothing_done_is_surely_incomplete(course, enrollment, final_quiz):
    agrees(enrollment, surely_incomplete=True, complete=False)


def test_a_required_quiz_never_handed_in_is_surely_incomplete(course, enrollment, final_quiz):
    visit(enrollment, lessons_of(course))
    agrees(enrollment, surely_incomplete=True, complete=False)


def test_an_unopened_required_lesson_is_surely_incomplete(course, enrollment, final_quiz):
    visit(enrollment, lessons_of(course)[:-1])
    take(final_quiz, enrollment.student, "1")
    agrees(enrollment, surely_incomplete=True, complete=False)


def test_a_failed_quiz_is_left_to_the_full_rules(course, enrollment, final_quiz):
    visit(enrollment, lessons_of(course))
    take(final_quiz, enrollment.student, "0")
    agrees(enrollment, surely_incomplete=False, complete=False)
    assert not course_completion_check(enrollment=fresh(enrollment))


def test_seat_time_not_yet_spent_is_left_to_the_full_rules(course, module, bank, enrollment):
    # A module quiz: the final assessment itself waits for the seat time.
    quiz = make_quiz(module, questions=[make_question(bank)], shuffle_answers=False)
    lesson = lessons_of(course)[0]
    lesson.min_seat_minutes = 5
    lesson.save_revision().publish()
    visit(enrollment, lessons_of(course))
    take(quiz, enrollment.student, "1")
    LessonVisit.objects.filter(student=enrollment.student, lesson=lesson).update(seat_seconds=60)
    agrees(enrollment, surely_incomplete=False, complete=False)
    LessonVisit.objects.filter(student=enrollment.student, lesson=lesson).update(seat_seconds=300)
    agrees(enrollment, surely_incomplete=False, complete=True)


def test_a_skill_not_signed_off_is_left_to_the_full_rules(course, enrollment, final_quiz):
    module = ModulePage.objects.child_of(course).first()
    module.skills = [SkillsChecklistItem(text="Applies ischemic compression safely")]
    module.save_revision().publish()
    visit(enrollment, lessons_of(course))
    take(final_quiz, enrollment.student, "1")
    agrees(enrollment, surely_incomplete=False, complete=False)
    assert not course_completion_check(enrollment=fresh(enrollment))


def test_optional_and_draft_lessons_and_quizzes_are_not_missing(
    course, module, bank, enrollment, final_quiz
):
    lessons = lessons_of(course)
    optional, draft = lessons[0], lessons[1]
    optional.required_for_completion = False
    optional.save_revision().publish()
    draft.unpublish()
    optional_quiz = make_quiz(module, questions=[make_question(bank)], shuffle_answers=False)
    optional_quiz.required_for_completion = False
    optional_quiz.save_revision().publish()
    make_quiz(module, questions=[make_question(bank)], shuffle_answers=False).unpublish()
    visit(enrollment, lessons[2:])
    take(final_quiz, enrollment.student, "1")
    agrees(enrollment, surely_incomplete=False, complete=True)


def test_only_the_learners_own_visits_and_attempts_count(course, enrollment, final_quiz):
    other = EnrollmentFactory(course=course)
    visit(other, lessons_of(course))
    take(final_quiz, other.student, "1")
    agrees(enrollment, surely_incomplete=True, complete=False)
    agrees(other, surely_incomplete=False, complete=True)


def test_another_courses_lessons_and_quizzes_are_not_counted(
    catalog, course, bank, enrollment, final_quiz
):
    other_course = build_course(catalog)
    make_quiz(other_course, questions=[make_question(bank)], shuffle_answers=False)
    visit(enrollment, lessons_of(course))
    take(final_quiz, enrollment.student, "1")
    assert LessonPage.objects.descendant_of(other_course).exists()
    agrees(enrollment, surely_incomplete=False, complete=True)


def test_the_check_completes_the_course_once_the_last_fact_arrives(
    course, enrollment, final_quiz, received
):
    visit(enrollment, lessons_of(course))
    assert not course_completion_check(enrollment=fresh(enrollment))
    take(final_quiz, enrollment.student, "1")  # completes it through attempt_graded
    enrollment = fresh(enrollment)
    assert enrollment.completed_at is not None and received == [enrollment.pk]
    assert not course_completion_check(enrollment=enrollment)


def test_an_inactive_enrolment_is_not_completed(course, enrollment, final_quiz, received):
    visit(enrollment, lessons_of(course))
    attempt = attempts.attempt_start(quiz=final_quiz, user=enrollment.student)
    attempts.attempt_save_response(
        attempt=attempt, slot_order=1, fields=lambda name: ["1"] if name == "q1" else []
    )
    Enrollment.objects.filter(pk=enrollment.pk).update(status=Enrollment.Status.REVOKED)
    attempts.attempt_submit(attempt=attempt)  # a pass, on an enrolment no longer active
    assert not course_completion_check(enrollment=fresh(enrollment))
    assert fresh(enrollment).completed_at is None and received == []
