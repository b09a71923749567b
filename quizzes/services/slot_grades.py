"""The marks of an attempt's questions at submit: graded from plain values, written in one UPDATE.

Why it exists: every hand-in grades every question, and reading the slots as model instances
with their question versions, then bulk_update()'s CASE expression built through the ORM, were
about a third of a submit's time (issue 19); building even the values() read cost more than
grading, so the read is hand-written too, its values converted as the ORM converts them. What it
must stay equal to: each slot's fraction and mark as response_grade() gives them (an essay
ungraded, a description full marks of nothing), written to exactly the attempt's slots.
"""

from decimal import Decimal

from django.db import connection

from cms import prepared_sql
from quizzes.db_rows import converted
from quizzes.models import AUTO_GRADED_TYPES, AttemptSlot, QuestionType, QuestionVersion
from quizzes.services.grading import response_grade

FRACTION_PLACES = Decimal("0.0000001")
MARK_PLACES = Decimal("0.01")
# No ORDER BY: the marks are only summed.
_SLOTS = """
SELECT slot.id, slot.max_mark, slot.response, version.qtype, version.data
FROM "quizzes_attemptslot" slot
JOIN "quizzes_questionversion" version ON version.id = slot.question_version_id
WHERE slot.attempt_id = %s
"""
_SLOT_FIELDS = (
    AttemptSlot._meta.pk,
    AttemptSlot._meta.get_field("max_mark"),
    AttemptSlot._meta.get_field("response"),
    QuestionVersion._meta.get_field("qtype"),
    QuestionVersion._meta.get_field("data"),
)
# Slots per UPDATE: three parameters each, well under SQLite's limit on parameters.
_BATCH = 250


def slot_grade(*, qtype: str, data: dict, response, max_mark: Decimal) -> tuple:
    """(fraction, mark) of one answered or unanswered question; (None, None) for one graded by
    hand."""
    if qtype not in AUTO_GRADED_TYPES:
        if qtype == QuestionType.DESCRIPTION:
            return Decimal(1), Decimal(0)
        return None, None
    fraction = response_grade(qtype=qtype, data=data, response=response).fraction
    return fraction.quantize(FRACTION_PLACES), (fraction * max_mark).quantize(MARK_PLACES)


def _write(grades: list[tuple]) -> None:
    """One UPDATE ... CASE for (slot id, fraction, mark) rows."""
    quote = connection.ops.quote_name
    table = quote(AttemptSlot._meta.db_table)
    when = " ".join("WHEN %s THEN CAST(%s AS NUMERIC)" for _ in grades)
    ids = ", ".join("%s" for _ in grades)
    # Only quoted names and placeholders are put into the text; every value is a parameter.
    sql = (
        f"UPDATE {table} SET {quote('fraction')} = CASE {quote('id')} {when} END, "  # noqa: S608
        f"{quote('mark')} = CASE {quote('id')} {when} END WHERE {quote('id')} IN ({ids})"
    )
    params = [value for pk, fraction, _ in grades for value in (pk, fraction)]
    params += [value for pk, _, mark in grades for value in (pk, mark)]
    params += [pk for pk, _, _ in grades]
    with prepared_sql.cursor() as cursor:
        cursor.execute(sql, params)


def attempt_slots_grade(*, attempt_id: int) -> list:
    """Grade every slot of the attempt and save their fractions and marks: two queries. Returns
    the marks (None for a question awaiting its hand marking). The caller holds the attempt's
    lock, inside its transaction."""
    with prepared_sql.cursor() as cursor:
        cursor.execute(_SLOTS, [attempt_id])
        rows = [converted(row, _SLOT_FIELDS) for row in cursor.fetchall()]
    grades = [
        (pk, *slot_grade(qtype=qtype, data=data, response=response, max_mark=max_mark))
        for pk, max_mark, response, qtype, data in rows
    ]
    for start in range(0, len(grades), _BATCH):
        _write(grades[start : start + _BATCH])
    return [mark for _, _, mark in grades]
