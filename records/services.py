"""What a practitioner does with their transcript: share it by a private link, and revoke it."""

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from records.models import TranscriptShare

MAX_ACTIVE_SHARES = 20
TOO_MANY_SHARES = (
    f"You have {MAX_ACTIVE_SHARES} active links already. Revoke one you no longer need first."
)


@transaction.atomic
def transcript_share_create(*, user, label: str = "") -> TranscriptShare:
    """A new private link to `user`'s transcript: anyone holding it can read the transcript."""
    # Locking the user row makes two simultaneous requests count each other's links.
    list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk"))
    if TranscriptShare.objects.filter(user=user, revoked_at__isnull=True).count() >= (
        MAX_ACTIVE_SHARES
    ):
        raise ValidationError(TOO_MANY_SHARES)
    share = TranscriptShare(user=user, label=label.strip(), token=secrets.token_urlsafe(32))
    share.full_clean()
    share.save()
    return share


@transaction.atomic
def transcript_share_revoke(*, share: TranscriptShare) -> TranscriptShare:
    """Stops the link working at once; revoking twice keeps the first revocation time."""
    share = TranscriptShare.objects.select_for_update().get(pk=share.pk)
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at"])
    return share
