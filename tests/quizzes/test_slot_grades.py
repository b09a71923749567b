"""Submit's grading of every slot (quizzes/services/slot_grades.py) reads each slot's answer,
mark and question as the ORM reads them and writes exactly the attempt's own slots."""

from decimal import Decimal

import pytest

from quizzes.models import Attempt, AttemptSlot
from quizzes.services import attempts as services
from quizzes.services.slot_grades import attempt_slots_grade, slot_grade
from tests.factories import EnrollmentFactory
from tests.quizzes.conftest import make_question, make_quiz

# (question type, what the learner sends for it, by the slot's field name)
ANSWERS = [
    ("single_choice", {"": ["1"]}),
    ("true_false", {"": ["true"]}),
    ("short_answer", {"": ["scalenes"]}),
    ("numerical", {"": ["31"]}),
    ("multiple_response", {"": ["0", "1"]}),
    ("matching", {"-0": ["0"], "-1": ["1"]}),
    ("essay", {"": ["Knots release under sustained pressure."]}),
    ("single_choice", {}),  # left unanswered
]


@pytest.fixture
def mixed_quiz(module, bank):
    questions = [make_question(bank, qtype) for qtype, _ in ANSWERS]
    return make_quiz(module, questions=questions, shuffle_answers=True)


def answer_all(attempt) -> None:
    for order, (_qtype, sent) in enumerate(ANSWERS, start=1):
        fields = {f"q{order}{suffix}": values for suffix, values in sent.items()}
        services.attempt_save_response(
            attempt=attempt, slot_order=order, fields=lambda name, f=fields: f.get(name, [])
        )


def reference_grades(attempt) -> dict:
    """Each slot's (fraction, mark) graded from the slot as the ORM reads it."""
    slots = AttemptSlot.objects.filter(attempt=attempt).select_related("question_version")
    return {
        slot.pk: slot_grade(
            qtype=slot.question_version.qtype,
            data=slot.question_version.data,
            response=slot.response,
            max_mark=slot.max_mark,
        )
        for slot in slots
    }


def stored(attempt) -> dict:
    rows = AttemptSlot.objects.filter(attempt=attempt).values_list("pk", "fraction", "mark")
    return {pk: (fraction, mark) for pk, fraction, mark in rows}


@pytest.mark.django_db
def test_each_slot_gets_the_grade_of_the_slot_as_the_orm_reads_it(mixed_quiz, course, student):
    mine = services.attempt_start(quiz=mixed_quiz, user=student)
    theirs = services.attempt_start(quiz=mixed_quiz, user=EnrollmentFactory(course=course).student)
    answer_all(mine)
    answer_all(theirs)
    expected = reference_grades(mine)
    untouched = stored(theirs)

    marks = attempt_slots_grade(attempt_id=mine.pk)

    assert stored(mine) == expected
    assert sorted(marks, key=repr) == sorted((mark for _, mark in expected.values()), key=repr)
    assert stored(theirs) == untouched  # the other learner's slots are not written
    graded = [mark for mark in marks if mark is not None]
    assert len(graded) == len(ANSWERS) - 1  # the essay waits for its hand marking
    assert sum(graded) > Decimal(0) and Decimal(0) in graded


@pytest.mark.django_db
def test_submit_totals_the_marks_as_graded(mixed_quiz, student):
    attempt = services.attempt_start(quiz=mixed_quiz, user=student)
    answer_all(attempt)
    expected = reference_grades(attempt)
    submitted = services.attempt_submit(attempt=attempt)
    score = sum((mark or Decimal(0) for _, mark in expected.values()), Decimal(0))
    assert submitted.score == score
    assert Attempt.objects.get(pk=attempt.pk).score == score
    assert stored(attempt) == expected
