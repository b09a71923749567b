"""The instructor dashboard's pages and CSVs; who may see what is in the package's docstring."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from cms.exports import csv_stream_response
from courses.models import CoursePage
from records import school_selectors as school_selectors
from records.selectors import verify_path
from schools import rules
from schools.models import School
from teaching.dashboard import enrolments, funnel, periods, revenue, students
from teaching.dashboard.chart import bar_chart
from teaching.dashboard.feedback import course_feedback
from teaching.dashboard.forms import StudentFilterForm
from teaching.dashboard.quiz_results import (
    QUIZ_COLUMNS,
    course_quizzes,
    learner_grades,
    passed_by_quiz,
    quiz_results,
    quiz_rows,
)

STUDENTS_PER_PAGE = 50
REVENUE_MONTHS_SHOWN = 12
BAD_FILTERS = "Check the filters: "


@dataclass(frozen=True)
class Viewer:
    school: School
    course: CoursePage
    role: str  # "staff" or a SchoolMembership.Role

    @property
    def can_export(self) -> bool:
        """Learners' personal data and revenue: staff, the school's admins and instructors."""
        return rules.may_export_register(self.role)

    @property
    def can_manage_seats(self) -> bool:
        return rules.may_manage_school_seats(self.role)


def _viewer(request, school_slug: str, course_id: int, *, export: bool = False):
    """The viewer of a school's course: 404 for outsiders and other schools' courses, 403 for
    a role that may not read (or, with `export`, export) the school's records."""
    found = rules.school_and_role(request.user, slug=school_slug)
    if found is None:
        raise Http404
    school, role = found
    may_enter = rules.may_export_register if export else rules.may_read_register
    if not may_enter(role):
        raise PermissionDenied
    course = school_selectors.school_course(school=school, course_id=course_id)
    return Viewer(school=school, course=course, role=role)


@never_cache
@login_required
def course_for_page(request, course_id: int):
    """The dashboard of a course by its page id (the page tree's "Course dashboard" button):
    404 unless the user may read its school's records."""
    course = CoursePage.objects.filter(pk=course_id).select_related("school").first()
    if course is None or course.school is None:
        raise Http404
    found = rules.school_and_role(request.user, slug=course.school.slug)
    if found is None or not rules.may_read_register(found[1]):
        raise Http404
    return redirect("dashboard:course", school_slug=course.school.slug, course_id=course.pk)


def _context(viewer: Viewer, **extra) -> dict:
    return {
        "school": viewer.school,
        "course": viewer.course,
        "viewer": viewer,
        "can_export": viewer.can_export,
        "can_manage_seats": viewer.can_manage_seats,
        **extra,
    }


def _filename(viewer: Viewer, name: str) -> str:
    stamp = f"{timezone.localdate():%Y-%m-%d}"
    return f"{viewer.school.slug}-course-{viewer.course.pk}-{name}-{stamp}.csv"


def _timeline_chart(timeline, period: str):
    shown = timeline[-periods.RECENT[period] :]
    total = sum(bucket.enrolled for bucket in shown)
    busiest = max(shown, key=lambda bucket: bucket.enrolled)
    first, last = periods.label(period, shown[0].start), periods.label(period, shown[-1].start)
    summary = f"{first} to {last}: {total} enrolment{'s' if total != 1 else ''}"
    if total:
        summary += f"; the most, {busiest.enrolled}, in {periods.label(period, busiest.start)}"
    chart = bar_chart(
        [
            (periods.short_label(period, b.start), periods.label(period, b.start), b.enrolled)
            for b in shown
        ],
        title=f"New enrolments per {period}",
        summary=summary + ".",
    )
    rows = [(periods.label(period, bucket.start), bucket) for bucket in reversed(shown)]
    return chart, rows


@never_cache
@login_required
def course_dashboard(request, school_slug: str, course_id: int):
    viewer = _viewer(request, school_slug, course_id)
    course = viewer.course
    period = periods.period_or_default(request.GET.get("period"))
    timeline = enrolments.enrolment_timeline(course=course, period=period)
    chart, timeline_rows = _timeline_chart(timeline, period)
    counts = enrolments.enrolment_counts(course=course)
    quizzes = course_quizzes(course=course)
    grades = learner_grades(course=course, quizzes=quizzes)
    passed = passed_by_quiz(quizzes, grades)
    context = _context(
        viewer,
        period=period,
        periods=periods.PERIODS,
        recent=periods.RECENT[period],
        chart=chart,
        timeline_rows=timeline_rows,
        timeline_truncated=len(timeline) > periods.RECENT[period],
        counts=counts,
        seats=enrolments.course_seats(course=course),
        steps=funnel.course_funnel(course=course, quizzes=quizzes, passed=passed),
        results=quiz_results(course=course, quizzes=quizzes, grades=grades, passed=passed),
        feedback=course_feedback(course=course, completed=counts.completed),
    )
    if viewer.can_export:
        context["revenue"] = revenue.revenue_totals(course=course)
        context["revenue_months"] = revenue.revenue_by_month(course=course)[:REVENUE_MONTHS_SHOWN]
    return render(request, "teaching/dashboard/course.html", context)


# --- Aggregate CSVs: no learner in them, so every reader may download them -------------------


@never_cache
@login_required
def enrolments_csv(request, school_slug: str, course_id: int):
    viewer = _viewer(request, school_slug, course_id)
    period = periods.period_or_default(request.GET.get("period"))
    timeline = enrolments.enrolment_timeline(course=viewer.course, period=period)
    return csv_stream_response(
        filename=_filename(viewer, f"enrolments-by-{period}"),
        header=[f"{periods.PERIODS[period]} starting", *enrolments.TIMELINE_COLUMNS[1:]],
        rows=enrolments.timeline_rows(timeline, period=period),
    )


@never_cache
@login_required
def funnel_csv(request, school_slug: str, course_id: int):
    viewer = _viewer(request, school_slug, course_id)
    quizzes = course_quizzes(course=viewer.course)
    passed = passed_by_quiz(quizzes, learner_grades(course=viewer.course, quizzes=quizzes))
    steps = funnel.course_funnel(course=viewer.course, quizzes=quizzes, passed=passed)
    return csv_stream_response(
        filename=_filename(viewer, "funnel"),
        header=funnel.FUNNEL_COLUMNS,
        rows=funnel.funnel_rows(steps),
    )


@never_cache
@login_required
def quizzes_csv(request, school_slug: str, course_id: int):
    viewer = _viewer(request, school_slug, course_id)
    quizzes = course_quizzes(course=viewer.course)
    grades = learner_grades(course=viewer.course, quizzes=quizzes)
    results = quiz_results(
        course=viewer.course, quizzes=quizzes, grades=grades, passed=passed_by_quiz(quizzes, grades)
    )
    return csv_stream_response(
        filename=_filename(viewer, "quizzes"), header=QUIZ_COLUMNS, rows=quiz_rows(results)
    )


# --- Money and people: admins, instructors and staff only ------------------------------------


@never_cache
@login_required
def revenue_csv(request, school_slug: str, course_id: int):
    viewer = _viewer(request, school_slug, course_id, export=True)
    months = revenue.revenue_by_month(course=viewer.course)
    return csv_stream_response(
        filename=_filename(viewer, "revenue"),
        header=revenue.REVENUE_COLUMNS,
        rows=revenue.revenue_rows(months),
    )


def _student_filters(request) -> tuple[StudentFilterForm, dict | None]:
    form = StudentFilterForm(request.GET or None)
    if not form.is_bound:
        return form, {}
    return form, (form.cleaned_data if form.is_valid() else None)


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@never_cache
@login_required
def student_list(request, school_slug: str, course_id: int):
    viewer = _viewer(request, school_slug, course_id)
    course = viewer.course
    form, filters = _student_filters(request)
    context = _context(viewer, form=form, query=_query_without_page(request), rows=[])
    if filters is None:
        return render(request, "teaching/dashboard/students.html", context, status=400)
    enrollments = students.course_students(course=course, **filters)
    page = Paginator(enrollments, STUDENTS_PER_PAGE).get_page(request.GET.get("page"))
    needs = students.requirements(course=course, quizzes=course_quizzes(course=course))
    context.update(
        page_obj=page,
        needs=needs,
        rows=list(
            students.student_rows(
                page.object_list,
                course=course,
                needs=needs,
                student_ids=[e.student_id for e in page.object_list],
            )
        ),
    )
    return render(request, "teaching/dashboard/students.html", context)


@never_cache
@login_required
def students_csv(request, school_slug: str, course_id: int):
    viewer = _viewer(request, school_slug, course_id, export=True)
    course = viewer.course
    form, filters = _student_filters(request)
    if filters is None:
        errors = " ".join(error for errors in form.errors.values() for error in errors)
        return HttpResponseBadRequest(BAD_FILTERS + errors, content_type="text/plain")
    enrollments = students.course_students(course=course, **filters)
    needs = students.requirements(course=course, quizzes=course_quizzes(course=course))
    rows = students.student_rows(enrollments.iterator(chunk_size=500), course=course, needs=needs)
    return csv_stream_response(
        filename=_filename(viewer, "students"),
        header=students.STUDENT_COLUMNS,
        rows=students.student_csv_rows(rows),
    )


@never_cache
@login_required
def student_detail(request, school_slug: str, course_id: int, enrollment_id: int):
    viewer = _viewer(request, school_slug, course_id)
    course = viewer.course
    enrollment = students.course_enrollment(course=course, enrollment_id=enrollment_id)
    record = students.student_record(
        course=course,
        enrollment=enrollment,
        quizzes=course_quizzes(course=course),
        with_orders=viewer.can_export,
    )
    certificate = getattr(enrollment, "certificate", None)
    context = _context(
        viewer,
        enrollment=enrollment,
        student=enrollment.student,
        record=record,
        certificate=certificate,
        certificate_verify_path=(
            verify_path(certificate.verify_code)
            if certificate and certificate.status != certificate.Status.PENDING
            else ""
        ),
        seat=getattr(enrollment, "seat_code", None),
    )
    return render(request, "teaching/dashboard/student.html", context)
