"""A school's people: members join by role, and each role puts them in the school's groups."""

from django.core.exceptions import ValidationError
from django.db import transaction

from schools.models import School, SchoolMembership

SCHOOL_NOT_SET_UP = "“{name}” has no editor groups yet: run create_school for it first."

ROLE_GROUPS = {
    SchoolMembership.Role.ADMIN: ("editors_group", "reviewers_group"),
    SchoolMembership.Role.INSTRUCTOR: ("editors_group",),
    SchoolMembership.Role.REVIEWER: ("reviewers_group",),
}


@transaction.atomic
def school_member_add(*, school: School, user, role: str) -> SchoolMembership:
    """Make `user` a member with `role` and put them in exactly the school groups it implies."""
    if school.editors_group_id is None or school.reviewers_group_id is None:
        raise ValidationError(SCHOOL_NOT_SET_UP.format(name=school.name))
    membership = SchoolMembership.objects.filter(school=school, user=user).first()
    if membership is None:
        membership = SchoolMembership(school=school, user=user)
    membership.role = role
    membership.full_clean()
    membership.save()
    wanted = {getattr(school, field) for field in ROLE_GROUPS[role]}
    for group in (school.editors_group, school.reviewers_group):
        if group in wanted:
            user.groups.add(group)
        else:
            user.groups.remove(group)
    return membership
