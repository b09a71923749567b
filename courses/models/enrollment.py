from django.conf import settings
from django.db import models


class Enrollment(models.Model):
    """A student's place on a course. Rows are never deleted: revoking keeps the record."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        SUSPENDED = "suspended", "Suspended"
        REVOKED = "revoked", "Revoked"

    class Source(models.TextChoices):
        FREE = "free", "Free course"
        PAID = "paid", "Paid"
        GRANTED = "granted", "Granted by staff or school"
        SEAT = "seat", "A seat bought or granted in bulk"

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="enrollments"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="enrollments"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    source = models.CharField(max_length=20, choices=Source.choices)
    enrolled_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the course was first complete: the CE date."
    )
    status_reason = models.CharField(max_length=300, blank=True)
    # Seat time on all the course's lessons (the sum of its LessonVisit.seat_seconds), and the
    # last heartbeat on any of them: two tabs never count the same minute twice.
    seat_seconds = models.PositiveIntegerField(default=0)
    seat_heartbeat_at = models.DateTimeField(null=True, blank=True)
    # The version current when the learner enrolled: they may keep reading it after an update.
    course_version = models.ForeignKey(
        "courses.CourseVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrollments",
    )
    # The boards the learner earns this course's credit with (their choice; empty: every
    # approval in force). Certificates, transcripts and reports use these bodies' values.
    credit_approvals = models.ManyToManyField(
        "courses.CourseApproval", blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["student", "course"], name="unique_enrollment")
        ]
        indexes = [models.Index(fields=["course", "status"])]
        ordering = ["-enrolled_at"]

    def __str__(self) -> str:
        return f"{self.student} in {self.course_id} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def seat_minutes(self) -> int:
        return self.seat_seconds // 60
