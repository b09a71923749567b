"""Copies from the record: a school reissues a certificate or a learner's transcript years later.

Both are built from what was frozen at issue (the certificate's rendered HTML and snapshot),
never from today's course, school or profile, so a copy says exactly what the original said,
even for a learner who has since deleted their account.
"""

from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone

from certificates.designs.services import certificate_html
from certificates.models import Certificate, CertificateEvent
from records.external_credit.selectors import external_credits_for_record
from records.external_credit.transcript import external_entry
from records.selectors import (
    Transcript,
    accrediting_bodies,
    learner_transcript,
)
from schools.models import School

COPY_NOT_ISSUED = "Only an issued certificate can be reissued; reinstate a revoked one first."
RECORD_STATUSES = (Certificate.Status.ISSUED, Certificate.Status.REVOKED)


def certificate_record_html(certificate: Certificate) -> str:
    """The certificate as issued: its frozen HTML, or its snapshot in its design if the HTML
    was never kept (the built-in design if that one fails)."""
    return certificate_html(certificate=certificate)


@transaction.atomic
def certificate_copy_pdf(*, certificate: Certificate, actor) -> bytes:
    """A PDF of the issued certificate from the record, and an event saying who took it."""
    from certificates.pdf import html_to_pdf

    if certificate.status != Certificate.Status.ISSUED:
        raise ValidationError(COPY_NOT_ISSUED)
    content = html_to_pdf(certificate_record_html(certificate))
    CertificateEvent.objects.create(
        certificate=certificate,
        action=CertificateEvent.Action.COPY_ISSUED,
        actor=actor,
        data={"bytes": len(content), "from": "rendered_html" if certificate.rendered_html else ""},
    )
    return content


def school_record_certificate(*, school: School, certificate_id: int) -> Certificate:
    return get_object_or_404(
        Certificate.objects.select_related("template"),
        pk=certificate_id,
        school=school,
        status__in=RECORD_STATUSES,
    )


def school_learner_certificates(*, school: School, student_id: int) -> list[Certificate]:
    """The learner's issued and revoked certificates from `school`, newest first (404 if none)."""
    certificates = list(
        Certificate.objects.filter(
            school=school, student_id=student_id, status__in=RECORD_STATUSES
        ).order_by("-completed_at", "-pk")
    )
    if not certificates:
        raise Http404("No certificates of this learner at this school.")
    return certificates


def learner_as_certified(certificates: list[Certificate]) -> SimpleNamespace:
    """The learner as the newest certificate printed them (name, licence, board)."""
    learner = (certificates[0].snapshot or {}).get("learner") or {}
    return SimpleNamespace(
        legal_name=learner.get("name", ""),
        display_name="",
        email="",
        licence_number=learner.get("licence_number", ""),
        licensing_board=learner.get("licensing_board", ""),
    )


def school_learner_transcript(*, certificates: list[Certificate]) -> Transcript:
    """The transcript from the school's certificates, with the learner's credit from elsewhere
    as their own transcript counts it (accepted in the totals, self-reported beside them)."""
    credits = external_credits_for_record(learner_id=certificates[0].student_id)
    return learner_transcript(
        user=learner_as_certified(certificates),
        certificates=certificates,
        bodies=accrediting_bodies(),
        today=timezone.localdate(),
        external=tuple(external_entry(credit) for credit in credits),
    )


def transcript_copy_pdf(*, transcript: Transcript, school: School, site_root: str) -> bytes:
    # Imported here: WeasyPrint is 50 MB of every web worker's memory, and PDFs are rare.
    from certificates.pdf import report_to_pdf

    html = render_to_string(
        "records/transcript/transcript_pdf.html",
        {
            "transcript": transcript,
            "site_root": site_root,
            "generated_on": timezone.localdate(),
            "reissued_by": school,
        },
    )
    return report_to_pdf(html=html)
