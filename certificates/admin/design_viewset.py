"""The "Certificate designs" snippet viewset: its listing, form panels and preview URL."""

from django import forms
from django.urls import path
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.snippets.views import snippets as snippet_views

from certificates.admin.design_forms import CertificateTemplateForm, DesignFailurePanel
from certificates.admin.design_views import (
    TemplateEditView,
    TemplateHistoryView,
    TemplateIndexView,
    TemplateInspectView,
    TemplatePreviewView,
    TemplateUsageView,
)
from certificates.admin.policies import template_policy
from certificates.designs.sandbox import ALLOWED_FILTERS, ALLOWED_TAGS, MAX_SOURCE_BYTES
from certificates.models import CertificateTemplate


class CertificateTemplateViewSet(snippet_views.SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = "Certificate designs"
    menu_order = 221
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["name", "school", "page_size", "is_default", "failed_at", "updated_at"]
    list_filter = ["is_default"]
    search_fields = ["name"]
    index_view_class = TemplateIndexView
    edit_view_class = TemplateEditView
    inspect_view_class = TemplateInspectView
    history_view_class = TemplateHistoryView
    usage_view_class = TemplateUsageView
    inspect_view_fields = [
        "name",
        "school",
        "page_size",
        "is_default",
        "failed_at",
        "failure",
        "failed_certificates",
        "updated_at",
    ]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("name"), FieldPanel("school", widget=forms.Select)]),
            FieldRowPanel([FieldPanel("page_size"), FieldPanel("is_default")]),
            FieldPanel(
                "html",
                help_text=(
                    "Django template language with the certificate's values: {{ learner.name }}, "
                    "{{ course.title }}, {% for approval in approvals %}… as in the built-in "
                    "design. Images must be data: URIs; nothing is loaded from the internet. "
                    f"Tags: {', '.join(sorted(ALLOWED_TAGS))}. "
                    f"Filters: {', '.join(sorted(ALLOWED_FILTERS))}. At most "
                    f"{MAX_SOURCE_BYTES // 1000} KB; checked with a sample certificate on save."
                ),
            ),
            FieldPanel("css"),
            DesignFailurePanel(
                "failure",
                heading="Last failure: certificates were issued in the built-in design",
            ),
            DesignFailurePanel("failed_at", heading="Failed at"),
            DesignFailurePanel("failed_certificates", heading="Certificates affected"),
        ],
        base_form_class=CertificateTemplateForm,
    )

    def get_queryset(self, request):
        return template_policy.instances_user_has_any_permission_for(
            request.user, ["view", "change"]
        )

    def get_index_view_kwargs(self, **kwargs):
        preview_url_name = self.get_url_name("preview_pdf")
        return super().get_index_view_kwargs(preview_url_name=preview_url_name, **kwargs)

    def get_inspect_view_kwargs(self, **kwargs):
        preview_url_name = self.get_url_name("preview_pdf")
        return super().get_inspect_view_kwargs(preview_url_name=preview_url_name, **kwargs)

    def register_chooser_viewset(self):
        # Nothing chooses a design through a chooser, and an unscoped chooser would list
        # every school's designs.
        return None

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("preview-pdf/<int:pk>/", TemplatePreviewView.as_view(), name="preview_pdf"),
        ]
