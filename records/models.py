"""What the CE record keeps beyond the certificate: private transcript links and the completions
reported to each body's tracking system. Tables keep their original names (certificates_*),
so the rows written before the move stay where they were."""

from django.conf import settings
from django.db import models


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
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    batch_reference = models.CharField(
        max_length=100, blank=True, help_text="The tracking system's upload or batch number."
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
