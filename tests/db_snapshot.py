"""Rows copied out of the test database and written back into it, table by table.

Used for data that takes seconds to build and is the same every time (the demo curriculum,
built page by page through Wagtail): a transactional test builds it once, in an empty database,
and the next ones get those rows back in a fraction of the time. Content types and permissions
are never emptied (tests/fast_flush.py), so the ids the rows refer to are still there. Ids need
no care: the rows got theirs from sequences that only move on.
"""

from django.db import connections, transaction

from tests.fast_flush import tables_with_rows

SUPPORTED_VENDORS = ("postgresql", "sqlite")
Snapshot = dict[str, bytes | list[tuple]]


def database_is_empty(using: str) -> bool:
    return not tables_with_rows(using)


def snapshot_take(using: str) -> Snapshot:
    connection = connections[using]
    quote = connection.ops.quote_name
    snapshot: Snapshot = {}
    with connection.cursor() as cursor:
        for table in tables_with_rows(using):
            if connection.vendor == "postgresql":
                # COPY's text format gives every type back exactly as it went out (json, arrays).
                with cursor.cursor.copy(f"COPY {quote(table)} TO STDOUT") as copy:
                    snapshot[table] = b"".join(bytes(block) for block in copy)
            else:
                cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 - a quoted name
                snapshot[table] = cursor.fetchall()
    return snapshot


def snapshot_restore(using: str, snapshot: Snapshot) -> None:
    """Write the rows back in one transaction: foreign keys are checked at its commit."""
    connection = connections[using]
    quote = connection.ops.quote_name
    with transaction.atomic(using=using), connection.cursor() as cursor:
        for table, rows in snapshot.items():
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {quote(table)} FROM STDIN") as copy:
                    copy.write(rows)
            else:
                marks = ", ".join(["%s"] * len(rows[0]))
                cursor.executemany(f"INSERT INTO {quote(table)} VALUES ({marks})", rows)  # noqa: S608
