"""A completion and its pending certificate commit together: a fault at any step of recording
a completion leaves both or neither, and the learner's next submit or visit records both."""

import pytest

from certificates.models import Certificate
from completion.services import course_completion_check
from courses.models import Enrollment, LessonPage
from courses.services.progress import lesson_visit_record
from quizzes.models import Attempt
from quizzes.services import attempts
from tests.quizzes.conftest import make_question, make_quiz

pytestmark = pytest.mark.django_db


class Crash(Exception):
    """The worker dying at this step."""


def _crash(*args, **kwargs):
    raise Crash


def _crash_on_completion_save(original):
    def save(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if "completed_at" in (kwargs.get("update_fields") or ()):
            raise Crash  # the completion is written, nothing after it has run

    return save


# (name, target, special), in the order a completion runs them.
FAULT_POINTS = [
    ("completion written, before the certificate", "courses.models.Enrollment.save", "completion"),
    (
        "certificate started, before its row",
        "certificates.services.certificate_create_pending",
        None,
    ),
    ("certificate row written, before its history", "certificates.services._event", None),
]


@pytest.fixture
def final_quiz(course, bank):
    return make_quiz(
        course, questions=[make_question(bank)], shuffle_answers=False, kind="final_assessment"
    )


def _all_lessons_visited(enrollment):
    for lesson in LessonPage.objects.live().descendant_of(enrollment.course):
        lesson_visit_record(user=enrollment.student, lesson=lesson, course=enrollment.course)


def _submit_right_answer(quiz, user):
    attempt = attempts.attempt_start(quiz=quiz, user=user)
    attempts.attempt_save_response(
        attempt=attempt, slot_order=1, fields=lambda name: ["1"] if name == "q1" else []
    )
    return attempts.attempt_submit(attempt=attempt)


def _patch(monkeypatch, target, special):
    if special == "completion":
        monkeypatch.setattr(target, _crash_on_completion_save(Enrollment.save))
    else:
        monkeypatch.setattr(target, _crash)


def _both_or_neither(enrollment) -> bool:
    enrollment.refresh_from_db()
    has_certificate = Certificate.objects.filter(enrollment=enrollment).exists()
    assert (enrollment.completed_at is not None) == has_certificate
    return has_certificate


@pytest.mark.parametrize(
    "point", FAULT_POINTS, ids=[name.replace(" ", "-") for name, _, _ in FAULT_POINTS]
)
def test_a_fault_in_the_final_submit_leaves_no_completion_without_its_certificate(
    point, monkeypatch, enrollment, final_quiz
):
    _all_lessons_visited(enrollment)
    assert not _both_or_neither(enrollment)
    _name, target, special = point
    _patch(monkeypatch, target, special)

    with pytest.raises(Crash):
        _submit_right_answer(final_quiz, enrollment.student)

    assert not _both_or_neither(enrollment)
    assert not Attempt.objects.filter(state=Attempt.State.SUBMITTED).exists()
    monkeypatch.undo()
    attempt = Attempt.objects.get(student=enrollment.student, quiz=final_quiz)
    attempts.attempt_submit(attempt=attempt)  # the learner submits again
    assert _both_or_neither(enrollment)
    assert Certificate.objects.get(enrollment=enrollment).status == Certificate.Status.PENDING


@pytest.mark.parametrize(
    "point", FAULT_POINTS, ids=[name.replace(" ", "-") for name, _, _ in FAULT_POINTS]
)
def test_a_fault_when_the_last_lesson_completes_the_course_leaves_both_or_neither(
    point, monkeypatch, enrollment
):
    _all_lessons_visited(enrollment)
    _name, target, special = point
    _patch(monkeypatch, target, special)

    with pytest.raises(Crash):
        course_completion_check(enrollment=enrollment)

    assert not _both_or_neither(enrollment)
    monkeypatch.undo()
    assert course_completion_check(enrollment=enrollment)
    assert _both_or_neither(enrollment)
