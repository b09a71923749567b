from decimal import Decimal

from django.conf import settings
from django.db import models

from courses.models.pages import Currency


class Order(models.Model):
    """One attempt to buy one course. The price is copied from the course when checkout starts."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        PAID = "paid", "Paid"
        EXPIRED = "expired", "Expired"
        REFUNDED = "refunded", "Refunded"
        DISPUTED = "disputed", "Disputed"

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="orders"
    )
    # 0: the buyer's own place on the course; N: N seats bought for an organisation, fulfilled
    # as a seat pool of N enrolment codes the buyer hands out.
    seats = models.PositiveIntegerField(default=0)
    organisation = models.CharField(max_length=200, blank=True)
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    currency = models.CharField(max_length=3, choices=Currency.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    checkout_session_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    checkout_url = models.CharField(max_length=2000, blank=True)
    payment_intent_id = models.CharField(max_length=255, blank=True, db_index=True)
    amount_paid = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    amount_refunded = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("0"))
    error = models.TextField(blank=True, help_text="Why fulfilment stopped, for staff.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    refunded_at = models.DateTimeField(null=True, blank=True)
    refund_requested_at = models.DateTimeField(null=True, blank=True)
    # The school's policies as the buyer saw and accepted them at checkout.
    policies_accepted_at = models.DateTimeField(null=True, blank=True)
    policies_accepted = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "courses_order"  # kept from before the move: rows stay put
        constraints = [
            models.UniqueConstraint(
                fields=["student", "course"],
                condition=models.Q(status="pending", seats=0),
                name="one_pending_order_per_student_course",
            ),
            models.UniqueConstraint(
                fields=["student", "course"],
                condition=models.Q(status="pending", seats__gt=0),
                name="one_pending_seat_order_per_buyer_course",
            ),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="order_amount_positive"),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Order {self.pk} ({self.get_status_display()})"

    @property
    def quantity(self) -> int:
        return self.seats or 1

    @property
    def amount_minor(self) -> int:
        """The amount in the currency's minor unit, as Stripe counts it (all ours have 2 places)."""
        return int(self.amount * 100)


class StripeEvent(models.Model):
    """Every webhook event as received; `processed_at` is set once its handler has run."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100, db_index=True)
    payment_intent_id = models.CharField(max_length=255, blank=True, db_index=True)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        db_table = "courses_stripeevent"  # kept from before the move: rows stay put
        ordering = ["-received_at"]
        verbose_name = "Stripe event"

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"
