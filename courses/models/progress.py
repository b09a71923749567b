from django.conf import settings
from django.db import models


class LessonVisit(models.Model):
    """A student's visits to one lesson: the evidence behind "all required lessons visited"."""

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="lesson_visits"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="visits"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="lesson_visits"
    )
    first_visited_at = models.DateTimeField(auto_now_add=True)
    last_visited_at = models.DateTimeField(auto_now=True)
    visit_count = models.PositiveIntegerField(default=1)
    # Seat time: reading time the server credited from the page's heartbeats
    # (courses/services/reading_time.py), and the last heartbeat of the current reading spell.
    seat_seconds = models.PositiveIntegerField(default=0)
    last_heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["student", "lesson"], name="courses_lesson_visit_once")
        ]
        indexes = [models.Index(fields=["course", "student"], name="courses_visit_course_student")]

    def __str__(self) -> str:
        return f"{self.student_id} visited {self.lesson_id}"

    @property
    def seat_minutes(self) -> int:
        return self.seat_seconds // 60
