"""The delivery log (one row per message, never two for one key) and each person's choices."""

from django.conf import settings
from django.db import models


class Kind(models.TextChoices):
    RECEIPT = "receipt", "Receipt"
    ENROLMENT = "enrolment", "Enrolment confirmation"
    CERTIFICATE_WAITING = "certificate_waiting", "Certificate waiting for details"
    CERTIFICATE_ISSUED = "certificate_issued", "Certificate issued"
    INACTIVITY = "inactivity", "Inactivity reminder"
    RENEWAL = "renewal", "Licence-renewal reminder"
    REPORTS_DUE = "reports_due", "CE reports due (school)"
    PAYMENT_ALERT = "payment_alert", "Refund or dispute (school)"
    APPROVAL_EXPIRY = "approval_expiry", "Approval expiring (school)"
    CREDIT_REVIEWED = "credit_reviewed", "Credit from elsewhere reviewed"


class Category(models.TextChoices):
    """What a person may turn off. Kinds outside every category (receipts, certificates,
    enrolments, money alerts) are transactional and always sent."""

    COURSE_REMINDERS = "course_reminders", "Reminders to finish a course"
    RENEWAL_REMINDERS = "renewal_reminders", "Licence-renewal reminders"
    SCHOOL_ALERTS = "school_alerts", "School deadlines: CE reports and approvals"


CATEGORY_OF = {
    Kind.INACTIVITY: Category.COURSE_REMINDERS,
    Kind.RENEWAL: Category.RENEWAL_REMINDERS,
    Kind.REPORTS_DUE: Category.SCHOOL_ALERTS,
    Kind.APPROVAL_EXPIRY: Category.SCHOOL_ALERTS,
}


class Notification(models.Model):
    """One message to one person. `key` names what it is about and for which period
    (kind:recipient:object:period), so queueing it again, or running the daily scan twice,
    finds this row instead of sending a second message."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        SKIPPED = "skipped", "Not sent (turned off, or no address)"
        FAILED = "failed", "Failed"

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    # Only for a school's own address when it has no admin account to write to.
    email = models.EmailField(blank=True)
    school = models.ForeignKey(
        "schools.School", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True, help_text="What the message is about.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    subject = models.CharField(max_length=255, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # When a worker took it for sending: a row still "sending" long after was left by a worker
    # that died mid-send, and the daily run sends it again.
    claimed_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="notification_status"),
            models.Index(fields=["recipient", "kind"], name="notification_recipient"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    @property
    def category(self) -> str | None:
        return CATEGORY_OF.get(self.kind)


class NotificationPreference(models.Model):
    """What a person lets us send beyond transactional mail; no row means everything."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    course_reminders = models.BooleanField(
        Category.COURSE_REMINDERS.label,
        default=True,
        help_text="When you have not opened a course you started for a while.",
    )
    renewal_reminders = models.BooleanField(
        Category.RENEWAL_REMINDERS.label,
        default=True,
        help_text="Ahead of your renewal date, when CE hours or required topics are missing.",
    )
    school_alerts = models.BooleanField(
        Category.SCHOOL_ALERTS.label,
        default=True,
        help_text="For school administrators: completions to report and approvals expiring.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Notification choices of {self.user_id}"

    def allows(self, category: str | None) -> bool:
        return category is None or bool(getattr(self, category))
