"""config/postgres: the health check's ping is skipped while the connection has just proved
itself, and a connection the server ended between two requests is still replaced before the
next request's first query, as Django's check does."""

import select
import time

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import ProgrammingError, connection, connections

from config.postgres import base as backend

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs DATABASE_URL=postgres://... (CI's PG run)"
    ),
]


def a_request() -> int:
    """What a request does to the connection: the handler's signals around one query."""
    request_started.send(sender=WSGIHandler, environ={})
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM django_content_type")
            return cursor.fetchone()[0]
    finally:
        request_finished.send(sender=WSGIHandler)


@pytest.fixture
def pings(monkeypatch):
    """The health check's pings from now on, counted (each still runs)."""
    made = []
    real = backend.DatabaseWrapper.is_usable

    def counted(self):
        made.append(self.alias)
        return real(self)

    monkeypatch.setattr(backend.DatabaseWrapper, "is_usable", counted)
    return made


def backend_pid() -> int:
    return connection.connection.info.backend_pid


def terminate_from_the_server(pid: int) -> None:
    """pg_terminate_backend from another connection, then wait (bounded) until the ended
    connection's socket shows it: the server ends the backend asynchronously."""
    fd = connection.connection.fileno()
    other = connection.copy()
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            assert cursor.fetchone()[0] is True
    finally:
        other.close()
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    assert poller.poll(30_000), "the server did not end the connection within 30 s"


def test_the_backend_is_the_sites_with_health_checks_on():
    assert isinstance(connections["default"], backend.DatabaseWrapper)
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    assert connection.settings_dict["CONN_MAX_AGE"] > 0


def test_back_to_back_requests_skip_the_ping(pings):
    a_request()  # the connection is opened, or pinged: it proves itself
    pid = backend_pid()
    pings.clear()

    for _ in range(5):
        a_request()

    assert pings == []
    assert backend_pid() == pid  # the same persistent connection throughout


def test_a_connection_idle_past_the_window_is_pinged(pings, monkeypatch):
    a_request()
    pings.clear()
    later = time.monotonic() + backend.RECENT_SECONDS + 1
    monkeypatch.setattr(backend.time, "monotonic", lambda: later)

    a_request()

    assert pings == ["default"]


def test_a_connection_the_server_ended_between_requests_is_replaced(pings):
    a_request()
    a_request()  # now vouched for: the next request would skip the ping
    pid = backend_pid()

    terminate_from_the_server(pid)
    pings.clear()
    assert a_request() > 0  # answered on a new connection, as with Django's own check

    assert pings == ["default"]  # the socket spoke, so the ping ran, failed, and reconnected
    assert backend_pid() != pid


def test_a_request_that_saw_a_database_error_is_still_checked_by_django(pings):
    a_request()
    a_request()
    pings.clear()
    request_started.send(sender=WSGIHandler, environ={})
    with pytest.raises(ProgrammingError), connection.cursor() as cursor:
        cursor.execute("SELECT * FROM no_such_table")
    request_finished.send(sender=WSGIHandler)

    assert pings == ["default"]  # Django's check after an error: the connection still works
    assert a_request() > 0
