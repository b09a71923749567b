from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from courses import selectors
from courses.forms import SiteSearchForm
from courses.models import Enrollment


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
