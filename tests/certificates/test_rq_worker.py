"""The README's RQ worker renders a certificate end to end: the task is enqueued through the
real RQ backend and a real `manage.py rqworker` (as the README runs it, no extra flags) renders
the PDF and stores it.

Runs when REDIS_URL is set and the tests use PostgreSQL (CI's second run): the worker is another
process, so it must reach the test's database and Redis. A Redis database and a queue of the
test's own keep it clear of anything else using that Redis."""

import io
import os
import subprocess
import sys
import uuid
from pathlib import Path
from unittest import mock
from urllib.parse import quote, urlsplit, urlunsplit

import pypdf
import pytest
from django.conf import settings
from django.db import connection

from certificates.models import Certificate
from tests.certificates.issue_helpers import (
    CE_DETAILS,
    approved_course,
    completed_enrollment,
    issue,
    provider_school,
)

ROOT = Path(__file__).resolve().parents[2]
REDIS_DB = 13  # not the 0 the site and the other tests use
WORKER_SECONDS = 300  # the longest a busy machine may take to start Django twice and render

pytestmark = [
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI)"),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the worker process needs a database it can share: DATABASE_URL=postgres://...",
    ),
]


def _redis_url() -> str:
    parts = urlsplit(os.environ["REDIS_URL"])
    return urlunsplit(parts._replace(path=f"/{REDIS_DB}"))


def _database_url() -> str:
    db = connection.settings_dict  # the test database, as this process uses it
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{quote(db['USER'])}{password}@{host}/{db['NAME']}"


def _manage(*args: str, queue: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": _redis_url(),
        "TEST_TASKS_BACKEND": "rq",
        "TEST_RQ_QUEUE": queue,
        "TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    env.pop("TEST_DB_NAME", None)  # the worker opens the test database itself, by name
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=WORKER_SECONDS,
        check=False,
    )


@pytest.mark.django_db(transaction=True)
def test_the_readme_rq_worker_renders_an_issued_certificates_pdf(catalog):
    course = approved_course(catalog, provider_school(signature=False))
    with mock.patch("certificates.services._enqueue_pdf"):  # the worker does it, not us
        certificate = issue(completed_enrollment(course))
    assert not certificate.pdf
    queue = f"test-{uuid.uuid4().hex[:12]}"

    enqueued = _manage(
        "shell",
        "-c",
        "from certificates.tasks import certificate_render_pdf as task; "
        f"print(task.using(queue_name={queue!r}).enqueue({certificate.pk}).id)",
        queue=queue,
    )
    assert enqueued.returncode == 0, enqueued.stderr
    worked = _manage("rqworker", queue, "--burst", queue=queue)

    assert worked.returncode == 0, worked.stderr
    assert "TypeError" not in worked.stderr + worked.stdout, worked.stderr
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.ISSUED
    assert certificate.pdf and certificate.pdf_rendered_at is not None, worked.stderr
    path = Path(settings.MEDIA_ROOT) / certificate.pdf.name
    assert path.is_file()
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert CE_DETAILS["legal_name"] in text
    assert certificate.number in text
