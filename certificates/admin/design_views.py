"""The design views: edit, inspect, history and usage reach only the designs the user may see
(404 otherwise), and a PDF preview renders a design with a made-up learner."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template import TemplateSyntaxError
from django.urls import reverse
from django.views import View
from wagtail.admin.widgets.button import Button, MenuItem
from wagtail.snippets.views import snippets as snippet_views

from certificates.admin.policies import template_policy
from certificates.designs.services import DESIGN_ERROR, PDF_FAILED
from certificates.rendering import design_from_template, render_certificate_html
from certificates.snapshot import sample_snapshot
from schools import rules
from schools.models import School


class ScopedTemplateMixin:
    scope_actions = ("view",)

    def scoped_templates(self):
        return template_policy.instances_user_has_any_permission_for(
            self.request.user, self.scope_actions
        )


class TemplateEditView(ScopedTemplateMixin, snippet_views.EditView):
    scope_actions = ("change",)

    def get_queryset(self):
        return self.scoped_templates()


class TemplateInspectView(ScopedTemplateMixin, snippet_views.InspectView):
    preview_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(self.scoped_templates(), pk=self.pk)

    @property
    def header_more_buttons(self):
        url = reverse(self.preview_url_name, args=[self.object.pk])
        return [*super().header_more_buttons, Button("Preview PDF", url=url, icon_name="doc-full")]


class TemplateHistoryView(ScopedTemplateMixin, snippet_views.HistoryView):
    def get_base_object_queryset(self):
        return self.scoped_templates()


class TemplateUsageView(ScopedTemplateMixin, snippet_views.UsageView):
    scope_actions = ("change",)

    def get_base_object_queryset(self):
        return self.scoped_templates()


class TemplateIndexView(snippet_views.IndexView):
    preview_url_name = None

    def get_edit_url(self, instance):
        if template_policy.user_has_permission_for_instance(self.request.user, "change", instance):
            return super().get_edit_url(instance)
        return None

    def get_list_more_buttons(self, instance):
        url = reverse(self.preview_url_name, args=[instance.pk])
        return [
            *super().get_list_more_buttons(instance),
            MenuItem("Preview PDF", url=url, icon_name="doc-full", priority=30),
        ]


class TemplatePreviewView(ScopedTemplateMixin, View):
    """The design rendered with a made-up learner and the school's real details; not stored."""

    def get(self, request, pk: int):
        template = get_object_or_404(self.scoped_templates(), pk=pk)
        from certificates.pdf import html_to_pdf

        school = template.school
        if school is None:
            # A shared design, shown with the viewer's own school's details where they have one.
            school = School.objects.filter(
                pk__in=rules.school_ids(request.user, roles=rules.TEACHING_ROLES)
            ).first()
        snapshot = sample_snapshot(school=school)
        try:
            html = render_certificate_html(design=design_from_template(template), snapshot=snapshot)
            content = html_to_pdf(html)
        except TemplateSyntaxError as exc:
            message = DESIGN_ERROR % {"error": exc}
            return HttpResponse(message, status=400, content_type="text/plain")
        except Exception as exc:  # WeasyPrint may fail on a school's HTML or CSS in any way
            message = PDF_FAILED % {"error": exc}
            return HttpResponse(message, status=400, content_type="text/plain")
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="preview-{template.pk}.pdf"'
        response["Cache-Control"] = "no-store"
        return response
