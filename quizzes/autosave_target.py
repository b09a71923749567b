"""What autosave reads before it writes: the learner's attempt, where its quiz sits in the page
tree, and the slot being answered with its question, in one hand-written query.

Why it exists: autosave runs on every answer a learner gives, and reading the attempt with its
quiz page and then the slot with its question version through the ORM cost two queries and
most of the request's time (issue 19). Nothing here decides anything: it must read what
selectors.attempt_for_student_lean and the slot read of services/autosave.py read (the attempt
only when it is the user's; the slot of that attempt with that order), and the view asks the
same questions of it. tests/quizzes/test_autosave_target.py holds it to that.
"""

from dataclasses import dataclass

from django.db import connection
from wagtail.models import Page

from quizzes.models import Attempt, AttemptSlot
from quizzes.version_memo import question_version

_ATTEMPT_AND_SLOT = """
SELECT attempt.id, attempt.quiz_id, quiz_page.path, quiz_page.depth,
       slot.id, slot.answer_order, slot.question_version_id
FROM quizzes_attempt attempt
JOIN wagtailcore_page quiz_page ON quiz_page.id = attempt.quiz_id
LEFT JOIN quizzes_attemptslot slot ON slot.attempt_id = attempt.id AND slot."order" = %(order)s
WHERE attempt.id = %(attempt)s AND attempt.student_id = %(student)s
"""


@dataclass(frozen=True)
class TreePosition:
    """Where a quiz sits in the page tree: all quizzes.gate and the course locks read of it."""

    path: str
    depth: int
    steplen: int = Page.steplen


@dataclass(frozen=True)
class AutosaveTarget:
    attempt: Attempt  # its id, quiz and student only
    quiz: TreePosition
    slot: AttemptSlot | None  # None: the attempt has no such question (or it could not be read)


def _storable(number: int) -> bool:
    """Whether a column can hold `number`: SQLite refuses a larger one as a parameter, where the
    ORM's lookups find nothing."""
    return -(2**63) <= number < 2**63


def _attempt(attempt_id: int, quiz_id: int, student_id: int) -> Attempt:
    return Attempt.from_db(
        connection.alias, ["id", "quiz_id", "student_id"], [attempt_id, quiz_id, student_id]
    )


def _slot(
    attempt: Attempt, slot_order: int, slot_id, answer_order, version_id
) -> AttemptSlot | None:
    if slot_id is None:
        return None
    version = question_version(version_id)
    if version is None:
        return None
    field = AttemptSlot._meta.get_field("answer_order")
    slot = AttemptSlot.from_db(
        connection.alias,
        ["id", "attempt_id", "order", "question_version_id", "answer_order"],
        [
            slot_id,
            attempt.pk,
            slot_order,
            version_id,
            field.from_db_value(answer_order, None, connection),
        ],
    )
    slot.question_version = version
    return slot


def autosave_target(*, user, attempt_id: int, slot_order: int | None) -> AutosaveTarget | None:
    """`user`'s attempt `attempt_id` (None when it is not theirs), its quiz's place in the tree,
    and its slot `slot_order` with the slot's question version: one query (two the first time a
    worker meets a question version)."""
    if not user.is_authenticated or not _storable(attempt_id):
        return None
    if slot_order is not None and not _storable(slot_order):
        slot_order = None  # no slot has it: the save's own read says so, as before
    params = {"attempt": attempt_id, "student": user.pk, "order": slot_order}
    with connection.cursor() as cursor:
        cursor.execute(_ATTEMPT_AND_SLOT, params)
        row = cursor.fetchone()
    if row is None:
        return None
    found_id, quiz_id, path, depth, slot_id, answer_order, version_id = row
    attempt = _attempt(found_id, quiz_id, user.pk)
    slot = (
        None
        if slot_order is None
        else _slot(attempt, slot_order, slot_id, answer_order, version_id)
    )
    return AutosaveTarget(attempt=attempt, quiz=TreePosition(path=path, depth=depth), slot=slot)
