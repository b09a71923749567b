"""Reads for a school's team page: each returns a QuerySet with what the page shows joined in,
so the page costs the same few queries however large the team."""

from django.db.models import QuerySet

from schools import rules
from schools.models import School, SchoolAuditEntry, SchoolInvitation, SchoolMembership

AUDIT_SHOWN = 50


def team_schools(user) -> QuerySet[School]:
    """The schools whose team `user` manages (every school for staff)."""
    scope = rules.team_school_ids(user)
    schools = School.objects.order_by("name")
    return schools if scope is None else schools.filter(pk__in=scope)


def team_school(user, *, slug: str) -> School | None:
    """The school by slug if `user` may manage its team, else None (one query)."""
    return team_schools(user).filter(slug=slug).first()


def team_members(*, school: School) -> QuerySet[SchoolMembership]:
    return (
        SchoolMembership.objects.filter(school=school)
        .select_related("user")
        .order_by("role", "user__email")
    )


def team_invitations_open(*, school: School) -> QuerySet[SchoolInvitation]:
    """Invitations not accepted or revoked (expired ones too: they can be resent)."""
    return SchoolInvitation.objects.filter(
        school=school, accepted_at__isnull=True, revoked_at__isnull=True
    ).select_related("invited_by")


def team_audit(*, school: School, limit: int = AUDIT_SHOWN) -> QuerySet[SchoolAuditEntry]:
    return SchoolAuditEntry.objects.filter(school=school).order_by("-created_at", "-pk")[:limit]
