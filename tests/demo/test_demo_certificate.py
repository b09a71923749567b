"""load_demo leaves the demo learner with an issued, verifiable NMT certificate."""

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from certificates.credentials import credential_verify
from certificates.models import Certificate, CourseEvaluation
from demo.courses.loader import DEMO_USERS

pytestmark = pytest.mark.django_db


def test_demo_learner_has_an_issued_certificate_with_pdf_and_credential(
    client, capsys, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):  # the PDF task runs on commit
        call_command("load_demo")
    certificate = Certificate.objects.get(student__email=DEMO_USERS["student"]["email"])
    assert certificate.status == Certificate.Status.ISSUED
    assert CourseEvaluation.objects.filter(enrollment=certificate.enrollment).exists()
    text = "".join(page.extract_text() for page in PdfReader(certificate.pdf.open("rb")).pages)
    assert "Samantha Q. Student" in text and certificate.number in text
    compact = "".join(text.split())  # a narrow table cell may wrap a number across lines
    assert "DEMO-NCB-2026-0117" in compact and "FL-BMT" in compact
    # One course, two bodies, each body's own approved hours on the certificate.
    hours = {a["body"]: a["ce_hours"] for a in certificate.snapshot["approvals"]}
    assert hours == {"NCBTMB": "0.75", "FL-BMT": "1.00"}
    assert "0.75CEhours" in compact and "1CEhour" in compact
    assert credential_verify(certificate.credential).ok

    output = capsys.readouterr().out
    verify_path = f"/certificates/verify/{certificate.verify_code}/"
    assert f"Demo certificate (verify page): {settings.SITE_URL}{verify_path}" in output
    page = client.get(verify_path)
    assert page.status_code == 200 and b"Valid" in page.content


def test_loading_again_issues_nothing_new(capsys):
    call_command("load_demo")
    before = list(Certificate.objects.values_list("pk", "number", "pdf", "status"))
    call_command("load_demo")
    assert list(Certificate.objects.values_list("pk", "number", "pdf", "status")) == before
    assert "Demo certificate (verify page)" in capsys.readouterr().out
