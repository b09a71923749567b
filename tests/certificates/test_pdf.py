"""The PDF: every value a board checks, in words a board accepts, and a QR code that verifies."""

import base64
import io
import re

import pypdf
import pytest
import segno
from django.conf import settings

from certificates import services
from certificates.pdf import LocalOnlyFetcher, html_to_pdf
from certificates.rendering import builtin_design, render_certificate_html
from certificates.snapshot import date_label
from cms.qr import qr_data_uri
from tests.certificates.issue_helpers import (
    approved_course,
    completed_enrollment,
    issue,
    provider_school,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(catalog, django_capture_on_commit_callbacks):
    course = approved_course(catalog, provider_school())
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue(completed_enrollment(course))
    certificate.refresh_from_db()
    return certificate


def pdf_text(certificate) -> str:
    with certificate.pdf.open("rb") as handle:
        reader = pypdf.PdfReader(io.BytesIO(handle.read()))
    assert len(reader.pages) == 1  # one page: a certificate never spills onto a second sheet
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_pdf_shows_every_required_value(certificate):
    text = pdf_text(certificate)
    snapshot = certificate.snapshot
    required = [
        # The learner, as on their licence.
        "Maria Elena Okafor",
        "MA98765",
        "Florida Board of Massage Therapy",
        # The course as each body approved it: title, hours, type, approval number.
        "Trigger Points of the Neck and Shoulder",
        "Neck and Shoulder Trigger Point Therapy",
        "3 CE hours",
        "Home Study",
        "NCB-24-7788",
        "FL-20-991",
        # When, which certificate, what kind.
        date_label(snapshot["completed_on"]),
        certificate.number,
        "Certificate of Completion",
        # The provider: name, address, email, provider numbers.
        "Gulf Coast NMT Institute",
        "12 Harbour Road",
        "Tampa, FL 33602",
        "ce@gulfcoast.example",
        "AP-451200",
        "CE-50-1234",
        # The signature lines.
        "Dana Whitfield",
        "Education Director",
        "Ian Castellanos, LMT, NCTMB",
        "Instructor",
    ]
    missing = [value for value in required if value not in text]
    assert missing == [], text
    assert "ceu" not in text.casefold()


def test_the_pdf_embeds_both_signatures(certificate):
    with certificate.pdf.open("rb") as handle:
        page = pypdf.PdfReader(io.BytesIO(handle.read())).pages[0]
    assert len(page.images) >= 2  # the administrator's and the instructor's signatures


def test_an_achievement_certificate_says_so(catalog):
    from courses.models import ModulePage
    from quizzes.models import QuestionBank
    from tests.quizzes.conftest import make_question, make_quiz

    school = provider_school(signature=False)
    course = approved_course(catalog, school)
    module = ModulePage(title="Module", slug="module")
    course.add_child(instance=module)
    bank = QuestionBank.objects.create(school=school, name="Quiz")
    make_quiz(module, questions=[make_question(bank)])
    certificate = issue(completed_enrollment(course))
    services.certificate_store_pdf(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    assert "Certificate of Achievement" in pdf_text(certificate)


def _svg_matrix(svg: bytes) -> list[list[bool]]:
    """The dark modules of a segno SVG, read back from its path ("M x y", "h n", "m dx dy")."""
    size = int(re.search(rb'width="(\d+)"', svg).group(1)) // 4  # scale(4)
    path = re.search(rb'class="qrline"[^>]* d="([^"]+)"', svg).group(1).decode()
    dark = [[False] * size for _ in range(size)]
    x = y = 0.0
    for command, first, second in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        if command == "M":
            x, y = float(first), float(second)
        elif command == "m":
            x, y = x + float(first), y + float(second)
        else:
            for column in range(int(x), int(x + float(first))):
                dark[int(y)][column] = True
            x += float(first)
    return dark


def test_the_qr_code_encodes_the_public_verification_url(certificate, client):
    url = settings.SITE_URL + f"/certificates/verify/{certificate.verify_code}/"
    snapshot = certificate.snapshot
    assert snapshot["verify_url"] == url
    assert snapshot["qr_code"] == qr_data_uri(url)
    assert snapshot["qr_code"] in certificate.rendered_html

    # No QR decoder offline: read the modules back out of the embedded SVG and compare them
    # with a fresh encoding of the exact URL.
    svg = base64.b64decode(snapshot["qr_code"].split(",", 1)[1])
    printed = _svg_matrix(svg)
    border = 2
    printed = [row[border:-border] for row in printed[border:-border]]
    encodings = [
        [[bool(cell) for cell in row] for row in segno.make(url, error=level, micro=False).matrix]
        for level in "lmqh"
    ]
    assert printed in encodings
    other = [[bool(c) for c in row] for row in segno.make(url + "x", micro=False).matrix]
    assert printed != other
    # And the URL answers.
    assert client.get(url.removeprefix(settings.SITE_URL)).status_code == 200


def _qr_before_the_merge(url: str) -> str:
    """certificates/qrcode.py's qr_data_uri as it stood before cms/qr.py took its place,
    copied here so that a change to the shared helper cannot move the printed code."""
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        buffer, kind="svg", scale=4, border=2, xmldecl=False, dark="#000", light="#fff"
    )
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def test_the_printed_qr_code_is_the_one_certificates_printed_before(certificate):
    url = settings.SITE_URL + f"/certificates/verify/{certificate.verify_code}/"
    assert certificate.snapshot["qr_code"] == _qr_before_the_merge(url)
    assert f'src="{_qr_before_the_merge(url)}"' in certificate.rendered_html


def test_a_design_cannot_read_server_files_into_the_pdf(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    fetcher = LocalOnlyFetcher()
    with pytest.raises(ValueError):
        fetcher.fetch(secret.as_uri())
    with pytest.raises(ValueError):
        fetcher.fetch("https://example.com/logo.png")
    html = (
        f'<p>Hello</p><a rel="attachment" href="{secret.as_uri()}">a</a>'
        f'<img src="{secret.as_uri()}"><link rel="stylesheet" href="{secret.as_uri()}">'
    )
    pdf = html_to_pdf(html)
    assert b"TOP-SECRET-VALUE" not in pdf
    assert pdf.startswith(b"%PDF")


def test_the_built_in_design_renders_a_minimal_snapshot(catalog):
    from tests.certificates.factories import CertificateFactory, example_snapshot
    from tests.factories import EnrollmentFactory

    course = approved_course(catalog, provider_school(signature=False))
    certificate = CertificateFactory(enrollment=EnrollmentFactory(course=course))
    html = render_certificate_html(design=builtin_design(), snapshot=example_snapshot(certificate))
    text = pypdf.PdfReader(io.BytesIO(html_to_pdf(html))).pages[0].extract_text()
    assert certificate.number in text and "3 CE hours" in text
