"""A school's people: members join by role (members), by e-mailed invitation (invitations),
and every change to the team is written to the school's audit log (audit)."""

from schools.services.invitations import (
    INVITATION_DAYS,
    invitation_accept,
    invitation_create,
    invitation_for_token,
    invitation_resend,
    invitation_revoke,
    invitation_token_issue,
)
from schools.services.members import (
    ROLE_GROUPS,
    SCHOOL_NOT_SET_UP,
    member_remove,
    member_role_change,
    school_member_add,
)

__all__ = [
    "INVITATION_DAYS",
    "ROLE_GROUPS",
    "SCHOOL_NOT_SET_UP",
    "invitation_accept",
    "invitation_create",
    "invitation_for_token",
    "invitation_resend",
    "invitation_revoke",
    "invitation_token_issue",
    "member_remove",
    "member_role_change",
    "school_member_add",
]
