"""Reads for quizzes. Query counts are decided here and pinned in tests/quizzes."""

from django.db.models import QuerySet

from courses.models import CoursePage, Enrollment
from quizzes.models import Attempt, AttemptSlot, QuizPage


def quiz_course(*, quiz: QuizPage) -> CoursePage | None:
    return CoursePage.objects.ancestor_of(quiz).first()


def quiz_access(*, user, quiz: QuizPage) -> bool:
    """Enrolled students (active) and staff may take a quiz: one or two queries."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    ancestor_paths = [quiz.path[: n * quiz.steplen] for n in range(1, quiz.depth)]
    return Enrollment.objects.filter(
        student=user, status=Enrollment.Status.ACTIVE, course__path__in=ancestor_paths
    ).exists()


def attempt_for_student(*, user, attempt_id) -> Attempt | None:
    return Attempt.objects.select_related("quiz").filter(pk=attempt_id, student=user).first()


def attempt_slots(*, attempt: Attempt) -> QuerySet[AttemptSlot]:
    return attempt.slots.select_related("question_version").order_by("order")


def attempts_for(*, quiz: QuizPage, user) -> QuerySet[Attempt]:
    return Attempt.objects.filter(quiz=quiz, student=user).order_by("number")


def hotspot_image_urls(*, slots) -> dict:
    """{image id: URL} for the hotspot questions among `slots`, in at most one query."""
    from wagtail.images import get_image_model

    ids = {
        slot.question_version.data.get("image")
        for slot in slots
        if slot.question_version.qtype == "hotspot"
    } - {None, ""}
    if not ids:
        return {}
    images = list(get_image_model().objects.filter(pk__in=ids))
    return {image.pk: image.file.url for image in images} | {
        str(image.pk): image.file.url for image in images
    }
