"""Where a learner stands on each of their courses, and where to pick up: for My courses and
the course page. The rules are the ones completion uses (a lesson counts once read for its
minimum time, a quiz once passed by its grading method); the locks are courses' rules
(courses.selectors.locks).

`learner_courses` reads any number of enrolments in a fixed number of queries: the pages of
all the courses at once, the learner's visits, attempts, certificates and prerequisites once
each, so My courses costs the same for 1 course as for 10.
"""

from dataclasses import dataclass
from decimal import Decimal
from functools import reduce
from operator import or_

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from certificates.board_rules import BoardCredit, boards_credit
from certificates.models import Certificate
from courses import selectors as course_selectors
from courses.models import CoursePrerequisite, Enrollment, LessonPage, LessonVisit, ModulePage
from courses.reading_time import lesson_min_seconds_of
from quizzes.models import QuizPage
from quizzes.results import quiz_results
from schools import rules


@dataclass(frozen=True)
class NextStep:
    title: str
    url: str
    kind: str  # "lesson" or "quiz"
    lock: course_selectors.Lock | None = None  # the step is not open yet: why, and when


@dataclass
class LearnerCourse:
    enrollment: Enrollment
    lessons_done: int = 0
    lessons_total: int = 0
    quizzes_passed: int = 0
    quizzes_total: int = 0
    reading_minutes_done: int = 0
    reading_minutes_required: int = 0
    ce_hours_earned: Decimal = Decimal("0")
    next_step: NextStep | None = None
    resuming: bool = False  # the learner has started: "Continue", not "Start"
    certificate: Certificate | None = None
    prerequisite_lock: course_selectors.Lock | None = None
    board_credit: BoardCredit | None = None  # My courses only (the course page reads its own)

    @property
    def course(self):
        return self.enrollment.course

    @property
    def completed(self) -> bool:
        return self.enrollment.completed_at is not None

    @property
    def summary(self) -> str:
        parts = []
        if self.lessons_total:
            noun = "lesson" if self.lessons_total == 1 else "lessons"
            parts.append(f"{self.lessons_done} of {self.lessons_total} {noun} completed")
        if self.quizzes_total:
            noun = "quiz" if self.quizzes_total == 1 else "quizzes"
            parts.append(f"{self.quizzes_passed} of {self.quizzes_total} {noun} passed")
        return ", ".join(parts)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100

    @property
    def done(self) -> int:
        return self.lessons_done + self.quizzes_passed

    @property
    def total(self) -> int:
        return self.lessons_total + self.quizzes_total


def _under(paths) -> Q:
    return reduce(or_, (Q(path__startswith=path) for path in paths))


def _course_path(page, course_paths: dict) -> str | None:
    """The path of the course `page` belongs to (courses sit at one depth per catalog)."""
    for length in range(len(page.path) - page.steplen, 0, -page.steplen):
        if page.path[:length] in course_paths:
            return page.path[:length]
    return None


def learner_courses(
    *,
    user,
    enrollments: list[Enrollment],
    outline=None,
    missing=None,
    now=None,
    with_board_credit: bool = False,
) -> list[LearnerCourse]:
    """Each enrolment's progress and next step, in the enrolments' order. `enrollments` were
    read with their course. At most seven queries whatever the number of courses (none
    without any): lessons, modules, quizzes, visits, attempts (if any quiz), certificates (if
    any course is complete), prerequisites; the user's school roles if a module is dripped.

    The course page passes what it has read already for its one course: its `outline`
    (modules and lessons) and the prerequisites `missing` (a list), two queries fewer each.

    `with_board_credit` (My courses) adds each active enrolment's standing with its boards
    (certificates.board_rules.boards_credit): two queries more however many courses, and the
    quizzes, grades and evaluations once each when a board's own rules ask for them."""
    if not enrollments:
        return []
    now = now or timezone.now()
    states = {e.course.path: LearnerCourse(enrollment=e) for e in enrollments}
    under = _under(states)
    if outline is not None:
        lessons = [lesson for module in outline for lesson in module.lessons]
        modules = {module.page.path: module.page for module in outline}
    else:
        lessons = list(
            LessonPage.objects.live().filter(under).defer_streamfields().order_by("path")
        )
        modules = {m.path: m for m in ModulePage.objects.live().filter(under)}
    quizzes = list(QuizPage.objects.live().filter(under).order_by("path"))
    visits = {
        visit.lesson_id: visit
        for visit in LessonVisit.objects.filter(
            student=user, course_id__in=[e.course_id for e in enrollments]
        ).only("lesson_id", "seat_seconds", "last_visited_at")
    }
    attempted, passed = quiz_results(quizzes=quizzes, student_id=user.pk)
    completed = [e.pk for e in enrollments if e.completed_at is not None]
    certificates = (
        {
            c.enrollment_id: c
            for c in Certificate.objects.filter(enrollment__in=completed)
            .exclude(status=Certificate.Status.REVOKED)
            .only("pk", "enrollment_id", "status")
        }
        if completed
        else {}
    )
    if missing is not None:
        missing = {enrollments[0].course_id: list(missing)} if missing else {}
    else:
        missing = _missing_prerequisites(user=user, course_ids=[e.course_id for e in enrollments])

    items: dict[str, list] = {path: [] for path in states}
    for page in [*lessons, *quizzes]:
        course_path = _course_path(page, states)
        if course_path is not None:
            items[course_path].append(page)
    credits = (
        boards_credit(enrollments=[e for e in enrollments if e.is_active])
        if with_board_credit
        else {}
    )
    for course_path, state in states.items():
        course = state.course
        state.board_credit = credits.get(state.enrollment.pk)
        _count(state, items[course_path], visits, attempted, passed)
        state.certificate = certificates.get(state.enrollment.pk)
        if course.pk in missing:
            state.prerequisite_lock = course_selectors.Lock(
                reason=course_selectors.PREREQUISITES,
                message=course_selectors.prerequisites_message(missing[course.pk]),
                missing=tuple(missing[course.pk]),
            )
        course_modules = [m for path, m in modules.items() if path.startswith(course_path)]
        state.next_step, state.resuming = _next_step(
            user=user,
            state=state,
            pages=sorted(items[course_path], key=lambda page: page.path),
            modules=course_modules,
            visits=visits,
            attempted=attempted,
            passed=passed,
            now=now,
        )
    return list(states.values())


def _count(state: LearnerCourse, pages, visits, attempted, passed) -> None:
    required_seconds = 0
    for page in pages:
        if isinstance(page, LessonPage):
            minimum = lesson_min_seconds_of(page)
            required_seconds += minimum
            if not page.required_for_completion:
                continue
            state.lessons_total += 1
            visit = visits.get(page.pk)
            if visit is not None and visit.seat_seconds >= minimum:
                state.lessons_done += 1
        elif page.required_for_completion:
            state.quizzes_total += 1
            state.quizzes_passed += page.pk in passed
    course = state.course
    required_seconds = max(required_seconds, course.min_seat_minutes * 60)
    state.reading_minutes_required = required_seconds // 60
    state.reading_minutes_done = min(state.enrollment.seat_seconds, required_seconds) // 60
    if state.completed:
        state.ce_hours_earned = course.ce_hours


def _step_done(page, visits, attempted, passed) -> bool:
    if isinstance(page, LessonPage):
        visit = visits.get(page.pk)
        return visit is not None and visit.seat_seconds >= lesson_min_seconds_of(page)
    return page.pk in passed or (not page.required_for_completion and page.pk in attempted)


def _next_step(*, user, state, pages, modules, visits, attempted, passed, now):
    """The first lesson or quiz, in course order, not yet read or passed; when every one is,
    the lesson visited last. With whether the learner has begun at all."""
    if not pages:
        return None, False
    course = state.course
    started = any(page.pk in visits or page.pk in attempted for page in pages)
    page = next((p for p in pages if not _step_done(p, visits, attempted, passed)), None)
    if page is None:
        visited = [p for p in pages if p.pk in visits]
        page = max(visited, key=lambda p: visits[p.pk].last_visited_at) if visited else pages[0]
    lock = None
    dripped = any(m.opens_on or m.opens_after_days for m in modules)
    if dripped and not rules.may_open_locked_content(user, course=course):
        parent = page.path[: -page.steplen]
        enrolled_at = state.enrollment.enrolled_at
        if parent == course.path:
            lock = course_selectors.final_lock(modules=modules, enrolled_at=enrolled_at, now=now)
        elif (module := next((m for m in modules if m.path == parent), None)) is not None:
            lock = course_selectors.module_lock(module=module, enrolled_at=enrolled_at, now=now)
    kind = "lesson" if isinstance(page, LessonPage) else "quiz"
    return NextStep(title=page.title, url=page.url, kind=kind, lock=lock), started


def _missing_prerequisites(*, user, course_ids) -> dict[int, list]:
    """{course id: [required courses not completed]} for the courses given: one query."""
    completed = Enrollment.objects.filter(
        student=user,
        course=OuterRef("required_course"),
        status=Enrollment.Status.ACTIVE,
        completed_at__isnull=False,
    )
    links = (
        CoursePrerequisite.objects.filter(course_id__in=course_ids, required_course__live=True)
        .annotate(done=Exists(completed))
        .filter(done=False)
        .select_related("required_course")
        .order_by("sort_order", "pk")
    )
    missing: dict[int, list] = {}
    for link in links:
        missing.setdefault(link.course_id, []).append(link.required_course)
    return missing
