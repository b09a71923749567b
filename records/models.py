"""What the CE record keeps beyond the certificate: private transcript links and the completions
reported to each body's tracking system. Tables keep their original names (certificates_*),
so the rows written before the move stay where they were."""

from django.conf import settings
from django.db import models

from records.external_credit.models import ExternalCredit  # noqa: F401  (its own module)


class TranscriptShare(models.Model):
    """A private, revocable link to a practitioner's CE transcript (for a board or employer)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="transcript_shares"
    )
    token = models.CharField(max_length=64, unique=True)
    label = models.CharField(max_length=100, blank=True, help_text="Who you gave it to.")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "certificates_transcriptshare"  # kept from before the move: rows stay put
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.label or f"link {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class CompletionReport(models.Model):
    """A completion reported to a body's tracking system (CE Broker...): who did it and when.

    One per certificate and body; marking it again changes nothing.
    """

    certificate = models.ForeignKey(
        "certificates.Certificate", on_delete=models.PROTECT, related_name="reports"
    )
    body = models.ForeignKey("courses.AccreditingBody", on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField()
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text="Who marked or sent it; empty when the nightly run reported it.",
    )
    batch_reference = models.CharField(
        max_length=100, blank=True, help_text="The tracking system's upload or batch number."
    )
    tracking_id = models.CharField(
        max_length=100,
        blank=True,
        help_text="The record's identifier in the tracking system's receipt.",
    )

    class Meta:
        db_table = "certificates_completionreport"  # kept from before the move: rows stay put
        ordering = ["-reported_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "body"], name="cert_completion_report_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.certificate} reported to {self.body_id} on {self.reported_at:%Y-%m-%d}"


class TrackingCredential(models.Model):
    """A school's account with one tracking system (CE Broker...): how its completions go there.

    The secret (password or key) is stored encrypted (records/crypto.py) and never shown back.
    """

    class Transport(models.TextChoices):
        CEBROKER_XML = "cebroker_xml", "Web service (XML roster message)"
        ROSTER_SPREADSHEET = "roster_spreadsheet", "Roster spreadsheet (.xls) for upload by hand"
        ROSTER_SPREADSHEET_XLSX = (
            "roster_spreadsheet_xlsx",
            "Roster spreadsheet as .xlsx for upload by hand",
        )

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    tracking_system = models.CharField(
        max_length=100, help_text="As the bodies name it, e.g. CE Broker."
    )
    transport = models.CharField(
        max_length=30, choices=Transport.choices, default=Transport.CEBROKER_XML
    )
    provider_id = models.CharField(
        "provider tracking number", max_length=100, blank=True, help_text='e.g. "50-1234".'
    )
    username = models.CharField(max_length=150, blank=True)
    secret_encrypted = models.TextField(blank=True, editable=False)
    secret_hint = models.CharField(max_length=8, blank=True, editable=False)
    endpoint_url = models.URLField(
        blank=True, help_text="Leave blank for the tracking system's configured address."
    )
    enabled = models.BooleanField(default=True, help_text="Report every night.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["school", "tracking_system"], name="records_tracking_credential_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.tracking_system} for school {self.school_id}"


class ReportBatch(models.Model):
    """One message (or one roster file) to a tracking system, claimed before it is sent.

    `idempotency_key` names the batch in the message; a batch whose worker died or whose
    receipt was lost is resent with the same records and key, never rebuilt.
    """

    class Status(models.TextChoices):
        CLAIMED = "claimed", "Being sent"
        RETRY = "retry", "Waiting to retry"
        DONE = "done", "Receipt processed"

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    body = models.ForeignKey("courses.AccreditingBody", on_delete=models.PROTECT, related_name="+")
    transport = models.CharField(max_length=30)
    idempotency_key = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CLAIMED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(
        help_text="When the batch may be (re)sent: a lease while one worker holds it."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    receipt_id = models.CharField(max_length=100, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    record_count = models.PositiveIntegerField(default=0)
    document = models.BinaryField(blank=True, default=b"", help_text="The roster file.")
    document_name = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"batch {self.idempotency_key}"


class ReportItem(models.Model):
    """Where one completion stands with one body's tracking system: the reporting queue."""

    class Status(models.TextChoices):
        CLAIMED = "claimed", "In a batch"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected: waiting for a correction"
        CORRECTED = "corrected", "Corrected: will be sent again"

    certificate = models.ForeignKey(
        "certificates.Certificate", on_delete=models.PROTECT, related_name="+"
    )
    body = models.ForeignKey("courses.AccreditingBody", on_delete=models.PROTECT, related_name="+")
    batch = models.ForeignKey(
        ReportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="items"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CLAIMED)
    licence_number = models.CharField(max_length=64, help_text="The number last sent.")
    course_number = models.CharField(
        max_length=100, blank=True, help_text="The course tracking number last sent."
    )
    message = models.CharField(max_length=500, blank=True)
    tracking_id = models.CharField(max_length=100, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["certificate", "body"], name="records_report_item_once")
        ]
        indexes = [models.Index(fields=["body", "status"])]

    def __str__(self) -> str:
        return f"{self.certificate_id} to {self.body_id}: {self.status}"
