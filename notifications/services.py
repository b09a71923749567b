"""Notifications' verbs: queue a message once, deliver it from the task worker, and change what
a person lets us send. Nothing here sends mail in a request: `notification_queue` writes the
log row in the caller's transaction and enqueues its delivery when that commits.
"""

import logging

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from notifications.models import Category, Notification, NotificationPreference

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "notifications.unsubscribe"
UNSUBSCRIBE_INVALID = "This unsubscribe link is not valid. Change your choices on your account."
MAX_ATTEMPTS = 3
WORKER_STOPPED = "The worker stopped while sending it: it is sent again."


def notification_queue(
    *,
    kind: str,
    key: str,
    recipient=None,
    email: str = "",
    school=None,
    school_id: int | None = None,
    data: dict | None = None,
) -> Notification:
    """The message named `key`, created once; its delivery is enqueued after commit.

    A key already in the log returns that row and enqueues nothing, so a signal sent twice
    or a daily scan run twice sends one message.
    """
    fields = {
        "kind": kind,
        "recipient": recipient,
        "email": "" if recipient is not None else email,
        "school_id": school.pk if school is not None else school_id,
        "data": data or {},
    }
    try:
        with transaction.atomic():
            notification, created = Notification.objects.get_or_create(key=key, defaults=fields)
    except IntegrityError:  # queued a moment ago by a concurrent call
        return Notification.objects.get(key=key)
    if created:
        _enqueue(notification.pk)
    return notification


def _enqueue(notification_id: int) -> None:
    from notifications.tasks import notification_send

    transaction.on_commit(lambda: notification_send.enqueue(notification_id))


def _claim(notification_id: int) -> bool:
    """Take a queued message for sending: one worker wins, a second run finds it taken."""
    claimed = Notification.objects.filter(
        pk=notification_id, status__in=[Notification.Status.QUEUED, Notification.Status.FAILED]
    ).update(
        status=Notification.Status.SENDING, attempts=F("attempts") + 1, claimed_at=timezone.now()
    )
    return bool(claimed)


def _finish(notification: Notification, status: str, *, error: str = "", subject: str = ""):
    notification.status = status
    notification.error = error[:2000]
    notification.subject = subject[:255] or notification.subject
    notification.sent_at = timezone.now() if status == Notification.Status.SENT else None
    notification.save(update_fields=["status", "error", "subject", "sent_at"])
    return notification


def preference_for(user) -> NotificationPreference:
    """The person's choices, unsaved defaults (everything on) if they never changed them."""
    found = NotificationPreference.objects.filter(user=user).first()
    return found or NotificationPreference(user=user)


def notification_deliver(*, notification_id: int) -> Notification | None:
    """Render and send one queued message, at most once: the row is claimed first (queued ->
    sending) and only the claimer sends. A message the recipient turned off, or one whose
    recipient is gone or inactive, is skipped; a provider error leaves it failed (the daily
    run retries it up to MAX_ATTEMPTS times)."""
    from notifications.messages import build_message

    if not _claim(notification_id):
        return Notification.objects.filter(pk=notification_id).first()
    notification = Notification.objects.select_related("recipient", "school").get(
        pk=notification_id
    )
    recipient = notification.recipient
    if recipient is not None:
        if not recipient.is_active or not recipient.email:
            return _finish(notification, Notification.Status.SKIPPED, error="No active address.")
        if not preference_for(recipient).allows(notification.category):
            return _finish(notification, Notification.Status.SKIPPED, error="Turned off.")
    elif not notification.email:
        return _finish(notification, Notification.Status.SKIPPED, error="No address.")
    try:
        message = build_message(notification)
    except LookupError as exc:  # what it was about is gone (an order deleted, a page removed)
        return _finish(notification, Notification.Status.SKIPPED, error=str(exc))
    try:
        message.send(fail_silently=False)
    except Exception as exc:  # any provider error: logged, kept, retried by the daily run
        logger.exception("Notification %s could not be sent", notification.pk)
        return _finish(
            notification,
            Notification.Status.FAILED,
            error=f"{type(exc).__name__}: {exc}",
            subject=message.subject,
        )
    return _finish(notification, Notification.Status.SENT, subject=message.subject)


def notifications_retry(*, older_than) -> int:
    """Enqueue again what a crash or provider error left behind: queued rows whose task was
    lost (older than `older_than`), failed ones with attempts left, and rows a worker took
    for sending before `older_than` and never finished (it died: whether the provider got the
    message is unknown, and a receipt sent twice is better than none). Returns how many."""
    Notification.objects.filter(
        status=Notification.Status.SENDING, claimed_at__lt=older_than
    ).update(status=Notification.Status.FAILED, error=WORKER_STOPPED)
    stale = Notification.objects.filter(
        status__in=[Notification.Status.QUEUED, Notification.Status.FAILED],
        attempts__lt=MAX_ATTEMPTS,
        created_at__lt=older_than,
    ).values_list("pk", flat=True)
    ids = list(stale)
    for pk in ids:
        _enqueue(pk)
    return len(ids)


# --- Choices and unsubscribing --------------------------------------------------------------


@transaction.atomic
def preference_update(*, user, **choices: bool) -> NotificationPreference:
    preference, _ = NotificationPreference.objects.select_for_update().get_or_create(user=user)
    for category in Category.values:
        if category in choices:
            setattr(preference, category, bool(choices[category]))
    preference.full_clean()
    preference.save()
    return preference


def unsubscribe_token(*, user, category: str) -> str:
    """A signed token naming the person and the category: the link works without logging in
    and cannot be altered to unsubscribe someone else."""
    return signing.dumps({"u": user.pk, "c": category}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_read(*, token: str):
    """(user, category) a token names, or raise ValueError(UNSUBSCRIBE_INVALID)."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as exc:
        raise ValueError(UNSUBSCRIBE_INVALID) from exc
    if not isinstance(data, dict) or data.get("c") not in Category.values:
        raise ValueError(UNSUBSCRIBE_INVALID)
    user = get_user_model().objects.filter(pk=data.get("u")).first()
    if user is None:
        raise ValueError(UNSUBSCRIBE_INVALID)
    return user, data["c"]


def unsubscribe_apply(*, token: str) -> tuple:
    """Turn off the category a token names: (user, category). Idempotent."""
    user, category = unsubscribe_read(token=token)
    preference_update(user=user, **{category: False})
    return user, category
