"""Certificates listen to the apps below them: withdrawal revokes, a restored enrolment
reinstates what its withdrawal revoked. (Completion creates the pending certificate by calling
certificates.services itself: completion/services.py.)

Each signal is sent inside the transaction that changes the enrolment, and each receiver writes
in it: the certificate's state commits with its cause or rolls back with it."""

from django.db import transaction
from django.dispatch import receiver

from certificates import services
from certificates.models import Certificate
from cms import page_cache
from courses.models import Enrollment
from courses.signals import enrollment_restored, enrollment_withdrawn

VERIFY_PAGES = "certificates"


def certificate_changed(sender, **kwargs) -> None:
    # Once committed, so no request caches the old verdict under the new generation.
    transaction.on_commit(lambda: page_cache.invalidate(VERIFY_PAGES))


@receiver(enrollment_withdrawn, sender=Enrollment, dispatch_uid="certificates_on_withdrawal")
def revoke_certificate(sender, enrollment, reason="", **kwargs):
    certificate = Certificate.objects.filter(enrollment_id=enrollment.pk).first()
    if certificate is None:
        return
    services.certificate_revoke(
        certificate=certificate, reason=reason or f"Enrolment {enrollment.status}", actor=None
    )


@receiver(enrollment_restored, sender=Enrollment, dispatch_uid="certificates_on_restore")
def reinstate_certificate(sender, enrollment, reason, withdrawn_reason, **kwargs):
    certificate = Certificate.objects.filter(
        enrollment_id=enrollment.pk,
        status=Certificate.Status.REVOKED,
        revoked_reason=withdrawn_reason,
    ).first()
    if certificate is not None:
        services.certificate_reinstate(certificate=certificate, reason=reason, actor=None)
