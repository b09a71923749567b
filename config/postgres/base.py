"""Django's PostgreSQL backend, without the health check's round trip on every request when the
connection has just proved itself, and with a cursor for the hand-written queries the learner's
hot paths run on every request, which PostgreSQL plans once per connection (prepared_cursor).

Why: with CONN_HEALTH_CHECKS Django sends `SELECT 1` before the first query of every request, a
round trip that cost a learner's lesson page about as much as its own query (issue 19). The
ping is skipped when both hold:
- the request before, which ended under RECENT_SECONDS ago, used this connection without an
  error (Django's own check after an error still runs: errors_occurred), and
- the socket has nothing to read. An idle connection receives nothing unless the server ends it
  (pg_terminate_backend, a restart, idle_session_timeout: an error message, then the close), so
  a quiet socket is one the server has not dropped, and a noisy one gets Django's ping.
Otherwise (an idle worker, a connection that saw an error, a server that spoke) Django pings as
before and reconnects when the ping fails. What the skip gives up: a network path that broke
silently (no close reached us) within the last second is found by the request's first query,
after the keepalive and TCP timeouts (config/settings/base.py, postgres_timeouts), rather than
by the ping after the same wait.
"""

import select
import time

from django.conf import settings
from django.db.backends.postgresql import base

RECENT_SECONDS = 1.0

# psycopg prepares a statement after this many executions of it. Django turns that off (None)
# so that transaction-mode poolers keep working, and so it stays but for the moment a
# PreparingCursor executes: with any threshold set, psycopg also counts every other query the
# connection runs, keeping up to 100 texts of ORM queries (their values inlined) per connection.
ONLY_WHEN_ASKED = 2**31 - 1


class PreparingCursor(base.ServerBindingCursor):
    """Parameters bound by the server, and the statement prepared on its first execution.

    Why: the learner's hot queries are a few hundred characters of joins that PostgreSQL took
    0.6-1 ms to plan on every request, against 0.05-0.1 ms to run (logged durations, issue 19).
    On a machine whose cores the workers share with the database, that planning was also what
    the workers waited on. psycopg keeps the prepared statements per connection (at most
    prepared_max) and forgets them on the connection's rollback; PostgreSQL re-plans one itself
    when a table it reads is altered, and a statement that fails is prepared again next time.
    """

    def execute(self, query, params=None, *, prepare=None, binary=None):
        connection = self.connection
        threshold = connection.prepare_threshold
        if threshold is None:
            connection.prepare_threshold = ONLY_WHEN_ASKED
        try:
            return super().execute(query, params, prepare=True, binary=binary)
        finally:
            connection.prepare_threshold = threshold


def socket_quiet(fd: int) -> bool:
    """Whether nothing (no data, no close, no error) is waiting on the socket, without waiting."""
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLPRI)
    return not poller.poll(0)


class DatabaseOperations(base.DatabaseOperations):
    def last_executed_query(self, cursor, sql, params):
        # Django reads the client-bound query's text back from the cursor; a prepared statement
        # has none, so the query log gets the statement with its parameters filled in, as Django
        # logs it when every cursor binds on the server.
        if isinstance(cursor, PreparingCursor):
            try:
                return self.compose_sql(sql, params)
            except base.Database.DataError:
                return None
        return super().last_executed_query(cursor, sql, params)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # time.monotonic() before which the next request may skip the ping
        self.vouched_until = 0.0

    @property
    def prepares_statements(self) -> bool:
        # Off (DB_PREPARED_STATEMENTS=0) behind a pooler that cannot keep them, such as
        # PgBouncer in transaction mode before 1.21.
        return getattr(settings, "DB_PREPARED_STATEMENTS", True)

    def prepared_cursor(self):
        """A cursor as cursor() gives (query logging, execute wrappers, Django's errors, the
        health check, the transaction), whose statements are prepared: for a hand-written query
        with a fixed text, run on every request of a hot path."""
        if not self.prepares_statements:
            return self.cursor()
        self.close_if_health_check_failed()
        self.ensure_connection()
        with self.wrap_database_errors:
            return self._prepare_cursor(PreparingCursor(self.connection))

    def close_if_unusable_or_obsolete(self):
        # Run at the start and end of every request. Django sets health_check_done once the
        # connection is opened, pinged or (here) vouched for, that is once the request used it.
        errors = self.errors_occurred
        used_cleanly = self.health_check_done and not errors
        super().close_if_unusable_or_obsolete()
        if self.connection is None or errors:
            self.vouched_until = 0.0
        elif used_cleanly:
            self.vouched_until = time.monotonic() + RECENT_SECONDS

    def close_if_health_check_failed(self):
        if (
            self.connection is not None
            and self.health_check_enabled
            and not self.health_check_done
            and time.monotonic() < self.vouched_until
            and not self.connection.closed
            and socket_quiet(self.connection.fileno())
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()
