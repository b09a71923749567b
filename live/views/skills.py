"""Signing off a learner's practical skills, module by module."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from courses.models import Enrollment
from live import selectors as live_selectors
from live import services as live_services
from live.forms import SkillSignoffForm
from live.models import SkillsChecklistItem
from live.views.errors import error_text


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def skills(request, course_id: int, enrollment_id: int):
    course = live_selectors.managed_course(user=request.user, course_id=course_id)
    enrollment = get_object_or_404(
        Enrollment.objects.select_related("student"), pk=enrollment_id, course=course
    )
    sheet = live_selectors.skills_sheet(course=course, student_id=enrollment.student_id)
    unsigned = [
        (row.item.pk, row.item.text) for m in sheet.modules for row in m.skills if not row.signoff
    ]
    form = SkillSignoffForm(request.POST or None, item_choices=unsigned)
    if request.method == "POST" and form.is_valid():
        items = SkillsChecklistItem.objects.select_related("module").filter(
            pk__in=form.cleaned_data["items"]
        )
        try:
            for item in items:
                live_services.skill_signoff(item=item, student=enrollment.student, by=request.user)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(
                request, f"Signed off {len(items)} skill{'s' if len(items) != 1 else ''}."
            )
        return redirect("live:skills", course_id=course.pk, enrollment_id=enrollment.pk)
    context = {"course": course, "enrollment": enrollment, "sheet": sheet, "form": form}
    return render(request, "live/skills.html", context)
