"""The team audit log: one row per change, written inside the change's own transaction."""

from schools.models import School, SchoolAuditEntry


def audit_record(
    *, school: School, actor, action: str, subject_email: str, detail: str = ""
) -> SchoolAuditEntry:
    actor_email = getattr(actor, "email", "") if actor is not None else ""
    return SchoolAuditEntry.objects.create(
        school=school,
        actor=actor if actor is not None and actor.pk else None,
        actor_email=actor_email or "",
        action=action,
        subject_email=subject_email,
        detail=detail[:200],
    )
