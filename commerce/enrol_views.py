"""The course page's "Enrol" button: a free course enrols at once, a paid one goes to checkout."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from commerce.services import order_checkout_start
from courses import selectors
from courses.models import CoursePage
from courses.services import enrollment_create


@login_required
@require_POST
def enrol(request, slug: str):
    course = get_object_or_404(CoursePage.objects.live(), slug=slug)
    if not course.is_free:
        return _checkout(request, course)
    try:
        enrollment_create(user=request.user, course=course)
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
        order = order_checkout_start(
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
