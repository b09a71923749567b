"""Who may see and change a school's own settings in the admin, as Wagtail asks it: staff
everything; a school's admins view and change their own school (legal details, provider
approvals, signatures, payout account); only staff add or delete schools."""

from django.db.models import QuerySet
from wagtail.permission_policies.base import BasePermissionPolicy

from schools import rules
from schools.models import School

SETTINGS_ACTIONS = {"change", "view"}


class SchoolPermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user, action):
        if rules.is_platform_staff(user):
            return True
        return action in SETTINGS_ACTIONS and bool(rules.team_school_ids(user))

    def user_has_permission_for_instance(self, user, action, instance):
        if rules.is_platform_staff(user):
            return True
        return action in SETTINGS_ACTIONS and rules.may_set_up_school(user, school_id=instance.pk)

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet[School]:
        if rules.is_platform_staff(user):
            return School.objects.all()
        if not set(actions) & SETTINGS_ACTIONS:
            return School.objects.none()
        return School.objects.filter(pk__in=sorted(rules.team_school_ids(user)))

    def users_with_any_permission(self, actions):
        return rules.staff_and_members(roles=rules.ADMIN_ROLES)


school_policy = SchoolPermissionPolicy(School)
