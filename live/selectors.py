"""Reads for live instruction: who may run a course's sessions, a learner's live progress (the
part of completion that rests on attendance and sign-offs), a course's sessions, a session's
roster and a learner's skills sheet. Each read's query count is fixed whatever the numbers of
sessions, learners and skills: pinned in tests/live/test_live.py."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Value
from django.http import Http404
from django.shortcuts import get_object_or_404

from courses.models import CoursePage, Enrollment, ModulePage
from live.models import Attendance, LiveSession, SkillsChecklistItem, SkillSignoff
from schools import rules


def live_manager(*, user, course: CoursePage) -> bool:
    """Staff, or an admin or instructor of the course's school: one query (none for staff)."""
    return rules.may_run_live_sessions(user, course=course)


def managed_course(*, user, course_id: int) -> CoursePage:
    """The course if `user` runs its live sessions, else 404 (others' courses do not exist)."""
    course = get_object_or_404(CoursePage.objects.select_related("school"), pk=course_id)
    if not live_manager(user=user, course=course):
        raise Http404
    return course


def managed_session(*, user, session_id: int) -> LiveSession:
    session = get_object_or_404(
        LiveSession.objects.select_related("course", "course__school", "module", "instructor"),
        pk=session_id,
    )
    if not live_manager(user=user, course=session.course):
        raise Http404
    return session


# --- A learner's live progress ------------------------------------------------------------------


@dataclass(frozen=True)
class LiveProgress:
    session_ids: list[int] = field(default_factory=list)  # sessions the course requires
    attended_ids: set[int] = field(default_factory=set)  # of those, attended in full
    skill_ids: list[int] = field(default_factory=list)  # skills on the course's live modules
    signed_ids: set[int] = field(default_factory=set)  # of those, signed off

    @property
    def required(self) -> bool:
        return bool(self.session_ids or self.skill_ids)

    @property
    def complete(self) -> bool:
        return len(self.attended_ids) == len(self.session_ids) and len(self.signed_ids) == len(
            self.skill_ids
        )

    @property
    def summary(self) -> str:
        parts = []
        if self.session_ids:
            total = len(self.session_ids)
            parts.append(
                f"{len(self.attended_ids)} of {total} live session{'s' if total != 1 else ''} "
                "attended"
            )
        if self.skill_ids:
            total = len(self.skill_ids)
            parts.append(
                f"{len(self.signed_ids)} of {total} skill{'s' if total != 1 else ''} signed off"
            )
        return ", ".join(parts)


def course_skills(*, course: CoursePage) -> QuerySet[SkillsChecklistItem]:
    """The checklist items of the course's live modules."""
    return SkillsChecklistItem.objects.filter(
        module__in=ModulePage.objects.live().child_of(course).values("pk")
    )


def live_progress(*, course: CoursePage, student_id: int) -> LiveProgress:
    """The sessions the course requires (all not cancelled) and which the learner attended in
    full, and the skills of its live modules and which were signed off for them: one query."""
    sessions = (
        LiveSession.objects.filter(course=course, cancelled=False)
        .annotate(
            kind=Value("session"),
            done=Exists(
                Attendance.objects.filter(
                    session=OuterRef("pk"), student_id=student_id, full_attendance=True
                )
            ),
        )
        .order_by()
        .values_list("pk", "kind", "done")
    )
    skills = (
        course_skills(course=course)
        .annotate(
            kind=Value("skill"),
            done=Exists(SkillSignoff.objects.filter(item=OuterRef("pk"), student_id=student_id)),
        )
        .order_by()
        .values_list("pk", "kind", "done")
    )
    progress = LiveProgress()
    for pk, kind, done in sessions.union(skills, all=True):
        required, met = (
            (progress.session_ids, progress.attended_ids)
            if kind == "session"
            else (progress.skill_ids, progress.signed_ids)
        )
        required.append(pk)
        if done:
            met.add(pk)
    return progress


# --- What instructors see -----------------------------------------------------------------------


def course_sessions(*, course: CoursePage) -> list[LiveSession]:
    """The course's sessions, each with its breaks and how many checked in and attended in
    full: two queries."""
    return list(
        LiveSession.objects.filter(course=course)
        .select_related("module", "instructor")
        .prefetch_related("breaks")
        .annotate(
            checked_in=Count("attendances"),
            attended=Count("attendances", filter=Q(attendances__full_attendance=True)),
        )
        .order_by("starts_at", "pk")
    )


@dataclass(frozen=True)
class RosterRow:
    enrollment: Enrollment
    attendance: Attendance | None

    @property
    def student(self):
        return self.enrollment.student

    @property
    def ce_hours(self) -> int:
        return self.attendance.ce_hours if self.attendance else 0


def session_roster(*, session: LiveSession) -> list[RosterRow]:
    """Every active learner of the course, and anyone else who attended, with their attendance
    at `session`: two queries."""
    attendances = {
        a.student_id: a
        for a in Attendance.objects.filter(session=session).select_related("recorded_by")
    }
    enrollments = (
        Enrollment.objects.filter(course_id=session.course_id)
        .filter(Q(status=Enrollment.Status.ACTIVE) | Q(student_id__in=list(attendances)))
        .select_related("student")
        .order_by("student__email", "pk")
    )
    return [RosterRow(enrollment=e, attendance=attendances.get(e.student_id)) for e in enrollments]


@dataclass
class SkillRow:
    item: SkillsChecklistItem
    signoff: SkillSignoff | None


@dataclass
class SkillModule:
    module: ModulePage
    skills: list[SkillRow] = field(default_factory=list)


@dataclass(frozen=True)
class SkillsSheet:
    modules: list[SkillModule]
    earlier: list[SkillSignoff]  # sign-offs of skills since removed from the checklist

    @property
    def total(self) -> int:
        return sum(len(m.skills) for m in self.modules)

    @property
    def signed(self) -> int:
        return sum(1 for m in self.modules for row in m.skills if row.signoff)


def skills_sheet(*, course: CoursePage, student_id: int) -> SkillsSheet:
    """The course's live modules with their skills and this learner's sign-offs: two queries."""
    signoffs = list(
        SkillSignoff.objects.filter(course=course, student_id=student_id).select_related(
            "instructor"
        )
    )
    by_item = {s.item_id: s for s in signoffs if s.item_id}
    modules: dict[int, SkillModule] = {}
    items = (
        course_skills(course=course)
        .select_related("module")
        .order_by("module__path", "sort_order", "pk")
    )
    for item in items:
        row = modules.setdefault(item.module_id, SkillModule(module=item.module))
        row.skills.append(SkillRow(item=item, signoff=by_item.get(item.pk)))
    return SkillsSheet(
        modules=list(modules.values()), earlier=[s for s in signoffs if s.item_id is None]
    )


def course_attendance(*, course: CoursePage) -> QuerySet[Attendance]:
    """Every attendance at the course's sessions, for the roster export: one query."""
    return (
        Attendance.objects.filter(session__course=course)
        .select_related("session", "student", "recorded_by")
        .order_by("session__starts_at", "session_id", "student__email")
    )
