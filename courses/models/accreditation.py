"""Who approves our courses for CE credit, and what exactly each body approved.

Certificates print these approved values (title, hours, type, approval numbers), never the
course page's current title or hours: boards reject certificates that differ from the approval.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable


class CETopicCategory(models.Model):
    """A subject boards count separately: ethics, laws and rules, medical errors, hands-on..."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = "CE topic category"
        verbose_name_plural = "CE topic categories"

    def __str__(self) -> str:
        return self.name


class AccreditingBody(ClusterableModel):
    """NCBTMB, a state board, an association: a body that approves providers and courses."""

    class Kind(models.TextChoices):
        NATIONAL = "national", "National certification board"
        STATE_BOARD = "state_board", "State licensing board"
        ASSOCIATION = "association", "Professional association"

    name = models.CharField(max_length=200, unique=True)
    abbreviation = models.CharField(max_length=20, unique=True, help_text="e.g. NCBTMB, FL-BMT")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NATIONAL)
    region = models.CharField(
        max_length=10, blank=True, help_text="State or country code, for a state board."
    )
    website = models.URLField(blank=True)
    tracking_system = models.CharField(
        max_length=100,
        blank=True,
        help_text="Where providers report completions (e.g. CE Broker); blank if none.",
    )
    reporting_days = models.PositiveSmallIntegerField(
        default=30, help_text="Days a provider has to report a completion."
    )
    renewal_cycle_months = models.PositiveSmallIntegerField(default=24)
    required_hours = models.DecimalField(
        "CE hours required per renewal cycle",
        max_digits=5,
        decimal_places=2,
        default=Decimal("24"),
        validators=[MinValueValidator(Decimal("0"))],
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("abbreviation")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("region")]),
        FieldPanel("website"),
        FieldRowPanel([FieldPanel("tracking_system"), FieldPanel("reporting_days")]),
        FieldRowPanel([FieldPanel("renewal_cycle_months"), FieldPanel("required_hours")]),
        InlinePanel("topic_requirements", label="Hours required per topic"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "accrediting bodies"

    def __str__(self) -> str:
        return self.abbreviation


class TopicRequirement(models.Model):
    """Hours a body requires in one topic category per renewal cycle (Florida: ethics 2...)."""

    body = ParentalKey(AccreditingBody, on_delete=models.CASCADE, related_name="topic_requirements")
    category = models.ForeignKey(CETopicCategory, on_delete=models.PROTECT, related_name="+")
    hours = models.DecimalField(
        max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )

    panels = [FieldRowPanel([FieldPanel("category"), FieldPanel("hours")])]

    class Meta:
        ordering = ["body", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "category"], name="courses_topic_requirement_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.body}: {self.hours} h {self.category}"


class ProviderApproval(Orderable):
    """A school's approval as a CE provider by one body (NCBTMB Approved Provider number...)."""

    school = ParentalKey("schools.School", on_delete=models.CASCADE, related_name="approvals")
    body = models.ForeignKey(AccreditingBody, on_delete=models.PROTECT, related_name="+")
    provider_number = models.CharField(max_length=100)
    expires_on = models.DateField(null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("body"), FieldPanel("provider_number")]),
        FieldPanel("expires_on"),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["school", "body"], name="courses_provider_approval_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.body} provider {self.provider_number}"


class CourseType(models.TextChoices):
    LIVE = "live", "Live"
    HOME_STUDY = "home_study", "Home Study"
    WEBINAR = "webinar", "Webinar"
    MIXED = "mixed", "Mixed (live and home study)"


class CreditType(models.TextChoices):
    """The kind of credit a body approved the hours as (its required-topic buckets)."""

    GENERAL = "general", "General"
    ETHICS = "ethics", "Professional ethics"
    LAWS_AND_RULES = "laws_rules", "Laws and rules"
    MEDICAL_ERRORS = "medical_errors", "Prevention of medical errors"
    HUMAN_TRAFFICKING = "human_trafficking", "Human trafficking"
    HANDS_ON = "hands_on", "Live hands-on instruction"


class CourseApproval(Orderable, ClusterableModel):
    """What one body approved this course as: the values its certificate must print."""

    course = ParentalKey("courses.CoursePage", on_delete=models.CASCADE, related_name="approvals")
    body = models.ForeignKey(AccreditingBody, on_delete=models.PROTECT, related_name="+")
    approved_title = models.CharField(
        max_length=255, help_text="The title exactly as the body lists it."
    )
    ce_hours = models.DecimalField(
        "approved CE hours",
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    course_type = models.CharField(
        max_length=20, choices=CourseType.choices, default=CourseType.HOME_STUDY
    )
    approval_number = models.CharField(max_length=100)
    approved_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    categories = ParentalManyToManyField(
        CETopicCategory, blank=True, related_name="+", verbose_name="topic categories"
    )
    credit_type = models.CharField(
        max_length=30, choices=CreditType.choices, default=CreditType.GENERAL
    )
    # Optional per-body rules; blank means the course's own. Enforced where quizzes and
    # certificates are both visible (completion), never here: courses cannot import quizzes.
    pass_mark = models.PositiveSmallIntegerField(
        "pass mark (%)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text="This body's pass mark on the post-test; blank for the course's own.",
    )
    post_test = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A quiz of this course this body requires; blank for the course's own.",
    )
    requires_evaluation = models.BooleanField(
        null=True,
        blank=True,
        help_text="Whether this body requires the course evaluation; blank for the course's rule.",
    )

    panels = [
        FieldRowPanel([FieldPanel("body"), FieldPanel("approval_number")]),
        FieldPanel("approved_title"),
        FieldRowPanel([FieldPanel("ce_hours"), FieldPanel("course_type")]),
        FieldRowPanel([FieldPanel("approved_on"), FieldPanel("expires_on")]),
        FieldRowPanel([FieldPanel("credit_type"), FieldPanel("categories")]),
        InlinePanel("subject_areas", label="Subject areas (partial credit)"),
        FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("requires_evaluation")]),
        PageChooserPanel("post_test", page_type="quizzes.QuizPage"),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["course", "body"], name="courses_course_approval_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.approval_number}: {self.ce_hours} CE hours"

    @property
    def expired(self) -> bool:
        return self.expires_on is not None and self.expires_on < timezone.localdate()


class ApprovalSubjectArea(Orderable):
    """Hours of one approval in one of the body's subject areas: partial credit, as CE Broker's
    roster takes it (a subject-area code and the hours earned in it)."""

    approval = ParentalKey(CourseApproval, on_delete=models.CASCADE, related_name="subject_areas")
    code = models.CharField(max_length=50, help_text="The body's subject-area code.")
    name = models.CharField(max_length=200, blank=True)
    hours = models.DecimalField(
        max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )

    panels = [FieldRowPanel([FieldPanel("code"), FieldPanel("name"), FieldPanel("hours")])]

    def __str__(self) -> str:
        return f"{self.code}: {self.hours} h"


class LearnerBoard(models.Model):
    """A board a learner usually needs credit from: pre-selected as the boards of each new
    enrolment on a course that body approves (Enrollment.credit_approvals)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="default_boards"
    )
    body = models.ForeignKey(AccreditingBody, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "body"], name="courses_learner_board_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.body_id}"
