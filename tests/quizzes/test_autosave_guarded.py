"""quizzes.services.autosave (one guarded UPDATE) must stay equal to the locked path
(attempt_save_response + attempt_answered_count): same stored slot, same answer, same errors."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from quizzes.models import Attempt, AttemptSlot
from quizzes.services import attempts as services
from quizzes.services.autosave import attempt_autosave
from tests.quizzes.conftest import make_question, make_quiz

ANSWERS = [
    {"q1": ["1"]},  # single choice
    {"q2": ["false"]},  # true/false
    {"q3": ["a square knot"]},  # short answer
    {"q4-0": ["2"], "q4-1": ["0"]},  # matching, part-answered
    {"q5-0": ["3"], "q5-1": ["1"], "q5-2": ["2"]},  # ordering
    {"q6": [""]},  # an emptied multiple response: no answer
]


# One question of each kind ANSWERS answers, in that order.
KINDS = ["single_choice", "true_false", "short_answer", "matching", "ordering", "multiple_response"]


@pytest.fixture
def mixed_quiz(module, bank):
    questions = [make_question(bank, kind) for kind in KINDS]
    return make_quiz(module, questions=questions, shuffle_answers=True)


def _stored(attempt: Attempt) -> list[tuple]:
    return list(
        AttemptSlot.objects.filter(attempt=attempt)
        .order_by("order")
        .values_list("order", "response", "flagged")
    )


def _fields(answer: dict):
    return lambda name: answer.get(name, [])


def _both_paths(mixed_quiz, student, second_student):
    """Two attempts with the same questions in the same shuffle, one per path."""
    fast = services.attempt_start(quiz=mixed_quiz, user=student)
    slow = services.attempt_start(quiz=mixed_quiz, user=second_student)
    pairs = zip(fast.slots.order_by("order"), slow.slots.order_by("order"), strict=True)
    for fast_slot, slow_slot in pairs:
        slow_slot.question_version_id = fast_slot.question_version_id
        slow_slot.answer_order = fast_slot.answer_order
        slow_slot.save(update_fields=["question_version", "answer_order"])
    return fast, slow


@pytest.fixture
def second_student(course):
    from tests.factories import EnrollmentFactory

    return EnrollmentFactory(course=course).student


@pytest.mark.django_db
def test_every_kind_of_answer_is_stored_and_counted_as_the_locked_path_does(
    mixed_quiz, student, second_student
):
    fast, slow = _both_paths(mixed_quiz, student, second_student)
    for order, answer in enumerate(ANSWERS, start=1):
        flagged = order % 2 == 0 or None
        saved = attempt_autosave(
            attempt=fast, slot_order=order, fields=_fields(answer), flagged=flagged
        )
        slot = services.attempt_save_response(
            attempt=slow, slot_order=order, fields=_fields(answer), flagged=flagged
        )
        assert saved.answered == (slot.response is not None)
        assert saved.flagged == slot.flagged
        assert saved.answered_count == services.attempt_answered_count(attempt=slow)
        assert AttemptSlot.objects.get(attempt=fast, order=order).saved_at == saved.saved_at
    assert _stored(fast) == _stored(slow)
    assert [row[1] is not None for row in _stored(fast)] == [True] * 5 + [False]


@pytest.mark.django_db
def test_a_flag_left_out_keeps_the_saved_flag(quiz, student):
    attempt = services.attempt_start(quiz=quiz, user=student)
    attempt_autosave(attempt=attempt, slot_order=1, fields=_fields({}), flagged=True)
    saved = attempt_autosave(
        attempt=attempt, slot_order=1, fields=_fields({"q1": ["0"]}), flagged=None
    )
    assert saved.flagged is True and saved.answered_count == 1


def _codes(exc: ValidationError) -> set[str]:
    return {error.code for error in exc.error_list}


@pytest.mark.django_db
@pytest.mark.parametrize("answer", [{"q1": ["0"]}, {"q1": ["not a position"]}])
def test_a_submitted_attempt_refuses_the_save_as_closed(quiz, student, answer):
    attempt = services.attempt_start(quiz=quiz, user=student)
    attempt_autosave(attempt=attempt, slot_order=1, fields=_fields({"q1": ["1"]}), flagged=None)
    before = AttemptSlot.objects.get(attempt=attempt, order=1).response
    services.attempt_submit(attempt=attempt)
    with pytest.raises(ValidationError) as refused:
        attempt_autosave(attempt=attempt, slot_order=1, fields=_fields(answer), flagged=True)
    assert _codes(refused.value) == {"attempt_closed"}
    slot = AttemptSlot.objects.get(attempt=attempt, order=1)
    assert slot.response == before is not None and slot.flagged is False


@pytest.mark.django_db
def test_a_save_after_the_deadline_is_refused_as_time_up(quiz, student):
    attempt = services.attempt_start(quiz=quiz, user=student)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    with pytest.raises(ValidationError) as refused:
        attempt_autosave(attempt=attempt, slot_order=1, fields=_fields({"q1": ["0"]}), flagged=None)
    assert _codes(refused.value) == {"time_up"}
    assert AttemptSlot.objects.get(attempt=attempt, order=1).response is None


@pytest.mark.django_db
def test_a_question_the_attempt_lacks_and_a_malformed_answer_are_refused(quiz, student):
    attempt = services.attempt_start(quiz=quiz, user=student)
    with pytest.raises(ValidationError) as missing:
        attempt_autosave(attempt=attempt, slot_order=99, fields=_fields({}), flagged=None)
    assert _codes(missing.value) == {"no_such_question"}
    with pytest.raises(ValidationError):
        attempt_autosave(attempt=attempt, slot_order=1, fields=_fields({"q1": ["7"]}), flagged=None)
    assert AttemptSlot.objects.get(attempt=attempt, order=1).response is None


@pytest.mark.django_db
def test_the_guarded_save_is_two_queries(quiz, student, django_assert_num_queries):
    attempt = services.attempt_start(quiz=quiz, user=student)
    # The slot with its question, and the guarded write returning the flag and the count.
    with django_assert_num_queries(2):
        attempt_autosave(attempt=attempt, slot_order=1, fields=_fields({"q1": ["1"]}), flagged=None)
