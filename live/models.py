"""Live and hands-on instruction: sessions and their breaks, who attended, and the practical
skills an instructor signed off. A live course's Certificate of Completion rests on these rows:
live/hours.py counts the hours, completion/services.py asks whether they suffice.

Records are kept (CE rosters for six years): a session with attendance cannot be deleted, and
a sign-off keeps the skill's wording even when the checklist item is later edited or removed.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class LiveSession(models.Model):
    """One sitting of live instruction: a class day, a practical lab, a live webinar."""

    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="live_sessions"
    )
    module = models.ForeignKey(
        "courses.ModulePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="live_sessions",
        help_text="The technique module taught in this session, if one.",
    )
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.CharField(max_length=300, blank=True)
    instructor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who teaches it.",
    )
    cancelled = models.BooleanField(
        default=False, help_text="A cancelled session is not required for completion."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "courses_livesession"  # kept from before the move: rows stay put
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["course", "starts_at"], name="courses_live_course_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="courses_live_session_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%Y-%m-%d %H:%M})"


class LiveSessionBreak(models.Model):
    """A meal or rest break inside a session: not instruction, so never counted as CE time."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="breaks")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    label = models.CharField(max_length=100, blank=True, help_text="e.g. Lunch")

    class Meta:
        db_table = "courses_livesessionbreak"  # kept from before the move: rows stay put
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="courses_live_break_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.label or "Break"


class Attendance(models.Model):
    """A learner's presence at one session, from check-in to check-out.

    `instruction_minutes` and `full_attendance` are derived from the times, the session and its
    breaks by live/services.py whenever any of them changes, so completion can read
    them in one query.
    """

    class Method(models.TextChoices):
        QR = "qr", "QR code scanned by the learner"
        MANUAL = "manual", "Recorded by an instructor"

    session = models.ForeignKey(LiveSession, on_delete=models.PROTECT, related_name="attendances")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="live_attendances"
    )
    checked_in_at = models.DateTimeField()
    checked_out_at = models.DateTimeField(null=True, blank=True)
    check_in_method = models.CharField(max_length=10, choices=Method.choices)
    check_out_method = models.CharField(max_length=10, choices=Method.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The instructor who last recorded these times by hand.",
    )
    instruction_minutes = models.PositiveIntegerField(default=0)
    full_attendance = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "courses_attendance"  # kept from before the move: rows stay put
        ordering = ["session", "checked_in_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "student"], name="courses_attendance_once"),
            models.CheckConstraint(
                condition=models.Q(checked_out_at__isnull=True)
                | models.Q(checked_out_at__gte=models.F("checked_in_at")),
                name="courses_attendance_out_after_in",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student_id} at {self.session_id}"

    @property
    def ce_hours(self) -> int:
        from live.hours import ce_units

        return ce_units(self.instruction_minutes)


class SkillsChecklistItem(Orderable):
    """A practical skill a technique module teaches, signed off per learner by an instructor."""

    module = ParentalKey("courses.ModulePage", on_delete=models.CASCADE, related_name="skills")
    text = models.CharField(max_length=300, help_text="An observable skill, e.g. “Locates ...”.")

    panels = [FieldPanel("text")]

    def __str__(self) -> str:
        return self.text

    class Meta(Orderable.Meta):
        db_table = "courses_skillschecklistitem"  # kept from before the move: rows stay put


class SkillSignoff(models.Model):
    """An instructor saw the learner perform the skill. Kept with the skill's wording."""

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="skill_signoffs"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="skill_signoffs"
    )
    item = models.ForeignKey(
        SkillsChecklistItem, null=True, on_delete=models.SET_NULL, related_name="signoffs"
    )
    item_text = models.CharField(max_length=300)
    instructor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "courses_skillsignoff"  # kept from before the move: rows stay put
        ordering = ["signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["student", "item"], name="courses_skill_signed_once")
        ]

    def __str__(self) -> str:
        return f"{self.student_id}: {self.item_text}"
