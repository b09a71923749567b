"""A school's copies from the record: a certificate's PDF and a learner's transcript, rebuilt
from what was frozen at issue. The school's admins and instructors, and staff; 404 for others."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.cache import never_cache

from records import copies as record_copies
from records.school_views import _school


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@login_required
def certificate_copy(request, school_slug: str, certificate_id: int):
    school, _ = _school(request, school_slug, export=True)
    certificate = record_copies.school_record_certificate(
        school=school, certificate_id=certificate_id
    )
    try:
        content = record_copies.certificate_copy_pdf(certificate=certificate, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("transcripts:register", school_slug=school.slug)
    return _pdf_response(content, f"{certificate.number}-copy.pdf")


@never_cache
@login_required
def learner_transcript(request, school_slug: str, student_id: int):
    school, _ = _school(request, school_slug, export=True)
    certificates = record_copies.school_learner_certificates(school=school, student_id=student_id)
    content = record_copies.transcript_copy_pdf(
        transcript=record_copies.school_learner_transcript(certificates=certificates),
        school=school,
        site_root=request.build_absolute_uri("/").rstrip("/"),
    )
    return _pdf_response(
        content, f"{school.slug}-transcript-{student_id}-{timezone.localdate():%Y-%m-%d}.pdf"
    )
