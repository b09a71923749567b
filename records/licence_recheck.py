"""The licence checked again when a certificate is issued, for each body it claims that reports to
a tracking system, and again for a body a reissue adds (a board's own rule met after issue): the
board's format, then the validation service (cached; format only without it). The certificate
stands, since the credit is earned; a failed check holds that body's report back as a rejected
record, with the message, until the learner corrects the number (report_runs.licence_corrected
then sends it on the next run, as for a late licence).

Certificates sit below records, so the learner's certificate page reads the problems through
settings.CERTIFICATE_LICENCE_PROBLEMS, and the check starts from the certificate_issued and
certificate_boards_added signals.
"""

from collections.abc import Collection

from django.db import transaction

from certificates.models import Certificate
from courses.models import AccreditingBody
from records.licences import licence_errors
from records.models import ReportItem


def certificate_licence_recheck(
    *, certificate_id: int, bodies: Collection[str] | None = None
) -> list[str]:
    """Check the learner's licence for each tracking-system body the certificate claims (only
    those of `bodies`, abbreviations, when given); hold back the report to each body where it
    fails. Returns the messages."""
    certificate = Certificate.objects.select_related("student").filter(pk=certificate_id).first()
    if certificate is None or certificate.status != Certificate.Status.ISSUED:
        return []
    student = certificate.student
    if not student.licence_number:  # reported the night after the learner enters one
        return []
    claimed = {a.get("body") for a in (certificate.snapshot or {}).get("approvals") or ()}
    if bodies is not None:
        claimed &= set(bodies)
    bodies = AccreditingBody.objects.filter(abbreviation__in=claimed).exclude(tracking_system="")
    problems = []
    for body in bodies.order_by("name"):
        errors = licence_errors(
            body=body, licence_number=student.licence_number, legal_name=student.legal_name
        )
        if errors:
            problems.append(errors[0])
            _hold_back(
                certificate=certificate, body=body, number=student.licence_number, message=errors[0]
            )
    return problems


@transaction.atomic
def _hold_back(*, certificate: Certificate, body: AccreditingBody, number: str, message: str):
    item, created = ReportItem.objects.select_for_update().get_or_create(
        certificate=certificate,
        body=body,
        defaults={
            "status": ReportItem.Status.REJECTED,
            "licence_number": number,
            "message": message[:500],
        },
    )
    if not created and item.status in (ReportItem.Status.CORRECTED, ReportItem.Status.REJECTED):
        item.status = ReportItem.Status.REJECTED
        item.licence_number = number
        item.message = message[:500]
        item.save(update_fields=["status", "licence_number", "message", "updated_at"])


def certificate_licence_problems(*, certificate: Certificate) -> list[dict]:
    """What holds back the reports of an issued certificate for the licence on file now, by
    body, for the learner's certificate page: one query."""
    items = (
        ReportItem.objects.filter(
            certificate_id=certificate.pk,
            status=ReportItem.Status.REJECTED,
            licence_number=certificate.student.licence_number,
        )
        .select_related("body")
        .order_by("body__name")
    )
    return [{"body": item.body.name, "message": item.message} for item in items]


def certificate_issued_receiver(sender, certificate, **kwargs) -> None:
    # After the commit: the validation service is a network call, never made under a lock.
    certificate_id = certificate.pk
    transaction.on_commit(lambda: certificate_licence_recheck(certificate_id=certificate_id))


def certificate_boards_added_receiver(sender, certificate, bodies, **kwargs) -> None:
    # Only the added boards: the others were checked at issue, and the learner corrects a
    # number through their profile (licence_corrected), not through a reissue.
    certificate_id, added = certificate.pk, frozenset(bodies)
    transaction.on_commit(
        lambda: certificate_licence_recheck(certificate_id=certificate_id, bodies=added)
    )
