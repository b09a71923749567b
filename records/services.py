"""What a practitioner does with their transcript: share it by a private link, and revoke it."""

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from records import crypto
from records.models import TrackingCredential, TranscriptShare

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


# --- Tracking-system credentials ------------------------------------------------------------

CREDENTIAL_MISSING = "Enter the password or key: none is stored yet."


@transaction.atomic
def tracking_credential_save(
    *,
    school,
    tracking_system: str,
    transport: str,
    provider_id: str = "",
    username: str = "",
    secret: str = "",
    endpoint_url: str = "",
    enabled: bool = True,
):
    """Create or update a school's account with a tracking system. A blank `secret` keeps the
    stored one; a new one is encrypted before it reaches the database."""
    credential = (
        TrackingCredential.objects.select_for_update()
        .filter(school=school, tracking_system=tracking_system)
        .first()
    ) or TrackingCredential(school=school, tracking_system=tracking_system)
    credential.transport = transport
    credential.provider_id = provider_id.strip()
    credential.username = username.strip()
    credential.endpoint_url = endpoint_url.strip()
    credential.enabled = enabled
    if secret:
        credential.secret_encrypted = crypto.encrypt(secret)
        credential.secret_hint = crypto.hint(secret)
    needs_secret = transport == TrackingCredential.Transport.CEBROKER_XML
    if needs_secret and not credential.secret_encrypted:
        raise ValidationError({"secret": CREDENTIAL_MISSING})
    credential.full_clean()
    credential.save()
    return credential
