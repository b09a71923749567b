"""The learner's active enrolment on a quiz's course, with the facts of its drip and
prerequisite lock, in one hand-written query.

Why it exists: the quiz question page, autosave and submit ask it on every request, and the
ORM spent about a third of those requests building the query that
`courses.selectors.lock_facts()` describes (issue 19). It must stay equal to that query:
tests/quizzes/test_gate.py holds the two equal for every kind of lock.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import connection
from django.utils import timezone
from wagtail.models import Page

from cms import prepared_sql
from courses.models import CoursePage, Enrollment
from courses.selectors.locks import Release, module_lock, start_of_day
from quizzes.db_rows import as_date, as_datetime

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


def enrollment_query(*, user, page) -> tuple[str, dict] | None:
    """The SQL and parameters of the one query (None when `page` has no ancestors): a row of
    12 columns, or none. Autosave and the question page embed it in their own reads
    (quizzes.autosave_target, quizzes/attempt_page/read.py)."""
    return gate_query(student_id=user.pk, path=page.path, depth=page.depth)


def gate_query(*, student_id: int, path: str, depth: int) -> tuple[str, dict] | None:
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
    return _ENROLLMENT_WITH_LOCK_FACTS.format(paths=placeholders), params


# open_from_row's "open" as a condition on the query's row, named `facts`, for a statement that
# writes only where the gate is open (autosave's, quizzes/services/autosave.py). It may say
# "not open" where open_from_row says open, never the other way: a module opening days after
# enrolment counts as open here a day after it opened (the day's length in the site's time
# zone is not SQL's to know), the caller asking the gate itself until then.
# tests/quizzes/test_autosave_direct.py holds it so for every kind of lock.
_OPEN_CONDITION = """
facts.id IS NOT NULL AND NOT facts.lock_blocked AND facts.course_path <> %(parent_path)s
AND (facts.lock_opens_on IS NULL OR facts.lock_opens_on <= %(released_by)s)
AND (facts.lock_opens_after_days IS NULL OR facts.lock_opens_after_days = 0 OR {delay_passed})
"""
# Passed once the enrolment lies the delay and one day more before `now` (the day: margin).
_DELAY_PASSED = {
    "postgresql": "facts.enrolled_at <= %(now)s - make_interval("
    "days => facts.lock_opens_after_days + 1)",
    "sqlite": "julianday(facts.enrolled_at) + facts.lock_opens_after_days + 1 "
    "<= julianday(%(now)s)",
}


def _released_by(now: datetime) -> date:
    """The last day whose modules are open at `now`: the site's today once its midnight has
    passed (module_lock's start_of_day), which a time zone's jump may put after `now`."""
    today = timezone.localdate(now)
    return today if start_of_day(today) <= now else today - timedelta(days=1)


def open_condition(*, student_id: int, path: str, depth: int, now: datetime):
    """gate_query's SQL and a condition on its row (named `facts`) that holds only where
    open_from_row would say open at `now`, with the parameters of both; None where no
    condition is known (no ancestors, or a database without one)."""
    query = gate_query(student_id=student_id, path=path, depth=depth)
    delay_passed = _DELAY_PASSED.get(connection.vendor)
    if query is None or delay_passed is None:
        return None
    sql, params = query
    params |= {
        "released_by": connection.ops.adapt_datefield_value(_released_by(now)),
        "now": connection.ops.adapt_datetimefield_value(now),
    }
    return sql, _OPEN_CONDITION.format(delay_passed=delay_passed), params


def open_without_lock(*, user, page, now=None) -> bool:
    """Whether `user` has an active enrolment on the course holding `page` and nothing locks
    `page` for them, told from the query's row alone (no model is built: autosave asks on
    every save). True means selectors.quiz_gate would answer "may take, no lock"; False only
    that quiz_gate must be asked: not enrolled (staff may still take it), a prerequisite
    missing, a module not released yet, or a course-level final (whose lock reads the
    course's modules)."""
    query = enrollment_query(user=user, page=page)
    if query is None:
        return False
    with prepared_sql.cursor() as cursor:
        cursor.execute(*query)
        row = cursor.fetchone()
    return open_from_row(row, page=page, now=now)


def open_from_row(row, *, page, now=None) -> bool:
    """open_without_lock's answer from the query's row (None: no row, or a row of NULLs)."""
    if row is None or row[0] is None:
        return False
    # By the SELECT's columns: enrolled_at, course_path, then the three facts at the end.
    enrolled_at, course_path = row[4], row[6]
    blocked, opens_on, opens_after_days = row[9:12]
    if bool(blocked) or page.path[: -page.steplen] == course_path:
        return False
    release = Release(opens_on=as_date(opens_on), opens_after_days=opens_after_days)
    return module_lock(module=release, enrolled_at=as_datetime(enrolled_at), now=now) is None


def enrollment_with_lock_facts(*, user, page) -> Enrollment | None:
    """`user`'s active enrolment on the course holding `page` (the latest), its course read in
    part (path, depth, school: what courses.selectors.page_lock reads of an open page), and
    the lock's facts as the attributes courses.selectors.LOCK_FACTS names: one query."""
    query = enrollment_query(user=user, page=page)
    if query is None:
        return None
    query = Enrollment.objects.raw(*query)
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
    enrollment.lock_opens_on = as_date(enrollment.lock_opens_on)
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
    query = gate_query(student_id=student_id, path=path, depth=depth)
    if query is None:
        return None
    with prepared_sql.cursor() as cursor:
        cursor.execute(*query)
        row = cursor.fetchone()
    return gate_from_row(row)


def gate_from_row(row) -> OpenGate | None:
    """open_gate's answer from the query's row (None: no row, or a row of NULLs, as a LEFT JOIN
    of it gives: quizzes/attempt_page/read.py embeds the query in its own)."""
    if row is None or row[0] is None:
        return None
    return OpenGate(
        enrolled_at=as_datetime(row[4]),
        course_path=row[6],
        lock_blocked=bool(row[9]),
        lock_opens_on=as_date(row[10]),
        lock_opens_after_days=row[11],
    )
