"""Content a learner may not open yet, and why: prerequisites not completed, and modules not
yet released (drip). The rules live here; whether a course is completed is the completion
hub's record, `Enrollment.completed_at` (written only by completion/), so courses reads the
answer without importing the hub.

Every function takes `now=` so tests fix the clock. Dates are read in the site's time zone
(settings.TIME_ZONE): a module that opens on 12 March opens at midnight there.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, F, OuterRef, Subquery
from django.utils import timezone
from django.utils.formats import date_format

from courses.models import CoursePage, CoursePrerequisite, Enrollment, ModulePage
from schools import rules

PREREQUISITES = "prerequisites"
NOT_YET_OPEN = "not-yet-open"

PREREQUISITES_MISSING = "Complete {courses} first: this course requires {it}."


@dataclass(frozen=True)
class Lock:
    """Why a learner may not open something yet, and, for a release, when it opens."""

    reason: str  # PREREQUISITES or NOT_YET_OPEN
    message: str
    opens_at: datetime | None = None
    missing: tuple[CoursePage, ...] = ()  # the prerequisites not completed, for links


# --- Drip release ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Release:
    """A module's release fields without the page (the rules read only these two)."""

    opens_on: date | None = None
    opens_after_days: int | None = None


def start_of_day(day: date) -> datetime:
    """Midnight at the start of `day` in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def _long_date(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "j F Y")


def module_opens_at(
    *, module: ModulePage | Release, enrolled_at: datetime | None
) -> datetime | None:
    """When `module` opens for a learner who enrolled at `enrolled_at` (None: not enrolled, so
    a delay after enrolment cannot be dated): the later of its date and its delay, or None."""
    moments = []
    if module.opens_on:
        moments.append(start_of_day(module.opens_on))
    if module.opens_after_days and enrolled_at is not None:
        day = timezone.localdate(enrolled_at) + timedelta(days=module.opens_after_days)
        moments.append(start_of_day(day))
    return max(moments, default=None)


def module_release_message(
    *, module: ModulePage | Release, enrolled_at: datetime | None, opens_at: datetime | None
) -> str:
    """ "Opens on 12 March 2027." / "Opens 7 days after you enrol: on 19 March 2027." """
    days = module.opens_after_days
    by_date = start_of_day(module.opens_on) if module.opens_on else None
    if days and (opens_at is None or by_date is None or opens_at > by_date):
        noun = "day" if days == 1 else "days"
        when = f": on {_long_date(opens_at)}" if opens_at is not None else ""
        return f"Opens {days} {noun} after you enrol{when}."
    if by_date is not None:
        return f"Opens on {_long_date(by_date)}."
    return ""


def module_lock(
    *, module: ModulePage | Release, enrolled_at: datetime | None, now: datetime | None = None
) -> Lock | None:
    """The lock on a module not released yet for this learner, or None (no query)."""
    now = now or timezone.now()
    opens_at = module_opens_at(module=module, enrolled_at=enrolled_at)
    not_datable = enrolled_at is None and module.opens_after_days
    if (opens_at is None or opens_at <= now) and not not_datable:
        return None
    message = module_release_message(module=module, enrolled_at=enrolled_at, opens_at=opens_at)
    return Lock(reason=NOT_YET_OPEN, message=message, opens_at=opens_at)


def final_lock(
    *, modules: list[ModulePage], enrolled_at: datetime | None, now: datetime | None = None
) -> Lock | None:
    """A course-level activity (the final assessment) opens once every module has: the lock of
    the module that opens last, reworded, or None (no query)."""
    locks = [
        lock
        for module in modules
        if (lock := module_lock(module=module, enrolled_at=enrolled_at, now=now)) is not None
    ]
    if not locks:
        return None
    dated = [lock for lock in locks if lock.opens_at is not None]
    last = max(dated, key=lambda lock: lock.opens_at) if dated else locks[0]
    when = f" on {_long_date(last.opens_at)}" if last.opens_at else " once every module is open"
    return Lock(
        reason=NOT_YET_OPEN,
        message=f"Opens when the last module opens{when}.",
        opens_at=last.opens_at,
    )


# --- Prerequisites --------------------------------------------------------------------------


def prerequisites_missing(*, user, course: CoursePage) -> list[CoursePage]:
    """The live courses `course` requires that `user` has not completed (every one for a
    visitor), in the editor's order: one query."""
    links = CoursePrerequisite.objects.filter(
        course=course, required_course__live=True
    ).select_related("required_course")
    if user.is_authenticated:
        completed = Enrollment.objects.filter(
            student=user,
            course=OuterRef("required_course"),
            status=Enrollment.Status.ACTIVE,
            completed_at__isnull=False,
        )
        links = links.annotate(done=Exists(completed)).filter(done=False)
    # Rows made outside the editor have no sort order: first on every database (PostgreSQL
    # would put NULLs last, SQLite first).
    order = F("sort_order").asc(nulls_first=True)
    return [link.required_course for link in links.order_by(order, "pk")]


def _names(courses) -> str:
    titles = [f"“{course.title}”" for course in courses]
    return titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]


def prerequisites_message(missing) -> str:
    return PREREQUISITES_MISSING.format(
        courses=_names(missing), it="it" if len(missing) == 1 else "them"
    )


def prerequisite_lock(*, user, course: CoursePage) -> Lock | None:
    """The lock on a course whose prerequisites `user` has not completed: one query."""
    missing = prerequisites_missing(user=user, course=course)
    if not missing:
        return None
    message = prerequisites_message(missing)
    return Lock(reason=PREREQUISITES, message=message, missing=tuple(missing))


# --- A page inside a course -----------------------------------------------------------------


# Read with the learner's enrolment (lock_facts), so a page asks no query of its own.
LOCK_FACTS = ("lock_blocked", "lock_opens_on", "lock_opens_after_days")


def lock_facts(*, user, page) -> dict:
    """Annotations for a query of `user`'s Enrollment on the course holding `page`: whether a
    live prerequisite is not completed, and the release fields of the page's parent module
    (None for a page placed in the course itself, such as the final)."""
    completed = Enrollment.objects.filter(
        student=user,
        course=OuterRef("required_course"),
        status=Enrollment.Status.ACTIVE,
        completed_at__isnull=False,
    )
    missing = CoursePrerequisite.objects.filter(
        course=OuterRef("course"), required_course__live=True
    ).exclude(Exists(completed))
    module = ModulePage.objects.filter(path=page.path[: -page.steplen])
    return {
        "lock_blocked": Exists(missing),
        "lock_opens_on": Subquery(module.values("opens_on")[:1]),
        "lock_opens_after_days": Subquery(module.values("opens_after_days")[:1]),
    }


def page_lock(
    *,
    user,
    page,
    course: CoursePage,
    enrollment: Enrollment | None,
    now: datetime | None = None,
) -> Lock | None:
    """The lock on a lesson or quiz of `course` for an enrolled learner, or None.

    Only an active enrolment is locked: staff and the school's members preview everything
    (schools.rules.may_open_locked_content), and someone not enrolled is refused by the
    access rules before this is asked. No query when the enrolment was read with
    lock_facts() (one otherwise), one more for a course-level final (the course's modules);
    a lock found adds the user's school roles and, for prerequisites, their names.
    """
    if enrollment is None or not enrollment.is_active:
        return None
    if all(hasattr(enrollment, name) for name in LOCK_FACTS):
        facts = {name: getattr(enrollment, name) for name in LOCK_FACTS}
    else:
        facts = (
            Enrollment.objects.filter(pk=enrollment.pk)
            .annotate(**lock_facts(user=user, page=page))
            .values(*LOCK_FACTS)
            .first()
        ) or dict.fromkeys(LOCK_FACTS)
    blocked, lock = bool(facts["lock_blocked"]), None
    if blocked:
        pass
    elif page.path[: -page.steplen] == course.path:
        modules = list(ModulePage.objects.live().child_of(course))
        lock = final_lock(modules=modules, enrolled_at=enrollment.enrolled_at, now=now)
    else:
        module = Release(
            opens_on=facts["lock_opens_on"], opens_after_days=facts["lock_opens_after_days"]
        )
        lock = module_lock(module=module, enrolled_at=enrollment.enrolled_at, now=now)
    if not (blocked or lock) or rules.may_open_locked_content(user, course=course):
        return None
    return prerequisite_lock(user=user, course=course) if blocked else lock


def outline_locks(
    *,
    user,
    course: CoursePage,
    outline,
    enrollment: Enrollment | None,
    now: datetime | None = None,
) -> dict:
    """{module id: Lock} for the outline's locked modules, and "final" for the course-level
    activities, as `user` sees them (no query beyond the user's school roles)."""
    modules = [entry.page for entry in outline]
    if not any(m.opens_on or m.opens_after_days for m in modules):
        return {}
    if rules.may_open_locked_content(user, course=course):
        return {}
    enrolled_at = enrollment.enrolled_at if enrollment is not None else None
    locks: dict = {}
    for module in modules:
        lock = module_lock(module=module, enrolled_at=enrolled_at, now=now)
        if lock is not None:
            locks[module.pk] = lock
    final = final_lock(modules=modules, enrolled_at=enrolled_at, now=now)
    if final is not None:
        locks["final"] = final
    return locks
