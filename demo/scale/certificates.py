"""Certificates for the learners who completed: pending ones, and issued ones filled in as
certificate_issue would (number, snapshot, QR code, events), with a course evaluation each."""

import base64
import io
import multiprocessing
import secrets
from concurrent.futures import ProcessPoolExecutor
from datetime import timedelta
from decimal import Decimal

import segno
from django.utils import timezone

from certificates import selectors as certificate_selectors
from certificates.evaluation import QUESTION_KEYS
from certificates.models import Certificate, CertificateEvent, CourseEvaluation
from certificates.services import certificate_prefix
from certificates.snapshot import build_snapshot, date_label, verify_url
from cms.qr import QR_ERROR
from demo.scale.plans import BATCH, ISSUED_RATE, EnrolmentPlan, Run

QR_POOL_MIN = 500  # QR codes cost a few ms each: use every core beyond this many per chunk


def qr_pool() -> ProcessPoolExecutor | None:
    """Worker processes forked from this one (they need no Django setup of their own)."""
    try:
        return ProcessPoolExecutor(mp_context=multiprocessing.get_context("fork"))
    except ValueError:  # no fork on this platform: make the codes in this process
        return None


def qr_code(url: str) -> str:
    """What cms.qr.qr_data_uri makes, with the mask fixed: the same URL in a code
    any scanner reads, three times faster (choosing the best of eight masks is what costs)."""
    buffer = io.BytesIO()
    segno.make(url, error=QR_ERROR, micro=False, mask=0).save(
        buffer, kind="svg", scale=4, border=2, xmldecl=False, dark="#000", light="#fff"
    )
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def certificates_create(run: Run, *, plans: list[EnrolmentPlan]) -> None:
    if not plans:
        return
    rng = run.rng
    issued = [plan for plan in plans if rng.random() < ISSUED_RATE]
    issued_ids = {id(plan) for plan in issued}
    codes = {id(plan): secrets.token_urlsafe(16) for plan in plans}
    urls = [verify_url(codes[id(plan)]) for plan in issued]
    if run.qr_pool is not None and len(urls) >= QR_POOL_MIN:
        qr_codes = list(run.qr_pool.map(qr_code, urls, chunksize=64))
    else:
        qr_codes = [qr_code(url) for url in urls]
    qr_by_plan = dict(zip([id(plan) for plan in issued], qr_codes, strict=True))
    certificates, evaluations = [], []
    for plan in plans:
        course = plan.course.course
        certificate = Certificate(
            enrollment=plan.enrollment, student=plan.student, course=course,
            school_id=course.school_id, status=Certificate.Status.PENDING,
            kind=plan.course.kind,
            verify_code=codes[id(plan)], completed_at=plan.completed_at,
            course_revision_id=course.live_revision_id, created_at=plan.completed_at,
            updated_at=plan.completed_at,
        )  # fmt: skip
        if id(plan) in issued_ids:
            issued_at = min(
                plan.completed_at + timedelta(seconds=rng.uniform(600, 3 * 86400)), run.now
            )
            _issue(run, certificate, plan, issued_at, qr_by_plan[id(plan)])
            evaluations.append(CourseEvaluation(
                enrollment=plan.enrollment, course=course,
                ratings={key: rng.randint(3, 5) for key in sorted(QUESTION_KEYS)},
                comments=rng.choice(("", "", "Clear lessons and a fair final test.")),
                submitted_at=plan.completed_at + (issued_at - plan.completed_at) / 2,
            ))  # fmt: skip
        certificates.append(certificate)
    Certificate.objects.bulk_create(certificates, batch_size=BATCH)
    CourseEvaluation.objects.bulk_create(evaluations, batch_size=BATCH)
    CertificateEvent.objects.bulk_create(_events(certificates), batch_size=BATCH)
    run.counts.certificates += len(certificates)
    run.counts.issued += len(issued)


def _events(certificates: list[Certificate]) -> list[CertificateEvent]:
    events = []
    for certificate in certificates:
        events.append(CertificateEvent(
            certificate=certificate, action=CertificateEvent.Action.CREATED,
            at=certificate.completed_at,
            data={"completed_at": certificate.completed_at.isoformat(),
                  "course_revision_id": certificate.course_revision_id},
        ))  # fmt: skip
        if certificate.status == Certificate.Status.ISSUED:
            student = certificate.student
            events.append(CertificateEvent(
                certificate=certificate, action=CertificateEvent.Action.ISSUED,
                actor=student, at=certificate.issued_at,
                data={"number": certificate.number, "template_id": certificate.template_id,
                      "confirmed": {"legal_name": student.legal_name,
                                    "licence_number": student.licence_number,
                                    "licensing_board": student.licensing_board}},
            ))  # fmt: skip
    return events


def _issue(run: Run, certificate: Certificate, plan: EnrolmentPlan, issued_at, qr: str) -> None:
    """Fill in what certificate_issue would: number, snapshot (the course's, built once by
    certificates.snapshot and then varied per learner), CE hours and design."""
    school = plan.course.course.school
    stem = f"{certificate_prefix(school)}-{timezone.localdate(issued_at).year}-"
    run.counts.sequences[stem] += 1
    certificate.number = f"{stem}{run.counts.sequences[stem]:06d}"
    certificate.status = Certificate.Status.ISSUED
    certificate.issued_at = certificate.updated_at = issued_at
    if plan.course.snapshot is None:
        plan.course.snapshot = build_snapshot(certificate=certificate)
        plan.course.snapshot["template_id"] = getattr(
            certificate_selectors.default_template_for(school_id=school.pk), "pk", None
        )
    template = plan.course.snapshot
    student = plan.student
    completed_on = timezone.localdate(certificate.completed_at).isoformat()
    issued_on = timezone.localdate(issued_at).isoformat()
    snapshot = {key: value for key, value in template.items() if key != "template_id"}
    snapshot.update(
        number=certificate.number,
        learner={"name": student.legal_name or student.email,
                 "licence_number": student.licence_number,
                 "licensing_board": student.licensing_board, "email": student.email},
        completed_on=completed_on, completed_on_label=date_label(completed_on),
        issued_on=issued_on, issued_on_label=date_label(issued_on),
        verify_url=verify_url(certificate.verify_code), qr_code=qr,
        score_percent=f"{plan.final_grade * 100:.1f}",
    )  # fmt: skip
    certificate.snapshot = snapshot
    certificate.kind = snapshot["kind"]
    certificate.ce_hours = Decimal(snapshot["course"]["ce_hours"])
    certificate.template_id = template["template_id"]
