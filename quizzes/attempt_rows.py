"""The attempt reads submit makes, as hand-written queries: the learner's attempt with its
quiz's paging fields, and the attempt's row again under its lock.

Why it exists: submit runs both on every hand-in, and the ORM spent about a millisecond
building the first (a select_related of part of a Wagtail page) and a quarter of one building
the second, many times what the database spent answering them (issue 19). What must stay
equal: the instances selectors.attempt_for_student_lean and
`Attempt.objects.select_for_update().get(pk=...)` give (every attempt field, converted by the
backend's converters as the ORM converts them; the quiz holding only its lean fields, the rest
deferred). tests/quizzes/test_attempt_rows.py holds them equal.
"""

from functools import cache
from weakref import WeakKeyDictionary

from django.db import connection

from quizzes.models import Attempt, QuizPage

_ATTEMPT_FIELDS = Attempt._meta.concrete_fields
_ATTEMPT_COLUMNS = ", ".join(f'a."{field.column}"' for field in _ATTEMPT_FIELDS)

_ATTEMPT_OF_STUDENT = """
SELECT {attempt_columns}, {quiz_columns}
FROM "quizzes_attempt" a
JOIN "wagtailcore_page" ON "wagtailcore_page".id = a.quiz_id
JOIN "quizzes_quizpage" ON "quizzes_quizpage".page_ptr_id = a.quiz_id
WHERE a.id = %s AND a.student_id = %s
"""
_ATTEMPT_BY_ID = """
SELECT {attempt_columns} FROM "quizzes_attempt" a WHERE a.id = %s{for_update}
"""


@cache
def _lean_quiz(quiz_fields: tuple[str, ...]) -> tuple[str, list[str]]:
    """The query for a lean quiz of `quiz_fields`, and the quiz's fields it reads, in the order
    of QuizPage's fields (QuizPage.from_db takes them so)."""
    wanted = {"id", "page_ptr_id", *quiz_fields}
    fields = [field for field in QuizPage._meta.concrete_fields if field.attname in wanted]
    columns = ", ".join(f'"{field.model._meta.db_table}"."{field.column}"' for field in fields)
    sql = _ATTEMPT_OF_STUDENT.format(attempt_columns=_ATTEMPT_COLUMNS, quiz_columns=columns)
    return sql, [field.attname for field in fields]


# Each database connection's converters of the attempt's columns: bound to its operations
# object, and costing more to look up than the row they convert.
_converters: WeakKeyDictionary = WeakKeyDictionary()


def _attempt_converters() -> list[tuple]:
    ops = connection.ops
    found = _converters.get(ops)
    if found is None:
        found = []
        for index, field in enumerate(_ATTEMPT_FIELDS):
            column = field.get_col(Attempt._meta.db_table)
            functions = ops.get_db_converters(column) + column.get_db_converters(connection)
            if functions:
                found.append((index, column, functions))
        _converters[ops] = found
    return found


def _attempt(row) -> Attempt:
    values = list(row[: len(_ATTEMPT_FIELDS)])
    for index, column, functions in _attempt_converters():
        for convert in functions:
            values[index] = convert(values[index], column, connection)
    return Attempt.from_db(connection.alias, None, values)


def _storable(number: int) -> bool:
    """Whether a key column can hold `number`: SQLite refuses a larger parameter, where the ORM's
    lookups find nothing."""
    return -(2**63) <= number < 2**63


def attempt_of_student(
    *, student_id: int, attempt_id: int, quiz_fields: tuple[str, ...]
) -> Attempt | None:
    """The attempt if `student_id` owns it, its quiz read with only `quiz_fields` (and its ids):
    one query."""
    if not _storable(attempt_id):
        return None
    sql, names = _lean_quiz(tuple(quiz_fields))
    with connection.cursor() as cursor:
        cursor.execute(sql, [attempt_id, student_id])
        row = cursor.fetchone()
    if row is None:
        return None
    attempt = _attempt(row)
    attempt.quiz = QuizPage.from_db(connection.alias, names, list(row[len(_ATTEMPT_FIELDS) :]))
    return attempt


def attempt_locked(*, attempt_id: int) -> Attempt:
    """The attempt's row, locked for the rest of the transaction where the database locks rows
    (SQLite's writes are serialised by its transaction instead): one query. Attempt.DoesNotExist
    when there is none, as get() raises."""
    for_update = f" {connection.ops.for_update_sql()}"
    sql = _ATTEMPT_BY_ID.format(
        attempt_columns=_ATTEMPT_COLUMNS,
        for_update=for_update if connection.features.has_select_for_update else "",
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [attempt_id])
        row = cursor.fetchone()
    if row is None:
        raise Attempt.DoesNotExist("Attempt matching query does not exist.")
    return _attempt(row)
