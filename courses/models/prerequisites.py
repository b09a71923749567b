from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import PageChooserPanel
from wagtail.models import Orderable

PREREQUISITE_SELF = "A course cannot require itself."
PREREQUISITE_CYCLE = "“{required}” requires this course: two courses cannot require each other."


class CoursePrerequisite(Orderable):
    """A course the learner must have completed before enrolling on `course` and reading it.

    The rule is enforced by courses.selectors.locks; whether a course is completed is the
    completion hub's record (Enrollment.completed_at, written only by completion/)."""

    course = ParentalKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="prerequisite_links"
    )
    required_course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="required_by_links"
    )

    panels = [PageChooserPanel("required_course", page_type="courses.CoursePage")]

    class Meta(Orderable.Meta):
        verbose_name = "required course"
        constraints = [
            models.UniqueConstraint(
                fields=["course", "required_course"], name="courses_prerequisite_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.course_id} requires {self.required_course_id}"

    def clean(self) -> None:
        super().clean()
        if not self.course_id or not self.required_course_id:
            return
        if self.course_id == self.required_course_id:
            raise ValidationError({"required_course": PREREQUISITE_SELF})
        reverse = CoursePrerequisite.objects.filter(
            course_id=self.required_course_id, required_course_id=self.course_id
        )
        if reverse.exists():
            raise ValidationError(
                {"required_course": PREREQUISITE_CYCLE.format(required=self.required_course)}
            )
