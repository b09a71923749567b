import math
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from quizzes.models.questions import QuestionVersion
from quizzes.models.quizzes import QuizPage


class Attempt(models.Model):
    """One try at a quiz. The server owns `deadline`; nothing the browser sends moves it."""

    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted"
        ABANDONED = "abandoned", "Abandoned"

    quiz = models.ForeignKey(QuizPage, on_delete=models.PROTECT, related_name="attempts")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="quiz_attempts"
    )
    number = models.PositiveIntegerField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.IN_PROGRESS)
    started_at = models.DateTimeField()
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    max_score = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    score = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    fraction = models.DecimalField(
        max_digits=8, decimal_places=7, null=True, blank=True, help_text="Score / max score."
    )
    grade_overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    grade_override_reason = models.TextField(blank=True)
    accommodation = models.ForeignKey(
        "quizzes.Accommodation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attempts",
        help_text="The extra time included in this attempt's deadline.",
    )

    class Meta:
        ordering = ["quiz", "student", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "student", "number"], name="quizzes_attempt_unique_number"
            ),
            # A second tab or a double click cannot open two attempts at once.
            models.UniqueConstraint(
                fields=["quiz", "student"],
                condition=models.Q(state="in_progress"),
                name="quizzes_attempt_one_open",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=["in_progress", "submitted", "abandoned"]),
                name="quizzes_attempt_state",
            ),
            models.CheckConstraint(
                condition=models.Q(fraction__isnull=True)
                | models.Q(fraction__gte=0, fraction__lte=1),
                name="quizzes_attempt_fraction_0_1",
            ),
        ]
        indexes = [models.Index(fields=["quiz", "state"], name="quizzes_attempt_quiz_state")]

    def __str__(self) -> str:
        return f"{self.student} on {self.quiz_id} #{self.number}"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.IN_PROGRESS

    @property
    def percent(self):
        return None if self.fraction is None else self.fraction * 100


class AttemptSlot(models.Model):
    """A question as this attempt saw it: the frozen version, its shuffle, the saved response."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="slots")
    order = models.PositiveIntegerField()
    question_version = models.ForeignKey(
        QuestionVersion, on_delete=models.PROTECT, related_name="attempt_slots"
    )
    max_mark = models.DecimalField(max_digits=7, decimal_places=2)
    answer_order = models.JSONField(
        default=dict, blank=True, help_text="The shuffle shown to the student, by part."
    )
    response = models.JSONField(null=True, blank=True)
    saved_at = models.DateTimeField(null=True, blank=True)
    fraction = models.DecimalField(max_digits=8, decimal_places=7, null=True, blank=True)
    mark = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    # A database default too: bulk writers that name their columns (seed_scale) need not know it.
    flagged = models.BooleanField(
        default=False, db_default=False, help_text="The student marked it to revisit."
    )

    class Meta:
        ordering = ["attempt", "order"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "order"], name="quizzes_slot_unique_order"),
        ]

    def __str__(self) -> str:
        return f"{self.attempt} · {self.order}"


class Accommodation(models.Model):
    """Extra time a school grants one learner on timed quizzes (WCAG 2.2.1): for every quiz of
    a course, or for one attempt. Kept as a record of who granted it, when and why."""

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="quiz_accommodations"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="quiz_accommodations"
    )
    attempt = models.ForeignKey(
        Attempt,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Only this attempt; blank for every timed quiz of the course.",
    )
    time_factor = models.DecimalField(
        max_digits=3,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("4"))],
        help_text="1.5 gives half as much time again.",
    )
    extra_minutes = models.PositiveIntegerField(
        default=0, validators=[MaxValueValidator(600)], help_text="Added after the factor."
    )
    reason = models.TextField()
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField()

    class Meta:
        ordering = ["-granted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(time_factor__gte=1, time_factor__lte=4),
                name="quizzes_accommodation_factor_range",
            ),
            models.CheckConstraint(
                condition=models.Q(time_factor__gt=1) | models.Q(extra_minutes__gt=0),
                name="quizzes_accommodation_gives_time",
            ),
        ]
        indexes = [models.Index(fields=["student", "course"], name="quizzes_accommodation_lookup")]

    def __str__(self) -> str:
        return f"{self.student} · {self.describe()}"

    def describe(self) -> str:
        parts = []
        if self.time_factor != 1:
            parts.append(f"{self.time_factor.normalize():f} times the time")
        if self.extra_minutes:
            plural = "s" if self.extra_minutes != 1 else ""
            parts.append(f"{self.extra_minutes} extra minute{plural}")
        return " + ".join(parts)

    def minutes_for(self, limit_minutes: int) -> int:
        """The time allowed for a quiz of `limit_minutes`, rounded up to a whole minute."""
        return math.ceil(limit_minutes * self.time_factor) + self.extra_minutes
