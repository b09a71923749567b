"""config/postgres: prepared_cursor's statements are prepared once per connection and answer as
Django's cursor does (rows, query log, errors, transactions); the ORM's queries never are; and
cms.prepared_sql.cursor() is the usual cursor where the backend has no prepared_cursor."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import DataError, connection, transaction
from django.test.utils import CaptureQueriesContext

from cms import prepared_sql

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs DATABASE_URL=postgres://... (CI's PG run)"
)

# Every kind of parameter the hot paths pass: ints, text compared with a varchar column, a
# boolean, a timestamp, a NULL that COALESCE must type from the column, a decimal cast.
QUERY = """
SELECT u.id, u.email, u.is_active, u.date_joined,
       COALESCE(%(maybe)s, u.is_staff) AS staff, CAST(%(mark)s AS NUMERIC) AS mark
FROM accounts_user u
WHERE u.id = %(id)s AND u.email = %(email)s AND u.is_active = %(active)s
  AND u.date_joined <= %(now)s
"""


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def params_for(user, **changes) -> dict:
    return {
        "id": user.pk,
        "email": user.email,
        "active": True,
        "now": datetime.datetime.now(datetime.UTC),
        "maybe": None,
        "mark": Decimal("87.50"),
    } | changes


def rows(cursor_factory, params) -> list[tuple]:
    with cursor_factory() as cursor:
        cursor.execute(QUERY, params)
        return cursor.fetchall()


@pytest.fixture
def user(db):
    return get_user_model().objects.create_user(email="lief@example.com", password="x" * 12)


@postgres_only
def test_rows_are_those_of_django_s_cursor(user):
    for changes in ({}, {"maybe": True}, {"email": "nobody@example.com"}, {"id": 2**40}):
        params = params_for(user, **changes)
        assert rows(connection.prepared_cursor, params) == rows(connection.cursor, params)
    found = rows(connection.prepared_cursor, params_for(user))
    assert found == [(user.pk, user.email, True, user.date_joined, False, Decimal("87.50"))]


@postgres_only
def test_the_statement_is_prepared_once_and_orm_queries_never(user):
    for _ in range(7):
        rows(connection.prepared_cursor, params_for(user))
        get_user_model().objects.filter(pk=user.pk).exists()
    statements = prepared_statements()
    assert len([text for text in statements if "COALESCE" in text]) == 1
    assert not [text for text in statements if "EXISTS" in text or "LIMIT 1" in text]
    # Between two prepared executions psycopg is left as Django set it: not counting the ORM's
    # queries (with a threshold set it keeps up to 100 of their texts per connection).
    assert connection.connection.prepare_threshold is None


@postgres_only
def test_the_query_log_shows_the_statement_with_its_parameters(user):
    with CaptureQueriesContext(connection) as captured:
        rows(connection.prepared_cursor, params_for(user))
    (query,) = captured.captured_queries
    assert f"u.id = {user.pk}" in query["sql"]
    assert "u.email = 'lief@example.com'" in query["sql"]


@postgres_only
def test_an_error_is_django_s_and_the_connection_stays_usable(user):
    rows(connection.prepared_cursor, params_for(user))
    with pytest.raises(DataError), transaction.atomic(), prepared_sql.cursor() as cursor:
        cursor.execute("SELECT 1 / %s", [0])
    assert rows(connection.prepared_cursor, params_for(user))


@postgres_only
def test_inside_a_transaction_it_sees_the_transaction_s_writes_and_survives_its_rollback(user):
    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        get_user_model().objects.filter(pk=user.pk).update(email="moved@example.com")
        moved = params_for(user, email="moved@example.com")
        assert rows(connection.prepared_cursor, moved)  # prepared inside the transaction
        raise Undo
    assert not rows(connection.prepared_cursor, params_for(user, email="moved@example.com"))
    assert rows(connection.prepared_cursor, params_for(user))


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_off_it_is_django_s_cursor_and_nothing_is_prepared(settings):
    user = get_user_model().objects.create_user(email="off@example.com", password="x" * 12)
    settings.DB_PREPARED_STATEMENTS = False
    connection.close()
    try:
        assert rows(prepared_sql.cursor, params_for(user))
        assert not [text for text in prepared_statements() if "COALESCE" in text]
    finally:
        connection.close()  # the next test's connection prepares again


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite run's case")
def test_elsewhere_it_is_the_connection_s_usual_cursor(user):
    with prepared_sql.cursor() as cursor:
        cursor.execute("SELECT email FROM accounts_user WHERE id = %s", [user.pk])
        assert cursor.fetchall() == [(user.email,)]
        assert type(cursor) is type(connection.cursor())
