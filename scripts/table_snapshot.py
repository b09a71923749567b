"""Every table's row count and a digest of its rows, as JSON: taken before and after a migration
to show that it lost or changed nothing (scripts/check_migration.sh).

Run from the project root with the settings and DATABASE_URL of the database to read.
"""

import hashlib
import json
import os
import sys
from pathlib import Path

from django.db import connection


def table_snapshot(skip: dict[str, set[str] | None] | None = None) -> dict[str, dict]:
    """`skip`: {table: None} leaves a table out, {table: {column, ...}} some of its columns
    (what migrations newer than the one under test added)."""
    skip = skip or {}
    tables = {}
    with connection.cursor() as cursor:
        for name in sorted(connection.introspection.table_names(cursor)):
            if name in skip and skip[name] is None:
                continue
            # By name: SQLite rebuilds a table on AlterField, which may reorder its columns.
            columns = sorted(
                c.name
                for c in connection.introspection.get_table_description(cursor, name)
                if c.name not in (skip.get(name) or ())
            )
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            # Table and column names come from the schema itself, quoted.
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(name)}")  # noqa: S608
            rows = sorted(repr(row) for row in cursor.fetchall())
            digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
            tables[name] = {"rows": len(rows), "sha256": digest, "columns": columns}
    return tables


if __name__ == "__main__":
    # As a script it sets Django up itself; imported (tests/test_layout_migration.py) it reads
    # the database the caller's settings already point at.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    json.dump(table_snapshot(), sys.stdout, indent=1, sort_keys=True)
