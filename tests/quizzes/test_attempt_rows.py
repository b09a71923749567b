"""Submit's hand-written attempt reads (quizzes.attempt_rows) give the instances the ORM gives:
every field converted alike, the quiz read lean with the same fields deferred, and only the
learner's own attempt."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from quizzes import attempt_rows, selectors
from quizzes.models import Attempt
from quizzes.services import attempts as services
from tests.factories import EnrollmentFactory
from tests.quizzes.conftest import make_quiz


def orm_lean(*, user, attempt_id) -> Attempt | None:
    """selectors.attempt_for_student_lean as the ORM built it before (the reference)."""
    attempt_fields = [field.attname for field in Attempt._meta.concrete_fields]
    quiz_fields = [f"quiz__{name}" for name in selectors.OPEN_ATTEMPT_QUIZ_FIELDS]
    return (
        Attempt.objects.select_related("quiz")
        .only(*attempt_fields, *quiz_fields)
        .filter(pk=attempt_id, student=user)
        .first()
    )


def state(instance) -> dict:
    """An instance's loaded values, by repr (Decimal("1.00") and Decimal("1") differ)."""
    values = {name: repr(value) for name, value in vars(instance).items() if name != "_state"}
    return values | {
        "_db": instance._state.db,
        "_adding": instance._state.adding,
        "_cached": sorted(instance._state.fields_cache),
        "_deferred": sorted(instance.get_deferred_fields()),
    }


@pytest.fixture
def attempts(quiz, student, course):
    """An open attempt, a submitted one with a deadline, and another learner's open one."""
    quiz.time_limit_minutes = 20
    quiz.save_revision().publish()
    submitted = services.attempt_start(quiz=quiz, user=student)
    services.attempt_save_response(attempt=submitted, slot_order=1, fields=lambda name: ["1"])
    services.attempt_submit(attempt=submitted)
    other_quiz = make_quiz(quiz.get_parent(), questions=[s.question for s in quiz.slots.all()])
    open_attempt = services.attempt_start(quiz=other_quiz, user=student)
    other = EnrollmentFactory(course=course).student
    theirs = services.attempt_start(quiz=quiz, user=other)
    return submitted, open_attempt, theirs


@pytest.mark.django_db
def test_lean_read_gives_the_orm_instance(attempts, student):
    for attempt in attempts[:2]:
        fast = selectors.attempt_for_student_lean(user=student, attempt_id=attempt.pk)
        slow = orm_lean(user=student, attempt_id=attempt.pk)
        assert state(fast) == state(slow)
        assert state(fast.quiz) == state(slow.quiz)
    submitted = selectors.attempt_for_student_lean(user=student, attempt_id=attempts[0].pk)
    assert submitted.deadline is not None and submitted.submitted_at is not None
    assert isinstance(submitted.fraction, Decimal) and timezone.is_aware(submitted.deadline)


@pytest.mark.django_db
def test_lean_read_gives_a_learner_only_their_own_attempt(attempts, student):
    theirs = attempts[2]
    assert selectors.attempt_for_student_lean(user=student, attempt_id=theirs.pk) is None
    assert selectors.attempt_for_student_lean(user=theirs.student, attempt_id=theirs.pk).pk == (
        theirs.pk
    )
    for missing in (theirs.pk + 1000, 2**63, -(2**63) - 1):
        assert selectors.attempt_for_student_lean(user=student, attempt_id=missing) is None
        assert orm_lean(user=student, attempt_id=missing) is None


@pytest.mark.django_db
def test_lean_quiz_reads_its_other_fields_when_asked(attempts, student):
    fast = selectors.attempt_for_student_lean(user=student, attempt_id=attempts[0].pk)
    assert fast.quiz.time_limit_minutes == 20 and fast.quiz.pass_mark == 60


@pytest.mark.django_db
def test_locked_read_gives_the_orm_instance(attempts):
    for attempt in attempts:
        fast = attempt_rows.attempt_locked(attempt_id=attempt.pk)
        slow = Attempt.objects.select_for_update().get(pk=attempt.pk)
        assert state(fast) == state(slow)
    with pytest.raises(Attempt.DoesNotExist):
        attempt_rows.attempt_locked(attempt_id=attempts[2].pk + 1000)


@pytest.mark.django_db
def test_reads_convert_a_deadline_and_marks_as_the_orm_does(attempts):
    attempt = attempts[1]
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() + timedelta(minutes=5), score=Decimal("2.5"), fraction=None
    )
    fast = attempt_rows.attempt_locked(attempt_id=attempt.pk)
    assert state(fast) == state(Attempt.objects.get(pk=attempt.pk))
