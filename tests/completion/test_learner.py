"""Pick up where you left off: progress per course and the next step, on My courses and the
course page; completed courses lead to their certificate, never to the price."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates import services as certificate_services
from completion.learner import learner_courses
from courses.models import Enrollment, LessonPage, LessonVisit, ModulePage
from courses.services.progress import lesson_visit_record
from quizzes.services import attempts as attempt_services
from tests.conftest import build_course
from tests.factories import EnrollmentFactory
from tests.quizzes.conftest import make_question, make_quiz

MY_COURSES = reverse("courses:my_courses")


def lessons_of(course):
    return list(LessonPage.objects.live().descendant_of(course).order_by("path"))


def read(user, course, lessons):
    """Open each lesson and credit its minimum reading time."""
    for lesson in lessons:
        lesson_visit_record(user=user, lesson=lesson, course=course)
    LessonVisit.objects.filter(student=user, lesson__in=lessons).update(seat_seconds=10_000)


@pytest.fixture
def course_with_quiz(catalog, bank):
    course = build_course(catalog, modules=2, lessons_per_module=2, price=Decimal("120"))
    first = ModulePage.objects.child_of(course).order_by("path").first()
    make_quiz(
        first,
        questions=[make_question(bank)],
        title="Module one quiz",
        pass_mark=50,
        shuffle_answers=False,
    )
    return course


def enrolled(user, course):
    enrollment = EnrollmentFactory(student=user, course=course)
    return Enrollment.objects.select_related("course").get(pk=enrollment.pk)


def test_a_new_learner_starts_at_the_first_lesson(user, course_with_quiz):
    [state] = learner_courses(user=user, enrollments=[enrolled(user, course_with_quiz)])
    assert state.next_step.title == lessons_of(course_with_quiz)[0].title
    assert not state.resuming
    assert (state.lessons_done, state.lessons_total) == (0, 4)
    assert (state.quizzes_passed, state.quizzes_total) == (0, 1)
    assert state.ce_hours_earned == 0


def test_the_next_step_is_the_first_unread_lesson_then_the_quiz(user, course_with_quiz):
    enrollment = enrolled(user, course_with_quiz)
    lessons = lessons_of(course_with_quiz)
    read(user, course_with_quiz, [lessons[0], lessons[2]])
    [state] = learner_courses(user=user, enrollments=[enrollment])
    assert state.resuming and state.next_step.title == lessons[1].title
    assert state.lessons_done == 2
    read(user, course_with_quiz, [lessons[1]])
    [state] = learner_courses(user=user, enrollments=[enrollment])
    assert state.next_step.title == "Module one quiz" and state.next_step.kind == "quiz"


def test_when_everything_is_read_it_returns_to_the_last_visited_lesson(user, course_with_quiz):
    enrollment = enrolled(user, course_with_quiz)
    lessons = lessons_of(course_with_quiz)
    read(user, course_with_quiz, lessons)
    LessonVisit.objects.filter(lesson=lessons[1]).update(
        last_visited_at=timezone.now() + timedelta(hours=1)
    )
    quiz = ModulePage.objects.child_of(course_with_quiz).first().get_children().last().specific
    attempt = attempt_services.attempt_start(quiz=quiz, user=user)
    attempt_services.attempt_save_response(
        attempt=attempt, slot_order=1, fields=lambda name: ["1"] if name == "q1" else []
    )
    attempt_services.attempt_submit(attempt=attempt)
    [state] = learner_courses(user=user, enrollments=[enrollment])
    assert state.quizzes_passed == 1
    assert state.next_step.title == lessons[1].title


def test_a_locked_next_step_says_when_it_opens(user, course_with_quiz):
    second = ModulePage.objects.child_of(course_with_quiz).order_by("path").last()
    second.opens_after_days = 3
    second.save_revision().publish()
    enrollment = enrolled(user, course_with_quiz)
    lessons = lessons_of(course_with_quiz)
    read(user, course_with_quiz, lessons[:2])
    quiz = ModulePage.objects.child_of(course_with_quiz).first().get_children().last().specific
    attempt = attempt_services.attempt_start(quiz=quiz, user=user)
    attempt_services.attempt_save_response(
        attempt=attempt, slot_order=1, fields=lambda name: ["1"] if name == "q1" else []
    )
    attempt_services.attempt_submit(attempt=attempt)
    [state] = learner_courses(user=user, enrollments=[enrollment])
    assert state.next_step.title == lessons[2].title
    assert state.next_step.lock.message.startswith("Opens 3 days after you enrol: on ")


# --- My courses ------------------------------------------------------------------------------


def my_courses_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(MY_COURSES)
    assert response.status_code == 200
    return len(ctx.captured_queries)


# Session and user (2), the enrolments with their courses (1), then completion.learner: lessons,
# modules, quizzes, visits, attempts, prerequisites (6; certificates +1 only once a course is
# complete), the courses' board approvals (1; see test_my_courses_board_credit for approved
# courses), and the header's own reads.
MY_COURSES_QUERIES = 13


@pytest.mark.django_db
def test_my_courses_costs_the_same_for_one_course_as_for_ten(client, user, catalog, bank):
    client.force_login(user)

    def add_course():
        course = build_course(catalog, modules=2, lessons_per_module=3)
        make_quiz(ModulePage.objects.child_of(course).first(), questions=[make_question(bank)])
        enrolled(user, course)
        read(user, course, lessons_of(course)[:2])
        return course

    add_course()
    client.get(MY_COURSES)  # warm Wagtail's site-root cache, as any running server has
    one = my_courses_queries(client)
    for _ in range(9):
        add_course()
    ten = my_courses_queries(client)
    assert one == ten <= MY_COURSES_QUERIES
    html = client.get(MY_COURSES).content.decode()
    assert html.count("Continue: ") == 10
    assert html.count("<li>2 of 6 lessons completed</li>") == 10


def test_my_courses_resumes_in_one_click(client, user, course_with_quiz):
    enrolled(user, course_with_quiz)
    lessons = lessons_of(course_with_quiz)
    read(user, course_with_quiz, lessons[:1])
    client.force_login(user)
    html = client.get(MY_COURSES).content.decode()
    assert f'href="{lessons[1].url}">Continue: {lessons[1].title}' in html
    assert "1 of 4 lessons completed" in html and "0 of 1 quiz passed" in html
    assert "0 of 3 CE hours earned" in html


def test_a_completed_course_leads_to_its_certificate_not_the_price(client, user, course_with_quiz):
    enrollment = enrolled(user, course_with_quiz)
    Enrollment.objects.filter(pk=enrollment.pk).update(completed_at=timezone.now())
    certificate_services.certificate_create_pending(enrollment=enrollment)
    client.force_login(user)
    certificate_url = reverse("certificates:course", args=[course_with_quiz.pk])
    html = client.get(MY_COURSES).content.decode()
    assert f'href="{certificate_url}">Confirm your details to get your certificate' in html
    assert "3 of 3 CE hours earned" in html
    page = client.get(course_with_quiz.url).content.decode()
    assert "Confirm your details to get your certificate" in page
    assert "$120" not in page and "Buy seats" not in page and "Enrol —" not in page


def test_the_course_page_says_continue_for_an_enrolled_learner(client, user, course_with_quiz):
    enrolled(user, course_with_quiz)
    lessons = lessons_of(course_with_quiz)
    client.force_login(user)
    assert f"Start: {lessons[0].title}" in client.get(course_with_quiz.url).content.decode()
    read(user, course_with_quiz, lessons[:1])
    page = client.get(course_with_quiz.url).content.decode()
    assert f"Continue: {lessons[1].title}" in page
    assert "Go to the first lesson" not in page and "Buy seats" not in page
