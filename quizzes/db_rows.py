"""Values of a hand-written query's row converted as the ORM converts the model fields they
were read from (SQLite has no date, decimal or JSON type; PostgreSQL's driver gives most as
they are), for the hot paths that read by a plain cursor (quizzes.attempt_rows,
services/slot_grades.py, quizzes.gate, quizzes/attempt_page/read.py).

Why a memo: the converters are the backend's and the field's, found in about 60 µs for a
dozen fields, more than the row costs to convert. They are bound to one connection's
operations object, so each is kept by it.
"""

from datetime import date, datetime
from weakref import WeakKeyDictionary

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

# operations object -> {fields: [(index, column, converters)]}
_converters: WeakKeyDictionary = WeakKeyDictionary()


def _for(fields: tuple) -> list[tuple]:
    ops = connection.ops
    known = _converters.setdefault(ops, {})
    found = known.get(fields)
    if found is None:
        found = []
        for index, field in enumerate(fields):
            column = field.get_col(field.model._meta.db_table)
            functions = ops.get_db_converters(column) + column.get_db_converters(connection)
            if functions:
                found.append((index, column, functions))
        known[fields] = found
    return found


def converted(row, fields: tuple) -> list:
    """`row`'s first len(fields) values, each converted as the ORM converts its field."""
    values = list(row[: len(fields)])
    for index, column, functions in _for(fields):
        for convert in functions:
            values[index] = convert(values[index], column, connection)
    return values


# A column or two converted by hand where finding the field's converters would cost more.


def as_date(value) -> date | None:
    """A date column as the ORM gives it (SQLite's is text)."""
    return parse_date(value) if isinstance(value, str) else value


def as_datetime(value) -> datetime | None:
    """A datetime column as the ORM gives it: aware, on SQLite too (its text is UTC)."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = parse_datetime(value)
    if settings.USE_TZ and timezone.is_naive(value):
        value = timezone.make_aware(value, connection.timezone)
    return value
