"""Reads for a school's certificate records: who may see them, the register, the completions report.

Every value that was printed on a certificate (learner name, licence, approved title, hours,
approval and provider numbers) is read from the certificate's snapshot, so the records match
the certificates exactly even after the course, the school or the learner's profile changed.
"""

from collections.abc import Iterator
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from certificates.models import Certificate
from cms.text import ce_hours_label
from courses.models import CoursePage
from records.selectors import verify_path
from schools.models import School

RECORD_STATUSES = (Certificate.Status.ISSUED, Certificate.Status.REVOKED)

COMPLETION_COLUMNS = [
    "Licensee name",
    "Licence number",
    "Licence state/board",
    "Body",
    "Course approval number",
    "Approved course title",
    "CE hours",
    "Completion date",
    "Certificate number",
    "Provider number",
]

REGISTER_COLUMNS = [
    "Certificate number",
    "Status",
    "Learner name",
    "Email",
    "Licence number",
    "Licence state/board",
    "Course",
    "CE hours",
    "Approvals",
    "Completed on",
    "Issued on",
    "Revoked on",
    "Revocation reason",
    "Verification page",
]


def school_courses(*, school: School) -> QuerySet[CoursePage]:
    """The school's courses with issued certificate and evaluation counts: one query."""
    return (
        CoursePage.objects.filter(school=school)
        .annotate(
            issued_count=Count(
                "certificates",
                filter=Q(certificates__status=Certificate.Status.ISSUED),
                distinct=True,
            ),
            evaluation_count=Count("evaluations", distinct=True),
        )
        .order_by("title")
    )


def school_course(*, school: School, course_id: int) -> CoursePage:
    return get_object_or_404(CoursePage, pk=course_id, school=school)


# --- The certificate register ---------------------------------------------------------------


def register_certificates(
    *,
    school: School,
    course: CoursePage | None = None,
    status: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    q: str = "",
) -> QuerySet[Certificate]:
    """Issued and revoked certificates of `school`, newest first, learner joined in."""
    certificates = Certificate.objects.filter(school=school, status__in=RECORD_STATUSES)
    if course is not None:
        certificates = certificates.filter(course=course)
    if status:
        certificates = certificates.filter(status=status)
    if date_from:
        certificates = certificates.filter(issued_at__date__gte=date_from)
    if date_to:
        certificates = certificates.filter(issued_at__date__lte=date_to)
    if q:
        certificates = certificates.filter(
            Q(number__icontains=q)
            | Q(student__legal_name__icontains=q)
            | Q(student__display_name__icontains=q)
            | Q(student__email__icontains=q)
            | Q(snapshot__learner__name__icontains=q)
        )
    return certificates.select_related("student").order_by("-issued_at", "-pk")


def approval_summary(snapshot: dict) -> str:
    return "; ".join(
        f"{a.get('body', '')} {a.get('approval_number', '')}: {ce_hours_label(a.get('ce_hours'))}"
        for a in snapshot.get("approvals") or ()
    )


def course_title(snapshot: dict) -> str:
    approvals = snapshot.get("approvals") or ()
    title = approvals[0].get("approved_title") if approvals else ""
    return title or (snapshot.get("course") or {}).get("title", "")


def register_rows(*, certificates: QuerySet[Certificate], site_root: str) -> Iterator[list]:
    """REGISTER_COLUMNS for each certificate, fetched in chunks so memory stays flat."""
    for certificate in certificates.iterator(chunk_size=500):
        snapshot = certificate.snapshot or {}
        learner = snapshot.get("learner") or {}
        yield [
            certificate.number,
            certificate.get_status_display(),
            learner.get("name", ""),
            certificate.student.email,
            learner.get("licence_number", ""),
            learner.get("licensing_board", ""),
            course_title(snapshot),
            certificate.ce_hours,
            approval_summary(snapshot),
            snapshot.get("completed_on") or certificate.completed_at.date().isoformat(),
            certificate.issued_at.date().isoformat() if certificate.issued_at else "",
            certificate.revoked_at.date().isoformat() if certificate.revoked_at else "",
            certificate.revoked_reason,
            site_root + verify_path(certificate.verify_code),
        ]


# --- The completions report (CE Broker-style) -----------------------------------------------


def completion_certificates(
    *,
    school: School,
    course: CoursePage | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[Certificate]:
    """Issued certificates of `school` completed in the range, oldest first.

    Revoked certificates are left out: a revoked completion is not reported as CE.
    """
    certificates = Certificate.objects.filter(school=school, status=Certificate.Status.ISSUED)
    if course is not None:
        certificates = certificates.filter(course=course)
    if date_from:
        certificates = certificates.filter(completed_at__date__gte=date_from)
    if date_to:
        certificates = certificates.filter(completed_at__date__lte=date_to)
    return certificates.only("number", "snapshot", "completed_at").order_by("completed_at", "pk")


def completion_rows_for(certificate: Certificate, *, body: str = "") -> Iterator[list]:
    """One row per body that approved the course (only `body`'s, if given)."""
    snapshot = certificate.snapshot or {}
    learner = snapshot.get("learner") or {}
    providers = {
        str(p.get("body", "")).casefold(): p.get("provider_number", "")
        for p in (snapshot.get("provider") or {}).get("approvals") or ()
    }
    for approval in snapshot.get("approvals") or ():
        abbreviation = str(approval.get("body", ""))
        if body and abbreviation.casefold() != body.casefold():
            continue
        yield [
            learner.get("name", ""),
            learner.get("licence_number", ""),
            learner.get("licensing_board", ""),
            abbreviation,
            approval.get("approval_number", ""),
            approval.get("approved_title", ""),
            approval.get("ce_hours", ""),
            snapshot.get("completed_on") or certificate.completed_at.date().isoformat(),
            certificate.number,
            providers.get(abbreviation.casefold(), ""),
        ]


def completion_rows(*, certificates: QuerySet[Certificate], body: str = "") -> Iterator[list]:
    for certificate in certificates.iterator(chunk_size=500):
        yield from completion_rows_for(certificate, body=body)
