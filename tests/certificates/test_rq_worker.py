"""The README's RQ worker renders a certificate end to end: the task is enqueued through the
real RQ backend and a real `manage.py rqworker` (as the README runs it, no extra flags) renders
the PDF and stores it.

Runs when REDIS_URL is set and the tests use PostgreSQL (CI's second run): the worker is another
process, so it must reach the test's database and Redis. A Redis database and a queue of the
test's own keep it clear of anything else using that Redis."""

import io
import os
import uuid
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit, urlunsplit

import pypdf
import pytest
from django.conf import settings

from certificates.models import Certificate
from tests.certificates.issue_helpers import (
    CE_DETAILS,
    approved_course,
    completed_enrollment,
    issue,
    provider_school,
)
from tests.subprocess_env import NEEDS_SHARED_DATABASE, SHARED_DATABASE, manage

REDIS_DB = 13  # not the 0 the site and the other tests use

pytestmark = [
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI)"),
    pytest.mark.skipif(not SHARED_DATABASE, reason=NEEDS_SHARED_DATABASE),
]


def _redis_url() -> str:
    parts = urlsplit(os.environ["REDIS_URL"])
    return urlunsplit(parts._replace(path=f"/{REDIS_DB}"))


def _manage(*args: str, queue: str):
    return manage(*args, REDIS_URL=_redis_url(), TEST_TASKS_BACKEND="rq", TEST_RQ_QUEUE=queue)


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
