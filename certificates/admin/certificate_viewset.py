"""The "Certificates" admin viewset: read-only, with the revoke / reinstate / reissue URLs."""

from django.urls import path
from wagtail.admin.viewsets.model import ModelViewSet

from certificates.admin.certificate_views import (
    CertificateActionView,
    CertificateFilterSet,
    CertificateIndexView,
    CertificateInspectView,
)
from certificates.models import Certificate


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
