from django.conf import settings
from django.db import models


class CourseVersion(models.Model):
    """One published version of a course: the changelog entry, and what enrolments and
    certificates point at.

    A version is recorded each time the course page itself is published. Lessons and quizzes
    published since the previous version are listed in `changed_pages`, so the changelog says
    what moved even when the author wrote no note.
    """

    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField()
    # Who wrote the published revision (an approver in a workflow publishes it unchanged).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notes = models.TextField(blank=True)
    # [{"id": page id, "title": ..., "type": "lesson" | "quiz" | "module"}], oldest first.
    changed_pages = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["course", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["course", "number"], name="course_version_number"),
            models.UniqueConstraint(fields=["revision"], name="course_version_revision"),
        ]

    def __str__(self) -> str:
        return f"{self.course_id} v{self.number}"
