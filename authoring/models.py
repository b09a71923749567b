"""A course submitted for review as one unit: the course and every page of it that changed.

Wagtail's workflow reviews one page at a time; a course of six pages would need six
submissions, and the course could not pass its CE check until each child had been published
alone. A CourseReview holds the revisions submitted together, so a reviewer approves (publishes
them all) or requests changes once.
"""

from django.conf import settings
from django.db import models


class CourseReview(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        APPROVED = "approved", "Approved and published"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        WITHDRAWN = "withdrawn", "Withdrawn"

    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="course_reviews"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField("note for the reviewer", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField("reviewer's comment", blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["course"],
                condition=models.Q(status="pending"),
                name="authoring_one_pending_review_per_course",
            ),
        ]

    def __str__(self) -> str:
        return f"Review of course {self.course_id} ({self.get_status_display()})"


class CourseReviewItem(models.Model):
    """One page of the submission and the revision submitted (what the reviewer saw)."""

    review = models.ForeignKey(CourseReview, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    # Revisions outlive a review unless purged; a purged one leaves the item to be re-submitted.
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_new = models.BooleanField(help_text="The page had never been published when submitted.")
    comment = models.TextField("reviewer's comment on this page", blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "page"], name="authoring_item_once"),
        ]

    def __str__(self) -> str:
        return f"Page {self.page_id} in review {self.review_id}"
