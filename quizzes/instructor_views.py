"""Instructor tools: item analysis, gradebook, attempt list, mark override.

Staff and the course school's admins and instructors only; anyone else gets a 404, so the
pages do not reveal which quizzes or courses exist.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from cms.exports import FORMATS, spreadsheet_response
from courses.models import CoursePage
from quizzes import selectors
from quizzes.item_analysis import quiz_item_analysis
from quizzes.models import Attempt, QuizPage
from quizzes.results import quiz_passed
from quizzes.services import attempts as attempt_services

ATTEMPTS_PER_PAGE = 50
PASSED, FAILED, NOT_ATTEMPTED = "passed", "failed", "not_attempted"
STATUS_LABELS = {PASSED: "Passed", FAILED: "Not passed", NOT_ATTEMPTED: "Not attempted"}


GRADEBOOK_PAGE = 100


def _page_of(rows, number) -> tuple:
    """(the requested page of `rows`, how many rows there are), keeping only that page."""
    try:
        number = max(int(number or 1), 1)
    except ValueError:
        number = 1
    start = (number - 1) * GRADEBOOK_PAGE
    kept, total = [], 0
    for row in rows:
        if start <= total < start + GRADEBOOK_PAGE:
            kept.append(row)
        total += 1
    page = Paginator(range(total), GRADEBOOK_PAGE).get_page(number)
    # Past the end, the pager shows the last page's number and the table is empty.
    page.object_list = kept if page.number == number else []
    return page, total


def _percent(fraction) -> str:
    return "" if fraction is None else f"{fraction * 100:.1f}"


def _course_or_404(request, course: CoursePage | None) -> CoursePage:
    if not selectors.course_instructor_access(user=request.user, course=course):
        raise Http404
    return course


def _quiz_or_404(request, quiz_id: int) -> tuple[QuizPage, CoursePage]:
    quiz = get_object_or_404(QuizPage, pk=quiz_id)
    return quiz, _course_or_404(request, selectors.quiz_course(quiz=quiz))


class GradebookFilterForm(forms.Form):
    status = forms.ChoiceField(choices=[("", "Any status"), *STATUS_LABELS.items()], required=False)
    q = forms.CharField(label="Search by email or name", max_length=200, required=False)


class AttemptFilterForm(forms.Form):
    state = forms.ChoiceField(choices=[("", "Any state"), *Attempt.State.choices], required=False)
    q = forms.CharField(label="Search by email or name", max_length=200, required=False)


class OverrideMarkForm(forms.Form):
    slot = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    mark = forms.DecimalField(max_digits=9, decimal_places=2, min_value=0)
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


def _auto_id(order) -> str:
    return f"id_q{order}_%s"


def _filters(form_class, request) -> dict:
    form = form_class(request.GET)
    return (form.cleaned_data if form.is_valid() else {}), form


@login_required
def item_analysis_report(request, quiz_id: int):
    quiz, course = _quiz_or_404(request, quiz_id)
    analysed, items = quiz_item_analysis(quiz=quiz)
    context = {
        "quiz": quiz,
        "course": course,
        "analysed": analysed,
        "items": items,
        "objectives": selectors.objective_item_analysis(quiz=quiz, course=course),
    }
    return render(request, "quizzes/instructor/item_analysis.html", context)


def _row_status(quizzes, grades) -> str:
    if all(grade is None for grade in grades):
        return NOT_ATTEMPTED
    passed = all(quiz_passed(quiz=q, grade=g) for q, g in zip(quizzes, grades, strict=True))
    return PASSED if passed else FAILED


@login_required
def gradebook(request, course_id: int):
    course = _course_or_404(request, CoursePage.objects.filter(pk=course_id).first())
    filters, form = _filters(GradebookFilterForm, request)
    quizzes, rows = selectors.course_gradebook(course=course, search=filters.get("q", ""))

    def table():
        for enrollment, grades in rows:
            status = _row_status(quizzes, grades)
            if filters.get("status") and status != filters["status"]:
                continue
            yield {
                "student": enrollment.student,
                "grades": [
                    {"percent": _percent(g), "passed": quiz_passed(quiz=q, grade=g)}
                    for q, g in zip(quizzes, grades, strict=True)
                ],
                "status": status,
                "status_label": STATUS_LABELS[status],
            }

    if request.GET.get("format") in FORMATS:
        return spreadsheet_response(
            export_format=request.GET["format"],
            filename=f"gradebook-{course.slug}",
            header=["Email", "Name", *[q.title for q in quizzes], "Status"],
            rows=(
                [
                    row["student"].email,
                    row["student"].legal_name or row["student"].display_name,
                    *[grade["percent"] for grade in row["grades"]],
                    row["status_label"],
                ]
                for row in table()
            ),
        )
    # One page of rows is kept; the others are counted as they stream past.
    shown, total = _page_of(table(), request.GET.get("page"))
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("page", None)
    context = {
        "course": course,
        "quizzes": quizzes,
        "rows": shown.object_list,
        "page_obj": shown,
        "total": total,
        "form": form,
        "query": query.urlencode(),
    }
    return render(request, "quizzes/instructor/gradebook.html", context)


@login_required
def attempt_list(request, quiz_id: int):
    quiz, course = _quiz_or_404(request, quiz_id)
    filters, form = _filters(AttemptFilterForm, request)
    attempts = selectors.quiz_attempts(
        quiz=quiz, state=filters.get("state", ""), search=filters.get("q", "")
    )
    if request.GET.get("format") in FORMATS:
        return spreadsheet_response(
            export_format=request.GET["format"],
            filename=f"attempts-{quiz.slug}",
            header=[
                "Email",
                "Name",
                "Attempt",
                "State",
                "Started",
                "Submitted",
                "Score",
                "Max",
                "Percent",
                "Override reason",
            ],
            rows=(
                [
                    a.student.email,
                    a.student.legal_name or a.student.display_name,
                    a.number,
                    a.get_state_display(),
                    a.started_at.isoformat(),
                    a.submitted_at.isoformat() if a.submitted_at else "",
                    a.score if a.score is not None else "",
                    a.max_score,
                    _percent(a.fraction),
                    a.grade_override_reason,
                ]
                for a in attempts.iterator()
            ),
        )
    page = Paginator(attempts, ATTEMPTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    context = {
        "quiz": quiz,
        "course": course,
        "page_obj": page,
        "form": form,
        "query": query.urlencode(),
    }
    return render(request, "quizzes/instructor/attempt_list.html", context)


@login_required
def attempt_grade(request, attempt_id: int):
    """Every question of a submitted attempt, each with a form to override its mark."""
    attempt = selectors.attempt_for_grading(attempt_id=attempt_id)
    if attempt is None:
        raise Http404
    course = _course_or_404(request, selectors.quiz_course(quiz=attempt.quiz))
    slots = list(
        selectors.attempt_slots(attempt=attempt).select_related("question_version__question")
    )
    bound = None
    if request.method == "POST":
        bound = OverrideMarkForm(request.POST, auto_id=_auto_id(request.POST.get("slot", "")))
        slot = None
        if bound.is_valid():
            slot = next((s for s in slots if s.order == bound.cleaned_data["slot"]), None)
            if slot is None:
                bound.add_error(None, attempt_services.NO_SUCH_QUESTION % {"order": ""})
        if slot is not None:
            try:
                attempt_services.attempt_override_mark(
                    attempt_slot=slot,
                    mark=bound.cleaned_data["mark"],
                    reason=bound.cleaned_data["reason"],
                    by=request.user,
                )
            except ValidationError as exc:
                bound.add_error(None, exc)
            else:
                messages.success(request, f"Question {slot.order} regraded.")
                return redirect("quizzes:attempt_grade", attempt_id=attempt.pk)
    rows = []
    for slot in slots:
        form = OverrideMarkForm(
            initial={"slot": slot.order, "mark": slot.mark}, auto_id=_auto_id(slot.order)
        )
        if bound is not None and str(bound.data.get("slot")) == str(slot.order):
            form = bound
        rows.append({"slot": slot, "form": form})
    context = {"attempt": attempt, "quiz": attempt.quiz, "course": course, "rows": rows}
    return render(
        request,
        "quizzes/instructor/attempt_grade.html",
        context,
        status=400 if bound is not None else 200,
    )
