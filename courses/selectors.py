"""Reads for course pages. Each function's query count is fixed: pinned in tests/courses."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from cms.text import reading_minutes
from courses.models import (
    AccreditingBody,
    CourseApproval,
    CoursePage,
    CourseVersion,
    Enrollment,
    LessonPage,
    LessonVisit,
    ModulePage,
    ProviderApproval,
)
from courses.reading_time import lesson_min_seconds, lesson_min_seconds_of, seat_time_status
from schools import rules
from schools.models import Instructor, School

CE_HOUR_RANGES = {
    "lt2": (Decimal("0"), Decimal("2")),
    "2to6": (Decimal("2"), Decimal("6")),
    "6plus": (Decimal("6"), None),
}


@dataclass
class OutlineModule:
    page: ModulePage
    number: int
    lessons: list[LessonPage] = field(default_factory=list)
    # Live pages other than lessons (quizzes), as plain wagtail Pages: title and URL only.
    activities: list[Page] = field(default_factory=list)


class CourseOutline(list):
    """The course's modules; `activities` are the pages placed after the last module."""

    activities: list[Page]


def course_outline(*, course: CoursePage) -> CourseOutline:
    """Live modules, lessons and activities in tree order, in three queries whatever the size.

    Activities (quizzes) are read as plain wagtail Pages so courses need not import quizzes.
    """
    outline = CourseOutline(
        OutlineModule(page=module, number=number)
        for number, module in enumerate(
            ModulePage.objects.live().child_of(course).order_by("path"), start=1
        )
    )
    outline.activities = []
    by_path = {m.page.path: m for m in outline}
    lessons = LessonPage.objects.live().descendant_of(course).defer_streamfields().order_by("path")
    for lesson in lessons:
        parent = by_path.get(lesson.path[: -lesson.steplen])
        if parent is not None:
            parent.lessons.append(lesson)
    activities = (
        Page.objects.live().descendant_of(course).not_type(ModulePage, LessonPage).order_by("path")
    )
    for activity in activities:
        parent_path = activity.path[: -activity.steplen]
        if parent_path == course.path:
            outline.activities.append(activity)
        elif parent_path in by_path:
            by_path[parent_path].activities.append(activity)
    return outline


def course_lessons(outline: CourseOutline) -> list[LessonPage]:
    return [lesson for module in outline for lesson in module.lessons]


def course_page_data(*, course: CoursePage, user) -> dict:
    outline = course_outline(course=course)
    lessons = course_lessons(outline)
    bodies = LessonPage.objects.live().descendant_of(course).values_list("body", flat=True)
    enrollment = enrollment_for(user=user, course=course)
    progress = (
        course_progress(enrollment=enrollment, course=course)
        if enrollment is not None and enrollment.is_active
        else None
    )
    # Seat time costs a query only on a course that asks for reading time.
    seat_time = (
        seat_time_status(enrollment=enrollment, course=course)
        if progress is not None
        and (course.min_seat_minutes or any(lesson_min_seconds_of(lesson) for lesson in lessons))
        else None
    )
    return {
        "approvals": course_approvals(course=course),
        "outline": outline,
        "lesson_count": len(lessons),
        "first_lesson": lessons[0] if lessons else None,
        "total_minutes": sum(reading_minutes(body.raw_data) for body in bodies),
        "objectives": list(course.objectives.all()),
        "instructors": list(course.instructors.select_related("photo")),
        "topics": list(course.topics.all()),
        "enrollment": enrollment,
        "versions": course_versions(course=course),
        "progress": progress,
        "visited_lesson_ids": progress.visited_lesson_ids if progress else set(),
        "seat_time": seat_time,
    }


def course_approvals(*, course: CoursePage) -> list[CourseApproval]:
    """Who approves the course for CE, with the number, hours and expiry each approved, for a
    practitioner to check before paying: one query."""
    return list(
        CourseApproval.objects.filter(course=course)
        .select_related("body")
        .order_by("sort_order", "pk")
    )


def catalog_bodies(*, catalog) -> list[AccreditingBody]:
    """The bodies with a current approval of a live course below `catalog`: one query."""
    approved = _current_approvals(
        CourseApproval.objects.filter(
            course__in=CoursePage.objects.live().descendant_of(catalog), body=OuterRef("pk")
        )
    )
    return list(AccreditingBody.objects.filter(Exists(approved)).order_by("abbreviation"))


def _current_approvals(approvals: QuerySet[CourseApproval]) -> QuerySet[CourseApproval]:
    today = timezone.localdate()
    return approvals.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))


def course_version_current(*, course: CoursePage) -> CourseVersion | None:
    """The version a learner enrols in now: the newest recorded one."""
    return CourseVersion.objects.filter(course=course).order_by("-number").first()


def course_versions(*, course: CoursePage, limit: int = 20) -> list[CourseVersion]:
    """The course's changelog, newest first."""
    return list(CourseVersion.objects.filter(course=course).order_by("-number")[:limit])


def lesson_changed_since(*, lesson: LessonPage, enrollment: Enrollment) -> bool:
    """Whether `lesson` was republished after the learner enrolled (no query)."""
    first, last = lesson.first_published_at, lesson.last_published_at
    return bool(first and last and first < enrollment.enrolled_at < last)


def lesson_as_published_at(*, lesson: LessonPage, when) -> LessonPage | None:
    """`lesson` as it was live at `when`: the last revision published by then, or None."""
    entry = (
        PageLogEntry.objects.filter(
            page=lesson,
            action__in=("wagtail.publish", "wagtail.publish.scheduled"),
            timestamp__lte=when,
            revision__isnull=False,
        )
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    if entry is None:
        return None
    old = entry.revision.as_object()
    old.last_published_at = entry.timestamp
    return old


def instructors_for_editor(user, *, keep=()) -> QuerySet[Instructor]:
    """Instructors `user` may credit on a course: their schools' (all for staff), plus `keep`
    (those the course credits already, so saving the form does not drop them)."""
    schools = rules.school_scope(user)
    instructors = Instructor.objects.all()
    if schools is None:
        return instructors
    return instructors.filter(Q(school_id__in=schools) | Q(pk__in=list(keep)))


def schools_for_editor(user) -> QuerySet[School]:
    schools = rules.school_scope(user)
    return School.objects.all() if schools is None else School.objects.filter(pk__in=schools)


def enrollment_for(*, user, course: CoursePage) -> Enrollment | None:
    if not user.is_authenticated:
        return None
    enrollments = Enrollment.objects.filter(student=user, course=course)
    return enrollments.select_related("course_version").first()


class LessonAccess:
    PREVIEW = "preview"
    ENROLLED = "enrolled"
    SCHOOL = "school"
    STAFF = "staff"
    AUTHOR_PREVIEW = "author-preview"


def lesson_access(*, user, lesson: LessonPage, course: CoursePage) -> str | None:
    """Why `user` may read `lesson`, or None: the one rule every lesson view applies."""
    return lesson_reader(user=user, lesson=lesson, course=course)[0]


def lesson_reader(
    *, user, lesson: LessonPage, course: CoursePage
) -> tuple[str | None, Enrollment | None]:
    """(why `user` may read `lesson` or None, their active enrolment if that is the reason).

    An active enrolment is asked about first, even on a free preview or for staff, because
    it is what makes a visit count towards completing the course.
    """
    enrollment = (
        Enrollment.objects.filter(
            student=user, course=course, status=Enrollment.Status.ACTIVE
        ).first()
        if user.is_authenticated
        else None
    )
    if enrollment is not None:
        return LessonAccess.ENROLLED, enrollment
    return _lesson_access_without_enrolment(user=user, lesson=lesson, course=course), None


def _lesson_access_without_enrolment(*, user, lesson: LessonPage, course: CoursePage):
    if lesson.free_preview:
        return LessonAccess.PREVIEW
    if not user.is_authenticated:
        return None
    role = rules.role_in_school(user, school_id=course.school_id)
    if role == rules.STAFF:
        return LessonAccess.STAFF
    return LessonAccess.SCHOOL if role else None


# --- A learner's progress -----------------------------------------------------------------


@dataclass(frozen=True)
class ProgressPart:
    done: int
    total: int
    summary: str  # "2 of 6 lessons visited"


@dataclass(frozen=True)
class LessonProgress:
    required_ids: list[int]  # live lessons the course requires, in tree order
    visited_ids: set[int]  # every live lesson of the course the student has opened
    # Opened and read for the lesson's minimum reading time (courses.reading_time); every
    # visited lesson when no minimum applies.
    completed_ids: set[int] = field(default_factory=set)

    @property
    def required_completed_ids(self) -> set[int]:
        return self.completed_ids.intersection(self.required_ids)

    @property
    def required_visited_ids(self) -> set[int]:
        return self.required_completed_ids

    @property
    def complete(self) -> bool:
        return len(self.required_completed_ids) == len(self.required_ids)


@dataclass(frozen=True)
class CourseProgress:
    parts: list[ProgressPart]
    visited_lesson_ids: set[int]

    @property
    def done(self) -> int:
        return sum(part.done for part in self.parts)

    @property
    def total(self) -> int:
        return sum(part.total for part in self.parts)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100

    @property
    def summary(self) -> str:
        return ", ".join(part.summary for part in self.parts)


def lesson_progress(*, course: CoursePage, student_id: int) -> LessonProgress:
    """The course's live lessons, which are required, which the student opened and which they
    completed (opened and read for the lesson's minimum time): one query.

    The lesson half of course completion (completion/services.py adds quizzes and live).
    """
    spent = LessonVisit.objects.filter(lesson=OuterRef("pk"), student_id=student_id).values(
        "seat_seconds"
    )[:1]
    rows = (
        LessonPage.objects.live()
        .descendant_of(course)
        .annotate(spent=Subquery(spent, output_field=IntegerField()))
        .order_by("path")
        .values_list(
            "pk", "required_for_completion", "min_seat_minutes", "reading_seconds", "spent"
        )
    )
    required, visited, completed = [], set(), set()
    for pk, is_required, min_minutes, reading, seconds in rows:
        if is_required:
            required.append(pk)
        if seconds is None:  # never opened
            continue
        visited.add(pk)
        minimum = lesson_min_seconds(
            min_seat_minutes=min_minutes, reading_seconds=reading, required=is_required
        )
        if seconds >= minimum:
            completed.add(pk)
    return LessonProgress(required_ids=required, visited_ids=visited, completed_ids=completed)


def lesson_progress_part(progress: LessonProgress) -> ProgressPart:
    done, total = len(progress.required_visited_ids), len(progress.required_ids)
    noun = "lesson" if total == 1 else "lessons"
    return ProgressPart(done=done, total=total, summary=f"{done} of {total} {noun} completed")


def course_progress(*, enrollment: Enrollment, course: CoursePage) -> CourseProgress:
    """The lesson part of the learner's progress bar: one query. The course page's template
    adds the quizzes passed (completion_tags.course_progress), as completion counts them."""
    lessons = lesson_progress(course=course, student_id=enrollment.student_id)
    parts = [lesson_progress_part(lessons)] if lessons.required_ids else []
    return CourseProgress(parts=parts, visited_lesson_ids=lessons.visited_ids)


def visited_lesson_ids(*, user, course: CoursePage) -> set[int]:
    """The lessons of `course` that `user` has opened, for the outline's ticks: one query."""
    if not user.is_authenticated:
        return set()
    return set(
        LessonVisit.objects.filter(student=user, course=course).values_list("lesson_id", flat=True)
    )


def catalog_courses(
    *,
    catalog,
    q: str = "",
    topic=None,
    hours: str = "",
    level: str = "",
    price: str = "",
    school: str = "",
    body: str = "",
) -> QuerySet[CoursePage]:
    courses = (
        CoursePage.objects.live()
        .descendant_of(catalog)
        .select_related("cover_image", "school")
        .prefetch_related("topics", "cover_image__renditions")
        .order_by("title")
    )
    if topic:
        courses = courses.filter(topics=topic)
    if hours in CE_HOUR_RANGES:
        low, high = CE_HOUR_RANGES[hours]
        courses = courses.filter(ce_hours__gte=low)
        if high is not None:
            courses = courses.filter(ce_hours__lt=high)
    if level:
        courses = courses.filter(level=level)
    if price == "free":
        courses = courses.filter(price=0)
    elif price == "paid":
        courses = courses.filter(price__gt=0)
    if school:
        courses = courses.filter(school__slug=school)
    if body:
        approved = _current_approvals(
            CourseApproval.objects.filter(course=OuterRef("pk"), body__abbreviation=body)
        )
        courses = courses.filter(Exists(approved))
    if q:
        courses = courses.filter(pk__in=_search_course_ids(catalog=catalog, q=q))
    return courses


@dataclass(frozen=True)
class CatalogSchools:
    school: School | None  # the school whose section this catalog page is, with its approvals
    with_courses: list[School]  # schools with a live course below the catalog, by name


def catalog_schools(*, catalog) -> CatalogSchools:
    """Who a catalog page belongs to and whose courses it lists: one query, one more for a
    school's approvals. Both questions share the query so the top catalog pays only one.
    """
    live_course_below = (
        CoursePage.objects.live().descendant_of(catalog).filter(school=OuterRef("pk"))
    )
    schools = list(
        School.objects.annotate(has_courses=Exists(live_course_below))
        .filter(Q(section_id=catalog.pk) | Q(has_courses=True))
        .select_related("logo")
        .order_by("name")
    )
    school = next((s for s in schools if s.section_id == catalog.pk), None)
    if school is not None:
        prefetch_related_objects(
            [school],
            Prefetch("approvals", queryset=ProviderApproval.objects.select_related("body")),
        )
    return CatalogSchools(
        school=school,
        with_courses=[s for s in schools if s.has_courses],
    )


def _search_course_ids(*, catalog, q: str) -> list[int]:
    """Courses matching `q` by their own text or by the text of any of their lessons."""
    hits = [p.pk for p in CoursePage.objects.live().descendant_of(catalog).search(q)]
    lesson_paths = [p.path for p in LessonPage.objects.live().descendant_of(catalog).search(q)]
    # A course may sit in a school's section below the catalog: try every ancestor's path.
    step = catalog.steplen
    course_paths = {
        path[:length]
        for path in lesson_paths
        for length in range(len(catalog.path) + step, len(path), step)
    }
    if course_paths:
        hits += CoursePage.objects.filter(path__in=course_paths).values_list("pk", flat=True)
    return hits


def site_search(*, q: str, limit: int = 30) -> dict:
    """Live courses and lessons matching `q`, for the site-wide search page."""
    courses = list(CoursePage.objects.live().search(q)[:limit])
    lessons = list(LessonPage.objects.live().defer_streamfields().search(q)[:limit])
    return {"courses": courses, "lessons": lessons}
