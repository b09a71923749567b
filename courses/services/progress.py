"""A learner's progress through a course: which lessons they have opened, and how often."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from courses.models import CoursePage, LessonPage, LessonVisit
from courses.signals import lesson_first_visited


def lesson_visit_record(*, user, lesson: LessonPage, course: CoursePage) -> bool:
    """Count `user`'s visit to `lesson`; True when it was their first, announced once committed.

    A repeat visit, by far the common case, is one UPDATE and needs no transaction of its own;
    only the first visit inserts, inside a savepoint so that losing the race to a concurrent
    first visit (the unique constraint) turns into a counted repeat visit instead of an error.
    """
    visits = LessonVisit.objects.filter(student=user, lesson=lesson)
    if _count_again(visits):
        return False
    return lesson_first_visit_record(student_id=user.pk, lesson_id=lesson.pk, course_id=course.pk)


def lesson_first_visit_record(*, student_id: int, lesson_id: int, course_id: int) -> bool:
    """Insert the visit of a learner who has not opened the lesson yet (announced once
    committed); True, or False when a concurrent first visit won the race and this one was
    counted as a repeat."""
    try:
        with transaction.atomic():
            visit = LessonVisit.objects.create(
                student_id=student_id, lesson_id=lesson_id, course_id=course_id
            )
    except IntegrityError:
        _count_again(LessonVisit.objects.filter(student_id=student_id, lesson_id=lesson_id))
        return False
    transaction.on_commit(lambda: lesson_first_visited.send(sender=LessonVisit, visit=visit))
    return True


def _count_again(visits) -> bool:
    # update() skips auto_now, hence last_visited_at by hand.
    return visits.update(visit_count=F("visit_count") + 1, last_visited_at=timezone.now()) == 1
