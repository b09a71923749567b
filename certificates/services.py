"""Certificates' verbs: create on completion, issue once confirmed, render, revoke, reinstate,
reissue, and the course evaluation that comes before them.

Each is idempotent where its trigger can arrive twice (a signal re-sent, a form posted twice,
a task retried), and each change leaves a CertificateEvent that keeps what was there before.
"""

import logging
import re
import secrets
from datetime import timedelta
from decimal import Decimal

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models.functions import Length
from django.utils import timezone

from accounts.models import User
from certificates import board_rules, selectors
from certificates.designs.services import certificate_render
from certificates.evaluation import COMMENTS_MAX_LENGTH, QUESTION_KEYS, RATING_VALUES
from certificates.models import Certificate, CertificateEvent, CourseEvaluation, WithheldCredit
from certificates.signals import (
    certificate_boards_added,
    certificate_issued,
    certificate_pending,
)
from certificates.snapshot import build_snapshot, certificate_kind
from courses.models import CourseApproval, CoursePage, Enrollment
from schools import rules

logger = logging.getLogger(__name__)

ENROLLMENT_INACTIVE = "This enrolment is not active, so no certificate can be issued for it."
ALREADY_REVOKED = "This certificate was revoked; staff can reinstate it."
CE_DETAILS_MISSING = (
    "Your legal name, licence number and licensing board are needed before the certificate "
    "can be issued."
)
EVALUATION_REQUIRED = "Please fill in the course evaluation first."
EVALUATION_INCOMPLETE = "Answer every question of the evaluation with a rating from 1 to 5."
NOT_YOUR_CERTIFICATE = "Only the learner (or staff) can confirm a certificate's details."
REASON_REQUIRED = "Give a reason: it is kept in the certificate's history."
NOT_REVOKED = "Only a revoked certificate can be reinstated."
NOT_ISSUED = "Only an issued certificate can be reissued."

NOT_CLAIMED = "Not one of the learner's boards, or not in force on the completion day."
CREDIT_FOLLOWS = "The learner met {bodies}'s own rules after the certificate was issued."

NUMBER_ATTEMPTS = 25
CE_DETAIL_FIELDS = ("legal_name", "licence_number", "licensing_board")


def _event(certificate, action, *, actor=None, reason="", data=None) -> CertificateEvent:
    return CertificateEvent.objects.create(
        certificate=certificate, action=action, actor=actor, reason=reason, data=data or {}
    )


def _locked(certificate: Certificate) -> Certificate:
    return Certificate.objects.select_for_update().get(pk=certificate.pk)


def _reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(REASON_REQUIRED)
    return reason[:300]


def _enqueue_pdf(certificate_id: int) -> None:
    from certificates.tasks import certificate_render_pdf

    transaction.on_commit(lambda: certificate_render_pdf.enqueue(certificate_id))


# A PDF not made this long after issue was lost (the process died between commit and enqueue,
# or the queue dropped the task): it is queued again, at most once per this interval.
PDF_REQUEUE_AFTER = timedelta(minutes=2)


def certificate_pdf_requeue_if_lost(*, certificate: Certificate) -> bool:
    """Queue the PDF again for an issued certificate still without one well after issue; a
    duplicate task changes nothing (certificate_store_pdf renders once)."""
    if certificate.status != Certificate.Status.ISSUED or certificate.pdf:
        return False
    if certificate.issued_at is None or timezone.now() - certificate.issued_at < PDF_REQUEUE_AFTER:
        return False
    if not cache.add(f"certificate-pdf-requeue:{certificate.pk}", 1, PDF_REQUEUE_AFTER.seconds):
        return False
    _enqueue_pdf(certificate.pk)
    return True


# --- Completion -----------------------------------------------------------------------------


@transaction.atomic
def certificate_create_pending(*, enrollment: Enrollment) -> Certificate:
    """The pending certificate for a completed course: exactly one per enrolment."""
    existing = Certificate.objects.filter(enrollment_id=enrollment.pk).first()
    if existing is not None:
        return existing
    # Lock the enrolment so two completions of the same course wait for each other.
    enrollment = (
        Enrollment.objects.select_for_update().select_related("course").get(pk=enrollment.pk)
    )
    existing = Certificate.objects.filter(enrollment_id=enrollment.pk).first()
    if existing is not None:
        return existing
    if not enrollment.is_active:
        raise ValidationError(ENROLLMENT_INACTIVE)
    course: CoursePage = enrollment.course
    completed_at = enrollment.completed_at or timezone.now()
    # The version the learner completed is the live one; a course never published has none.
    revision_id = course.live_revision_id or course.latest_revision_id
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                enrollment=enrollment,
                student_id=enrollment.student_id,
                course=course,
                school_id=course.school_id,
                status=Certificate.Status.PENDING,
                kind=certificate_kind(course),
                verify_code=secrets.token_urlsafe(16),
                completed_at=completed_at,
                course_revision_id=revision_id,
            )
    except IntegrityError:
        # Another process created it between our check and our insert.
        return Certificate.objects.get(enrollment_id=enrollment.pk)
    _event(
        certificate,
        CertificateEvent.Action.CREATED,
        data={"completed_at": completed_at.isoformat(), "course_revision_id": revision_id},
    )
    certificate_pending.send(sender=Certificate, certificate=certificate)
    return certificate


# --- Evaluation -----------------------------------------------------------------------------


@transaction.atomic
def course_evaluation_submit(
    *, enrollment: Enrollment, ratings: dict[str, int], comments: str = ""
) -> CourseEvaluation:
    """Save the learner's evaluation once; a second submission returns the first."""
    existing = CourseEvaluation.objects.filter(enrollment=enrollment).first()
    if existing is not None:
        return existing
    cleaned = {key: int(value) for key, value in ratings.items() if key in QUESTION_KEYS}
    if set(cleaned) != QUESTION_KEYS or not set(cleaned.values()) <= RATING_VALUES:
        raise ValidationError(EVALUATION_INCOMPLETE)
    try:
        with transaction.atomic():
            evaluation = CourseEvaluation.objects.create(
                enrollment=enrollment,
                course_id=enrollment.course_id,
                ratings=cleaned,
                comments=(comments or "").strip()[:COMMENTS_MAX_LENGTH],
            )
    except IntegrityError:
        return CourseEvaluation.objects.get(enrollment=enrollment)
    # A board that asks for the evaluation is earned now, if the certificate is out already.
    certificate_credit_follow(enrollment=enrollment)
    return evaluation


# --- Issuing --------------------------------------------------------------------------------


def certificate_prefix(school) -> str:
    raw = (school.certificate_prefix or school.slug) if school else "NMT"
    return re.sub(r"[^A-Za-z0-9]+", "", raw).upper()[:12] or "NMT"


def _next_sequence(stem: str) -> int:
    last = (
        Certificate.objects.filter(number__startswith=stem)
        .order_by(Length("number").desc(), "-number")
        .values_list("number", flat=True)
        .first()
    )
    if last is None:
        return 1
    try:
        return int(last.rsplit("-", 1)[1]) + 1
    except (IndexError, ValueError):
        return 1


def _assign_number(certificate: Certificate, *, year: int) -> str:
    """`{prefix}-{year}-{seq:06d}`, unique even when two issue at once.

    Numbers are read, not counted: the unique index decides a race, and the loser reads again.
    """
    stem = f"{certificate_prefix(certificate.school)}-{year}-"
    for _ in range(NUMBER_ATTEMPTS):
        number = f"{stem}{_next_sequence(stem):06d}"
        try:
            with transaction.atomic():
                Certificate.objects.filter(pk=certificate.pk).update(number=number)
        except IntegrityError:
            continue
        return number
    raise RuntimeError(f"No free certificate number after {NUMBER_ATTEMPTS} attempts ({stem})")


def _update_ce_details(student: User, details: dict) -> None:
    changed = []
    for field in CE_DETAIL_FIELDS:
        if field in details:
            value = " ".join(str(details[field] or "").split())
            if getattr(student, field) != value:
                setattr(student, field, value)
                changed.append(field)
    if changed:
        others = [field.name for field in User._meta.fields if field.name not in changed]
        student.clean_fields(exclude=others)
        student.save(update_fields=changed)


def _freeze(certificate: Certificate, **extra) -> None:
    """Freeze the snapshot and choose the design on `certificate` (not saved).

    The design is rendered by the PDF task, never here: a school's design is untrusted code
    and must not run in the learner's request.
    """
    template = selectors.default_template_for(school_id=certificate.school_id)
    certificate.kind = certificate_kind(certificate.course)
    certificate.template = template
    certificate.snapshot = {**build_snapshot(certificate=certificate), **extra}
    certificate.ce_hours = Decimal(certificate.snapshot["course"]["ce_hours"])
    certificate.rendered_html = ""


def _record_withheld(certificate: Certificate) -> None:
    """One WithheldCredit per approval of the course that the frozen snapshot does not claim,
    so the reports (records) send the certificate only to the bodies it claims."""
    claimed = {a["body"] for a in certificate.snapshot.get("approvals") or ()}
    missing = {w["body"]: w["missing"] for w in certificate.snapshot.get("credit_withheld") or ()}
    WithheldCredit.objects.filter(certificate=certificate).delete()
    WithheldCredit.objects.bulk_create(
        [
            WithheldCredit(
                certificate=certificate,
                approval=approval,
                body_id=approval.body_id,
                reason=("; ".join(missing.get(approval.body.abbreviation, [])) or NOT_CLAIMED)[
                    :500
                ],
            )
            for approval in CourseApproval.objects.filter(course_id=certificate.course_id)
            .select_related("body")
            .order_by("pk")
            if approval.body.abbreviation not in claimed
        ]
    )


@transaction.atomic
def certificate_issue(
    *, certificate: Certificate, confirmed_by, ce_details: dict | None = None
) -> Certificate:
    """Issue a pending certificate once the learner has confirmed the details it prints.

    `ce_details` (legal_name, licence_number, licensing_board) as confirmed by the learner are
    saved to their profile first. Issuing twice returns the issued certificate unchanged.
    """
    certificate = _locked(certificate)
    if certificate.status == Certificate.Status.ISSUED:
        return certificate
    if certificate.status == Certificate.Status.REVOKED:
        raise ValidationError(ALREADY_REVOKED)
    student = User.objects.get(pk=certificate.student_id)
    if confirmed_by.pk != student.pk and not rules.is_platform_staff(confirmed_by):
        raise PermissionDenied(NOT_YOUR_CERTIFICATE)
    enrollment = Enrollment.objects.select_related("course").get(pk=certificate.enrollment_id)
    if not enrollment.is_active:
        raise ValidationError(ENROLLMENT_INACTIVE)
    if enrollment.course.requires_evaluation and not selectors.evaluation_exists(
        enrollment=enrollment
    ):
        raise ValidationError(EVALUATION_REQUIRED)
    if ce_details:
        _update_ce_details(student, ce_details)
    if not student.has_ce_profile:
        raise ValidationError(CE_DETAILS_MISSING)

    now = timezone.now()
    certificate.student = student
    certificate.course = enrollment.course
    certificate.number = _assign_number(certificate, year=timezone.localdate(now).year)
    certificate.status = Certificate.Status.ISSUED
    certificate.issued_at = now
    _freeze(certificate)
    certificate.save()
    _record_withheld(certificate)
    _event(
        certificate,
        CertificateEvent.Action.ISSUED,
        actor=confirmed_by,
        data={
            "number": certificate.number,
            "confirmed": {field: getattr(student, field) for field in CE_DETAIL_FIELDS},
            "template_id": certificate.template_id,
        },
    )
    _enqueue_pdf(certificate.pk)
    certificate_issued.send(sender=Certificate, certificate=certificate)
    return certificate


@transaction.atomic
def certificate_store_pdf(*, certificate_id: int) -> Certificate | None:
    """Render the issued certificate in its design (the built-in one if that fails) and keep
    its HTML and PDF: once per issue."""
    certificate = Certificate.objects.select_for_update().filter(pk=certificate_id).first()
    if certificate is None or certificate.status != Certificate.Status.ISSUED:
        return certificate
    if certificate.pdf:
        return certificate
    template_id = certificate.template_id
    certificate.rendered_html, content = certificate_render(certificate=certificate)
    # A random part keeps the file name unguessable wherever media files end up being served.
    name = f"{certificate.number}-{secrets.token_hex(6)}.pdf"
    certificate.pdf.save(name, ContentFile(content), save=False)
    certificate.pdf_rendered_at = timezone.now()
    certificate.save(
        update_fields=["rendered_html", "template", "pdf", "pdf_rendered_at", "updated_at"]
    )
    data = {"pdf": certificate.pdf.name, "bytes": len(content)}
    if certificate.template_id != template_id:
        data["design_failed"] = template_id  # the built-in design was used instead
    _event(certificate, CertificateEvent.Action.PDF_RENDERED, data=data)
    return certificate


# --- Changes after issue --------------------------------------------------------------------


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, reason: str, actor=None) -> Certificate:
    """Revoke an issued or pending certificate; revoking a revoked one changes nothing."""
    reason = _reason(reason)
    certificate = _locked(certificate)
    if certificate.status == Certificate.Status.REVOKED:
        return certificate
    previous = certificate.status
    certificate.status = Certificate.Status.REVOKED
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason
    certificate.save(update_fields=["status", "revoked_at", "revoked_reason", "updated_at"])
    _event(
        certificate,
        CertificateEvent.Action.REVOKED,
        actor=actor,
        reason=reason,
        data={"status": previous},
    )
    return certificate


@transaction.atomic
def certificate_reinstate(*, certificate: Certificate, reason: str, actor=None) -> Certificate:
    """Undo a revocation: back to issued (or to pending, if it was never issued)."""
    reason = _reason(reason)
    certificate = _locked(certificate)
    if certificate.status != Certificate.Status.REVOKED:
        raise ValidationError(NOT_REVOKED)
    before = {
        "revoked_at": certificate.revoked_at.isoformat() if certificate.revoked_at else None,
        "revoked_reason": certificate.revoked_reason,
    }
    certificate.status = (
        Certificate.Status.ISSUED if certificate.issued_at else Certificate.Status.PENDING
    )
    certificate.revoked_at = None
    certificate.revoked_reason = ""
    certificate.save(update_fields=["status", "revoked_at", "revoked_reason", "updated_at"])
    _event(certificate, CertificateEvent.Action.REINSTATED, actor=actor, reason=reason, data=before)
    if certificate.status == Certificate.Status.ISSUED and not certificate.pdf:
        _enqueue_pdf(certificate.pk)
    return certificate


@transaction.atomic
def certificate_reissue(*, certificate: Certificate, reason: str, actor) -> Certificate:
    """Rebuild an issued certificate from today's data (a corrected name, a fixed approval
    number), keeping its number and verify code. The old PDF file is kept, and the event keeps
    the old snapshot and the old file's name."""
    reason = _reason(reason)
    certificate = _locked(certificate)
    if certificate.status != Certificate.Status.ISSUED:
        raise ValidationError(NOT_ISSUED)
    before = {
        "snapshot": certificate.snapshot,
        "pdf": certificate.pdf.name or "",
        "template_id": certificate.template_id,
        "ce_hours": str(certificate.ce_hours) if certificate.ce_hours is not None else None,
        "kind": certificate.kind,
    }
    certificate.student = User.objects.get(pk=certificate.student_id)
    _freeze(certificate, reissued_on=timezone.localdate().isoformat())
    certificate.pdf = ""
    certificate.pdf_rendered_at = None
    certificate.credential = None  # signed again from the new snapshot by the PDF task
    certificate.save()
    _record_withheld(certificate)
    _event(certificate, CertificateEvent.Action.REISSUED, actor=actor, reason=reason, data=before)
    _enqueue_pdf(certificate.pk)
    added = _claimed_bodies(certificate.snapshot) - _claimed_bodies(before["snapshot"] or {})
    if added:
        certificate_boards_added.send(
            sender=Certificate, certificate=certificate, bodies=frozenset(added)
        )
    return certificate


def _claimed_bodies(snapshot: dict) -> set[str]:
    return {a["body"] for a in snapshot.get("approvals") or ()}


@transaction.atomic
def certificate_credit_follow(*, enrollment: Enrollment) -> Certificate | None:
    """The learner met a board's own rules (a post-test passed, the evaluation sent) after
    their certificate was issued: reissue it so it claims that board too, keeping its number;
    the reports pick the credit up on their next run. Changes nothing (and returns None) when
    the boards earned are the ones already claimed."""
    certificate = Certificate.objects.filter(
        enrollment_id=enrollment.pk, status=Certificate.Status.ISSUED
    ).first()
    if certificate is None or not certificate.snapshot.get("credit_withheld"):
        return None
    enrollment = Enrollment.objects.select_related("course", "student").get(pk=enrollment.pk)
    on = timezone.localdate(certificate.completed_at)
    earned = {
        a.body.abbreviation for a in board_rules.approvals_earned(enrollment=enrollment, on=on)
    }
    gained = earned - _claimed_bodies(certificate.snapshot)
    if not gained:
        return None
    reason = CREDIT_FOLLOWS.format(bodies=", ".join(sorted(gained)))
    return certificate_reissue(certificate=certificate, reason=reason, actor=None)
