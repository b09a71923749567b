"""A lesson counts as completed only once its minimum reading time is spent (the school's, or
the time its words and media take), and the final assessment stays shut until then: opening
every lesson in a few seconds completes nothing."""

import json
import os
import secrets
import subprocess
import sys
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cms.text import reading_seconds
from completion.services import course_completion
from courses.models import Enrollment, LessonPage
from courses.reading_time import credit_cap_seconds, lesson_min_seconds_of, seat_time_status
from courses.selectors import lesson_progress
from quizzes.models import QuestionBank, QuizKind
from quizzes.services.attempts import SEAT_TIME_OWED, attempt_start
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, LessonPageFactory, SchoolFactory, lesson_body
from tests.quizzes.conftest import make_question, make_quiz

pytestmark = pytest.mark.django_db

WORDS = 400  # + 7 of heading and callout: 406 words at 200 a minute is 122 s
BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def real_reading_time(settings):
    settings.LESSON_MIN_SECONDS_SCALE = 1


@pytest.fixture
def course(catalog):
    course = build_course(catalog, modules=1, lessons_per_module=0)
    module = course.get_children().first()
    for _ in range(3):
        LessonPageFactory(parent=module, body=lesson_body(words=WORDS))
    return course


@pytest.fixture
def lessons(course):
    return list(LessonPage.objects.descendant_of(course).order_by("path"))


@pytest.fixture
def final(course):
    bank = QuestionBank.objects.create(school=SchoolFactory(), name="Final")
    return make_quiz(
        course,
        questions=[make_question(bank)],
        kind=QuizKind.FINAL_ASSESSMENT,
        title="Final assessment",
        shuffle_answers=False,
    )


@pytest.fixture
def enrollment(course):
    return EnrollmentFactory(course=course)


class Clock:
    """The server's clock, moved by hand: timezone.now() answers what `at` says."""

    def __init__(self):
        self.at = timezone.now().replace(microsecond=0)

    def tick(self, seconds):
        self.at += timedelta(seconds=seconds)


@pytest.fixture
def clock():
    clock = Clock()
    with mock.patch("django.utils.timezone.now", side_effect=lambda: clock.at):
        yield clock


def open_all(client, lessons, clock):
    for lesson in lessons:
        assert client.get(lesson.url).status_code == 200
        clock.tick(2)


def read(client, lesson, clock, seconds):
    """Heartbeats every 20 s on the lesson page for `seconds` of server time."""
    url = reverse("courses:seat_time_heartbeat", args=[lesson.pk])
    payload = json.dumps({"visible": True, "active": True})
    body = {}
    for _ in range(seconds // 20 + 2):
        response = client.post(url, payload, content_type="application/json")
        assert response.status_code == 200
        body = response.json()
        clock.tick(20)
    return body


def completion(enrollment):
    return course_completion(enrollment=Enrollment.objects.get(pk=enrollment.pk))


def test_the_minimum_is_derived_from_words_and_media_when_the_school_sets_none(lessons):
    lesson = lessons[0]
    assert lesson.reading_seconds == reading_seconds(lesson.body.raw_data) == 122
    assert lesson_min_seconds_of(lesson) == 122
    video = [{"type": "video", "value": {"url": "https://example.org/v", "duration_minutes": 4}}]
    lesson.body = json.dumps(json.loads(lesson_body(words=WORDS)) + video)
    lesson.save_revision().publish()
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.reading_seconds == 122 + 240
    LessonPage.objects.filter(pk=lesson.pk).update(min_seat_minutes=1)
    assert lesson_min_seconds_of(LessonPage.objects.get(pk=lesson.pk)) == 60  # the school's


def test_opening_every_lesson_quickly_completes_nothing_and_the_final_stays_shut(
    client, clock, enrollment, lessons, final
):
    client.force_login(enrollment.student)
    open_all(client, lessons, clock)
    progress = lesson_progress(course=enrollment.course, student_id=enrollment.student_id)
    assert progress.visited_ids == {lesson.pk for lesson in lessons}
    assert progress.completed_ids == set() and not progress.complete
    assert not completion(enrollment).complete
    with pytest.raises(ValidationError) as refused:
        attempt_start(quiz=final, user=enrollment.student)
    assert SEAT_TIME_OWED.split("%")[0] in refused.value.messages[0]
    assert "7 minutes of reading time remain" in refused.value.messages[0]  # 3 x 122 s
    html = client.get(final.url).content.decode()
    assert "data-seat-time-owed" in html


def test_after_the_reading_time_the_lessons_complete_and_the_final_opens(
    client, clock, enrollment, lessons, final
):
    client.force_login(enrollment.student)
    open_all(client, lessons, clock)
    for lesson in lessons[:2]:
        assert read(client, lesson, clock, 122)["lesson_remaining_minutes"] == 0
    progress = lesson_progress(course=enrollment.course, student_id=enrollment.student_id)
    assert progress.completed_ids == {lessons[0].pk, lessons[1].pk}
    with pytest.raises(ValidationError):
        attempt_start(quiz=final, user=enrollment.student)
    read(client, lessons[2], clock, 122)
    assert lesson_progress(course=enrollment.course, student_id=enrollment.student_id).complete
    assert seat_time_status(enrollment=Enrollment.objects.get(pk=enrollment.pk)).met
    assert attempt_start(quiz=final, user=enrollment.student).quiz_id == final.pk


def test_a_course_without_a_final_completes_on_the_heartbeat_that_meets_the_last_minimum(
    client, clock, enrollment, lessons, django_capture_on_commit_callbacks
):
    client.force_login(enrollment.student)
    with django_capture_on_commit_callbacks(execute=True):
        open_all(client, lessons, clock)
        for lesson in lessons[:2]:
            read(client, lesson, clock, 122)
    assert Enrollment.objects.get(pk=enrollment.pk).completed_at is None
    with django_capture_on_commit_callbacks(execute=True):
        read(client, lessons[2], clock, 122)
    assert Enrollment.objects.get(pk=enrollment.pk).completed_at is not None


def test_a_few_heartbeats_are_not_enough(client, clock, enrollment, lessons):
    client.force_login(enrollment.student)
    open_all(client, lessons, clock)
    body = read(client, lessons[0], clock, 60)  # about half the lesson's 122 s
    assert body["lesson_remaining_minutes"] >= 1
    assert (
        lessons[0].pk
        not in lesson_progress(
            course=enrollment.course, student_id=enrollment.student_id
        ).completed_ids
    )
    assert credit_cap_seconds() == 30  # a forged claim cannot go faster than the clock


def test_the_scale_shortens_derived_minimums_but_never_the_schools(settings, lessons):
    settings.LESSON_MIN_SECONDS_SCALE = 0.05
    assert lesson_min_seconds_of(lessons[0]) == 7  # 122 s x 0.05, rounded up
    LessonPage.objects.filter(pk=lessons[1].pk).update(min_seat_minutes=2)
    assert lesson_min_seconds_of(LessonPage.objects.get(pk=lessons[1].pk)) == 120


def test_an_optional_lesson_asks_for_no_reading_time(lessons):
    LessonPage.objects.filter(pk=lessons[0].pk).update(required_for_completion=False)
    assert lesson_min_seconds_of(LessonPage.objects.get(pk=lessons[0].pk)) == 0


def test_production_settings_force_the_real_reading_time():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "LESSON_MIN_SECONDS_SCALE": "0.01",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "0",
        "CREDENTIAL_SIGNING_KEY": "unused-by-this-check",
    }
    env.pop("DATABASE_URL", None)
    code = "import django; django.setup(); from django.conf import settings; "
    code += "print(settings.LESSON_MIN_SECONDS_SCALE)"
    out = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", code], env=env, cwd=BASE_DIR, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "1.0"


# --- The demo course ------------------------------------------------------------------------


def test_the_demo_courses_minimum_reading_time_matches_its_ce_hours():
    from django.core.management import call_command

    from courses.models import CoursePage
    from demo.courses import nmt_course
    from quizzes.blueprint import course_compliance

    call_command("load_demo")
    course = CoursePage.objects.get(slug=nmt_course.COURSE["slug"])
    lessons = LessonPage.objects.live().descendant_of(course).filter(required_for_completion=True)
    minimum = sum(lesson_min_seconds_of(lesson) for lesson in lessons)
    report = course_compliance(course=course)
    claimed = max(claim.hours for claim in report.hours.claims)
    assessment = report.hours.assessment_minutes * 60
    # Lessons read at their minimum plus the final's time cover the hours claimed, and the
    # minimum is not padded beyond what the content takes.
    assert minimum + assessment >= claimed * 3600
    assert minimum <= (report.hours.reading_minutes + report.hours.media_minutes) * 60 + 60 * len(
        lessons
    )
    assert Decimal(minimum) >= Decimal("0.75") * claimed * 3600
