"""The graded attempt's receiver finds the learner's own enrolment on the quiz's course, read
by a plain cursor as raw() read it: its id and completion time, converted alike."""

import pytest
from django.utils import timezone

from completion.receivers import _ENROLLMENT_ON_QUIZ_COURSE, _enrollment_on_quiz_course
from courses.models import Enrollment
from tests.factories import EnrollmentFactory, UserFactory
from tests.quizzes.conftest import make_quiz

pytestmark = pytest.mark.django_db


def raw_read(*, student_id, quiz):
    """The read through Enrollment.objects.raw (the reference)."""
    paths = [quiz.path[: n * quiz.steplen] for n in range(1, quiz.depth)]
    query = _ENROLLMENT_ON_QUIZ_COURSE.format(paths=", ".join("%s" for _ in paths))
    return next(iter(Enrollment.objects.raw(query, [student_id, *paths])), None)


def state(enrollment):
    if enrollment is None:
        return None
    values = {name: repr(value) for name, value in vars(enrollment).items() if name != "_state"}
    return values | {"_deferred": sorted(enrollment.get_deferred_fields())}


def test_the_cursor_read_gives_raws_instance_to_each_learner(course, module, enrollment):
    quiz = make_quiz(module)
    done = EnrollmentFactory(course=course)
    Enrollment.objects.filter(pk=done.pk).update(completed_at=timezone.now())
    revoked = EnrollmentFactory(course=course, status=Enrollment.Status.REVOKED)
    stranger = UserFactory()
    for student_id in (enrollment.student_id, done.student_id, revoked.student_id, stranger.pk):
        found = _enrollment_on_quiz_course(student_id=student_id, quiz=quiz)
        assert state(found) == state(raw_read(student_id=student_id, quiz=quiz))
    assert _enrollment_on_quiz_course(student_id=enrollment.student_id, quiz=quiz).pk == (
        enrollment.pk
    )
    found = _enrollment_on_quiz_course(student_id=done.student_id, quiz=quiz)
    assert found.pk == done.pk and timezone.is_aware(found.completed_at)
    assert _enrollment_on_quiz_course(student_id=stranger.pk, quiz=quiz) is None
