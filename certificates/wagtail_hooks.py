"""Certificates in the Wagtail admin: the issued certificates of a school (read-only, with
revoke / reinstate / reissue and their history) and the certificate designs schools edit.

Schools see their own rows only; staff see everything; nobody deletes anything.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template import TemplateSyntaxError
from django.urls import path, reverse
from django.views import View
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, MenuItem
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views

from certificates import selectors, services
from certificates.designs.sandbox import ALLOWED_FILTERS, ALLOWED_TAGS, MAX_SOURCE_BYTES
from certificates.designs.services import (
    DESIGN_ERROR,
    PDF_FAILED,
    certificate_design_check,
    certificate_design_save,
)
from certificates.models import Certificate, CertificateTemplate
from certificates.rendering import design_from_template, render_certificate_html
from certificates.snapshot import sample_snapshot
from courses.models import CoursePage
from schools.models import School

DEFAULT_TAKEN = "“%(name)s” is already the default design for %(owner)s: untick it there first."
SCHOOL_REQUIRED = "Choose the school this design belongs to."


def _can_act(user) -> bool:
    return user.is_authenticated and user.is_active


# --- Permission policies --------------------------------------------------------------------


class CertificatePermissionPolicy(BasePermissionPolicy):
    """Certificates are written by the issuing services only: the admin views, never edits."""

    def user_has_permission(self, user, action):
        if action != "view" or not _can_act(user):
            return False
        return selectors.is_platform_staff(user) or bool(selectors.school_ids_for(user))

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and selectors.certificate_viewer(
            user=user, certificate=instance
        ) in {"staff", "school"}

    def instances_user_has_any_permission_for(self, user, actions):
        if "view" not in actions or not _can_act(user):
            return Certificate.objects.none()
        return selectors.certificates_for_admin(user=user)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(
                Q(is_staff=True)
                | Q(is_superuser=True)
                | Q(school_memberships__role__in=selectors.SCHOOL_STAFF_ROLES)
            )
            .distinct()
        )


class CertificateTemplatePermissionPolicy(BasePermissionPolicy):
    """Schools read the platform's designs and edit their own; staff edit all; no deletes."""

    def user_has_permission(self, user, action):
        if not _can_act(user) or action == "delete":
            return False
        if selectors.is_platform_staff(user):
            return action in {"add", "change", "view"}
        if action == "view":
            return bool(selectors.school_ids_for(user))
        if action in {"add", "change"}:
            return bool(selectors.school_ids_for(user, selectors.SCHOOL_MANAGER_ROLES))
        return False

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if selectors.is_platform_staff(user):
            return True
        if action == "view":
            return instance.school_id is None or instance.school_id in selectors.school_ids_for(
                user
            )
        return instance.school_id in selectors.school_ids_for(user, selectors.SCHOOL_MANAGER_ROLES)

    def instances_user_has_any_permission_for(self, user, actions):
        templates = CertificateTemplate.objects.select_related("school")
        if not _can_act(user):
            return templates.none()
        if selectors.is_platform_staff(user):
            return templates if set(actions) & {"add", "change", "view"} else templates.none()
        condition = Q(pk__in=[])
        if "view" in actions:
            condition |= Q(school__isnull=True) | Q(school_id__in=selectors.school_ids_for(user))
        if "change" in actions:
            condition |= Q(
                school_id__in=selectors.school_ids_for(user, selectors.SCHOOL_MANAGER_ROLES)
            )
        return templates.filter(condition)

    def users_with_any_permission(self, actions):
        return CertificatePermissionPolicy(Certificate).users_with_any_permission(["view"])


certificate_policy = CertificatePermissionPolicy(Certificate)
template_policy = CertificateTemplatePermissionPolicy(CertificateTemplate)
register_permission_policy(Certificate, certificate_policy)
register_permission_policy(CertificateTemplate, template_policy)


# --- Certificate designs --------------------------------------------------------------------


class CertificateTemplateForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not selectors.is_platform_staff(user) and "school" in self.fields:
            field = self.fields["school"]
            field.queryset = School.objects.filter(
                pk__in=selectors.school_ids_for(user, selectors.SCHOOL_MANAGER_ROLES)
            )
            field.required = True
            field.empty_label = None
            field.error_messages["required"] = SCHOOL_REQUIRED

    def clean(self):
        cleaned = super().clean()
        if "html" in cleaned and not self.has_error("school"):
            try:
                certificate_design_check(
                    html=cleaned["html"],
                    css=cleaned.get("css", ""),
                    page_size=cleaned.get("page_size", ""),
                    school=cleaned.get("school"),
                )
            except ValidationError as exc:
                self.add_error(None, exc)
        if cleaned.get("is_default"):
            school = cleaned.get("school")
            taken = CertificateTemplate.objects.filter(is_default=True, school=school).exclude(
                pk=self.instance.pk
            )
            other = taken.first()
            if other is not None:
                owner = school.name if school else "every school"
                self.add_error(
                    "is_default",
                    ValidationError(DEFAULT_TAKEN, params={"name": other.name, "owner": owner}),
                )
        return cleaned

    def save(self, commit=True):
        design = super().save(commit=False)
        if commit:
            # The same verb as every other path, so a design is never saved unchecked.
            certificate_design_save(design=design)
        return design


class DesignFailurePanel(FieldPanel):
    """A read-only field about the design's last failure, shown only while there is one."""

    def __init__(self, field_name, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(field_name, **kwargs)

    class BoundPanel(FieldPanel.BoundPanel):
        def is_shown(self):
            return self.instance.failed_at is not None and super().is_shown()


class ScopedTemplateMixin:
    """Edit, inspect and history only reach designs the user may see (404 otherwise)."""

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
            school = School.objects.filter(pk__in=selectors.school_ids_for(request.user)).first()
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


register_snippet(CertificateTemplateViewSet)


class DesignFailuresPanel(Component):
    """On the admin's home page: the designs this user edits that fell back to the built-in
    design, so the school hears of it where it works, not only by e-mail."""

    name = "certificate_design_failures"
    template_name = "certificates/admin/design_failures_panel.html"
    order = 90

    def __init__(self, designs):
        self.designs = designs

    def get_context_data(self, parent_context=None):
        return {"designs": self.designs}


@hooks.register("construct_homepage_panels")
def add_design_failures_panel(request, panels):
    designs = list(
        template_policy.instances_user_has_any_permission_for(request.user, ["change"])
        .filter(failed_at__isnull=False)
        .order_by("-failed_at")[:20]
    )
    if designs:
        panels.append(DesignFailuresPanel(designs))


# --- Issued certificates --------------------------------------------------------------------


def _courses_for_request(request):
    if request is None:
        return CoursePage.objects.none()
    return selectors.courses_for_admin(user=request.user)


class CertificateFilterSet(WagtailFilterSet):
    course = django_filters.ModelChoiceFilter(queryset=_courses_for_request, label="Course")
    issued_at = django_filters.DateFromToRangeFilter(
        label="Issued between", widget=DateRangePickerWidget
    )

    class Meta:
        model = Certificate
        fields = ["status", "course", "issued_at"]


class ScopedCertificateMixin:
    def get_certificate(self, pk):
        return get_object_or_404(
            certificate_policy.instances_user_has_any_permission_for(self.request.user, ["view"]),
            pk=pk,
        )


def _action_buttons(user, certificate, button_class, download=True):
    buttons = []
    if download and certificate.pdf:
        url = reverse("certificates:download", args=[certificate.number])
        buttons.append(button_class("Download PDF", url=url, icon_name="download", priority=20))
    if not selectors.can_manage_certificate(user=user, certificate=certificate):
        return buttons
    for action, label, icon, shown in (
        ("revoke", "Revoke", "cross", certificate.status != Certificate.Status.REVOKED),
        ("reinstate", "Reinstate", "undo", certificate.status == Certificate.Status.REVOKED),
        ("reissue", "Reissue", "resubmit", certificate.status == Certificate.Status.ISSUED),
    ):
        if shown:
            url = reverse(f"certificates_admin:{action}", args=[certificate.pk])
            buttons.append(button_class(label, url=url, icon_name=icon, priority=40))
    return buttons


class CertificateIndexView(IndexView):
    def get_base_queryset(self):
        return certificate_policy.instances_user_has_any_permission_for(self.request.user, ["view"])

    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            *_action_buttons(self.request.user, instance, MenuItem),
        ]


class CertificateInspectView(ScopedCertificateMixin, InspectView):
    template_name = "certificates/admin/certificate_inspect.html"

    def get_object(self, queryset=None):
        return self.get_certificate(self.pk)

    @property
    def header_more_buttons(self):
        return _action_buttons(self.request.user, self.object, Button)

    def get_context_data(self, **kwargs):
        events = self.object.events.select_related("actor").order_by("at", "pk")
        verify_url = reverse("certificates:verify", args=[self.object.verify_code])
        return super().get_context_data(events=events, verify_url=verify_url, **kwargs)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the certificate's history; shown to the learner and, for a "
        "revocation, on the public verification page.",
        error_messages={"required": services.REASON_REQUIRED},
    )


class CertificateActionView(ScopedCertificateMixin, WagtailAdminTemplateMixin, FormView):
    """Revoke, reinstate or reissue one certificate, with a reason."""

    template_name = "certificates/admin/certificate_action.html"
    form_class = ReasonForm
    action = ""
    header_icon = "doc-full"
    actions = {
        "revoke": ("Revoke certificate", services.certificate_revoke, "revoked"),
        "reinstate": ("Reinstate certificate", services.certificate_reinstate, "reinstated"),
        "reissue": ("Reissue certificate", services.certificate_reissue, "reissued"),
    }

    def dispatch(self, request, *args, pk, **kwargs):
        if self.action not in self.actions:
            raise Http404
        self.certificate = self.get_certificate(pk)
        if not selectors.can_manage_certificate(user=request.user, certificate=self.certificate):
            raise PermissionDenied
        return super().dispatch(request, *args, pk=pk, **kwargs)

    def get_page_title(self):
        return self.actions[self.action][0]

    def get_page_subtitle(self):
        return str(self.certificate)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            certificate=self.certificate,
            action=self.action,
            inspect_url=reverse("certificates_admin:inspect", args=[self.certificate.pk]),
            **kwargs,
        )

    def form_valid(self, form):
        _, service, done = self.actions[self.action]
        try:
            service(
                certificate=self.certificate,
                reason=form.cleaned_data["reason"],
                actor=self.request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, f"Certificate {self.certificate} {done}.")
        return redirect("certificates_admin:inspect", self.certificate.pk)


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full-inverse"
    menu_label = "Certificates"
    menu_order = 220
    add_to_admin_menu = True
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["status"]  # never editable (CertificatePermissionPolicy); the viewset needs it
    list_display = ["__str__", "student", "course", "status", "issued_at", "completed_at"]
    filterset_class = CertificateFilterSet
    search_fields = ["number", "student__email", "student__legal_name"]
    inspect_view_fields = [
        "number",
        "status",
        "kind",
        "student",
        "course",
        "school",
        "completed_at",
        "issued_at",
        "ce_hours",
        "template",
        "pdf_rendered_at",
        "revoked_at",
        "revoked_reason",
        "created_at",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            *(
                path(
                    f"{action}/<int:pk>/",
                    CertificateActionView.as_view(action=action),
                    name=action,
                )
                for action in CertificateActionView.actions
            ),
        ]


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificateViewSet("certificates_admin", url_prefix="certificates")
