"""Certificates listen to the apps below them: completion creates, withdrawal revokes."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import receiver

from certificates import services
from certificates.models import Certificate
from cms import page_cache
from courses.models import Enrollment
from courses.signals import enrollment_withdrawn
from quizzes.signals import course_completed

logger = logging.getLogger(__name__)
VERIFY_PAGES = "certificates"


def certificate_changed(sender, **kwargs) -> None:
    # Once committed, so no request caches the old verdict under the new generation.
    transaction.on_commit(lambda: page_cache.invalidate(VERIFY_PAGES))


@receiver(course_completed, sender=Enrollment, dispatch_uid="certificates_on_completion")
def create_pending_certificate(sender, enrollment, **kwargs):
    # Sent after the grading transaction committed: an error here must not reach the learner's
    # quiz submission, and the certificate page creates the certificate if this one failed.
    try:
        services.certificate_create_pending(enrollment=enrollment)
    except ValidationError as exc:
        logger.info("No certificate for enrolment %s: %s", enrollment.pk, exc.messages)


@receiver(enrollment_withdrawn, sender=Enrollment, dispatch_uid="certificates_on_withdrawal")
def revoke_certificate(sender, enrollment, reason="", **kwargs):
    certificate = Certificate.objects.filter(enrollment_id=enrollment.pk).first()
    if certificate is None:
        return
    services.certificate_revoke(
        certificate=certificate, reason=reason or f"Enrolment {enrollment.status}", actor=None
    )
