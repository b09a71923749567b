"""The "Set up <school>" checklist, and its one-click starter certificate design. Staff and the
school's admins (rules.may_set_up_school); anyone else gets 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from certificates.designs.services import certificate_design_starter_create
from schools import selectors
from teaching.onboarding.checklist import ce_blockers, school_checklist

STARTER_MADE = "“{name}” is your school's copy of the built-in design: edit it here."


def _school(request, slug):
    school = selectors.team_school(request.user, slug=slug)
    if school is None:
        raise Http404
    return school


class ChecklistView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "teaching/onboarding/checklist.html"
    header_icon = "tasks"

    def dispatch(self, request, *args, slug, **kwargs):
        self.school = _school(request, slug)
        return super().dispatch(request, *args, slug=slug, **kwargs)

    def get_page_title(self):
        return f"Set up {self.school.name}"

    def get_context_data(self, **kwargs):
        items = school_checklist(school=self.school)
        return super().get_context_data(
            school=self.school,
            items=items,
            blockers=ce_blockers(items),
            done=sum(item.done for item in items),
            **kwargs,
        )


@require_POST
def starter_design(request, slug):
    school = _school(request, slug)
    try:
        design = certificate_design_starter_create(school=school)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("onboarding:checklist", slug=school.slug)
    messages.success(request, STARTER_MADE.format(name=design.name))
    return redirect(
        reverse("wagtailsnippets_certificates_certificatetemplate:edit", args=[design.pk])
    )
