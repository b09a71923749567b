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

from django.db import connection

from cms import prepared_sql
from quizzes.db_rows import converted
from quizzes.models import Attempt, QuizPage

_ATTEMPT_FIELDS = tuple(Attempt._meta.concrete_fields)
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
def _lean_quiz(quiz_fields: tuple[str, ...]) -> tuple[str, tuple, list[str]]:
    """The query for a lean quiz of `quiz_fields`, and the quiz's fields it reads with their
    names, in the order of QuizPage's fields (QuizPage.from_db takes them so)."""
    wanted = {"id", "page_ptr_id", *quiz_fields}
    fields = tuple(field for field in QuizPage._meta.concrete_fields if field.attname in wanted)
    columns = ", ".join(f'"{field.model._meta.db_table}"."{field.column}"' for field in fields)
    sql = _ATTEMPT_OF_STUDENT.format(attempt_columns=_ATTEMPT_COLUMNS, quiz_columns=columns)
    return sql, fields, [field.attname for field in fields]


def _attempt(row) -> Attempt:
    return Attempt.from_db(connection.alias, None, converted(row, _ATTEMPT_FIELDS))


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
    sql, fields, names = _lean_quiz(tuple(quiz_fields))
    with prepared_sql.cursor() as cursor:
        cursor.execute(sql, [attempt_id, student_id])
        row = cursor.fetchone()
    if row is None:
        return None
    attempt = _attempt(row)
    quiz_values = converted(row[len(_ATTEMPT_FIELDS) :], fields)
    attempt.quiz = QuizPage.from_db(connection.alias, names, quiz_values)
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
    with prepared_sql.cursor() as cursor:
        cursor.execute(sql, [attempt_id])
        row = cursor.fetchone()
    if row is None:
        raise Attempt.DoesNotExist("Attempt matching query does not exist.")
    return _attempt(row)
