"""Who may see and change certificates and designs in the admin, as Wagtail asks it: each
answer comes from schools.rules. Nobody deletes anything."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from certificates import selectors
from certificates.models import Certificate, CertificateTemplate
from schools import rules

DESIGN_ACTIONS = {"add", "change", "view"}


class CertificatePermissionPolicy(BasePermissionPolicy):
    """Certificates are written by the issuing services only: the admin views, never edits."""

    def user_has_permission(self, user, action):
        return action == "view" and rules.may_view_certificates(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and selectors.certificate_viewer(
            user=user, certificate=instance
        ) in {"staff", "school"}

    def instances_user_has_any_permission_for(self, user, actions):
        if "view" not in actions or not rules.may_view_certificates(user):
            return Certificate.objects.none()
        return selectors.certificates_for_admin(user=user)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return rules.staff_and_members(roles=rules.TEACHING_ROLES)


class CertificateTemplatePermissionPolicy(BasePermissionPolicy):
    """Schools read the platform's designs and edit their own; staff edit all; no deletes."""

    def user_has_permission(self, user, action):
        if action == "view":
            return rules.may_view_designs(user)
        if action in {"add", "change"}:
            return rules.may_manage_designs(user)
        return False

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "view":
            return rules.may_view_design(user, school_id=instance.school_id)
        if action in {"add", "change"}:
            return rules.may_edit_design(user, school_id=instance.school_id)
        return False

    def instances_user_has_any_permission_for(self, user, actions):
        templates = CertificateTemplate.objects.select_related("school")
        if rules.is_platform_staff(user):
            return templates if set(actions) & DESIGN_ACTIONS else templates.none()
        condition = Q(pk__in=[])
        if "view" in actions and rules.may_view_designs(user):
            teaching = rules.school_ids(user, roles=rules.TEACHING_ROLES)
            condition |= Q(school__isnull=True) | Q(school_id__in=teaching)
        if "change" in actions:
            condition |= Q(school_id__in=rules.design_school_ids(user))
        return templates.filter(condition)

    def users_with_any_permission(self, actions):
        return CertificatePermissionPolicy(Certificate).users_with_any_permission(["view"])


certificate_policy = CertificatePermissionPolicy(Certificate)
template_policy = CertificateTemplatePermissionPolicy(CertificateTemplate)
