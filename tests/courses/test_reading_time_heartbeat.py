"""Seat time: heartbeats credit only visible, active reading, never more than the wall clock;
the final assessment stays shut until the course's and each lesson's minimum are spent."""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrollment, LessonPage, LessonVisit
from courses.reading_time import credit_cap_seconds, idle_seconds, seat_time_status
from courses.services.progress import lesson_visit_record
from courses.services.reading_time import (
    HEARTBEAT_BAD_SECONDS,
    HEARTBEAT_NOT_ENROLLED,
    HEARTBEAT_NOT_OPENED,
    seat_time_heartbeat,
)
from quizzes.models import Attempt, QuestionBank, QuizKind
from quizzes.services.attempts import SEAT_TIME_OWED, attempt_start
from schools.models import SchoolMembership
from tests.factories import EnrollmentFactory, SchoolFactory, SchoolMembershipFactory
from tests.quizzes.conftest import make_question, make_quiz
from tests.records.transcript_helpers import read_csv

T0 = timezone.now().replace(microsecond=0)


def lessons_of(course):
    return list(LessonPage.objects.descendant_of(course).order_by("path"))


@pytest.fixture
def enrollment(course):
    return EnrollmentFactory(course=course)


@pytest.fixture
def student(enrollment):
    return enrollment.student


@pytest.fixture
def lesson(course, student):
    lesson = lessons_of(course)[0]
    lesson_visit_record(user=student, lesson=lesson, course=course)
    return lesson


def beat(student, lesson, seconds_after, *, visible=True, active=True, claimed=None):
    return seat_time_heartbeat(
        user=student,
        lesson=lesson,
        visible=visible,
        active=active,
        claimed_seconds=claimed,
        now=T0 + timedelta(seconds=seconds_after),
    ).credited


def totals(student, lesson):
    visit = LessonVisit.objects.get(student=student, lesson=lesson)
    enrollment = Enrollment.objects.get(student=student, course_id=visit.course_id)
    return visit.seat_seconds, enrollment.seat_seconds


# --- Crediting ------------------------------------------------------------------------------


def test_visible_active_reading_is_credited_by_the_wall_clock(student, lesson):
    assert beat(student, lesson, 0) == 0  # the first heartbeat of a spell only starts the clock
    assert beat(student, lesson, 20) == 20
    assert beat(student, lesson, 35) == 15
    assert totals(student, lesson) == (35, 35)


def test_a_hidden_tab_is_not_counted(student, lesson):
    beat(student, lesson, 0)
    assert beat(student, lesson, 20, visible=False) == 0  # the tab was hidden: nothing
    # Back after 60 s hidden: the time away is not credited, the clock starts again.
    assert beat(student, lesson, 80) == 0
    assert beat(student, lesson, 100) == 20
    assert totals(student, lesson) == (20, 20)


def test_an_idle_page_is_not_counted(student, lesson):
    beat(student, lesson, 0)
    assert beat(student, lesson, 20, active=False) == 0
    assert beat(student, lesson, 40) == 0
    assert totals(student, lesson) == (0, 0)


def test_a_forged_large_claim_is_capped_by_the_clock_and_the_interval(student, lesson):
    beat(student, lesson, 0)
    assert beat(student, lesson, 20, claimed=100_000) == 20  # no more than the wall clock
    # A silence longer than the interval but inside the idle cut-off: at most interval + slack.
    assert beat(student, lesson, 20 + 90, claimed=100_000) == credit_cap_seconds()
    assert beat(student, lesson, 120, claimed=3) == 3  # a smaller claim is believed
    assert totals(student, lesson) == (23 + credit_cap_seconds(), 23 + credit_cap_seconds())


def test_a_gap_beyond_the_idle_cut_off_is_not_credited(student, lesson):
    beat(student, lesson, 0)
    assert beat(student, lesson, idle_seconds() + 1) == 0
    assert beat(student, lesson, idle_seconds() + 21) == 20


def test_many_fast_heartbeats_add_up_to_the_wall_clock_only(student, lesson):
    for second in range(0, 61):
        beat(student, lesson, second, claimed=30)
    assert totals(student, lesson) == (60, 60)


def test_two_tabs_on_two_lessons_never_count_the_same_minute_twice(course, student, lesson):
    other = lessons_of(course)[1]
    lesson_visit_record(user=student, lesson=other, course=course)
    beat(student, lesson, 0)
    beat(student, other, 5)
    for second in range(20, 121, 20):
        beat(student, lesson, second)
        beat(student, other, second + 5)
    lesson_seconds, course_seconds = totals(student, lesson)
    other_seconds, _ = totals(student, other)
    assert course_seconds == lesson_seconds + other_seconds
    assert course_seconds <= 125  # the wall clock from the first heartbeat to the last


def test_heartbeats_need_an_active_enrolment_and_an_opened_lesson(course, student, lesson):
    unopened = lessons_of(course)[2]
    with pytest.raises(PermissionDenied, match=HEARTBEAT_NOT_OPENED):
        beat(student, unopened, 0)
    with pytest.raises(ValidationError, match=HEARTBEAT_BAD_SECONDS):
        beat(student, lesson, 0, claimed=-5)
    Enrollment.objects.filter(student=student).update(status=Enrollment.Status.SUSPENDED)
    with pytest.raises(PermissionDenied, match=HEARTBEAT_NOT_ENROLLED):
        beat(student, lesson, 0)


# --- The heartbeat URL and the lesson page --------------------------------------------------


def heartbeat_url(lesson):
    return reverse("courses:seat_time_heartbeat", args=[lesson.pk])


def post_beat(client, lesson, payload):
    return client.post(heartbeat_url(lesson), json.dumps(payload), content_type="application/json")


def test_the_heartbeat_url_records_and_reports_the_lessons_time(client, course, student):
    lesson = lessons_of(course)[0]
    LessonPage.objects.filter(pk=lesson.pk).update(min_seat_minutes=3)
    client.force_login(student)
    assert client.get(lesson.url).status_code == 200
    response = post_beat(client, lesson, {"visible": True, "active": True})
    assert response.status_code == 200
    body = response.json()
    assert body["credited"] == 0 and body["lesson_remaining_minutes"] == 3
    assert body["lesson_required_minutes"] == 3
    hidden = post_beat(client, lesson, {"visible": False, "active": True, "seconds": 9999})
    assert hidden.status_code == 200 and hidden.json()["credited"] == 0


@pytest.mark.parametrize(
    "payload",
    [
        "not json",
        "[1]",
        json.dumps({"visible": "yes", "active": True}),
        json.dumps({"visible": True, "active": True, "seconds": "9"}),
    ],
)
def test_the_heartbeat_url_refuses_what_it_cannot_read(client, course, student, payload):
    lesson = lessons_of(course)[0]
    client.force_login(student)
    client.get(lesson.url)
    response = client.post(heartbeat_url(lesson), payload, content_type="application/json")
    assert response.status_code == 400 and "Send JSON" in response.json()["error"]


def test_the_heartbeat_url_refuses_strangers(client, course, user, student):
    lesson = lessons_of(course)[0]
    assert post_beat(client, lesson, {"visible": True, "active": True}).status_code == 302
    client.force_login(user)  # not enrolled, never opened it
    response = post_beat(client, lesson, {"visible": True, "active": True})
    assert response.status_code == 403 and response.json()["error"] == HEARTBEAT_NOT_OPENED
    assert client.get(heartbeat_url(lesson)).status_code == 405


def test_the_lesson_page_loads_the_script_for_enrolled_learners_only(client, course, student):
    lesson = lessons_of(course)[0]
    LessonPage.objects.filter(pk=lesson.pk).update(free_preview=True)
    anonymous = client.get(lesson.url).content.decode()
    assert "seat-time.js" not in anonymous
    client.force_login(student)
    page = client.get(lesson.url).content.decode()
    assert f'data-seat-time="{heartbeat_url(lesson)}"' in page and "js/seat-time.js" in page


# --- Requirements and the final assessment -------------------------------------------------


@pytest.fixture
def final(course):
    school = SchoolFactory()
    bank = QuestionBank.objects.create(school=school, name="Final")
    return make_quiz(
        course,
        questions=[make_question(bank)],
        kind=QuizKind.FINAL_ASSESSMENT,
        title="Final assessment",
    )


def require(course, *, course_minutes=0, lesson_minutes=()):
    course.min_seat_minutes = course_minutes
    course.save()
    for lesson, minutes in zip(lessons_of(course), lesson_minutes, strict=False):
        LessonPage.objects.filter(pk=lesson.pk).update(min_seat_minutes=minutes)


def spend(student, lesson, seconds):
    """`seconds` of reading `lesson`, in heartbeats 20 s apart, starting an hour from T0."""
    start = 3600 + LessonVisit.objects.filter(student=student).count() * 10_000
    for offset in range(0, seconds + 1, 20):
        beat(student, lesson, start + offset)


def test_the_remaining_time_names_the_lessons_short_of_their_minimum(course, enrollment, lesson):
    require(course, course_minutes=10, lesson_minutes=(5, 0, 2))
    status = seat_time_status(enrollment=Enrollment.objects.get(pk=enrollment.pk))
    titles = [lesson.title for lesson in lessons_of(course)]
    assert status.remaining_minutes == 10
    assert status.message == (
        f"10 minutes of reading time remain, in lessons “{titles[0]}” (5 min), "
        f"“{titles[2]}” (2 min)."
    )
    spend(enrollment.student, lesson, 300)
    status = seat_time_status(enrollment=Enrollment.objects.get(pk=enrollment.pk))
    assert [short.lesson.pk for short in status.lessons] == [lessons_of(course)[2].pk]
    assert status.remaining_minutes == 5  # the course's 10 less the 5 spent


def test_the_final_assessment_is_refused_before_the_seat_time_and_allowed_after(
    course, enrollment, lesson, final
):
    require(course, course_minutes=2, lesson_minutes=(1,))
    student = enrollment.student
    with pytest.raises(ValidationError) as refused:
        attempt_start(quiz=final, user=student)
    assert SEAT_TIME_OWED.split("%")[0] in refused.value.messages[0]
    assert "2 minutes of reading time remain" in refused.value.messages[0]
    assert not Attempt.objects.filter(student=student).exists()
    spend(student, lesson, 120)
    attempt = attempt_start(quiz=final, user=student)
    assert attempt.quiz_id == final.pk


def test_the_quiz_start_view_refuses_and_the_quiz_page_shows_what_remains(
    client, course, enrollment, lesson, final
):
    require(course, lesson_minutes=(3,))
    client.force_login(enrollment.student)
    page = client.get(final.url).content.decode()
    assert "3 minutes of reading time remain, in lesson" in page
    assert reverse("quizzes:start", args=[final.pk]) not in page
    response = client.post(reverse("quizzes:start", args=[final.pk]), follow=True)
    assert "opens once the required reading time is spent" in response.content.decode()
    assert not Attempt.objects.exists()

    spend(enrollment.student, lesson, 180)
    page = client.get(final.url).content.decode()
    assert reverse("quizzes:start", args=[final.pk]) in page
    response = client.post(reverse("quizzes:start", args=[final.pk]))
    assert response.status_code == 302 and Attempt.objects.filter(quiz=final).count() == 1


def test_other_quizzes_and_staff_previews_are_not_held_back(course, enrollment, final, staff_user):
    require(course, course_minutes=30)
    module_quiz = make_quiz(
        course.get_children().first(),
        questions=[make_question(QuestionBank.objects.get(name="Final"))],
        kind=QuizKind.MODULE_QUIZ,
    )
    assert attempt_start(quiz=module_quiz, user=enrollment.student)
    assert attempt_start(quiz=final, user=staff_user)  # staff, not enrolled: trying it out


def test_the_course_page_shows_the_reading_time_left(client, course, enrollment):
    client.force_login(enrollment.student)
    assert "reading time remain" not in client.get(course.url).content.decode()
    require(course, course_minutes=25)
    page = client.get(course.url).content.decode()
    assert "25 minutes of reading time remain in the course" in page


def test_the_schools_export_and_learner_page_show_seat_time(client, course, enrollment, lesson):
    school = SchoolFactory(slug="seat-school")
    course.school = school
    course.save()
    spend(enrollment.student, lesson, 200)  # 3 min 20 s
    instructor = SchoolMembershipFactory(school=school, role=SchoolMembership.Role.INSTRUCTOR).user
    client.force_login(instructor)
    url = reverse("dashboard:students_csv", args=[school.slug, course.pk])
    header, row = read_csv(client.get(url))
    assert row[header.index("Seat time (minutes)")] == "3"
    detail = client.get(
        reverse("dashboard:student", args=[school.slug, course.pk, enrollment.pk])
    ).content.decode()
    assert "3 min on the course" in detail
