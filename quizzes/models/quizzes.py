from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import RICH_TEXT_FEATURES
from quizzes.admin_forms import QuizPageForm

SLOT_NEEDS_ONE_SOURCE = "Choose either a question or a category to draw from, not both."
REVIEW_DATE_REQUIRED = "Choose the date from which answers and feedback are shown."


class QuizKind(models.TextChoices):
    LESSON_CHECK = "lesson_check", "Lesson check"
    MODULE_QUIZ = "module_quiz", "Module quiz"
    FINAL_ASSESSMENT = "final_assessment", "Final assessment"


class GradingMethod(models.TextChoices):
    HIGHEST = "highest", "Highest attempt"
    LAST = "last", "Last attempt"
    FIRST = "first", "First attempt"
    AVERAGE = "average", "Average of attempts"


class QuizLayout(models.TextChoices):
    ONE_PAGE = "one_page", "Several questions per page"
    PER_QUESTION = "per_question", "One question per page"


class ReviewOption(models.TextChoices):
    SCORE = "score", "Score only"
    RESPONSES = "responses", "Score and the student's responses"
    FULL = "full", "Responses, right answers and feedback"


class ReviewFrom(models.TextChoices):
    """When the review beyond the score opens (Moodle's review timing); the score never waits."""

    IMMEDIATELY = "immediately", "Immediately after submitting"
    AFTER_LAST_ATTEMPT = "after_last_attempt", "Once the student has passed or has no attempts left"
    AFTER_DATE = "after_date", "From a date"


class QuizPage(Page):
    """A quiz placed in a course: after a module's lessons, or a final assessment."""

    introduction = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    kind = models.CharField(max_length=20, choices=QuizKind.choices, default=QuizKind.MODULE_QUIZ)
    pass_mark = models.DecimalField(
        "pass mark (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("80"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    attempts_allowed = models.PositiveSmallIntegerField(default=0, help_text="0 is unlimited.")
    min_minutes_between_attempts = models.PositiveIntegerField(default=0)
    time_limit_minutes = models.PositiveIntegerField(default=0, help_text="0 is no limit.")
    grading_method = models.CharField(
        max_length=10, choices=GradingMethod.choices, default=GradingMethod.HIGHEST
    )
    layout = models.CharField(
        max_length=20, choices=QuizLayout.choices, default=QuizLayout.ONE_PAGE
    )
    questions_per_page = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(200)],
        help_text="0 puts every question on one page; N shows N questions per page.",
    )
    shuffle_questions = models.BooleanField(default=False)
    shuffle_answers = models.BooleanField(default=True)
    review = models.CharField(
        "after submitting, show",
        max_length=10,
        choices=ReviewOption.choices,
        default=ReviewOption.FULL,
    )
    review_from = models.CharField(
        "show it",
        max_length=20,
        choices=ReviewFrom.choices,
        default=ReviewFrom.IMMEDIATELY,
        help_text="Until then the student sees only their score.",
    )
    review_opens_at = models.DateTimeField(
        "from", null=True, blank=True, help_text="Only with “From a date”."
    )
    required_for_completion = models.BooleanField(default=True)

    base_form_class = QuizPageForm
    parent_page_types = ["courses.ModulePage", "courses.CoursePage"]
    subpage_types: list[str] = []
    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("introduction"),
        InlinePanel("slots", label="Questions", min_num=1),
    ]
    settings_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("grading_method")]),
                FieldPanel("required_for_completion"),
            ],
            heading="Grading",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("attempts_allowed"), FieldPanel("min_minutes_between_attempts")]
                ),
                FieldPanel("time_limit_minutes"),
            ],
            heading="Attempts and timing",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("layout"), FieldPanel("questions_per_page")]),
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_answers")]),
                FieldPanel("review"),
                FieldRowPanel([FieldPanel("review_from"), FieldPanel("review_opens_at")]),
            ],
            heading="Presentation and review",
        ),
        *Page.settings_panels,
    ]
    search_fields = [*Page.search_fields, index.FilterField("kind")]

    class Meta:
        verbose_name = "quiz"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pass_mark__gte=0, pass_mark__lte=100),
                name="quizzes_quiz_pass_mark_percent",
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if self.review_from == ReviewFrom.AFTER_DATE and self.review_opens_at is None:
            raise ValidationError({"review_opens_at": REVIEW_DATE_REQUIRED})

    def per_page(self, question_count: int) -> int:
        """How many questions one page of an attempt shows."""
        if self.layout == QuizLayout.PER_QUESTION:
            return 1
        return self.questions_per_page or max(question_count, 1)

    def serve(self, request, *args, **kwargs):
        from quizzes.views import quiz_page_serve

        return quiz_page_serve(request, self, *args, **kwargs)


class QuizSlot(Orderable):
    """One place in a quiz: a fixed question, or N questions drawn at random from a category."""

    quiz = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="slots")
    question = models.ForeignKey(
        "quizzes.Question", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    category = models.ForeignKey(
        "quizzes.QuestionCategory",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Draw questions at random from this category.",
    )
    draw_count = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1)], help_text="How many to draw."
    )
    mark = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Blank uses the question's default mark.",
    )
    spread_across_objectives = models.BooleanField(
        default=False,
        help_text=(
            "Draw in turn from the questions of each learning objective, so a draw of N covers "
            "the objectives evenly."
        ),
    )

    panels = [
        FieldPanel("question"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("draw_count")]),
        FieldPanel("spread_across_objectives"),
        FieldPanel("mark"),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(question__isnull=False, category__isnull=True)
                    | models.Q(question__isnull=True, category__isnull=False)
                ),
                name="quizzes_slot_one_source",
            ),
        ]

    def __str__(self) -> str:
        if self.question_id:
            return str(self.question)
        return f"{self.draw_count} from {self.category}"

    def clean(self) -> None:
        if (self.question_id is None) == (self.category_id is None):
            raise ValidationError(SLOT_NEEDS_ONE_SOURCE)
