"""The task worker sends every e-mail (django-tasks: the database queue, or RQ at scale)."""

from django_tasks import task


@task()
def notification_send(notification_id: int) -> str:
    """Send one queued message; a duplicate or retried task sends nothing more."""
    from notifications.services import notification_deliver

    notification = notification_deliver(notification_id=notification_id)
    return notification.status if notification is not None else ""


@task()
def reminders_send() -> dict:
    """The daily scan (manage.py send_reminders runs the same): queue what is due today."""
    from notifications.reminders import reminders_queue

    return reminders_queue()
