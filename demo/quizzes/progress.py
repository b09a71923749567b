"""The demo learner's finished course: every lesson read for its reading time, every quiz
passed, honestly graded.

Goes through the same services as a real learner (lesson visits, attempts, grading), so the
certificate that follows rests on real records, not on flags set by hand.
"""

import math
import random
from datetime import timedelta

from django.utils import timezone

from completion.services import course_completion
from courses.models import Enrollment, LessonPage, LessonVisit
from courses.reading_time import heartbeat_seconds, lesson_min_seconds_of
from courses.services.progress import lesson_visit_record
from courses.services.reading_time import seat_time_heartbeat
from demo.quizzes.answers import right_answer
from quizzes.models import AUTO_GRADED_TYPES, Attempt, QuizPage
from quizzes.services.attempts import attempt_start, attempt_submit

# The same draw and shuffle on every machine, so a second load finds the same records.
DEMO_SEED = 20261124


def demo_course_complete(*, enrollment: Enrollment) -> list[str]:
    """Finish the course for the enrolment's student; what was created, for the load report."""
    if course_completion(enrollment=enrollment).complete:
        return []
    created = []
    student, course = enrollment.student, enrollment.course
    lessons = list(
        LessonPage.objects.live().descendant_of(course).defer_streamfields().order_by("path")
    )
    for lesson in lessons:
        lesson_visit_record(user=student, lesson=lesson, course=course)
    _read(student, lessons)
    rng = random.Random(DEMO_SEED)  # noqa: S311 - a reproducible shuffle, not a secret
    for quiz in QuizPage.objects.live().descendant_of(course).order_by("path"):
        if _passed(quiz, student):
            continue
        attempt = attempt_start(quiz=quiz, user=student, rng=rng)
        for slot in attempt.slots.select_related("question_version"):
            version = slot.question_version
            if version.qtype not in AUTO_GRADED_TYPES:
                continue
            slot.response = right_answer(version.qtype, version.data)
            slot.save(update_fields=["response"])
        attempt_submit(attempt=attempt)
        created.append(f"demo attempt: {quiz.title}")
    return created


def _read(student, lessons: list[LessonPage]) -> None:
    """Each lesson read for its minimum time, in heartbeats as the lesson page sends them on a
    clock set back to when the demo learner would have read, so the seat time is credited by
    the same rules as a real learner's."""
    step = heartbeat_seconds()
    spent = dict(
        LessonVisit.objects.filter(student=student, lesson__in=lessons).values_list(
            "lesson_id", "seat_seconds"
        )
    )
    beats = {
        lesson.pk: math.ceil(max(lesson_min_seconds_of(lesson) - spent.get(lesson.pk, 0), 0) / step)
        for lesson in lessons
    }
    now = timezone.now() - timedelta(seconds=step * (sum(beats.values()) + 2 * len(lessons)))
    for lesson in lessons:
        if not beats[lesson.pk]:
            continue
        for _ in range(beats[lesson.pk] + 1):  # the first heartbeat of a spell starts the clock
            seat_time_heartbeat(user=student, lesson=lesson, visible=True, active=True, now=now)
            now += timedelta(seconds=step)
        seat_time_heartbeat(user=student, lesson=lesson, visible=False, active=False, now=now)


def _passed(quiz: QuizPage, student) -> bool:
    return Attempt.objects.filter(
        quiz=quiz,
        student=student,
        state=Attempt.State.SUBMITTED,
        fraction__gte=quiz.pass_mark / 100,
    ).exists()
