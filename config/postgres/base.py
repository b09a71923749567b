"""Django's PostgreSQL backend, without the health check's round trip on every request when the
connection has just proved itself.

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

from django.db.backends.postgresql import base

RECENT_SECONDS = 1.0


def socket_quiet(fd: int) -> bool:
    """Whether nothing (no data, no close, no error) is waiting on the socket, without waiting."""
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLPRI)
    return not poller.poll(0)


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # time.monotonic() before which the next request may skip the ping
        self.vouched_until = 0.0

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
