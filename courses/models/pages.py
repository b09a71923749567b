from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.template.response import TemplateResponse
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from cms.restrictions import CachedViewRestrictionsMixin
from cms.text import reading_seconds
from courses.admin_forms import CoursePageForm
from courses.admin_panels import CECompliancePanel


class CourseIndexPage(CachedViewRestrictionsMixin, Page):
    """The catalog at /courses/ and each school's section inside it: live courses below it."""

    introduction = models.TextField(blank=True)

    parent_page_types = ["cms.HomePage", "courses.CourseIndexPage"]
    subpage_types = ["courses.CoursePage", "courses.CourseIndexPage"]
    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    class Meta:
        verbose_name = "course catalog"

    def get_context(self, request, *args, **kwargs):
        from django import forms

        from courses import selectors
        from courses.forms import CatalogFilterForm

        context = super().get_context(request, *args, **kwargs)
        schools = selectors.catalog_schools(catalog=self)
        form = CatalogFilterForm(request.GET or None)
        if schools.school is None:
            # Free text rather than a choice: an unknown slug lists no courses instead of
            # invalidating the form, which would list them all.
            choices = [("", "Any school"), *((s.slug, s.name) for s in schools.with_courses)]
            form.fields["school"] = forms.CharField(
                required=False, max_length=100, widget=forms.Select(choices=choices)
            )
        bodies = selectors.catalog_bodies(catalog=self)
        form.fields["body"].widget.choices = [
            ("", "Any accrediting body"),
            *((body.abbreviation, f"{body.name} ({body.abbreviation})") for body in bodies),
        ]
        filters = form.cleaned_data if form.is_valid() else {}
        context["school"] = schools.school
        context["filter_form"] = form
        context["courses"] = selectors.catalog_courses(catalog=self, **filters)
        context["is_filtered"] = any(filters.values())
        return context


class CourseLevel(models.TextChoices):
    INTRODUCTORY = "introductory", "Introductory"
    INTERMEDIATE = "intermediate", "Intermediate"
    ADVANCED = "advanced", "Advanced"


class Currency(models.TextChoices):
    USD = "usd", "US dollar"
    CAD = "cad", "Canadian dollar"
    GBP = "gbp", "Pound sterling"
    EUR = "eur", "Euro"
    AUD = "aud", "Australian dollar"


# ?version=enrolled on a lesson: read it as it was when the learner enrolled.
ENROLLED_VERSION = "enrolled"

# /courses/<school>/enrol/ is the enrol action's URL (courses/urls.py), not a page.
RESERVED_COURSE_SLUGS = frozenset({"enrol"})
COURSE_SLUG_RESERVED = "“{slug}” is reserved for the site's own links: choose another slug."

COURSE_SLUG_TAKEN = (
    "Another course already uses this slug. Course slugs are unique across all schools, "
    "because enrolment and payment links name the course by its slug."
)


class CoursePage(CachedViewRestrictionsMixin, Page):
    school = models.ForeignKey(
        "schools.School", null=True, blank=True, on_delete=models.PROTECT, related_name="courses"
    )
    summary = models.TextField(max_length=400, help_text="One or two sentences for the catalog.")
    description = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    audience = models.TextField(blank=True, help_text="Who the course is for.")
    # The free text from before required courses existed, kept and shown as it was written.
    prerequisites = models.TextField(
        "Prerequisite notes",
        blank=True,
        help_text=(
            "What a learner should know or have before starting, in words. To require other "
            "courses completed first, add them under “Required courses”."
        ),
    )
    level = models.CharField(
        max_length=20, choices=CourseLevel.choices, default=CourseLevel.INTRODUCTORY
    )
    ce_hours = models.DecimalField(
        "CE hours",
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Continuing-education hours (clock hours, never CEUs).",
    )
    price = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="0 makes the course free to enrol.",
    )
    currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.USD)
    cover_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requires_evaluation = models.BooleanField(
        default=True,
        help_text="Learners fill in the course evaluation before their certificate is issued.",
    )
    topics = ParentalManyToManyField("courses.Topic", blank=True, related_name="courses")
    instructors = ParentalManyToManyField("schools.Instructor", blank=True, related_name="courses")
    # The assessment blueprint a CE course is held to before it may be published.
    blueprint_questions_per_objective = models.PositiveSmallIntegerField(
        "Questions per objective",
        default=1,
        help_text="The final assessment tests every learning objective at least this often.",
    )
    blueprint_questions_per_ce_hour = models.DecimalField(
        "Questions per CE hour",
        max_digits=4,
        decimal_places=1,
        default=Decimal("5"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="The final assessment has at least this many questions per approved CE hour.",
    )
    min_seat_minutes = models.PositiveIntegerField(
        "Minimum reading time (minutes)",
        default=0,
        help_text=(
            "Time a learner must spend on the course's lessons, measured while the lesson is "
            "open, visible and in use, before the final assessment opens. 0: no minimum."
        ),
    )
    version_notes = models.TextField(
        "What changed in this version",
        blank=True,
        help_text=(
            "Shown in the course's changelog when you publish. Lessons and quizzes published "
            "since the last version are listed there anyway; say why they changed."
        ),
    )

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage", "quizzes.QuizPage"]
    base_form_class = CoursePageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("school"),
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("description"),
        InlinePanel("objectives", label="Learning objectives", min_num=1),
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("prerequisites"), FieldPanel("level")],
            heading="Who it is for",
        ),
        InlinePanel(
            "prerequisite_links",
            label="Required courses",
            help_text=(
                "Courses a learner must have completed before enrolling on this one or "
                "opening its lessons and quizzes."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("ce_hours"),
                FieldRowPanel([FieldPanel("price"), FieldPanel("currency")]),
                FieldPanel("requires_evaluation"),
                FieldPanel("min_seat_minutes"),
            ],
            heading="CE credit and price",
        ),
        InlinePanel("approvals", label="Approvals by accrediting bodies"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("blueprint_questions_per_objective"),
                        FieldPanel("blueprint_questions_per_ce_hour"),
                    ]
                ),
                CECompliancePanel(),
            ],
            heading="CE compliance: hours and assessment blueprint",
        ),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("instructors", widget=forms.CheckboxSelectMultiple),
        FieldPanel("version_notes", heading="Changelog"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("audience"),
        index.FilterField("ce_hours"),
        index.FilterField("price"),
        index.FilterField("level"),
    ]

    class Meta:
        verbose_name = "course"

    def clean(self) -> None:
        super().clean()
        # Enrolment and checkout links name a course by its slug, whichever school it is in.
        if self.slug in RESERVED_COURSE_SLUGS:
            raise ValidationError({"slug": COURSE_SLUG_RESERVED.format(slug=self.slug)})
        if CoursePage.objects.filter(slug=self.slug).exclude(pk=self.pk).exists():
            raise ValidationError({"slug": COURSE_SLUG_TAKEN})

    @property
    def is_free(self) -> bool:
        return self.price == 0

    def get_context(self, request, *args, **kwargs):
        from courses import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.course_page_data(course=self, user=request.user))
        return context


class CourseObjective(Orderable):
    """One learning objective, written as an observable behaviour ("Locate ...")."""

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="objectives")
    text = models.CharField(max_length=300)

    panels = [FieldPanel("text")]

    def __str__(self) -> str:
        return self.text


class ModulePage(CachedViewRestrictionsMixin, Page):
    summary = models.TextField(max_length=400, blank=True)
    # Drip release: the module opens for a learner on the later of the two (either may be empty).
    opens_after_days = models.PositiveSmallIntegerField(
        "Opens days after enrolment",
        null=True,
        blank=True,
        help_text="Learners may open this module this many days after they enrol. Empty: at once.",
    )
    opens_on = models.DateField(
        "Opens on",
        null=True,
        blank=True,
        help_text="Nobody may open this module before this date (the site's time zone).",
    )

    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage", "quizzes.QuizPage"]
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("opens_after_days"), FieldPanel("opens_on")])],
            heading="Release",
            help_text="Instructors and staff may always open it; learners see when it opens.",
        ),
        InlinePanel(
            "skills",
            label="Practical-skills checklist",
            help_text=(
                "For a technique module taught live: each skill an instructor signs off for "
                "every learner before the course is complete."
            ),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    class Meta:
        verbose_name = "module"

    def get_context(self, request, *args, **kwargs):
        from courses import selectors

        context = super().get_context(request, *args, **kwargs)
        course = self.get_parent().specific
        context["course"] = course
        context["outline"] = outline = selectors.course_outline(course=course)
        if any(entry.page.opens_on or entry.page.opens_after_days for entry in outline):
            enrollment = selectors.enrollment_for(user=request.user, course=course)
            selectors.outline_with_locks(
                outline=outline, user=request.user, course=course, enrollment=enrollment
            )
        context["module_outline"] = next(
            (m for m in context["outline"] if m.page.pk == self.pk), None
        )
        return context


class LessonPage(CachedViewRestrictionsMixin, Page):
    summary = models.TextField(max_length=400, blank=True)
    free_preview = models.BooleanField(
        default=False, help_text="Anyone may read this lesson without enrolling."
    )
    required_for_completion = models.BooleanField(
        default=True, help_text="Learners must open this lesson to complete the course."
    )
    body = StreamField(BodyStreamBlock())
    min_seat_minutes = models.PositiveIntegerField(
        "Minimum reading time (minutes)",
        default=0,
        help_text=(
            "Time a learner must spend on this lesson before it counts as completed and the "
            "final assessment opens. 0: the time to read its words (200 a minute) and play "
            "its video or audio through."
        ),
    )
    # Derived from the body on every save (editor, revision publish, loaders), so completion
    # compares it with seat time in SQL without reading lesson bodies.
    reading_seconds = models.PositiveIntegerField(default=0, editable=False)

    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []
    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    settings_panels = [
        *Page.settings_panels,
        FieldPanel("free_preview"),
        FieldPanel("required_for_completion"),
        FieldPanel("min_seat_minutes"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("free_preview"),
    ]

    class Meta:
        verbose_name = "lesson"

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "body" in update_fields:
            self.reading_seconds = reading_seconds(self.body.raw_data)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "reading_seconds"}
        return super().save(*args, **kwargs)

    def serve(self, request, *args, **kwargs):
        from courses import selectors
        from courses.reading_time import seat_time_page_settings
        from courses.services.progress import lesson_visit_record

        context = self.get_context(request, *args, **kwargs)
        course = context["course"]
        access, enrollment = selectors.lesson_reader(user=request.user, lesson=self, course=course)
        context["access"] = access
        if access is None:
            return TemplateResponse(request, "courses/lesson_locked.html", context, status=403)
        # Prerequisites and drip lock an enrolled learner out (staff and the school preview);
        # a free preview is open to everyone anyway.
        if not self.free_preview:
            lock = selectors.page_lock(
                user=request.user, page=self, course=course, enrollment=enrollment
            )
            if lock is not None:
                context["lock"] = lock
                return TemplateResponse(request, "courses/lesson_locked.html", context, status=403)
        # Only an enrolled learner's reading counts towards completion; an author's preview
        # of a draft is not reading.
        if enrollment is not None and not getattr(request, "is_preview", False):
            lesson_visit_record(user=request.user, lesson=self, course=course)
            context["visited_lesson_ids"] = selectors.visited_lesson_ids(
                user=request.user, course=course
            )
            context["seat_time"] = seat_time_page_settings(lesson=self)
            self._offer_enrolled_version(request, context, enrollment)
        return TemplateResponse(request, self.get_template(request), context)

    def _offer_enrolled_version(self, request, context, enrollment) -> None:
        """A lesson republished after the learner enrolled stays readable as they enrolled in it."""
        from courses import selectors

        if not selectors.lesson_changed_since(lesson=self, enrollment=enrollment):
            return
        context["changed_since_enrolment"] = True
        if request.GET.get("version") == ENROLLED_VERSION:
            old = selectors.lesson_as_published_at(lesson=self, when=enrollment.enrolled_at)
            if old is not None:
                context["page"] = context["self"] = old
                context["reading_enrolled_version"] = True
                context["cache_body"] = False

    def get_context(self, request, *args, **kwargs):
        from courses.navigation import lesson_navigation

        context = super().get_context(request, *args, **kwargs)
        # A draft being previewed gets its own frame; the live lesson's is shared and cached.
        fresh = getattr(request, "is_preview", False)
        context.update(lesson_navigation(lesson=self, request=request, fresh=fresh))
        context["cache_body"] = not fresh
        return context
