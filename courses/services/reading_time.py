"""Crediting seat time from the lesson page's heartbeats. The client is not trusted.

A heartbeat says whether the page was visible and in use; it may also claim how many seconds it
covers. The server credits the smallest of: the wall-clock time since the previous heartbeat on
this lesson, the time since the previous heartbeat on any lesson of the course (two tabs never
earn double), the heartbeat interval plus slack, and the claim. It credits nothing for a hidden
or idle page, for the first heartbeat of a reading spell, or after a silence longer than the
idle cut-off. A hidden or idle heartbeat ends the spell, so the time away is never counted.

Every heartbeat of a learner on a course locks their enrolment row, so concurrent heartbeats
(two tabs) are applied one after the other, and the lesson's and the enrolment's totals move
together in the same transaction.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from courses.models import Enrollment, LessonPage, LessonVisit
from courses.reading_time import credit_cap_seconds, idle_seconds, lesson_min_seconds_of
from courses.signals import lesson_reading_met

HEARTBEAT_NOT_ENROLLED = "Reading time is recorded only for learners enrolled on the course."
HEARTBEAT_NOT_OPENED = "Open the lesson before its reading time can be recorded."
HEARTBEAT_BAD_SECONDS = "The seconds claimed must be a whole number from 0 upwards."


@dataclass(frozen=True)
class HeartbeatResult:
    credited: int
    lesson_seconds: int
    course_seconds: int
    lesson_remaining_seconds: int


def _seconds_since(earlier: datetime | None, now: datetime) -> float | None:
    return None if earlier is None else (now - earlier).total_seconds()


@transaction.atomic
def seat_time_heartbeat(
    *,
    user,
    lesson: LessonPage,
    visible: bool,
    active: bool,
    claimed_seconds: int | None = None,
    now: datetime | None = None,
) -> HeartbeatResult:
    """Record one heartbeat of `user` reading `lesson`; returns what was credited."""
    if claimed_seconds is not None and (
        isinstance(claimed_seconds, bool)
        or not isinstance(claimed_seconds, int)
        or claimed_seconds < 0
    ):
        raise ValidationError(HEARTBEAT_BAD_SECONDS)
    now = now or timezone.now()
    course_id = (
        LessonVisit.objects.filter(student=user, lesson=lesson)
        .values_list("course_id", flat=True)
        .first()
    )
    if course_id is None:  # never opened while enrolled: there is nothing to add time to
        raise PermissionDenied(HEARTBEAT_NOT_OPENED)
    enrollment = (
        Enrollment.objects.select_for_update()
        .filter(student=user, course_id=course_id, status=Enrollment.Status.ACTIVE)
        .first()
    )
    if enrollment is None:
        raise PermissionDenied(HEARTBEAT_NOT_ENROLLED)
    visit = LessonVisit.objects.select_for_update().get(student=user, lesson=lesson)

    reading = visible and active
    credit = 0
    since_lesson = _seconds_since(visit.last_heartbeat_at, now)
    if reading and since_lesson is not None and 0 < since_lesson <= idle_seconds():
        limits = [since_lesson, credit_cap_seconds()]
        since_course = _seconds_since(enrollment.seat_heartbeat_at, now)
        if since_course is not None:
            limits.append(max(since_course, 0))
        if claimed_seconds is not None:
            limits.append(claimed_seconds)
        credit = int(min(limits))

    LessonVisit.objects.filter(pk=visit.pk).update(
        seat_seconds=F("seat_seconds") + credit, last_heartbeat_at=now if reading else None
    )
    enrollment_update = {"seat_seconds": F("seat_seconds") + credit}
    if reading:
        enrollment_update["seat_heartbeat_at"] = now
    Enrollment.objects.filter(pk=enrollment.pk).update(**enrollment_update)

    lesson_seconds = visit.seat_seconds + credit
    minimum = lesson_min_seconds_of(lesson)
    if visit.seat_seconds < minimum <= lesson_seconds:
        # This heartbeat completed the lesson: that may complete the course.
        transaction.on_commit(lambda: lesson_reading_met.send(sender=LessonVisit, visit=visit))
    return HeartbeatResult(
        credited=credit,
        lesson_seconds=lesson_seconds,
        course_seconds=enrollment.seat_seconds + credit,
        lesson_remaining_seconds=max(minimum - lesson_seconds, 0),
    )
