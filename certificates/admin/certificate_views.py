"""The issued certificates' admin views: the listing and its filters, the inspect page with
its history, and revoke / reinstate / reissue with a reason."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button, MenuItem

from certificates import selectors, services
from certificates.admin.policies import certificate_policy
from certificates.models import Certificate
from courses.models import CoursePage
from schools import rules


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
    if not rules.may_manage_certificate(user, certificate=certificate):
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
        if not rules.may_manage_certificate(request.user, certificate=self.certificate):
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
