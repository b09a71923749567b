"""The environment for a `manage.py` subprocess of a test: the same test database (PostgreSQL:
an in-memory SQLite database cannot be shared), test settings, and the test's media folder."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
SUBPROCESS_SECONDS = 300  # the longest a busy machine may take to start Django and do the work
SHARED_DATABASE = connection.vendor == "postgresql"
NEEDS_SHARED_DATABASE = "needs a database another process can open: DATABASE_URL=postgres://..."


def database_url() -> str:
    db = connection.settings_dict  # the test database, as this process uses it
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{quote(db['USER'])}{password}@{host}/{db['NAME']}"


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    full_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
        "TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        **env,
    }
    full_env.pop("TEST_DB_NAME", None)  # the subprocess opens the test database itself, by name
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_SECONDS,
        check=False,
    )
