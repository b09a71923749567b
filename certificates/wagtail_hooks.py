"""Certificates in the Wagtail admin: the issued certificates of a school (read-only, with
revoke / reinstate / reissue and their history) and the certificate designs schools edit.

Schools see their own rows only; staff see everything; nobody deletes anything. The pieces
live in certificates/admin/; this module only registers them.
"""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from certificates.admin.certificate_viewset import CertificateViewSet
from certificates.admin.design_failures_panel import design_failures_panel
from certificates.admin.design_viewset import CertificateTemplateViewSet
from certificates.admin.policies import certificate_policy, template_policy
from certificates.models import Certificate, CertificateTemplate

register_permission_policy(Certificate, certificate_policy)
register_permission_policy(CertificateTemplate, template_policy)
register_snippet(CertificateTemplateViewSet)


@hooks.register("construct_homepage_panels")
def add_design_failures_panel(request, panels):
    panel = design_failures_panel(request.user)
    if panel is not None:
        panels.append(panel)


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificateViewSet("certificates_admin", url_prefix="certificates")
