"""A school's certificate records: the register, the completions report, evaluation results.

Staff and the school's admins and instructors see everything and download the CSVs; reviewers
may read the register and the evaluation results but not export learners' licence data. Anyone
else gets a 404, so the pages do not reveal which schools or courses exist.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from certificates.models import Certificate
from cms.exports import csv_stream_response
from courses.selectors import approvals_nearing_expiry
from records import evaluation_summary as evaluations
from records import school_selectors as selectors
from records.forms import CompletionsFilterForm, RegisterFilterForm
from records.retention import retention_years
from records.selectors import verify_path
from schools import rules

CERTIFICATES_PER_PAGE = 50
COMPLETIONS_PREVIEW = 50
COMMENTS_PER_PAGE = 50
BAD_FILTERS = "Check the filters: "


def _school(request, slug: str, *, export: bool = False):
    """(school, may export) for a user allowed in; 404 for outsiders, 403 for a lesser role
    (every member may read the register; `export` pages need rules.may_export_register)."""
    found = rules.school_and_role(request.user, slug=slug)
    if found is None:
        raise Http404
    school, role = found
    may_enter = rules.may_export_register if export else rules.may_read_register
    if not may_enter(role):
        raise PermissionDenied
    request.school_role = role  # the nav offers seat pools to the school's admins
    return school, rules.may_export_register(role)


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _bad_filters(form) -> HttpResponseBadRequest:
    errors = " ".join(error for errors in form.errors.values() for error in errors)
    return HttpResponseBadRequest(BAD_FILTERS + errors, content_type="text/plain")


def _filters(form) -> dict | None:
    """The form's filters, {} when none were given, None when they are invalid."""
    if not form.is_bound:
        return {}
    return form.cleaned_data if form.is_valid() else None


def _stamp(name: str, school) -> str:
    return f"{school.slug}-{name}-{timezone.localdate():%Y-%m-%d}.csv"


@never_cache
@login_required
def school_overview(request, school_slug: str):
    school, can_export = _school(request, school_slug)
    context = {
        "school": school,
        "can_export": can_export,
        "courses": selectors.school_courses(school=school),
        "expiring_approvals": approvals_nearing_expiry(school=school),
        "today": timezone.localdate(),
    }
    return render(request, "records/school/overview.html", context)


# --- The certificate register ---------------------------------------------------------------


@never_cache
@login_required
def register(request, school_slug: str):
    school, can_export = _school(request, school_slug)
    form = RegisterFilterForm(request.GET or None, school=school)
    filters = _filters(form)
    certificates = (
        selectors.register_certificates(school=school, **filters)
        if filters is not None
        else Certificate.objects.none()
    )
    page = Paginator(certificates, CERTIFICATES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "school": school,
        "can_export": can_export,
        "form": form,
        "page_obj": page,
        "rows": [(c, verify_path(c.verify_code)) for c in page.object_list],
        "retention_years": retention_years(),
        "query": _query_without_page(request),
    }
    status = 400 if filters is None else 200
    return render(request, "records/school/register.html", context, status=status)


@never_cache
@login_required
def register_csv(request, school_slug: str):
    school, _ = _school(request, school_slug, export=True)
    form = RegisterFilterForm(request.GET or None, school=school)
    filters = _filters(form)
    if filters is None:
        return _bad_filters(form)
    rows = selectors.register_rows(
        certificates=selectors.register_certificates(school=school, **filters),
        site_root=request.build_absolute_uri("/").rstrip("/"),
    )
    return csv_stream_response(
        filename=_stamp("certificates", school), header=selectors.REGISTER_COLUMNS, rows=rows
    )


# --- The completions report -----------------------------------------------------------------


def _completions(request, school):
    """(form, certificates or None when the filters are invalid, body abbreviation)."""
    form = CompletionsFilterForm(request.GET or None, school=school)
    filters = _filters(form)
    if filters is None:
        return form, None, ""
    body = filters.get("body")
    certificates = selectors.completion_certificates(
        school=school,
        course=filters.get("course"),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    return form, certificates, body.abbreviation if body else ""


@never_cache
@login_required
def completions(request, school_slug: str):
    school, _ = _school(request, school_slug, export=True)
    form, certificates, body = _completions(request, school)
    context = {"school": school, "can_export": True, "form": form, "query": request.GET.urlencode()}
    if certificates is None:
        return render(request, "records/school/completions.html", context, status=400)
    preview = [
        row
        for certificate in certificates[:COMPLETIONS_PREVIEW]
        for row in selectors.completion_rows_for(certificate, body=body)
    ]
    context.update(
        certificate_count=certificates.count(),
        columns=selectors.COMPLETION_COLUMNS,
        preview=preview,
        preview_limit=COMPLETIONS_PREVIEW,
        body=form.cleaned_data.get("body") if form.is_bound else None,
    )
    return render(request, "records/school/completions.html", context)


@never_cache
@login_required
def completions_csv(request, school_slug: str):
    school, _ = _school(request, school_slug, export=True)
    form, certificates, body = _completions(request, school)
    if certificates is None:
        return _bad_filters(form)
    return csv_stream_response(
        filename=_stamp("completions", school),
        header=selectors.COMPLETION_COLUMNS,
        rows=selectors.completion_rows(certificates=certificates, body=body),
    )


# --- Course evaluation results --------------------------------------------------------------


@never_cache
@login_required
def evaluation_summary(request, school_slug: str, course_id: int):
    school, can_export = _school(request, school_slug)
    course = selectors.school_course(school=school, course_id=course_id)
    comments = Paginator(evaluations.evaluation_comments(course=course), COMMENTS_PER_PAGE)
    context = {
        "school": school,
        "can_export": can_export,
        "course": course,
        "summary": evaluations.evaluation_summary(course=course),
        "ratings": evaluations.RATINGS,
        "min_responses": evaluations.MIN_RESPONSES_FOR_APPROVAL,
        "comments": comments.get_page(request.GET.get("page")),
    }
    return render(request, "records/school/evaluations.html", context)


@never_cache
@login_required
def evaluation_csv(request, school_slug: str, course_id: int):
    """?kind=responses: every response (anonymous); otherwise the summary per question."""
    school, _ = _school(request, school_slug, export=True)
    course = selectors.school_course(school=school, course_id=course_id)
    summary = evaluations.evaluation_summary(course=course)
    if request.GET.get("kind") == "responses":
        keys = [q.key for q in summary.questions]
        header = ["Submitted on", *(q.label for q in summary.questions), "Comments"]
        rows = evaluations.response_rows(course=course, keys=keys)
        name = f"course-{course.pk}-evaluation-responses"
    else:
        header, rows = evaluations.SUMMARY_COLUMNS, evaluations.summary_rows(summary)
        name = f"course-{course.pk}-evaluation-summary"
    return csv_stream_response(filename=_stamp(name, school), header=header, rows=rows)
