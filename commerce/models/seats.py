"""Bulk seats: a school or an employer buys (or is granted) N places on a course at once.

Each seat is one single-use enrolment code; a pool never holds more codes than seats, so N
seats can never give more than N enrolments, however many people redeem at the same moment.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models


class SeatPool(models.Model):
    class Source(models.TextChoices):
        PURCHASED = "purchased", "Bought in one payment"
        GRANTED = "granted", "Granted by staff"

    school = models.ForeignKey(
        "schools.School", on_delete=models.PROTECT, related_name="seat_pools"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="seat_pools"
    )
    organisation = models.CharField(
        max_length=200, help_text="Who holds the seats: the school itself or an employer."
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="managed_seat_pools",
        help_text="The person who hands out the seats and sees who used them.",
    )
    seats = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    source = models.CharField(max_length=20, choices=Source.choices)
    order = models.OneToOneField(
        "commerce.Order", null=True, blank=True, on_delete=models.PROTECT, related_name="seat_pool"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "courses_seatpool"  # kept from before the move: rows stay put
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(seats__gte=1), name="seat_pool_seats_gte_1")
        ]

    def __str__(self) -> str:
        return f"{self.seats} seats on {self.course_id} for {self.organisation}"


class EnrollmentCode(models.Model):
    """One seat: a code to type in, or an invitation sent to one email address."""

    pool = models.ForeignKey(SeatPool, on_delete=models.PROTECT, related_name="codes")
    code = models.CharField(max_length=32, unique=True)
    email = models.EmailField(blank=True, help_text="Set when the seat was sent as an invitation.")
    name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    redeemed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="redeemed_codes",
    )
    redeemed_at = models.DateTimeField(null=True, blank=True)
    enrollment = models.OneToOneField(
        "courses.Enrollment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="seat_code",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "courses_enrollmentcode"  # kept from before the move: rows stay put
        ordering = ["pk"]
        indexes = [models.Index(fields=["pool", "redeemed_at"], name="seat_code_pool_redeemed")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(redeemed_by__isnull=True, redeemed_at__isnull=True)
                | models.Q(redeemed_by__isnull=False, redeemed_at__isnull=False),
                name="seat_code_redeemed_together",
            ),
        ]

    def __str__(self) -> str:
        return self.email or f"code {self.pk}"
