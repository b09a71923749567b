"""Extra time for a learner on a course's timed quizzes, granted by its school's teachers.

Staff and the course school's admins and instructors only (schools.rules); anyone else gets a
404, so the page does not reveal which courses exist.
"""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from courses.models import CoursePage
from quizzes import selectors
from quizzes.models import Attempt, QuizPage
from quizzes.services.accommodations import accommodation_grant
from schools import rules

WHOLE_COURSE = "course"
NO_SUCH_LEARNER = "No learner with that email is enrolled on this course."


class AccommodationForm(forms.Form):
    email = forms.EmailField(label="Learner's email")
    time_factor = forms.DecimalField(
        label="Time factor",
        min_value=Decimal(1),
        max_value=Decimal(4),
        max_digits=3,
        decimal_places=2,
        initial=Decimal("1.5"),
        help_text="1.5 gives half as much time again (90 minutes become 135).",
    )
    extra_minutes = forms.IntegerField(
        label="Extra minutes",
        min_value=0,
        max_value=600,
        initial=0,
        help_text="Added after the factor.",
    )
    applies_to = forms.ChoiceField(label="Applies to")
    reason = forms.CharField(
        label="Reason",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Recorded with your name and the date.",
    )

    def __init__(self, *args, open_attempts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applies_to"].choices = [
            (WHOLE_COURSE, "Every timed quiz of this course"),
            *[
                (
                    str(a.pk),
                    f"Only the open attempt {a.number} of {a.student.email} at {a.quiz.title}",
                )
                for a in open_attempts
            ],
        ]


def _course_or_404(request, course_id: int) -> CoursePage:
    course = CoursePage.objects.filter(pk=course_id).first()
    if course is None or not rules.may_grant_accommodation(request.user, course=course):
        raise Http404
    return course


def _open_timed_attempts(course: CoursePage):
    quizzes = QuizPage.objects.descendant_of(course).filter(time_limit_minutes__gt=0)
    return list(
        Attempt.objects.filter(state=Attempt.State.IN_PROGRESS, quiz__in=quizzes.values("pk"))
        .select_related("student", "quiz")
        .order_by("student__email", "pk")[:200]
    )


@login_required
def accommodations(request, course_id: int):
    """The course's grants, newest first, and the form to grant more."""
    course = _course_or_404(request, course_id)
    open_attempts = _open_timed_attempts(course)
    form = AccommodationForm(request.POST or None, open_attempts=open_attempts)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        student = (
            get_user_model()
            .objects.filter(email__iexact=data["email"], enrollments__course=course)
            .first()
        )
        attempt = None
        if data["applies_to"] != WHOLE_COURSE:
            attempt = next((a for a in open_attempts if str(a.pk) == data["applies_to"]), None)
        if student is None:
            form.add_error("email", NO_SUCH_LEARNER)
        else:
            try:
                grant = accommodation_grant(
                    student=student,
                    course=course,
                    granted_by=request.user,
                    reason=data["reason"],
                    time_factor=data["time_factor"],
                    extra_minutes=data["extra_minutes"],
                    attempt=attempt,
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, exc)
            else:
                messages.success(
                    request, f"Extra time granted to {student.email}: {grant.describe()}."
                )
                return redirect("quizzes:accommodations", course_id=course.pk)
    context = {
        "course": course,
        "form": form,
        "grants": selectors.course_accommodations(course=course)[:200],
    }
    return render(request, "quizzes/instructor/accommodations.html", context)
