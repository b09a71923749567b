"""Values of a hand-written query's row converted as the ORM converts the model fields they
were read from (SQLite has no date, decimal or JSON type; PostgreSQL's driver gives most as
they are), for the hot paths that read by a plain cursor (quizzes.attempt_rows,
services/slot_grades.py).

Why a memo: the converters are the backend's and the field's, found in about 60 µs for a
dozen fields, more than the row costs to convert. They are bound to one connection's
operations object, so each is kept by it.
"""

from weakref import WeakKeyDictionary

from django.db import connection

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
