"""Submitting through the view (the lean attempt read, the gate's row, the hand-written grading
and completion reads): each learner's hand-in is graded, and the last required quiz passed
completes the course and starts its certificate, as the services do; nothing reaches another
learner's attempt, and a second submit changes nothing."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from certificates.models import Certificate
from courses.models import Enrollment, LessonPage
from courses.services.progress import lesson_visit_record
from quizzes import selectors
from quizzes.models import Attempt, QuizKind
from quizzes.services import attempts as services
from quizzes.signals import attempt_graded
from tests.factories import EnrollmentFactory
from tests.quizzes.conftest import make_question, make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["module quiz", "course-level final"])
def last_quiz(request, course, module, bank):
    """The course's only quiz: a module's (the gate's row decides) or a course-level final
    (quiz_lock decides)."""
    if request.param == "module quiz":
        return make_quiz(module, questions=[make_question(bank)], shuffle_answers=False)
    return make_quiz(
        course, questions=[make_question(bank)], shuffle_answers=False, kind="final_assessment"
    )


@pytest.fixture
def graded(monkeypatch):
    """The attempts attempt_graded announced, in order."""
    sent = []

    def receiver(sender, attempt, **kwargs):
        sent.append((attempt.pk, attempt.state, attempt.score))

    attempt_graded.connect(receiver, dispatch_uid="test_submit_view")
    yield sent
    attempt_graded.disconnect(dispatch_uid="test_submit_view")


def learner(course, *, lessons_read: bool):
    enrollment = EnrollmentFactory(course=course)
    if lessons_read:
        for lesson in LessonPage.objects.live().descendant_of(course):
            lesson_visit_record(user=enrollment.student, lesson=lesson, course=course)
    client = Client()
    client.force_login(enrollment.student)
    return enrollment, client


def answered(quiz, enrollment, answer):
    attempt = services.attempt_start(quiz=quiz, user=enrollment.student)
    services.attempt_save_response(attempt=attempt, slot_order=1, fields=lambda name: [answer])
    return attempt


def submit(client, attempt):
    return client.post(reverse("quizzes:submit", args=[attempt.pk]))


def test_passing_the_last_quiz_completes_only_that_learners_course(
    course, last_quiz, graded, monkeypatch
):
    asked = []
    quiz_lock = selectors.quiz_lock
    monkeypatch.setattr(selectors, "quiz_lock", lambda **kw: asked.append(1) or quiz_lock(**kw))
    finisher, finisher_client = learner(course, lessons_read=True)
    midway, midway_client = learner(course, lessons_read=False)
    finished = answered(last_quiz, finisher, "1")
    pending = answered(last_quiz, midway, "1")

    assert submit(midway_client, finished).status_code == 404  # not theirs
    assert Attempt.objects.get(pk=finished.pk).state == Attempt.State.IN_PROGRESS
    response = submit(finisher_client, finished)
    assert response.status_code == 302
    assert response.url == reverse("quizzes:review", args=[finished.pk])
    response = submit(midway_client, pending)
    assert response.status_code == 302

    for attempt in (finished, pending):
        attempt.refresh_from_db()
        assert attempt.state == Attempt.State.SUBMITTED and attempt.score == attempt.max_score
    assert [pk for pk, _, _ in graded] == [finished.pk, pending.pk]
    assert all(state == Attempt.State.SUBMITTED for _, state, _ in graded)
    finisher.refresh_from_db()
    midway.refresh_from_db()
    assert finisher.completed_at is not None and midway.completed_at is None
    certificate = Certificate.objects.get(enrollment=finisher)
    assert certificate.status == Certificate.Status.PENDING
    assert not Certificate.objects.filter(enrollment=midway).exists()
    # A module quiz's open gate is told from its row; a course-level final asks quiz_lock.
    assert len(asked) == (0 if last_quiz.kind == QuizKind.MODULE_QUIZ else 2)


def test_a_second_submit_changes_nothing(course, last_quiz, graded):
    enrollment, client = learner(course, lessons_read=True)
    attempt = answered(last_quiz, enrollment, "0")
    assert submit(client, attempt).status_code == 302
    first = Attempt.objects.get(pk=attempt.pk)
    assert first.state == Attempt.State.SUBMITTED and first.score == 0
    assert not Enrollment.objects.get(pk=enrollment.pk).completed_at  # failed: not complete

    again = submit(client, attempt)
    assert again.status_code == 302 and again.url == reverse("quizzes:review", args=[attempt.pk])
    second = Attempt.objects.get(pk=attempt.pk)
    assert (second.submitted_at, second.score, second.fraction) == (
        first.submitted_at,
        first.score,
        first.fraction,
    )
    assert len(graded) == 1
    late = client.post(
        reverse("quizzes:autosave", args=[attempt.pk]),
        data=json.dumps({"question": 1, "fields": {"q1": ["1"]}}),
        content_type="application/json",
    )
    assert late.status_code == 409 and late.json()["closed"] is True
