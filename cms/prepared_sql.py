"""The cursor for a hand-written query that a learner's hot path runs on every request.

On PostgreSQL (config/postgres) its statement is prepared once per connection, so the server
does not plan the same joins again on every request; elsewhere it is the connection's usual
cursor. Only for queries whose text is fixed, or takes one of a few shapes: each distinct text
is a prepared statement of its own on every connection.
"""

from django.db import connection


def cursor():
    prepared = getattr(connection, "prepared_cursor", None)
    return prepared() if prepared is not None else connection.cursor()
