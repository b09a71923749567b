import random
import sqlite3
import threading
import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection
from django.utils import timezone

from quizzes.models import Attempt, AttemptSlot
from quizzes.results import quiz_grade_for
from quizzes.services import attempts as services
from quizzes.services.questions import category_ensure_path, question_revise
from tests.factories import UserFactory
from tests.quizzes.conftest import make_question, make_quiz


def fields(values: dict):
    """A `fields(name) -> list` as the form or the autosave endpoint would give it."""
    return lambda name: [str(v) for v in values.get(name, [])]


def save(attempt, order, **values):
    return services.attempt_save_response(
        attempt=attempt,
        slot_order=order,
        fields=fields({key.replace("_", "-"): value for key, value in values.items()}),
    )


def test_attempt_lifecycle_start_save_reload_submit_grade(quiz, student):
    attempt = services.attempt_start(quiz=quiz, user=student)
    assert (attempt.number, attempt.state, attempt.max_score) == (1, "in_progress", Decimal(3))
    save(attempt, 1, q1=["1"])  # "Trigger point", shown in the author's order
    save(attempt, 2, q2=["false"])
    save(attempt, 3, q3=["  Scalenes "])
    assert services.attempt_start(quiz=quiz, user=student) == attempt  # resumes, no new attempt
    stored = dict(attempt.slots.values_list("order", "response"))
    assert stored == {1: 1, 2: False, 3: "  Scalenes "}

    submitted = services.attempt_submit(attempt=attempt)
    assert submitted.state == "submitted" and submitted.submitted_at is not None
    assert (submitted.score, submitted.fraction) == (Decimal("2.00"), Decimal("0.6666667"))
    marks = dict(submitted.slots.values_list("order", "mark"))
    assert marks == {1: Decimal("1.00"), 2: Decimal("0.00"), 3: Decimal("1.00")}
    again = services.attempt_submit(attempt=attempt)
    assert (again.submitted_at, again.score) == (submitted.submitted_at, submitted.score)


def test_attempt_keeps_the_version_it_started_with(quiz, student):
    attempt = services.attempt_start(quiz=quiz, user=student)
    slot = attempt.slots.get(order=1)
    question_revise(
        question=slot.question_version.question,
        data={"choices": [{"text": "Changed", "fraction": "1"}, {"text": "Other"}]},
    )
    save(attempt, 1, q1=["1"])
    services.attempt_submit(attempt=attempt)
    slot.refresh_from_db()
    assert slot.question_version.number == 1 and slot.mark == Decimal("1.00")


def test_saving_is_refused_after_submit(quiz, student):
    attempt = services.attempt_start(quiz=quiz, user=student)
    services.attempt_submit(attempt=attempt)
    with pytest.raises(ValidationError, match=services.ATTEMPT_CLOSED) as refused:
        save(attempt, 1, q1=["1"])
    assert refused.value.code == "attempt_closed"
    assert refused.value.code in services.ATTEMPT_CLOSED_CODES


def test_past_the_deadline_saving_is_refused_and_submit_keeps_earlier_answers(
    module, bank, student
):
    quiz = make_quiz(
        module,
        questions=[make_question(bank, "single_choice"), make_question(bank, "true_false")],
        time_limit_minutes=20,
        shuffle_answers=False,
    )
    attempt = services.attempt_start(quiz=quiz, user=student)
    assert attempt.deadline == attempt.started_at + timedelta(minutes=20)
    save(attempt, 1, q1=["1"])
    deadline = timezone.now() - timedelta(seconds=1)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=deadline)  # the clock ran out
    with pytest.raises(ValidationError, match="Time is up") as refused:
        save(attempt, 2, q2=["true"])
    assert refused.value.code == "time_up"
    assert refused.value.code in services.ATTEMPT_CLOSED_CODES
    closed = services.attempt_submit(attempt=attempt)
    assert closed.submitted_at == deadline
    assert dict(closed.slots.values_list("order", "response")) == {1: 1, 2: None}
    assert closed.score == Decimal("1.00")


def test_an_expired_attempt_is_closed_when_the_student_starts_again(quiz, student):
    attempt = services.attempt_start(quiz=quiz, user=student)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    second = services.attempt_start(quiz=quiz, user=student)
    attempt.refresh_from_db()
    assert attempt.state == "submitted" and second.number == 2


def test_saves_to_different_slots_of_one_attempt_both_persist(quiz, student):
    """Two tabs, each holding its own copy of the attempt, save different questions."""
    attempt = services.attempt_start(quiz=quiz, user=student)
    tab_one = Attempt.objects.get(pk=attempt.pk)
    tab_two = Attempt.objects.get(pk=attempt.pk)
    save(tab_one, 1, q1=["1"])
    save(tab_two, 3, q3=["scalenes"])
    save(tab_one, 2, q2=["true"])
    assert dict(attempt.slots.values_list("order", "response")) == {
        1: 1,
        2: True,
        3: "scalenes",
    }
    save(tab_two, 1, q1=["0"])  # the same question: the last save wins
    assert attempt.slots.get(order=1).response == 0


def _sqlite_locked(exc: OperationalError) -> bool:
    """Whether SQLite refused because a table or the database was locked, told by SQLite's
    error code (the primary code is the low byte of the extended one), not its wording."""
    code = getattr(exc.__cause__, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_from_two_threads_both_persist(course, bank):
    from courses.models import ModulePage
    from tests.factories import EnrollmentFactory

    student = EnrollmentFactory(course=course).student
    module = ModulePage.objects.child_of(course).first()
    quiz = make_quiz(
        module,
        questions=[make_question(bank, "short_answer", name=f"S{i}") for i in range(2)],
    )
    attempt = services.attempt_start(quiz=quiz, user=student)
    errors, barrier = [], threading.Barrier(2)

    def worker(order):
        try:
            barrier.wait()
            for _ in range(50):
                try:
                    tab = Attempt.objects.get(pk=attempt.pk)
                    save(tab, order, **{f"q{order}": [f"answer {order}"]})
                    break
                except OperationalError as exc:
                    # The test database is SQLite's shared-cache memory database, which
                    # fails a locked table at once instead of waiting as a file or
                    # PostgreSQL database does; retrying stands in for that wait.
                    if not _sqlite_locked(exc):
                        raise
                    time.sleep(0.02)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(order,)) for order in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert dict(attempt.slots.values_list("order", "response")) == {
        1: "answer 1",
        2: "answer 2",
    }


def test_attempts_allowed_is_enforced(module, bank, student):
    quiz = make_quiz(module, questions=[make_question(bank)], attempts_allowed=2)
    for _ in range(2):
        services.attempt_submit(attempt=services.attempt_start(quiz=quiz, user=student))
    with pytest.raises(ValidationError, match="all 2 attempts"):
        services.attempt_start(quiz=quiz, user=student)


def test_minimum_wait_between_attempts_is_enforced(module, bank, student):
    quiz = make_quiz(module, questions=[make_question(bank)], min_minutes_between_attempts=30)
    first = services.attempt_submit(attempt=services.attempt_start(quiz=quiz, user=student))
    with pytest.raises(ValidationError, match="You can start another attempt at"):
        services.attempt_start(quiz=quiz, user=student)
    Attempt.objects.filter(pk=first.pk).update(submitted_at=timezone.now() - timedelta(minutes=31))
    assert services.attempt_start(quiz=quiz, user=student).number == 2


def test_only_enrolled_students_and_staff_may_start(quiz, staff_user, enrollment):
    with pytest.raises(ValidationError, match=services.NOT_ENROLLED):
        services.attempt_start(quiz=quiz, user=UserFactory())
    assert services.attempt_start(quiz=quiz, user=staff_user).number == 1
    enrollment.status = "revoked"
    enrollment.save()
    with pytest.raises(ValidationError, match=services.NOT_ENROLLED):
        services.attempt_start(quiz=quiz, user=enrollment.student)


def test_random_draws_are_distinct_and_shuffles_are_stored(module, bank, student):
    category = category_ensure_path(bank=bank, path=["Neck"])
    pool = [make_question(bank, name=f"Neck {i}", category=category) for i in range(6)]
    fixed = pool[0]
    quiz = make_quiz(
        module,
        questions=[fixed],
        draws=[(category, 4)],
        shuffle_questions=True,
        shuffle_answers=True,
    )
    attempt = services.attempt_start(quiz=quiz, user=student, rng=random.Random(7))
    slots = list(attempt.slots.select_related("question_version"))
    questions = [slot.question_version.question_id for slot in slots]
    assert len(slots) == 5 and len(set(questions)) == 5 and fixed.pk in questions
    assert all(sorted(slot.answer_order["choices"]) == [0, 1, 2] for slot in slots)
    reloaded = {slot.pk: slot.answer_order for slot in AttemptSlot.objects.filter(attempt=attempt)}
    assert reloaded == {slot.pk: slot.answer_order for slot in slots}


def test_drawing_more_than_the_category_holds_is_refused(module, bank, student):
    category = category_ensure_path(bank=bank, path=["Empty-ish"])
    make_question(bank, category=category)
    quiz = make_quiz(module, draws=[(category, 2)])
    with pytest.raises(ValidationError, match="fewer than 2 questions"):
        services.attempt_start(quiz=quiz, user=student)


def test_shuffled_choices_map_back_to_the_authors_answer(module, bank, student):
    quiz = make_quiz(module, questions=[make_question(bank)], shuffle_answers=True)
    attempt = services.attempt_start(quiz=quiz, user=student, rng=random.Random(3))
    shown = attempt.slots.get().answer_order["choices"]
    position_of_right = shown.index(1)  # "Trigger point" is the author's choice 1
    save(attempt, 1, q1=[position_of_right])
    assert services.attempt_submit(attempt=attempt).score == Decimal("1.00")


@pytest.mark.parametrize(
    ("method", "expected"),
    [("highest", "1"), ("last", "0"), ("first", "0"), ("average", "0.3333333")],
)
def test_quiz_grade_follows_the_grading_method(module, bank, student, method, expected):
    quiz = make_quiz(
        module, questions=[make_question(bank)], grading_method=method, shuffle_answers=False
    )
    for answer in ("0", "1", "2"):
        attempt = services.attempt_start(quiz=quiz, user=student)
        save(attempt, 1, q1=[answer])
        services.attempt_submit(attempt=attempt)
    assert quiz_grade_for(quiz=quiz, user=student).quantize(Decimal("0.0000001")) == Decimal(
        expected
    )


def test_override_mark_regrades_the_attempt_with_a_reason(quiz, student, staff_user):
    attempt = services.attempt_submit(attempt=services.attempt_start(quiz=quiz, user=student))
    slot = attempt.slots.get(order=3)
    with pytest.raises(ValidationError):
        services.attempt_override_mark(
            attempt_slot=slot, mark=Decimal(2), reason="x", by=staff_user
        )
    with pytest.raises(ValidationError):
        services.attempt_override_mark(
            attempt_slot=slot, mark=Decimal(1), reason=" ", by=staff_user
        )
    services.attempt_override_mark(
        attempt_slot=slot, mark=Decimal("0.5"), reason="Spelling accepted", by=staff_user
    )
    attempt.refresh_from_db()
    assert attempt.score == Decimal("0.50") and attempt.grade_overridden_by == staff_user
    assert attempt.grade_override_reason == "Spelling accepted"


def test_malformed_form_values_are_refused_without_saving(quiz, student):
    attempt = services.attempt_start(quiz=quiz, user=student)
    with pytest.raises(ValidationError, match="could not be read"):
        save(attempt, 1, q1=["9"])
    with pytest.raises(ValidationError, match="no question 7"):
        save(attempt, 7, q7=["1"])
    assert attempt.slots.get(order=1).response is None
