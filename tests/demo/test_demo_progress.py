"""The demo learner finishes the NMT course through the same services as a real learner."""

import pytest
from django.core.management import call_command

from completion.services import course_completion
from courses.models import Enrollment, LessonPage, LessonVisit
from demo.courses import nmt_course
from demo.courses.loader import DEMO_USERS
from quizzes.models import Attempt, QuizPage

pytestmark = pytest.mark.django_db


def _enrollment():
    return Enrollment.objects.get(
        course__slug=nmt_course.COURSE["slug"], student__email=DEMO_USERS["student"]["email"]
    )


def test_demo_student_has_read_every_lesson_and_passed_every_quiz():
    call_command("load_demo")
    enrollment = _enrollment()
    course = enrollment.course
    lessons = LessonPage.objects.live().descendant_of(course)
    assert LessonVisit.objects.filter(student=enrollment.student, course=course).count() == (
        lessons.count()
    )
    for quiz in QuizPage.objects.live().descendant_of(course):
        attempt = Attempt.objects.get(quiz=quiz, student=enrollment.student)
        assert attempt.state == Attempt.State.SUBMITTED
        assert attempt.fraction * 100 >= quiz.pass_mark
    assert course_completion(enrollment=enrollment).complete
    enrollment.refresh_from_db()
    assert enrollment.completed_at is not None


def test_loading_again_adds_no_attempt_or_visit():
    call_command("load_demo")
    counts = (Attempt.objects.count(), LessonVisit.objects.count())
    call_command("load_demo")
    assert (Attempt.objects.count(), LessonVisit.objects.count()) == counts
