"""An attempt's life: start, save answers as they are given, submit, grade, override.

The server owns the clock. A save after the deadline is refused; a submit after it closes the
attempt at the deadline with the answers saved by then. Every write locks the attempt row, so
a save and a submit never interleave, and a save touches only its own slot's row, so two tabs
saving different questions never undo each other (the same question: the last save wins).
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from courses.models import CoursePage
from quizzes import attempt_rows, responses, selectors
from quizzes.models import (
    Attempt,
    AttemptSlot,
    Question,
    QuestionType,
    QuizPage,
)
from quizzes.services.slot_grades import FRACTION_PLACES as _PLACES
from quizzes.services.slot_grades import attempt_slots_grade
from quizzes.signals import attempt_graded

NOT_ENROLLED = "Enrol on the course to take this quiz."
SEAT_TIME_OWED = "The final assessment opens once the required reading time is spent. %(remaining)s"
NO_ATTEMPTS_LEFT = "You have used all %(allowed)s attempts at this quiz."
WAIT_BEFORE_RETRY = "You can start another attempt at %(when)s."
NOT_ENOUGH_QUESTIONS = "The category %(category)s has fewer than %(count)s questions to draw."
QUIZ_EMPTY = "This quiz has no questions yet."
ATTEMPT_CLOSED = "This attempt has been submitted and can no longer be changed."
TIME_UP = "Time is up: this attempt can no longer be changed."
NO_SUCH_QUESTION = "This attempt has no question %(order)s."
MARK_OUT_OF_RANGE = "The mark must be between 0 and %(max_mark)s."
REASON_REQUIRED = "Give a reason for changing the mark."
NOT_SUBMITTED = "Only a submitted attempt can be regraded."
LIST_MODE_UNAVAILABLE = "This question cannot be answered from a list."
# The codes of the errors that mean an attempt can no longer change (views send the student
# to its review): callers branch on codes, so the wording above can change freely.
ATTEMPT_CLOSED_CODES = frozenset({"attempt_closed", "time_up"})

_rng = random.SystemRandom()


def _draw(quiz: QuizPage, rng: random.Random) -> list[tuple]:
    """(question version, max mark) for every slot, random draws never repeating a question."""
    slots = list(quiz.slots.select_related("question__current_version").order_by("sort_order"))
    fixed_ids = {slot.question_id for slot in slots if slot.question_id}
    used = set(fixed_ids)
    drawn = []
    for slot in slots:
        if slot.question_id:
            versions = [slot.question.current_version]
        else:
            pool = list(
                Question.objects.filter(category=slot.category_id, current_version__isnull=False)
                .exclude(pk__in=used)
                .exclude(qtype=QuestionType.DESCRIPTION)
                .select_related("current_version")
            )
            if len(pool) < slot.draw_count:
                raise ValidationError(
                    NOT_ENOUGH_QUESTIONS,
                    params={"category": slot.category, "count": slot.draw_count},
                    code="not_enough_questions",
                )
            if slot.spread_across_objectives:
                picked = _spread_pick(quiz, pool, slot.draw_count, rng)
            else:
                picked = rng.sample(pool, slot.draw_count)
            used.update(question.pk for question in picked)
            versions = [question.current_version for question in picked]
        for version in versions:
            mark = slot.mark if slot.mark is not None else version.default_mark
            if version.qtype == QuestionType.DESCRIPTION:
                mark = Decimal(0)
            drawn.append((version, mark))
    if not drawn:
        raise ValidationError(QUIZ_EMPTY, code="quiz_empty")
    return drawn


def _spread_pick(quiz: QuizPage, pool: list, count: int, rng: random.Random) -> list:
    """`count` of `pool` in turn from each of the course's objectives (quizzes.draws)."""
    from quizzes.draws import spread_sample

    course_ids = CoursePage.objects.ancestor_of(quiz).values("pk")
    links = Question.objectives.through.objects.filter(
        question_id__in=[question.pk for question in pool],
        courseobjective__course_id__in=course_ids,
    ).order_by("courseobjective__sort_order", "courseobjective_id")
    tags: dict[int, set[int]] = {}
    objectives: list[int] = []
    for question_id, objective_id in links.values_list("question_id", "courseobjective_id"):
        tags.setdefault(question_id, set()).add(objective_id)
        if objective_id not in objectives:
            objectives.append(objective_id)
    by_id = {question.pk: question for question in pool}
    ids = spread_sample(pool=list(by_id), tags=tags, objectives=objectives, count=count, rng=rng)
    return [by_id[qid] for qid in ids]


def _check_may_start(quiz: QuizPage, user, now) -> None:
    if not selectors.quiz_access(user=user, quiz=quiz):
        raise ValidationError(NOT_ENROLLED, code="not_enrolled")
    owed = selectors.final_assessment_seat_time(quiz=quiz, user=user)
    if owed is not None:
        raise ValidationError(
            SEAT_TIME_OWED, params={"remaining": owed.message}, code="seat_time_owed"
        )
    previous = Attempt.objects.filter(quiz=quiz, student=user).exclude(
        state=Attempt.State.ABANDONED
    )
    if quiz.attempts_allowed and previous.count() >= quiz.attempts_allowed:
        raise ValidationError(
            NO_ATTEMPTS_LEFT, params={"allowed": quiz.attempts_allowed}, code="no_attempts_left"
        )
    if quiz.min_minutes_between_attempts:
        last = previous.aggregate(last=Max("submitted_at"))["last"]
        ready = last and last + timedelta(minutes=quiz.min_minutes_between_attempts)
        if ready and ready > now:
            when = timezone.localtime(ready).strftime("%H:%M on %d %b %Y")
            raise ValidationError(WAIT_BEFORE_RETRY, params={"when": when}, code="wait")


@transaction.atomic
def attempt_start(*, quiz: QuizPage, user, rng: random.Random | None = None) -> Attempt:
    """The student's open attempt at `quiz`, or a new one with its questions drawn and shuffled."""
    rng = rng or _rng
    # Serialise starts by the same student: two tabs pressing Start get the same attempt.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    now = timezone.now()
    open_attempt = Attempt.objects.filter(
        quiz=quiz, student=user, state=Attempt.State.IN_PROGRESS
    ).first()
    if open_attempt is not None:
        if not _expired(open_attempt, now):
            return open_attempt
        attempt_submit(attempt=open_attempt)
    _check_may_start(quiz, user, now)
    drawn = _draw(quiz, rng)
    if quiz.shuffle_questions:
        rng.shuffle(drawn)
    last = Attempt.objects.filter(quiz=quiz, student=user).aggregate(n=Max("number"))["n"]
    accommodation = (
        selectors.accommodation_for(user=user, quiz=quiz) if quiz.time_limit_minutes else None
    )
    minutes = (
        accommodation.minutes_for(quiz.time_limit_minutes)
        if accommodation
        else quiz.time_limit_minutes
    )
    attempt = Attempt(
        quiz=quiz,
        student=user,
        number=(last or 0) + 1,
        started_at=now,
        deadline=now + timedelta(minutes=minutes) if minutes else None,
        accommodation=accommodation,
        max_score=sum((mark for _, mark in drawn), Decimal(0)),
    )
    attempt.full_clean()
    attempt.save()
    AttemptSlot.objects.bulk_create(
        AttemptSlot(
            attempt=attempt,
            order=order,
            question_version=version,
            max_mark=mark,
            answer_order=responses.answer_order_new(version, shuffle=quiz.shuffle_answers, rng=rng),
        )
        for order, (version, mark) in enumerate(drawn, start=1)
    )
    return attempt


def _expired(attempt: Attempt, now) -> bool:
    return attempt.deadline is not None and now > attempt.deadline


def _lock(attempt: Attempt) -> Attempt:
    """The attempt's row read again under a lock. Its quiz is the one the caller already holds
    when it has one (the quiz does not change under an attempt, and submit runs this on every
    hand-in: joining the whole Wagtail page again was most of the lock's cost; the row itself is
    read by a hand-written query for the same reason, quizzes.attempt_rows)."""
    if Attempt.quiz.is_cached(attempt):
        locked = attempt_rows.attempt_locked(attempt_id=attempt.pk)
        locked.quiz = attempt.quiz
        return locked
    return Attempt.objects.select_for_update().select_related("quiz").get(pk=attempt.pk)


def _open_slot(attempt: Attempt, slot_order: int) -> AttemptSlot:
    """The slot, locked, of an attempt that may still change (the attempt row locked first).
    Only the state and the deadline are read with the lock: autosave runs this on every answer."""
    locked = Attempt.objects.select_for_update().only("state", "deadline").get(pk=attempt.pk)
    if locked.state != Attempt.State.IN_PROGRESS:
        raise ValidationError(ATTEMPT_CLOSED, code="attempt_closed")
    now = timezone.now()
    if _expired(locked, now):
        raise ValidationError(TIME_UP, code="time_up")
    slot = (
        AttemptSlot.objects.select_for_update()
        .select_related("question_version")
        .filter(attempt_id=locked.pk, order=slot_order)
        .first()
    )
    if slot is None:
        raise ValidationError(
            NO_SUCH_QUESTION, params={"order": slot_order}, code="no_such_question"
        )
    slot.saved_at = now
    return slot


@transaction.atomic
def attempt_save_response(
    *, attempt: Attempt, slot_order: int, fields, flagged: bool | None = None
) -> AttemptSlot:
    """Save one question's answer, as the form sent it (`fields(name) -> list of values`), and
    its flag for review when `flagged` is given. A part-answered ordering or matching question
    is saved as it stands (a draft) and graded as given."""
    slot = _open_slot(attempt, slot_order)
    slot.response = responses.response_from_fields(slot, fields)
    update = ["response", "saved_at"]
    if flagged is not None:
        slot.flagged = flagged
        update.append("flagged")
    slot.save(update_fields=update)
    return slot


@transaction.atomic
def attempt_hotspot_mode_set(*, attempt: Attempt, slot_order: int, list_mode: bool) -> AttemptSlot:
    """Answer a hotspot question by choosing from its labelled list, or on the image again.
    The answer given the other way is cleared: only one way of answering is graded."""
    slot = _open_slot(attempt, slot_order)
    if not responses.hotspot_list_offered(slot):
        raise ValidationError(LIST_MODE_UNAVAILABLE, code="list_mode_unavailable")
    if responses.hotspot_in_list_mode(slot) != list_mode:
        slot.answer_order = {**slot.answer_order, "mode": "list" if list_mode else "image"}
        slot.response = None
        slot.save(update_fields=["answer_order", "response", "saved_at"])
    return slot


def attempt_answered_count(*, attempt: Attempt) -> int:
    return attempt.slots.filter(response__isnull=False).count()


def _total(attempt: Attempt, marks) -> None:
    """The attempt's score and fraction from its questions' marks (None: not marked yet)."""
    attempt.score = sum((mark or Decimal(0) for mark in marks), Decimal(0))
    attempt.fraction = (
        min(attempt.score / attempt.max_score, Decimal(1)).quantize(_PLACES)
        if attempt.max_score
        else Decimal(1)
    )


@transaction.atomic
def attempt_submit(*, attempt: Attempt) -> Attempt:
    """Close and grade the attempt; submitting twice changes nothing the second time."""
    locked = _lock(attempt)
    if locked.state != Attempt.State.IN_PROGRESS:
        return locked
    now = timezone.now()
    _total(locked, attempt_slots_grade(attempt_id=locked.pk))
    locked.state = Attempt.State.SUBMITTED
    locked.submitted_at = min(now, locked.deadline) if locked.deadline else now
    locked.save(update_fields=["state", "submitted_at", "score", "fraction"])
    attempt_graded.send(sender=Attempt, attempt=locked)
    return locked


@transaction.atomic
def attempt_override_mark(
    *, attempt_slot: AttemptSlot, mark: Decimal, reason: str, by
) -> AttemptSlot:
    """An instructor's mark for one question (an essay, or a grading they disagree with)."""
    attempt = _lock(attempt_slot.attempt)
    if attempt.state != Attempt.State.SUBMITTED:
        raise ValidationError(NOT_SUBMITTED, code="not_submitted")
    slot = AttemptSlot.objects.select_for_update().get(pk=attempt_slot.pk)
    mark = Decimal(mark)
    if not Decimal(0) <= mark <= slot.max_mark:
        raise ValidationError(
            {
                "mark": ValidationError(
                    MARK_OUT_OF_RANGE, params={"max_mark": slot.max_mark}, code="out_of_range"
                )
            }
        )
    if not reason.strip():
        raise ValidationError({"reason": ValidationError(REASON_REQUIRED, code="required")})
    slot.mark = mark
    slot.fraction = (mark / slot.max_mark).quantize(_PLACES) if slot.max_mark else Decimal(1)
    slot.save(update_fields=["mark", "fraction"])
    _total(attempt, attempt.slots.values_list("mark", flat=True))
    attempt.grade_overridden_by = by
    attempt.grade_override_reason = reason.strip()
    attempt.save(
        update_fields=["score", "fraction", "grade_overridden_by", "grade_override_reason"]
    )
    attempt_graded.send(sender=Attempt, attempt=attempt)
    return slot


def attempt_close_if_expired(*, attempt: Attempt) -> Attempt:
    """Called when an open attempt is viewed: past its deadline, the server submits it."""
    if attempt.is_open and _expired(attempt, timezone.now()):
        return attempt_submit(attempt=attempt)
    return attempt
