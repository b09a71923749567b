from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models

from quizzes.models.banks import QuestionBank, QuestionCategory


class QuestionType(models.TextChoices):
    SINGLE_CHOICE = "single_choice", "Single choice"
    MULTIPLE_RESPONSE = "multiple_response", "Multiple response"
    TRUE_FALSE = "true_false", "True/false"
    SHORT_ANSWER = "short_answer", "Short answer"
    NUMERICAL = "numerical", "Numerical"
    MATCHING = "matching", "Matching"
    ORDERING = "ordering", "Ordering"
    HOTSPOT = "hotspot", "Image hotspot"
    ESSAY = "essay", "Essay (graded by hand)"
    DESCRIPTION = "description", "Description (not a question)"


AUTO_GRADED_TYPES = frozenset(QuestionType) - {QuestionType.ESSAY, QuestionType.DESCRIPTION}


class Question(models.Model):
    """A question's identity in a bank; what it says at any moment lives in its versions.

    The editable fields here mirror `current_version`; a quiz attempt points at a
    QuestionVersion, so editing a question never changes an attempt already taken.
    """

    bank = models.ForeignKey(QuestionBank, on_delete=models.CASCADE, related_name="questions")
    category = models.ForeignKey(
        QuestionCategory,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    name = models.CharField(max_length=255)
    qtype = models.CharField("type", max_length=32, choices=QuestionType.choices)
    stem = models.TextField(blank=True, help_text="Sanitised HTML.")
    general_feedback = models.TextField(blank=True, help_text="Sanitised HTML.")
    default_mark = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    tags = models.JSONField(default=list, blank=True)
    idnumber = models.CharField(max_length=100, blank=True, help_text="Moodle's ID number.")
    # What the question tests, for the course's assessment blueprint. A tag, not content: it is
    # not frozen in the versions, so retagging never changes what a student was asked.
    objectives = models.ManyToManyField(
        "courses.CourseObjective",
        blank=True,
        related_name="questions",
        verbose_name="learning objectives tested",
    )
    current_version = models.ForeignKey(
        "QuestionVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(qtype__in=QuestionType.values), name="quizzes_question_qtype"
            ),
            models.CheckConstraint(
                condition=models.Q(default_mark__gte=0), name="quizzes_question_mark_gte_0"
            ),
            models.UniqueConstraint(
                fields=["bank", "idnumber"],
                condition=~models.Q(idnumber=""),
                name="quizzes_question_unique_idnumber",
            ),
        ]
        indexes = [models.Index(fields=["bank", "qtype"], name="quizzes_question_bank_type")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_auto_graded(self) -> bool:
        return self.qtype in AUTO_GRADED_TYPES


class QuestionVersion(models.Model):
    """A frozen snapshot of a question: written once, never updated."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    qtype = models.CharField("type", max_length=32, choices=QuestionType.choices)
    stem = models.TextField(blank=True)
    general_feedback = models.TextField(blank=True)
    default_mark = models.DecimalField(max_digits=7, decimal_places=2)
    data = models.JSONField(
        default=dict,
        blank=True,
        help_text="Choices, answers, feedback, tolerances, pairs, regions.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["question", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "number"], name="quizzes_version_unique_number"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="quizzes_version_number_gte_1"
            ),
            models.CheckConstraint(
                condition=models.Q(qtype__in=QuestionType.values), name="quizzes_version_qtype"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question.name} (v{self.number})"
