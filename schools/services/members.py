"""A school's members: join by role (each role puts them in the school's groups), change role,
leave. A school always keeps at least one admin."""

from django.core.exceptions import ValidationError
from django.db import transaction

from schools.models import School, SchoolAuditEntry, SchoolMembership
from schools.services.audit import audit_record

SCHOOL_NOT_SET_UP = "“{name}” has no editor groups yet: run create_school for it first."
LAST_ADMIN = (
    "{email} is the school's only admin: make someone else an admin first, so the school is "
    "never left without one."
)
UNKNOWN_ROLE = "Choose a role: admin, instructor or reviewer."

Role = SchoolMembership.Role

ROLE_GROUPS = {
    Role.ADMIN: ("editors_group", "reviewers_group"),
    Role.INSTRUCTOR: ("editors_group",),
    Role.REVIEWER: ("reviewers_group",),
}


def _groups_set(*, school: School, user, role: str | None) -> None:
    """Put `user` in exactly the school groups `role` implies (none for None)."""
    wanted = {getattr(school, field) for field in ROLE_GROUPS[role]} if role else set()
    for group in (school.editors_group, school.reviewers_group):
        if group is None:
            continue
        if group in wanted:
            user.groups.add(group)
        else:
            user.groups.remove(group)


@transaction.atomic
def school_member_add(*, school: School, user, role: str) -> SchoolMembership:
    """Make `user` a member with `role` and put them in exactly the school groups it implies."""
    if school.editors_group_id is None or school.reviewers_group_id is None:
        raise ValidationError(SCHOOL_NOT_SET_UP.format(name=school.name))
    if role not in Role.values:
        raise ValidationError({"role": UNKNOWN_ROLE})
    membership = SchoolMembership.objects.filter(school=school, user=user).first()
    if membership is None:
        membership = SchoolMembership(school=school, user=user)
    membership.role = role
    membership.full_clean()
    membership.save()
    _groups_set(school=school, user=user, role=role)
    return membership


def _keeps_an_admin(*, membership: SchoolMembership) -> None:
    """Refuse to take away the last admin. The school's admin rows are locked first, so two
    admins demoting each other at the same moment cannot both succeed."""
    admins = list(
        SchoolMembership.objects.select_for_update()
        .filter(school_id=membership.school_id, role=Role.ADMIN)
        .values_list("pk", flat=True)
    )
    if admins == [membership.pk]:
        raise ValidationError(LAST_ADMIN.format(email=membership.user.email))


@transaction.atomic
def member_role_change(*, membership: SchoolMembership, role: str, actor) -> SchoolMembership:
    if role not in Role.values:
        raise ValidationError({"role": UNKNOWN_ROLE})
    membership = (
        SchoolMembership.objects.select_for_update()
        .select_related("school", "user")
        .get(pk=membership.pk)
    )
    old = membership.role
    if old == role:
        return membership
    if old == Role.ADMIN:
        _keeps_an_admin(membership=membership)
    membership = school_member_add(school=membership.school, user=membership.user, role=role)
    audit_record(
        school=membership.school,
        actor=actor,
        action=SchoolAuditEntry.Action.ROLE_CHANGED,
        subject_email=membership.user.email,
        detail=f"{Role(old).label} → {Role(role).label}",
    )
    return membership


@transaction.atomic
def member_remove(*, membership: SchoolMembership, actor) -> None:
    """Take `user` out of the school and its groups; their work (pages, questions) stays."""
    membership = (
        SchoolMembership.objects.select_for_update()
        .select_related("school", "user")
        .get(pk=membership.pk)
    )
    if membership.role == Role.ADMIN:
        _keeps_an_admin(membership=membership)
    school, user, role = membership.school, membership.user, membership.role
    membership.delete()
    _groups_set(school=school, user=user, role=None)
    audit_record(
        school=school,
        actor=actor,
        action=SchoolAuditEntry.Action.REMOVED,
        subject_email=user.email,
        detail=f"was {Role(role).label}",
    )
