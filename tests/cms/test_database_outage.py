"""While the database does not answer, /healthz says so within a couple of seconds and pages
answer a friendly 503 with Retry-After, not a 500.

On SQLite the outage is a patched connection error; on PostgreSQL (CI's run with DATABASE_URL)
it is real: a proxy of the test's own that refuses or black-holes connections."""

import time
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client

from cms.errors import RETRY_AFTER_SECONDS
from config.settings.base import postgres_timeouts
from tests.cms.outage import DatabaseProxy, database_down

pytestmark = pytest.mark.django_db
FRIENDLY = "back in a moment"


def _outage(error):
    return mock.patch.object(connection, "cursor", side_effect=error("could not connect"))


def _assert_friendly_503(response):
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    html = response.content.decode()
    assert FRIENDLY in html.lower() and "try again" in html


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
@pytest.mark.parametrize("path", ["/", "/courses/", "/dashboard/", "/accounts/login/"])
def test_pages_answer_a_friendly_503_while_the_database_is_down(client, home, user, error, path):
    client.force_login(user)
    page = Client(raise_request_exception=False)
    page.cookies = client.cookies

    with _outage(error):
        response = page.get(path)

    _assert_friendly_503(response)


def test_any_other_error_is_still_a_500(client, home, monkeypatch):
    monkeypatch.setattr(connection, "cursor", mock.Mock(side_effect=ZeroDivisionError))
    response = Client(raise_request_exception=False).get("/dashboard/")
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_healthz_answers_before_any_middleware_reads_the_database(client, settings):
    settings.CONTENT_CACHE_SECONDS = 60  # the site middleware reads the Site on a cold cache
    site_down = mock.patch("cms.site_cache._site_for", side_effect=OperationalError("down"))
    with site_down, database_down():
        response = Client(raise_request_exception=False).get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error: OperationalError"


# --- PostgreSQL: a real outage through the proxy ---------------------------------------------

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs DATABASE_URL=postgres://... (CI's PG run)"
)


@pytest.fixture
def proxy():
    settings_dict = connection.settings_dict
    proxy = DatabaseProxy(
        (settings_dict["HOST"] or "127.0.0.1", int(settings_dict["PORT"] or 5432))
    )
    yield proxy
    proxy.close()


@pytest.fixture
def through(proxy):
    """The default alias's settings point at the proxy for new connections; the test's own
    open connection (and its transaction) is untouched."""
    saved = dict(connection.settings_dict)
    connection.settings_dict.update(HOST="127.0.0.1", PORT=str(proxy.port))
    yield proxy
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


def _outage_connection(proxy, **options):
    """A connection to the test database through the proxy with the site's timeouts."""
    from django.db.backends.postgresql.base import DatabaseWrapper

    settings_dict = {
        **connection.settings_dict,
        "HOST": "127.0.0.1",
        "PORT": str(proxy.port),
        "OPTIONS": {**postgres_timeouts(), **options},
    }
    return DatabaseWrapper(settings_dict, alias="outage")


@postgres_only
@pytest.mark.parametrize("mode", ["blackhole", "refuse"])
def test_healthz_is_503_within_seconds_when_postgres_does_not_answer(through, mode, settings):
    settings.HEALTHZ_DB_TIMEOUT = 2
    through.mode = mode
    started = time.monotonic()
    response = Client(raise_request_exception=False).get("/healthz")
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert response.json()["database"] in ("error: OperationalError", "error: ConnectionTimeout")
    assert elapsed < 2 + 3  # the probe's 2 s connect timeout, and room for a busy machine


@postgres_only
def test_healthz_is_ok_through_the_proxy_when_it_forwards(through):
    response = Client().get("/healthz")
    assert response.status_code == 200, response.json()


@postgres_only
@pytest.mark.parametrize("mode", ["blackhole", "refuse"])
def test_a_page_is_a_friendly_503_within_the_connect_timeout_in_a_partition(
    proxy, mode, home, monkeypatch
):
    proxy.mode = mode
    outage = _outage_connection(proxy, connect_timeout=2)
    monkeypatch.setattr(connection, "cursor", lambda *a, **k: outage.cursor())
    started = time.monotonic()
    response = Client(raise_request_exception=False).get("/dashboard/")
    elapsed = time.monotonic() - started
    _assert_friendly_503(response)
    assert elapsed < 2 * 3 + 5  # each query of the request waits at most the connect timeout


@postgres_only
def test_the_site_options_reach_postgres_and_bound_a_runaway_query(proxy):
    db = _outage_connection(proxy, options="-c statement_timeout=500")
    try:
        with db.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "500ms"
            client_side = db.connection.info.get_parameters()
            for name in ("connect_timeout", "keepalives_idle", "tcp_user_timeout"):
                assert client_side[name] == str(postgres_timeouts()[name])
            started = time.monotonic()
            with pytest.raises(OperationalError):
                cursor.execute("SELECT pg_sleep(10)")
            assert time.monotonic() - started < 5
    finally:
        db.close()
