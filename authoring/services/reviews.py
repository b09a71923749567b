"""A whole course reviewed at once: submit every changed page together, then approve (publish
them all in one transaction, children before the course) or request changes once.

The CE check runs on the course as the submitted revisions make it, so a course whose lessons
and final assessment are new passes when they pass together.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, WorkflowState

from authoring import selectors
from authoring.models import CourseReview, CourseReviewItem
from courses.models import CoursePage
from schools import rules

NOTHING_CHANGED = "Nothing in this course has changed since it was last published."
ALREADY_PENDING = "This course is already waiting for review."
NOT_PENDING = "This review has already been decided or withdrawn."
COMMENT_REQUIRED = "Say what should change."
REVISION_GONE = "A submitted revision of “{title}” no longer exists: submit the course again."
NOT_ALLOWED_SUBMIT = "You may not submit this course."
NOT_ALLOWED_REVIEW = "Only the school's reviewers may decide this review."
APPROVAL_REFUSED = "“{title}” cannot be approved for CE credit as submitted: {problems}"


@transaction.atomic
def course_review_submit(*, user, course: CoursePage, note: str = "") -> CourseReview:
    """Submit `course` with each of its pages that is new or has draft changes, as one review."""
    if not rules.may_author_course(user, course=course):
        raise PermissionDenied(NOT_ALLOWED_SUBMIT)
    Page.objects.select_for_update().filter(pk=course.pk).first()
    if CourseReview.objects.filter(course=course, status=CourseReview.Status.PENDING).exists():
        raise ValidationError(ALREADY_PENDING)
    pages = selectors.changed_pages(selectors.course_pages(course))
    if not pages:
        raise ValidationError(NOTHING_CHANGED)
    review = CourseReview.objects.create(course=course, submitted_by=user, note=note.strip())
    items = []
    for page in pages:
        revision_id = page.latest_revision_id
        if revision_id is None:  # made outside the editor (a loader): give it a revision
            revision_id = page.specific.save_revision(user=user, clean=False).pk
        items.append(
            CourseReviewItem(
                review=review, page_id=page.pk, revision_id=revision_id, is_new=not page.live
            )
        )
    CourseReviewItem.objects.bulk_create(items)
    return review


def _pending(review: CourseReview, user) -> CourseReview:
    review = CourseReview.objects.select_for_update().select_related("course").get(pk=review.pk)
    if not rules.may_review_course(user, course=review.course):
        raise PermissionDenied(NOT_ALLOWED_REVIEW)
    if review.status != CourseReview.Status.PENDING:
        raise ValidationError(NOT_PENDING)
    return review


@transaction.atomic
def course_review_approve(*, user, review: CourseReview) -> CourseReview:
    """Publish every submitted revision, deepest pages first and the course last, once the CE
    check passes on the result; any single-page workflow still open on them is cancelled."""
    review = _pending(review, user)
    detail = selectors.review_detail(review=review)
    if detail.check.problems:
        raise ValidationError(
            APPROVAL_REFUSED.format(
                title=review.course.title, problems=" ".join(detail.check.problems)
            )
        )
    items = list(review.items.select_related("revision", "page"))
    for item in items:
        if item.revision is None:
            raise ValidationError(REVISION_GONE.format(title=item.page.draft_title))
    open_states = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(item.page_id) for item in items],
        status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
    )
    for state in open_states:
        state.cancel(user=user)
    for item in sorted(items, key=lambda i: (-i.page.depth, i.page.path)):
        item.revision.publish(user=user, skip_permission_checks=True)
    review.status = CourseReview.Status.APPROVED
    review.decided_by = user
    review.decided_at = timezone.now()
    review.save(update_fields=["status", "decided_by", "decided_at"])
    return review


@transaction.atomic
def course_review_request_changes(
    *, user, review: CourseReview, comment: str, page_comments: dict[int, str] | None = None
) -> CourseReview:
    """Send the course back with one comment, and optionally one per page."""
    review = _pending(review, user)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": COMMENT_REQUIRED})
    for item in review.items.all():
        text = ((page_comments or {}).get(item.page_id) or "").strip()
        if text:
            item.comment = text
            item.save(update_fields=["comment"])
    review.status = CourseReview.Status.CHANGES_REQUESTED
    review.comment = comment
    review.decided_by = user
    review.decided_at = timezone.now()
    review.save(update_fields=["status", "comment", "decided_by", "decided_at"])
    return review


@transaction.atomic
def course_review_withdraw(*, user, review: CourseReview) -> CourseReview:
    """The author takes the submission back to change it further."""
    review = CourseReview.objects.select_for_update().select_related("course").get(pk=review.pk)
    if not rules.may_author_course(user, course=review.course):
        raise PermissionDenied(NOT_ALLOWED_SUBMIT)
    if review.status != CourseReview.Status.PENDING:
        raise ValidationError(NOT_PENDING)
    review.status = CourseReview.Status.WITHDRAWN
    review.save(update_fields=["status"])
    return review
