"""What each attempt's slots hold, as this worker last read them: the slot's id, its question
version and the order its answers were shown in, by attempt and question order.

Why: autosave turns the learner's fields into the stored answer with the slot's question and
shuffle, so without them it must read the slot before it writes: a round trip to the database
more on every save a learner makes (issue 19). Knowing them, it saves with one statement
(quizzes/services/autosave.py). Autosave's full read and the question page prime it.

It is only a hint: that statement writes only where the slot still has this id, attempt,
order, question version and shuffle, and anything else is read again by autosave's full path.
"""

import json
from dataclasses import dataclass
from functools import cached_property

from django.db import connection

from quizzes.models import AttemptSlot
from quizzes.version_memo import question_version

# Enough for the questions a worker's learners are answering in a while: a few MB.
MAX_REMEMBERED = 10_000


@dataclass(frozen=True)
class SlotHint:
    slot_id: int
    version_id: int
    # As the database gave it (text on SQLite), to be compared with what it holds.
    raw_answer_order: object

    @cached_property
    def answer_order(self) -> dict:
        raw = self.raw_answer_order
        return json.loads(raw) if isinstance(raw, str | bytes) else raw

    def attempt_slot(self, attempt_id: int, order: int) -> AttemptSlot | None:
        """The slot as autosave reads an answer with it: its id, attempt, order, shuffle and
        question version (type and data, from this worker's memo); None when the version is
        gone."""
        version = question_version(self.version_id)
        if version is None:
            return None
        names = ["id", "attempt_id", "order", "question_version_id", "answer_order"]
        values = [self.slot_id, attempt_id, order, self.version_id, self.answer_order]
        slot = AttemptSlot.from_db(connection.alias, names, values)
        slot.question_version = version
        return slot


_slots: dict[tuple[int, int], SlotHint] = {}


def slot(attempt_id: int, order: int) -> SlotHint | None:
    return _slots.get((attempt_id, order))


def remember(attempt_id: int, order: int, hint: SlotHint) -> None:
    key = (attempt_id, order)
    if len(_slots) >= MAX_REMEMBERED and key not in _slots:
        _slots.clear()
    _slots[key] = hint


def forget_all() -> None:
    _slots.clear()
