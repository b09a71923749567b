"""Emptying the database after a transactional test (live_server, browser tests), cheaply.

Django's TransactionTestCase runs `flush`: a TRUNCATE of every table on PostgreSQL (seconds on a
busy machine: every table gets new files) or a DELETE of every table on SQLite, then post_migrate,
which makes the content types and permissions again that the flush has just removed. Here only
the tables that hold rows are emptied, with DELETE in one transaction (the foreign keys Django
makes are deferred to the commit, so the order does not matter), and content types and
permissions are kept as migrate made them: the database ends as flush + post_migrate leave it,
with the same content type ids as before. Should a test remove some of them, post_migrate makes
them again, as after a flush.
"""

from django.core.management.sql import emit_post_migrate_signal
from django.db import IntegrityError, connections, transaction
from django.test import TransactionTestCase

# What post_migrate would make again after a flush; nothing a test makes lives here.
KEPT_TABLES = frozenset({"django_content_type", "auth_permission"})


def tables_with_rows(using: str) -> list[str]:
    connection = connections[using]
    tables = sorted(
        set(connection.introspection.django_table_names(only_existing=True, include_views=False))
        - KEPT_TABLES
    )
    quote = connection.ops.quote_name
    # One round trip for all of them; a table is named by its index in `tables`.
    probes = " UNION ALL ".join(
        f"SELECT {index} WHERE EXISTS (SELECT 1 FROM {quote(table)})"  # noqa: S608 - quoted names
        for index, table in enumerate(tables)
    )
    with connection.cursor() as cursor:
        cursor.execute(probes)
        return [tables[row[0]] for row in cursor.fetchall()]


# Per database: how many content types and permissions migrate left (seen at the first teardown).
kept_counts: dict[str, tuple[int, ...]] = {}


def count_kept(using: str) -> tuple[int, ...]:
    quote = connections[using].ops.quote_name
    counts = ", ".join(
        f"(SELECT COUNT(*) FROM {quote(table)})"  # noqa: S608 - quoted table names
        for table in sorted(KEPT_TABLES)
    )
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        return tuple(cursor.fetchone())


def delete_rows(using: str) -> None:
    connection = connections[using]
    quote = connection.ops.quote_name
    with transaction.atomic(using=using), connection.cursor() as cursor:
        for table in tables_with_rows(using):
            cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608 - a table name, quoted


def empty_database(using: str) -> None:
    # The browser may still be talking to the live server while the test ends (a heartbeat, a
    # beacon): a row it writes between the probe and the commit, in a table the probe found
    # empty, can point at a row deleted here, and the deferred foreign keys refuse the commit.
    # Everything is rolled back then; probing again finds that row too.
    for attempt in range(3):
        try:
            delete_rows(using)
            break
        except IntegrityError:
            if attempt == 2:
                raise
    now = count_kept(using)
    kept = kept_counts.setdefault(using, now)
    if any(count < first for count, first in zip(now, kept, strict=True)):
        # A test removed content types or permissions: make them again, as flush would.
        emit_post_migrate_signal(verbosity=0, interactive=False, db=using)


original_fixture_teardown = TransactionTestCase._fixture_teardown


def fixture_teardown(self: TransactionTestCase) -> None:
    if self.available_apps is not None or self.serialized_rollback or self.reset_sequences:
        # Their flush is a different one (subset of apps, serialized data, sequences).
        original_fixture_teardown(self)
        return
    for using in self._databases_names(include_mirrors=False):
        empty_database(using)


def install() -> None:
    TransactionTestCase._fixture_teardown = fixture_teardown


def uninstall() -> None:
    TransactionTestCase._fixture_teardown = original_fixture_teardown
