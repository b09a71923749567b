"""The learner's active enrolment on a quiz's course, with the facts of its drip and
prerequisite lock, in one hand-written query.

Why it exists: the quiz question page, autosave and submit ask it on every request, and the
ORM spent about a third of those requests building the query that
`courses.selectors.lock_facts()` describes (issue 19). It must stay equal to that query:
tests/quizzes/test_gate.py holds the two equal for every kind of lock.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from wagtail.models import Page

from courses.models import CoursePage, Enrollment

_ENROLLMENT_WITH_LOCK_FACTS = """
SELECT e.id, e.student_id, e.course_id, e.status, e.enrolled_at, e.completed_at,
       course_page.path AS course_path, course_page.depth AS course_depth,
       course.school_id AS course_school_id,
       EXISTS (
           SELECT 1 FROM courses_courseprerequisite link
           JOIN wagtailcore_page required ON required.id = link.required_course_id
           WHERE link.course_id = e.course_id AND required.live = %(true)s
             AND NOT EXISTS (
                 SELECT 1 FROM courses_enrollment done
                 WHERE done.student_id = %(student)s AND done.course_id = link.required_course_id
                   AND done.status = %(active)s AND done.completed_at IS NOT NULL)
       ) AS lock_blocked,
       (SELECT module.opens_on FROM courses_modulepage module
        JOIN wagtailcore_page module_page ON module_page.id = module.page_ptr_id
        WHERE module_page.path = %(parent_path)s) AS lock_opens_on,
       (SELECT module.opens_after_days FROM courses_modulepage module
        JOIN wagtailcore_page module_page ON module_page.id = module.page_ptr_id
        WHERE module_page.path = %(parent_path)s) AS lock_opens_after_days
FROM courses_enrollment e
JOIN courses_coursepage course ON course.page_ptr_id = e.course_id
JOIN wagtailcore_page course_page ON course_page.id = e.course_id
WHERE e.student_id = %(student)s AND e.status = %(active)s AND course_page.path IN ({paths})
ORDER BY e.enrolled_at DESC
LIMIT 1
"""


def _model_from_row(model, **values):
    """An instance of `model` holding only `values`; any other field is read when first used,
    as Django does for .only()."""
    names = [field.attname for field in model._meta.concrete_fields if field.attname in values]
    return model.from_db(connection.alias, names, [values[name] for name in names])


def _as_date(value) -> date | None:
    return parse_date(value) if isinstance(value, str) else value


def enrollment_with_lock_facts(*, user, page) -> Enrollment | None:
    """`user`'s active enrolment on the course holding `page` (the latest), its course read in
    part (path, depth, school: what courses.selectors.page_lock reads of an open page), and
    the lock's facts as the attributes courses.selectors.LOCK_FACTS names: one query."""
    paths = [page.path[: n * page.steplen] for n in range(1, page.depth)]
    if not paths:
        return None
    params = {
        "true": True,
        "student": user.pk,
        "active": Enrollment.Status.ACTIVE.value,
        "parent_path": page.path[: -page.steplen],
    }
    params |= {f"path{n}": path for n, path in enumerate(paths)}
    placeholders = ", ".join(f"%(path{n})s" for n in range(len(paths)))
    query = Enrollment.objects.raw(_ENROLLMENT_WITH_LOCK_FACTS.format(paths=placeholders), params)
    enrollment = next(iter(query), None)
    if enrollment is None:
        return None
    enrollment.course = _model_from_row(
        CoursePage,
        id=enrollment.course_id,
        page_ptr_id=enrollment.course_id,
        path=enrollment.course_path,
        depth=enrollment.course_depth,
        school_id=enrollment.course_school_id,
    )
    # Raw columns come as the driver gives them: SQLite has no boolean or date type.
    enrollment.lock_blocked = bool(enrollment.lock_blocked)
    enrollment.lock_opens_on = _as_date(enrollment.lock_opens_on)
    return enrollment


@dataclass(frozen=True)
class OpenGate:
    """The facts of enrollment_with_lock_facts the open attempt's page decides on."""

    enrolled_at: datetime
    course_path: str
    lock_blocked: bool
    lock_opens_on: date | None
    lock_opens_after_days: int | None


def open_gate(*, student_id: int, path: str, depth: int) -> OpenGate | None:
    """enrollment_with_lock_facts for a page at `path` (`depth`), read with a plain cursor:
    the open attempt's question page asks it on every request, and building the Enrollment and
    its course page cost more than the query (issue 19). None: no active enrolment."""
    steplen = Page.steplen
    paths = [path[: n * steplen] for n in range(1, depth)]
    if not paths:
        return None
    params = {
        "true": True,
        "student": student_id,
        "active": Enrollment.Status.ACTIVE.value,
        "parent_path": path[:-steplen],
    }
    params |= {f"path{n}": prefix for n, prefix in enumerate(paths)}
    placeholders = ", ".join(f"%(path{n})s" for n in range(len(paths)))
    with connection.cursor() as cursor:
        cursor.execute(_ENROLLMENT_WITH_LOCK_FACTS.format(paths=placeholders), params)
        row = cursor.fetchone()
    if row is None:
        return None
    enrolled_at = parse_datetime(row[4]) if isinstance(row[4], str) else row[4]
    if timezone.is_naive(enrolled_at):
        enrolled_at = timezone.make_aware(enrolled_at, connection.timezone)
    return OpenGate(
        enrolled_at=enrolled_at,
        course_path=row[6],
        lock_blocked=bool(row[9]),
        lock_opens_on=_as_date(row[10]),
        lock_opens_after_days=row[11],
    )
