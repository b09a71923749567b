"""Course completion, decided in one place, and the certificate it starts.

The rules: an active enrolment whose learner has read every required live lesson for its
reading time (courses), passed every required live quiz (quizzes) and, on a live course,
attended every session in full and had every skill signed off (live).

The verb: `course_completion_check` locks the enrolment and, only while `completed_at` is
still empty, records it and creates the pending certificate in the same transaction. So
whichever fact comes last (a lesson read, an attempt graded, attendance recorded; see
completion/receivers.py), and even two at once, a course is completed once per enrolment and
`completed_at` keeps the first time.
"""

import logging
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from certificates import services as certificates
from completion.locked_facts import enrollment_facts_locked
from completion.shortfall import course_surely_incomplete
from courses.models import Enrollment
from courses.selectors import lesson_progress
from live.selectors import LiveProgress, live_progress
from quizzes.results import quiz_progress

logger = logging.getLogger(__name__)


# --- The rules ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CourseCompletion:
    complete: bool
    required_quiz_ids: list[int] = field(default_factory=list)
    passed_quiz_ids: set[int] = field(default_factory=set)
    required_lesson_ids: list[int] = field(default_factory=list)
    visited_lesson_ids: set[int] = field(default_factory=set)  # the required ones read
    lessons_tracked: bool = True
    # Live sessions attended in full and practical skills signed off.
    live: LiveProgress = field(default_factory=LiveProgress)


def course_completion(*, enrollment: Enrollment) -> CourseCompletion:
    """Whether the enrolment's course is complete: three queries whatever its size (and one to
    load the course, unless the enrolment was read with it). A course with live sessions or a
    practical-skills checklist also needs full attendance of every session and every skill
    signed off: its Certificate of Completion rests on recorded attendance."""
    course = enrollment.course
    lessons = lesson_progress(course=course, student_id=enrollment.student_id)
    quizzes = quiz_progress(course=course, student_id=enrollment.student_id)
    live = live_progress(course=course, student_id=enrollment.student_id)
    return CourseCompletion(
        complete=enrollment.is_active and lessons.complete and quizzes.complete and live.complete,
        live=live,
        required_quiz_ids=quizzes.required_ids,
        passed_quiz_ids=quizzes.passed_ids,
        required_lesson_ids=lessons.required_ids,
        visited_lesson_ids=lessons.required_visited_ids,
    )


# --- The verb -------------------------------------------------------------------------------


def course_completion_check(*, enrollment: Enrollment) -> bool:
    """Record the enrolment's completion and start its certificate if the course is complete
    now: True if this call did. The row lock and the empty `completed_at` make it once only,
    even when a lesson read and a graded attempt finish the course at the same moment."""
    if enrollment.completed_at is not None:  # never cleared, so no lock needed to trust it
        return False
    with transaction.atomic():
        # The lock first, then the cheap check: reading before the lock could miss a fact that
        # a transaction holding the lock is about to commit, and no one would complete it.
        facts = enrollment_facts_locked(enrollment_id=enrollment.pk)
        if facts is None:
            return False  # completed meanwhile
        status, student_id, course_path, course_depth = facts
        if status != Enrollment.Status.ACTIVE:
            return False  # course_completion says no to an enrolment that is not active
        if course_surely_incomplete(
            course_path=course_path, course_depth=course_depth, student_id=student_id
        ):
            return False
        locked = (
            Enrollment.objects.select_for_update(of=("self",))
            .select_related("course", "student")
            .filter(pk=enrollment.pk, completed_at__isnull=True)
            .first()
        )
        if locked is None or not course_completion(enrollment=locked).complete:
            return False
        locked.completed_at = timezone.now()
        locked.save(update_fields=["completed_at", "updated_at"])
        # Inside the transaction: the pending certificate commits with the completion.
        certificate_start(enrollment=locked)
    enrollment.completed_at = locked.completed_at
    return True


def certificate_start(*, enrollment: Enrollment) -> None:
    """The pending certificate of a completed enrolment. Only a refusal (ValidationError, its
    savepoint rolled back) is logged and leaves the completion standing; any other error rolls
    back the completion too, which the learner's next submit or visit records again."""
    try:
        certificates.certificate_create_pending(enrollment=enrollment)
    except ValidationError as exc:
        logger.info("No certificate for enrolment %s: %s", enrollment.pk, exc.messages)
