"""Certificate designs' verbs: save a design only once it renders, and issue in the built-in
design (telling the school) when a saved design fails anyway.

Every path that writes a design goes through certificate_design_save, which renders it with
a sample certificate: a design that parses but fails when rendered is refused on save, not
discovered by a learner. A design saved before these checks, or one that a real certificate
breaks where the sample did not, never blocks issuing: certificate_render falls back.
"""

import copy
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from certificates.designs.sandbox import MAX_SOURCE_BYTES, DesignError, compile_design
from certificates.models import Certificate, CertificateTemplate
from certificates.rendering import (
    Design,
    builtin_design,
    design_from_template,
    render_certificate_html,
)
from certificates.snapshot import sample_snapshot
from schools import rules

logger = logging.getLogger(__name__)

DESIGN_ERROR = "The design has a template error: %(error)s"
DESIGN_CSS_ERROR = "The CSS may not contain “</”."
CSS_TOO_BIG = "The CSS is %(size)s bytes; it may be at most %(limit)s bytes."
PDF_FAILED = "The design rendered, but its PDF could not be made: %(error)s"
FAILURE_SUBJECT = "A certificate was issued in the built-in design instead of “%(name)s”"
FAILURE_MAX_LENGTH = 2_000

# A real certificate can carry more approvals and instructors than the one-of-each sample:
# validate with a crowded one, so loops that only blow up on real data are caught on save.
SAMPLE_APPROVALS = 8
SAMPLE_INSTRUCTORS = 4


def _crowded_sample(school) -> dict:
    sample = sample_snapshot(school=school)
    approval, instructor = sample["approvals"][0], sample["instructors"][0]
    sample["approvals"] = [
        {**copy.deepcopy(approval), "body": f"BODY{n}", "approval_number": f"SAMPLE-{n:04d}"}
        for n in range(1, SAMPLE_APPROVALS + 1)
    ]
    sample["instructors"] = [
        {**instructor, "name": f"Sample Instructor {n}"} for n in range(1, SAMPLE_INSTRUCTORS + 1)
    ]
    provider = sample["provider"]
    provider["approvals"] = (provider.get("approvals") or [])[:1] * SAMPLE_APPROVALS
    return sample


def certificate_design_check(*, html: str, css: str, page_size: str, school) -> None:
    """Refuse a design that is not allowed, too big, or fails to render a sample certificate.

    Raises a ValidationError keyed by field (html or css), for the admin form to show.
    """
    css = css or ""
    if "</" in css:
        raise ValidationError({"css": ValidationError(DESIGN_CSS_ERROR)})
    css_size = len(css.encode("utf-8"))
    if css_size > MAX_SOURCE_BYTES:
        raise ValidationError(
            {"css": CSS_TOO_BIG % {"size": f"{css_size:,}", "limit": f"{MAX_SOURCE_BYTES:,}"}}
        )
    try:
        compile_design(html or "")  # before building a sample: most refusals need none
    except DesignError as exc:
        raise ValidationError({"html": DESIGN_ERROR % {"error": exc}}) from exc
    from certificates.pdf import html_to_pdf

    design = Design(name="Checked design", html=html or "", css=css, page_size=page_size)
    for sample in (_crowded_sample(school), sample_snapshot(school=school)):
        try:
            sample_html = render_certificate_html(design=design, snapshot=sample)
        except DesignError as exc:
            raise ValidationError({"html": DESIGN_ERROR % {"error": exc}}) from exc
    try:
        html_to_pdf(sample_html)  # the CSS too: a layout WeasyPrint refuses, or pages too many
    except Exception as exc:  # WeasyPrint may fail on a school's HTML or CSS in any way
        raise ValidationError(PDF_FAILED % {"error": exc}) from exc


@transaction.atomic
def certificate_design_save(*, design: CertificateTemplate) -> CertificateTemplate:
    """Save a design once it renders a sample; saving clears any failure recorded on it."""
    certificate_design_check(
        html=design.html, css=design.css, page_size=design.page_size, school=design.school
    )
    design.failed_at = None
    design.failure = ""
    design.failed_certificates = 0
    design.full_clean()
    design.save()
    return design


STARTER_NAME = "{school} certificate"


@transaction.atomic
def certificate_design_starter_create(*, school) -> CertificateTemplate:
    """The school's own copy of the built-in design, ready to edit; the school's default
    design unless it has one. A second call returns the copy already made."""
    name = STARTER_NAME.format(school=school.name)[:200]
    existing = CertificateTemplate.objects.filter(school=school, name=name).first()
    if existing is not None:
        return existing
    starter = builtin_design()
    has_default = CertificateTemplate.objects.filter(school=school, is_default=True).exists()
    design = CertificateTemplate(
        school=school,
        name=name,
        html=starter.html,
        css=starter.css,
        page_size=starter.page_size,
        is_default=not has_default,
    )
    return certificate_design_save(design=design)


# --- Issuing when a design fails ------------------------------------------------------------


def _school_admin_emails(template: CertificateTemplate) -> list[str]:
    # Whoever may edit the design hears that it failed: staff for a platform design.
    if template.school_id is None:
        users = rules.platform_staff_users()
    else:
        users = get_user_model().objects.filter(
            is_active=True,
            school_memberships__school_id=template.school_id,
            school_memberships__role__in=rules.ADMIN_ROLES,
        )
    return sorted({email for email in users.values_list("email", flat=True) if email})


def _tell_school(template: CertificateTemplate, failure: str) -> None:
    recipients = _school_admin_emails(template)
    if not recipients:
        return
    url = settings.SITE_URL + reverse("wagtailsnippets_certificates_certificatetemplate:edit",
                                      args=[template.pk])  # fmt: skip
    send_mail(
        subject=FAILURE_SUBJECT % {"name": template.name},
        message=(
            f"A learner's certificate could not be rendered in your design “{template.name}”, "
            "so it was issued in the platform's built-in design. The certificate is valid; "
            "nothing is needed for it.\n\n"
            f"What went wrong: {failure}\n\n"
            f"Fix and save the design here: {url}\n"
            "Until then, new certificates keep using the built-in design when yours fails."
        ),
        from_email=None,
        recipient_list=recipients,
    )


def design_failure_record(*, template: CertificateTemplate, error: Exception) -> None:
    """Remember on the design that it failed and why, for the school to see in its admin.

    The first failure since the design was last saved also e-mails the school's admins;
    later ones only count, so a busy course does not send a mail per learner.
    """
    failure = str(error)[:FAILURE_MAX_LENGTH]
    first = (
        CertificateTemplate.objects.filter(pk=template.pk, failed_at__isnull=True).update(
            failed_at=timezone.now(), failure=failure, failed_certificates=1
        )
        == 1
    )
    if not first:
        CertificateTemplate.objects.filter(pk=template.pk).update(
            failed_at=timezone.now(),
            failure=failure,
            failed_certificates=F("failed_certificates") + 1,
        )
    logger.warning("Certificate design %s failed, built-in design used: %s", template.pk, failure)
    if first:
        transaction.on_commit(lambda: _tell_school(template, failure))


def _fall_back(certificate: Certificate, error: Exception) -> str:
    design_failure_record(template=certificate.template, error=error)
    certificate.template = None
    return render_certificate_html(design=builtin_design(), snapshot=certificate.snapshot)


def certificate_html(*, certificate: Certificate) -> str:
    """The certificate's HTML in its design, or in the built-in design if that fails.

    On a fall back `certificate.template` becomes None (not saved here), so the record says
    which design the certificate really carries.
    """
    if certificate.rendered_html:
        return certificate.rendered_html
    if certificate.template is None:
        return render_certificate_html(design=builtin_design(), snapshot=certificate.snapshot)
    try:
        return render_certificate_html(
            design=design_from_template(certificate.template), snapshot=certificate.snapshot
        )
    except DesignError as exc:
        return _fall_back(certificate, exc)


def certificate_render(*, certificate: Certificate) -> tuple[str, bytes]:
    """The certificate's HTML and PDF (run by the task worker), falling back to the built-in
    design when the school's design fails to render or WeasyPrint fails on it."""
    from certificates.pdf import html_to_pdf

    html = certificate_html(certificate=certificate)
    try:
        return html, html_to_pdf(html)
    except Exception as exc:  # WeasyPrint may fail on a school's HTML or CSS in any way
        if certificate.template is None:
            raise
        html = _fall_back(certificate, DesignError(PDF_FAILED % {"error": exc}))
        return html, html_to_pdf(html)
