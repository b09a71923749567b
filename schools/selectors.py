"""Reads for a school's team page: each returns a QuerySet with what the page shows joined in,
so the page costs the same few queries however large the team. And what a school may use."""

from django.db.models import Q, QuerySet
from wagtail.images import get_image_model

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


def images_for_school(*, school_id: int) -> QuerySet:
    """The images a school's authors may put in front of learners: everything except what
    lives in another school's collection (or below it). Shared images outside every school's
    collection stay usable; another school's uploads do not leak through an id."""
    others = (
        School.objects.exclude(pk=school_id)
        .filter(collection__depth__gt=1)  # a school on the root collection shares everything
        .values_list("collection__path", flat=True)
    )
    excluded = Q()
    for path in others:
        excluded |= Q(collection__path__startswith=path)
    images = get_image_model().objects.all()
    return images.exclude(excluded) if excluded else images
