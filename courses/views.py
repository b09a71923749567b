from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from courses import selectors
from courses.forms import LearnerBoardsForm, SiteSearchForm
from courses.models import Enrollment
from courses.services import enrollment_credit_choose, learner_boards_set


@login_required
def my_courses(request):
    enrollments = (
        Enrollment.objects.filter(student=request.user)
        .select_related("course", "course__cover_image")
        .order_by("-enrolled_at")
    )
    return render(request, "courses/my_courses.html", {"enrollments": enrollments})


def search(request):
    form = SiteSearchForm(request.GET or None)
    results = selectors.site_search(q=form.cleaned_data["q"]) if form.is_valid() else None
    return render(request, "courses/search.html", {"form": form, "results": results})


@never_cache
@login_required
def credit_boards(request, enrollment_id: int):
    """The learner chooses the boards they earn this course's credit with (their own
    enrolment only: anyone else's is a 404)."""
    enrollment = get_object_or_404(
        Enrollment.objects.select_related("course", "student"),
        pk=enrollment_id,
        student=request.user,
    )
    error = ""
    if request.method == "POST":
        try:
            ids = [int(pk) for pk in request.POST.getlist("approval")]
            enrollment = enrollment_credit_choose(enrollment=enrollment, approval_ids=ids)
            if request.POST.get("remember"):
                bodies = enrollment.credit_approvals.values_list("body_id", flat=True)
                learner_boards_set(user=request.user, body_ids=list(bodies))
        except (ValueError, ValidationError) as exc:
            error = " ".join(getattr(exc, "messages", [])) or "Choose among the listed boards."
        else:
            return redirect(enrollment.course.url)
    chosen = set(enrollment.credit_approvals.values_list("pk", flat=True))
    offered = selectors.course_approvals(course=enrollment.course)
    context = {
        "enrollment": enrollment,
        "offered": offered,
        "chosen": chosen,
        "error": error,
    }
    return render(request, "courses/credit_boards.html", context, status=400 if error else 200)


@never_cache
@login_required
def default_boards(request):
    """The boards the learner usually needs, chosen for them on each new enrolment wherever
    those boards approve the course (reached from the profile)."""
    current = list(selectors.learner_boards(user=request.user))
    # Not `request.POST or None`: unticking every board posts nothing, and that is a choice.
    data = request.POST if request.method == "POST" else None
    form = LearnerBoardsForm(data, initial={"bodies": current})
    if request.method == "POST" and form.is_valid():
        learner_boards_set(
            user=request.user, body_ids=[body.pk for body in form.cleaned_data["bodies"]]
        )
        messages.success(request, "Your usual boards were saved.")
        return redirect("accounts:profile")
    return render(
        request,
        "courses/default_boards.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
