"""Course completion with lessons: every required live lesson visited, every required quiz
passed; recorded once in Enrollment.completed_at and its certificate started once."""

import threading

import pytest
from django.db import connection

from completion.services import course_completion, course_completion_check
from courses.models import Enrollment, LessonPage
from courses.services.progress import lesson_visit_record
from quizzes.services import attempts as services
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, LessonPageFactory
from tests.quizzes.conftest import make_question, make_quiz


def lessons_of(course) -> list[LessonPage]:
    return list(LessonPage.objects.live().descendant_of(course).order_by("path"))


def take(quiz, user, answer):
    attempt = services.attempt_start(quiz=quiz, user=user)
    services.attempt_save_response(
        attempt=attempt, slot_order=1, fields=lambda name: [answer] if name == "q1" else []
    )
    return services.attempt_submit(attempt=attempt)


def visit(enrollment, lessons):
    for lesson in lessons:
        lesson_visit_record(user=enrollment.student, lesson=lesson, course=enrollment.course)


def fresh(enrollment) -> Enrollment:
    return Enrollment.objects.select_related("course").get(pk=enrollment.pk)


@pytest.fixture
def final_quiz(course, bank):
    return make_quiz(
        course, questions=[make_question(bank)], shuffle_answers=False, kind="final_assessment"
    )


def test_required_live_lessons_must_be_visited_as_well_as_quizzes_passed(
    course, enrollment, final_quiz, django_capture_on_commit_callbacks
):
    lessons = lessons_of(course)
    optional, draft = lessons[4], lessons[5]
    optional.required_for_completion = False
    optional.save_revision().publish()
    draft.unpublish()
    required = [lesson.pk for lesson in lessons[:4]]
    with django_capture_on_commit_callbacks(execute=True):
        take(final_quiz, enrollment.student, "1")
        visit(enrollment, lessons[:3])
    completion = course_completion(enrollment=fresh(enrollment))
    assert not completion.complete and completion.lessons_tracked
    assert completion.required_lesson_ids == required
    assert completion.visited_lesson_ids == set(required[:3])
    assert completion.passed_quiz_ids == {final_quiz.pk}
    with django_capture_on_commit_callbacks(execute=True):
        visit(enrollment, [lessons[3]])
    completion = course_completion(enrollment=fresh(enrollment))
    assert completion.complete and completion.visited_lesson_ids == set(required)


def test_a_course_of_lessons_only_is_complete_once_they_are_all_visited(
    course, enrollment, django_capture_on_commit_callbacks
):
    lessons = lessons_of(course)
    with django_capture_on_commit_callbacks(execute=True):
        visit(enrollment, lessons[:-1])
    assert not course_completion(enrollment=fresh(enrollment)).complete
    with django_capture_on_commit_callbacks(execute=True):
        visit(enrollment, lessons[-1:])
    assert course_completion(enrollment=fresh(enrollment)).complete


def test_a_revoked_enrolment_is_never_complete(course, enrollment):
    visit(enrollment, lessons_of(course))
    Enrollment.objects.filter(pk=enrollment.pk).update(status=Enrollment.Status.REVOKED)
    assert not course_completion(enrollment=fresh(enrollment)).complete
    assert not course_completion_check(enrollment=fresh(enrollment))


@pytest.mark.parametrize("lessons", [5, 40])
def test_completion_takes_three_queries_whatever_the_course_size(
    catalog, bank, lessons, django_assert_num_queries
):
    course = build_course(catalog, modules=5, lessons_per_module=lessons // 5)
    enrollment = EnrollmentFactory(course=course)
    modules = list(course.get_children())
    for module in modules:
        make_quiz(module, questions=[make_question(bank)], shuffle_answers=False)
    passed = make_quiz(modules[0], questions=[make_question(bank)], shuffle_answers=False)
    take(passed, enrollment.student, "1")
    visit(enrollment, lessons_of(course)[::2])
    enrollment = fresh(enrollment)
    # Lessons, quizzes, and live sessions with practical skills (one query for both).
    with django_assert_num_queries(3):
        completion = course_completion(enrollment=enrollment)
    assert len(completion.required_lesson_ids) == lessons
    assert len(completion.visited_lesson_ids) == (lessons + 1) // 2
    assert len(completion.required_quiz_ids) == 6 and len(completion.passed_quiz_ids) == 1


def test_the_last_lesson_visit_completes_the_course_once(
    course, enrollment, final_quiz, received, django_capture_on_commit_callbacks
):
    lessons = lessons_of(course)
    with django_capture_on_commit_callbacks(execute=True):
        take(final_quiz, enrollment.student, "1")
        visit(enrollment, lessons[:-1])
    assert received == [] and fresh(enrollment).completed_at is None
    with django_capture_on_commit_callbacks(execute=True):
        visit(enrollment, lessons[-1:])
    completed_at = fresh(enrollment).completed_at
    assert received == [enrollment.pk] and completed_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        visit(enrollment, lessons)  # repeat visits
        optional = LessonPageFactory(parent=lessons[0].get_parent(), required_for_completion=False)
        visit(enrollment, [optional])  # a new first visit, after completion
        take(final_quiz, enrollment.student, "1")
    assert received == [enrollment.pk]
    assert fresh(enrollment).completed_at == completed_at


def test_the_last_quiz_pass_completes_the_course_once(
    course, module, bank, enrollment, final_quiz, received, django_capture_on_commit_callbacks
):
    module_quiz = make_quiz(module, questions=[make_question(bank)], shuffle_answers=False)
    with django_capture_on_commit_callbacks(execute=True):
        visit(enrollment, lessons_of(course))
        take(module_quiz, enrollment.student, "1")
        take(final_quiz, enrollment.student, "0")  # failed
    assert received == [] and fresh(enrollment).completed_at is None
    with django_capture_on_commit_callbacks(execute=True):
        take(final_quiz, enrollment.student, "1")
    completed_at = fresh(enrollment).completed_at
    assert received == [enrollment.pk] and completed_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        take(final_quiz, enrollment.student, "1")
        take(module_quiz, enrollment.student, "1")
    assert received == [enrollment.pk]
    assert fresh(enrollment).completed_at == completed_at


def test_two_deciders_holding_stale_enrolments_announce_once(
    course, enrollment, received, django_capture_on_commit_callbacks
):
    """The visit receiver and a graded attempt each read the enrolment before the other wrote."""
    visit(enrollment, lessons_of(course))
    first, second = fresh(enrollment), fresh(enrollment)
    with django_capture_on_commit_callbacks(execute=True):
        assert course_completion_check(enrollment=first) is True
        assert course_completion_check(enrollment=second) is False
    assert received == [enrollment.pk]


def race(*actions) -> list[Exception]:
    """Run `actions` in threads released together; the exceptions they raised."""
    start, errors = threading.Barrier(len(actions)), []

    def run(action):
        try:
            start.wait()
            action()
        except Exception as exc:  # reported by the caller's assertion
            errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(action,)) for action in actions]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return errors


def last_visit_and_last_pass_at_once(catalog, bank) -> Enrollment:
    course = build_course(catalog, modules=1, lessons_per_module=2)
    enrollment = EnrollmentFactory(course=course)
    lessons = lessons_of(course)
    quiz = make_quiz(course, questions=[make_question(bank)], shuffle_answers=False)
    visit(enrollment, lessons[:1])
    attempt = services.attempt_start(quiz=quiz, user=enrollment.student)
    services.attempt_save_response(
        attempt=attempt, slot_order=1, fields=lambda name: ["1"] if name == "q1" else []
    )
    errors = race(
        lambda: visit(enrollment, lessons[1:]),
        lambda: services.attempt_submit(attempt=attempt),
    )
    assert errors == []
    return fresh(enrollment)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_last_visit_and_last_pass_at_the_same_moment_announce_once(catalog, bank, received):
    enrollments = [last_visit_and_last_pass_at_once(catalog, bank) for _ in range(4)]
    assert all(enrollment.completed_at is not None for enrollment in enrollments)
    assert sorted(received) == sorted(enrollment.pk for enrollment in enrollments)


def test_course_page_progress_counts_lessons_and_quizzes(client, course, module, bank, enrollment):
    quizzes = [make_quiz(module, questions=[make_question(bank)], shuffle_answers=False)]
    quizzes.append(make_quiz(course, questions=[make_question(bank)], shuffle_answers=False))
    make_quiz(module, questions=[make_question(bank)], required_for_completion=False)
    take(quizzes[0], enrollment.student, "1")
    visit(enrollment, lessons_of(course)[:2])
    client.force_login(enrollment.student)
    html = client.get(course.url).content.decode()
    assert "Your progress: 2 of 6 lessons completed, 1 of 2 quizzes passed" in html
    assert '<progress class="course-progress__bar" max="8" value="3"' in html


def test_course_page_says_when_the_course_was_completed(
    client, course, enrollment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        visit(enrollment, lessons_of(course))
    client.force_login(enrollment.student)
    html = client.get(course.url).content.decode()
    assert "You completed this course on" in html
    assert "6 of 6 lessons completed" in html
