"""Credit a learner earned with another provider, and where its review stands."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from records.external_credit.uploads import certificate_path, private_storage

MIN_HOURS = Decimal("0.01")
# One course of a few days at most: a larger figure is a typo (a year's total, minutes).
MAX_HOURS = Decimal("100")


class ExternalCredit(models.Model):
    """CE hours from another provider, self-reported by the learner until a reviewer accepts it.

    Only accepted credit counts toward the transcript's cycle totals; self-reported credit is
    shown beside them, labelled, so the learner sees what is waiting.
    """

    class Status(models.TextChoices):
        SELF_REPORTED = "self_reported", "Self-reported, awaiting review"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Not accepted"

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_credits"
    )
    provider_name = models.CharField("provider", max_length=200)
    course_title = models.CharField(max_length=300)
    body = models.ForeignKey(
        "courses.AccreditingBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="accrediting body",
    )
    body_name = models.CharField(
        "other accrediting body",
        max_length=200,
        blank=True,
        help_text="Only when the body is not in our list.",
    )
    hours = models.DecimalField(
        "CE hours",
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(MIN_HOURS), MaxValueValidator(MAX_HOURS)],
    )
    topics = models.ManyToManyField("courses.CETopicCategory", blank=True, related_name="+")
    completed_on = models.DateField()
    certificate = models.FileField(
        storage=private_storage, upload_to=certificate_path, max_length=200
    )
    certificate_name = models.CharField(
        max_length=200, help_text="The uploaded file's name, shown back to the learner."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SELF_REPORTED)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_reason = models.CharField(max_length=500, blank=True)
    # The add form's one-time key: a second post of the same form finds this row.
    submission_key = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "records"
        ordering = ["-completed_on", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=MIN_HOURS) & Q(hours__lte=MAX_HOURS),
                name="records_external_credit_hours_range",
            ),
            models.CheckConstraint(
                condition=Q(body__isnull=False) | ~Q(body_name=""),
                name="records_external_credit_names_a_body",
            ),
            models.UniqueConstraint(
                fields=["learner", "submission_key"],
                condition=~Q(submission_key=""),
                name="records_external_credit_one_per_submission",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course_title} ({self.provider_name})"

    @property
    def body_label(self) -> str:
        return self.body.abbreviation if self.body_id else self.body_name
