"""The demo learner's finished course: every lesson read, every quiz passed, honestly graded.

Goes through the same services as a real learner (lesson visits, attempts, grading), so the
certificate that follows rests on real records, not on flags set by hand.
"""

import random

from courses.models import Enrollment, LessonPage
from courses.services.progress import lesson_visit_record
from quizzes.demo.answers import right_answer
from quizzes.models import AUTO_GRADED_TYPES, Attempt, QuizPage
from quizzes.services.attempts import attempt_start, attempt_submit
from quizzes.services.completion import course_completion

# The same draw and shuffle on every machine, so a second load finds the same records.
DEMO_SEED = 20261124


def demo_course_complete(*, enrollment: Enrollment) -> list[str]:
    """Finish the course for the enrolment's student; what was created, for the load report."""
    if course_completion(enrollment=enrollment).complete:
        return []
    created = []
    student, course = enrollment.student, enrollment.course
    for lesson in LessonPage.objects.live().descendant_of(course).order_by("path"):
        lesson_visit_record(user=student, lesson=lesson, course=course)
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


def _passed(quiz: QuizPage, student) -> bool:
    return Attempt.objects.filter(
        quiz=quiz,
        student=student,
        state=Attempt.State.SUBMITTED,
        fraction__gte=quiz.pass_mark / 100,
    ).exists()
