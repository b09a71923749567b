"""What records does when a lower app's data changes (connected in RecordsConfig.ready)."""

from django.conf import settings
from django.db.models.signals import post_save


def _licence_saved(sender, instance, created, update_fields=None, **kwargs) -> None:
    """A learner who corrects their licence number gets rejected completions sent again."""
    if created or not instance.licence_number:
        return
    if update_fields is not None and "licence_number" not in update_fields:
        return
    from records.report_runs import licence_corrected

    licence_corrected(user=instance)


def connect() -> None:
    from certificates.signals import certificate_boards_added, certificate_issued
    from records.licence_recheck import (
        certificate_boards_added_receiver,
        certificate_issued_receiver,
    )

    post_save.connect(
        _licence_saved, sender=settings.AUTH_USER_MODEL, dispatch_uid="records_licence_saved"
    )
    certificate_issued.connect(
        certificate_issued_receiver, dispatch_uid="records_licence_recheck_on_issue"
    )
    certificate_boards_added.connect(
        certificate_boards_added_receiver, dispatch_uid="records_licence_recheck_on_boards_added"
    )
