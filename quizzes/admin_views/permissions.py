"""Question-bank permissions come from school memberships, not Django model permissions.

A school's admins and instructors add, change and delete its banks, categories and
questions; its reviewers only view them; staff do anything anywhere. Every check reads the
user's memberships once per request (schools.rules.question_bank_scope).
"""

from wagtail.permission_policies.base import BasePermissionPolicy

from schools import rules

READ_ACTIONS = frozenset({"view"})


def _writes(actions) -> bool:
    return any(action not in READ_ACTIONS for action in actions)


class SchoolScopedPolicy(BasePermissionPolicy):
    """`school_lookup` is the ORM path from the model to its school ("bank__school")."""

    def __init__(self, model, *, school_lookup: str):
        super().__init__(model)
        self.school_lookup = school_lookup

    def school_id_of(self, instance) -> int:
        node = instance
        for step in self.school_lookup.split("__")[:-1]:
            node = getattr(node, step)
        return getattr(node, self.school_lookup.split("__")[-1] + "_id")

    def _school_ids(self, user, actions) -> set[int] | None:
        return rules.question_bank_scope(user, write=_writes(actions))

    def user_has_permission(self, user, action):
        return self.user_has_any_permission(user, [action])

    def user_has_any_permission(self, user, actions):
        # A writer may also read, so asking for several actions asks for the weakest.
        if any(action in READ_ACTIONS for action in actions):
            actions = READ_ACTIONS
        schools = self._school_ids(user, actions)
        return schools is None or bool(schools)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if any(action in READ_ACTIONS for action in actions):
            actions = READ_ACTIONS
        schools = self._school_ids(user, actions)
        return schools is None or self.school_id_of(instance) in schools

    def instances_user_has_any_permission_for(self, user, actions):
        if any(action in READ_ACTIONS for action in actions):
            actions = READ_ACTIONS
        instances = self.model._default_manager.all()
        schools = self._school_ids(user, actions)
        if schools is None:
            return instances
        return instances.filter(**{f"{self.school_lookup}__in": schools})

    def users_with_any_permission(self, actions):
        roles = rules.TEACHING_ROLES if _writes(actions) else rules.ALL_ROLES
        return rules.staff_and_members(roles=roles)
