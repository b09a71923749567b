"""Reads for quizzes. Query counts are decided here and pinned in tests/quizzes."""

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from django.db.models import Exists, OuterRef, QuerySet
from wagtail.models import Page

from courses import selectors as course_selectors
from courses.models import CoursePage, Enrollment
from courses.reading_time import SeatTimeStatus, seat_time_status
from quizzes import attempt_rows, gate
from quizzes.models import Accommodation, Attempt, AttemptSlot, QuizKind, QuizPage
from schools import rules


def quiz_course(*, quiz: QuizPage) -> CoursePage | None:
    return CoursePage.objects.ancestor_of(quiz).first()


def quiz_access(*, user, quiz: QuizPage) -> bool:
    """Enrolled students (active) and staff may take a quiz: one or two queries."""
    if not user.is_authenticated:
        return False
    if rules.is_platform_staff(user):
        return True
    ancestor_paths = [quiz.path[: n * quiz.steplen] for n in range(1, quiz.depth)]
    return Enrollment.objects.filter(
        student=user, status=Enrollment.Status.ACTIVE, course__path__in=ancestor_paths
    ).exists()


def quiz_lock(*, user, quiz: QuizPage, now=None) -> "course_selectors.Lock | None":
    """Why an enrolled learner may not take `quiz` yet (the course's prerequisites, its
    module's release date; a final opens with the last module), or None: staff, the school's
    members and anyone not enrolled get None (quiz_access decides for them). One query (the
    enrolment read with the rules' facts), one more for a course-level final."""
    if not user.is_authenticated:
        return None
    enrollment = gate.enrollment_with_lock_facts(user=user, page=quiz)
    if enrollment is None:
        return None
    return course_selectors.page_lock(
        user=user, page=quiz, course=enrollment.course, enrollment=enrollment, now=now
    )


@dataclass(frozen=True)
class QuizGate:
    """Whether `user` may take a quiz, and the drip or prerequisite lock shutting it for now."""

    may_take: bool
    lock: "course_selectors.Lock | None"


def quiz_gate(*, user, quiz: QuizPage, now=None) -> QuizGate:
    """quiz_access and quiz_lock answered from one read of the enrolment (quizzes.gate; the
    open attempt's pages ask both on every request, for speed): equal to asking the two."""
    if not user.is_authenticated:
        return QuizGate(may_take=False, lock=None)
    enrollment = gate.enrollment_with_lock_facts(user=user, page=quiz)
    if enrollment is None:
        return QuizGate(may_take=rules.is_platform_staff(user), lock=None)
    lock = course_selectors.page_lock(
        user=user, page=quiz, course=enrollment.course, enrollment=enrollment, now=now
    )
    return QuizGate(may_take=True, lock=lock)


def final_assessment_seat_time(*, quiz: QuizPage, user) -> SeatTimeStatus | None:
    """The reading time an enrolled learner still owes before this final assessment opens, or
    None: not a final assessment, no active enrolment (staff trying it), or the time is spent.
    Two queries for a final assessment, none for another quiz."""
    if quiz.kind != QuizKind.FINAL_ASSESSMENT or not user.is_authenticated:
        return None
    ancestor_paths = [quiz.path[: n * quiz.steplen] for n in range(1, quiz.depth)]
    enrollment = (
        Enrollment.objects.filter(
            student=user, status=Enrollment.Status.ACTIVE, course__path__in=ancestor_paths
        )
        .select_related("course")
        .first()
    )
    if enrollment is None:
        return None
    status = seat_time_status(enrollment=enrollment)
    return None if status.met else status


def page_after(*, quiz: QuizPage, course: CoursePage | None) -> Page | None:
    """The live lesson or quiz that follows `quiz` in `course`, or None: one query."""
    from courses.models import LessonPage

    if course is None:
        return None
    return (
        Page.objects.live()
        .type(LessonPage, QuizPage)
        .filter(path__startswith=course.path, path__gt=quiz.path)
        .order_by("path")
        .first()
    )


def accommodation_for(*, user, quiz: QuizPage) -> Accommodation | None:
    """The learner's extra time on the quiz's course (the latest grant for the whole course),
    or None: one query."""
    if not user.is_authenticated:
        return None
    ancestor_paths = [quiz.path[: n * quiz.steplen] for n in range(1, quiz.depth)]
    return (
        Accommodation.objects.filter(
            student=user, attempt__isnull=True, course__path__in=ancestor_paths
        )
        .order_by("-granted_at", "-pk")
        .first()
    )


def course_accommodations(*, course: CoursePage) -> QuerySet[Accommodation]:
    """Every grant on `course`, newest first, with the people named: one query."""
    return Accommodation.objects.filter(course=course).select_related(
        "student", "granted_by", "attempt__quiz"
    )


def quiz_total_marks(*, quiz: QuizPage):
    """The marks a whole attempt is out of, or None when random draws make it vary: one query."""
    from decimal import Decimal

    total = Decimal(0)
    for slot in quiz.slots.select_related("question").order_by("sort_order"):
        if slot.question_id is None:
            if slot.mark is None:
                return None
            total += slot.mark * slot.draw_count
        elif slot.question.qtype != "description":
            total += slot.mark if slot.mark is not None else slot.question.default_mark
    return total


def attempt_for_student(*, user, attempt_id) -> Attempt | None:
    return Attempt.objects.select_related("quiz").filter(pk=attempt_id, student=user).first()


# The quiz fields an open attempt's pages read (the gate, the paging, the title): the rest of
# the Wagtail page is left unread, for speed. Reading another field costs a query of its own.
OPEN_ATTEMPT_QUIZ_FIELDS = (
    "title",
    "path",
    "depth",
    "url_path",
    "kind",
    "layout",
    "questions_per_page",
)


def attempt_for_student_lean(*, user, attempt_id) -> Attempt | None:
    """attempt_for_student with only the quiz's OPEN_ATTEMPT_QUIZ_FIELDS read: for the question
    page and submit, whose speed the bench guards (one hand-written query: quizzes.attempt_rows)."""
    return attempt_rows.attempt_of_student(
        student_id=user.pk, attempt_id=int(attempt_id), quiz_fields=OPEN_ATTEMPT_QUIZ_FIELDS
    )


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


# --- Instructor tools: attempt list, gradebook, item analysis ----------------------------


def course_instructor_access(*, user, course: CoursePage | None) -> bool:
    """Staff, and the course school's admins and instructors: at most one query."""
    return rules.may_teach_course(user, course=course)


def _first_submitted_attempts(*, quiz: QuizPage) -> QuerySet[Attempt]:
    """Each student's first submitted attempt at `quiz`, chosen in SQL (Moodle's "first
    attempt" statistics): no earlier submitted attempt by the same student exists."""
    submitted = Attempt.objects.filter(quiz=quiz, state=Attempt.State.SUBMITTED)
    earlier = submitted.filter(student=OuterRef("student"), number__lt=OuterRef("number"))
    return submitted.filter(~Exists(earlier))


def item_analysis_rows(*, quiz: QuizPage):
    """(attempt, slot order, question, version, mark, max mark, response) for every slot of
    each student's first submitted attempt: one query, streamed in chunks."""
    return (
        AttemptSlot.objects.filter(attempt__in=_first_submitted_attempts(quiz=quiz))
        .order_by()
        .values_list(
            "attempt_id",
            "order",
            "question_version__question_id",
            "question_version_id",
            "mark",
            "max_mark",
            "response",
        )
        .iterator(chunk_size=5000)
    )


def item_analysis_version_ids(*, quiz: QuizPage) -> set[int]:
    """The question versions the analysed attempts were drawn from: one query."""
    return set(
        AttemptSlot.objects.filter(attempt__in=_first_submitted_attempts(quiz=quiz))
        .order_by()
        .values_list("question_version_id", flat=True)
        .distinct()
    )


def question_versions_by_id(*, ids) -> dict:
    from quizzes.models import QuestionVersion

    if not ids:
        return {}
    return QuestionVersion.objects.select_related("question").in_bulk(list(ids))


def quiz_attempts(*, quiz: QuizPage, state: str = "", search: str = "") -> QuerySet[Attempt]:
    from django.db.models import Q

    attempts = Attempt.objects.filter(quiz=quiz).select_related("student")
    if state:
        attempts = attempts.filter(state=state)
    if search:
        attempts = attempts.filter(
            Q(student__email__icontains=search)
            | Q(student__display_name__icontains=search)
            | Q(student__legal_name__icontains=search)
        )
    return attempts.order_by("student__email", "number")


def attempt_for_grading(*, attempt_id) -> Attempt | None:
    return Attempt.objects.select_related("quiz", "student").filter(pk=attempt_id).first()


def course_required_quizzes(*, course: CoursePage) -> list[QuizPage]:
    return list(
        QuizPage.objects.live()
        .descendant_of(course)
        .filter(required_for_completion=True)
        .order_by("path")
        .only("pk", "title", "pass_mark", "grading_method")
    )


def course_enrollments(*, course: CoursePage, search: str = "") -> QuerySet[Enrollment]:
    from django.db.models import Q

    enrollments = Enrollment.objects.filter(
        course=course, status=Enrollment.Status.ACTIVE
    ).select_related("student")
    if search:
        enrollments = enrollments.filter(
            Q(student__email__icontains=search)
            | Q(student__display_name__icontains=search)
            | Q(student__legal_name__icontains=search)
        )
    return enrollments.order_by("student__email")


def submitted_fractions(*, quiz_ids, student_ids) -> dict[tuple[int, int], list]:
    """{(quiz, student): [fraction, ...] in attempt order}: one query."""
    from decimal import Decimal

    rows = (
        Attempt.objects.filter(
            quiz_id__in=quiz_ids, student_id__in=student_ids, state=Attempt.State.SUBMITTED
        )
        .order_by("number")
        .values_list("quiz_id", "student_id", "fraction")
    )
    by_pair: dict[tuple[int, int], list] = {}
    for quiz_id, student_id, fraction in rows:
        by_pair.setdefault((quiz_id, student_id), []).append(fraction or Decimal(0))
    return by_pair


GRADEBOOK_CHUNK = 500


def course_gradebook(*, course: CoursePage, search: str = "") -> tuple[list[QuizPage], Iterator]:
    """(required quizzes, a stream of (enrollment, [grade 0..1 or None per quiz])).

    Enrolments are read in chunks and each chunk's grades in one query, so memory stays flat
    however many learners the course has: two queries, plus one per 500 learners."""
    from quizzes.results import grade_by_method

    quizzes = course_required_quizzes(course=course)
    quiz_ids = [quiz.pk for quiz in quizzes]

    def rows():
        enrollments = course_enrollments(course=course, search=search).iterator(
            chunk_size=GRADEBOOK_CHUNK
        )
        while chunk := list(islice(enrollments, GRADEBOOK_CHUNK)):
            fractions = submitted_fractions(
                quiz_ids=quiz_ids, student_ids=[enrollment.student_id for enrollment in chunk]
            )
            for enrollment in chunk:
                yield (
                    enrollment,
                    [
                        grade_by_method(
                            quiz.grading_method,
                            fractions.get((quiz.pk, enrollment.student_id), []),
                        )
                        for quiz in quizzes
                    ],
                )

    return quizzes, rows()


def objective_item_analysis(*, quiz: QuizPage, course: CoursePage) -> list[dict]:
    """Per learning objective of `course`: questions answered, attempts and mean facility (%)
    over each student's first submitted attempt, as the per-question analysis: two queries."""
    from django.db.models import Avg, Case, Count, F, FloatField, OuterRef, Subquery, Value, When
    from django.db.models.functions import Cast

    from courses.models import CourseObjective

    first_attempt = (
        Attempt.objects.filter(
            quiz=quiz, student=OuterRef("attempt__student_id"), state=Attempt.State.SUBMITTED
        )
        .order_by("number")
        .values("pk")[:1]
    )
    percent = Case(
        When(max_mark=0, then=Value(100.0)),
        default=Cast(F("mark"), FloatField()) * 100.0 / Cast(F("max_mark"), FloatField()),
        output_field=FloatField(),
    )
    rows = (
        AttemptSlot.objects.filter(
            attempt__quiz=quiz,
            attempt__state=Attempt.State.SUBMITTED,
            attempt_id=Subquery(first_attempt),
            mark__isnull=False,
            question_version__question__objectives__course=course,
        )
        .values("question_version__question__objectives")
        .annotate(
            attempts=Count("attempt", distinct=True),
            questions=Count("question_version__question", distinct=True),
            facility=Avg(percent),
        )
        .order_by()
    )
    stats = {row["question_version__question__objectives"]: row for row in rows}
    objectives = CourseObjective.objects.filter(course=course).order_by("sort_order", "pk")
    return [
        {
            "text": objective.text,
            "questions": stats.get(objective.pk, {}).get("questions", 0),
            "attempts": stats.get(objective.pk, {}).get("attempts", 0),
            "facility": stats.get(objective.pk, {}).get("facility"),
        }
        for objective in objectives
    ]
