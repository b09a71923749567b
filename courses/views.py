from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from courses import selectors, services
from courses.forms import SiteSearchForm
from courses.models import CoursePage, Enrollment


@login_required
@require_POST
def enrol(request, slug: str):
    course = get_object_or_404(CoursePage.objects.live(), slug=slug)
    if not course.is_free:
        return _checkout(request, course)
    try:
        services.enrollment_create(user=request.user, course=course)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect(course.url)
    messages.success(request, f"You are enrolled on {course.title}.")
    lessons = selectors.course_lessons(selectors.course_outline(course=course))
    return redirect(lessons[0].url if lessons else course.url)


def _checkout(request, course: CoursePage):
    """Paid course: off to checkout once the buyer accepted the school's policies. The price is
    the course's, never the form's."""
    accepted = (
        request.POST.get("policies_digest", "") if request.POST.get("accept_policies") else ""
    )
    try:
        order = services.order_checkout_start(
            user=request.user,
            course=course,
            success_url=request.build_absolute_uri(reverse("payments:success")),
            cancel_url=request.build_absolute_uri(reverse("payments:cancel")),
            accepted_policies=accepted,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(course.url)
    response = HttpResponseRedirect(order.checkout_url)
    response.status_code = 303  # See Other: the browser GETs the checkout page
    return response


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
