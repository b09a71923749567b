"""Enrolments: who may study a course. Each verb is keyword-only and transactional."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from courses.models import CoursePage, Enrollment
from courses.selectors import course_version_current, prerequisite_lock
from courses.services.credit import enrollment_boards_preselect
from courses.signals import enrollment_created, enrollment_restored, enrollment_withdrawn

COURSE_NOT_FREE = "This course is not free: enrol through checkout."
COURSE_NOT_LIVE = "This course is not open for enrolment."
ENROLLMENT_REVOKED = "Your enrolment on this course was revoked; contact the school."


@transaction.atomic
def enrollment_create(
    *, user, course: CoursePage, source: str = Enrollment.Source.FREE
) -> Enrollment:
    """Enrol `user` on `course`; idempotent: a second call returns the first enrolment.

    A learner enrolling themselves (a free course) must have completed the course's
    prerequisites; a school or staff granting a place may enrol anyone, and the lessons stay
    locked until the prerequisites are complete (courses.selectors.page_lock)."""
    if not course.live:
        raise ValidationError(COURSE_NOT_LIVE)
    if source == Enrollment.Source.FREE and not course.is_free:
        raise ValidationError(COURSE_NOT_FREE)
    existing = Enrollment.objects.select_for_update().filter(student=user, course=course).first()
    if existing is not None:
        if existing.status == Enrollment.Status.REVOKED and source == Enrollment.Source.FREE:
            raise PermissionDenied(ENROLLMENT_REVOKED)
        return existing
    if source == Enrollment.Source.FREE:
        lock = prerequisite_lock(user=user, course=course)
        if lock is not None:
            raise ValidationError(lock.message, code="prerequisites")
    enrollment = Enrollment(
        student=user,
        course=course,
        source=source,
        course_version=course_version_current(course=course),
    )
    enrollment.full_clean()
    try:
        with transaction.atomic():
            enrollment.save()
    except IntegrityError:  # a concurrent request enrolled first
        return Enrollment.objects.get(student=user, course=course)
    enrollment_boards_preselect(enrollment=enrollment)
    enrollment_created.send(sender=Enrollment, enrollment=enrollment)
    return enrollment


def _withdrawn(enrollment: Enrollment, reason: str) -> None:
    # Sent inside the caller's transaction, not after it commits: what the receivers withdraw
    # (a certificate) commits or rolls back with the refund, so no crash between the two can
    # leave a paid-back certificate valid. A receiver's error aborts the withdrawal.
    enrollment_withdrawn.send(sender=Enrollment, enrollment=enrollment, reason=reason)


@transaction.atomic
def enrollment_revoke(*, enrollment: Enrollment, reason: str) -> Enrollment:
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    if enrollment.status != Enrollment.Status.REVOKED:
        enrollment.status = Enrollment.Status.REVOKED
        enrollment.revoked_at = timezone.now()
        enrollment.status_reason = reason
        enrollment.save(update_fields=["status", "revoked_at", "status_reason", "updated_at"])
        _withdrawn(enrollment, reason)
    return enrollment


@transaction.atomic
def enrollment_suspend(*, enrollment: Enrollment, reason: str) -> Enrollment:
    """Pause access (a disputed payment) without losing the record; revoked stays revoked."""
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    if enrollment.status == Enrollment.Status.ACTIVE:
        enrollment.status = Enrollment.Status.SUSPENDED
        enrollment.status_reason = reason
        enrollment.save(update_fields=["status", "status_reason", "updated_at"])
        _withdrawn(enrollment, reason)
    return enrollment


@transaction.atomic
def enrollment_restore(*, enrollment: Enrollment, reason: str, withdrawn_reason: str) -> Enrollment:
    """Give back an enrolment suspended for `withdrawn_reason` (a dispute the school won);
    one suspended or revoked for anything else stays as it is."""
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    if (
        enrollment.status == Enrollment.Status.SUSPENDED
        and enrollment.status_reason == withdrawn_reason
    ):
        enrollment.status = Enrollment.Status.ACTIVE
        enrollment.status_reason = reason
        enrollment.save(update_fields=["status", "status_reason", "updated_at"])
        # In the transaction, as for a withdrawal: the certificate comes back with the access.
        enrollment_restored.send(
            sender=Enrollment,
            enrollment=enrollment,
            reason=reason,
            withdrawn_reason=withdrawn_reason,
        )
    return enrollment


@transaction.atomic
def enrollment_grant_paid(*, user, course: CoursePage) -> Enrollment:
    """The enrolment a verified payment buys: no live check (the money is already taken)."""
    enrollment, created = Enrollment.objects.select_for_update().get_or_create(
        student=user,
        course=course,
        defaults={
            "source": Enrollment.Source.PAID,
            "course_version": course_version_current(course=course),
        },
    )
    if created:
        enrollment_boards_preselect(enrollment=enrollment)
        enrollment_created.send(sender=Enrollment, enrollment=enrollment)
    return enrollment
