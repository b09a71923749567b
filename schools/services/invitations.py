"""Invitations: a school admin invites someone by e-mail with a role; the link in the e-mail
makes them a member, whether they already have an account or sign up through it.

The token is made when the e-mail is sent (by the task, invitation_token_issue) and only its
SHA-256 is stored, so the database never holds a working link. Resending makes a new token and
a new expiry; the old link stops working.
"""

import hashlib
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from schools.models import School, SchoolAuditEntry, SchoolInvitation, SchoolMembership
from schools.services.audit import audit_record
from schools.services.members import SCHOOL_NOT_SET_UP, UNKNOWN_ROLE, school_member_add

INVITATION_DAYS = 14
ALREADY_MEMBER = "{email} is already a member of {school}: change their role in the list."
ALREADY_INVITED = "{email} has already been invited: resend that invitation instead."
INVITATION_EXPIRED = "This invitation has expired. Ask the school's admin to send you a new one."
INVITATION_UNKNOWN = (
    "This invitation link is not valid: it may have been replaced by a newer e-mail. Use the "
    "link in the most recent invitation, or ask the school's admin to resend it."
)
INVITATION_REVOKED = (
    "This invitation was withdrawn by the school. Ask its admin if you think it should not "
    "have been."
)
INVITATION_USED = "This invitation has already been accepted by another account."
INVITATION_CLOSED = "This invitation was already accepted or withdrawn."
EMAIL_MISMATCH = (
    "This invitation was sent to {invited}, but you are signed in as {email}. Sign in with "
    "the account for {invited}, or sign up with that address."
)

Action = SchoolAuditEntry.Action


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_for_token(token: str) -> SchoolInvitation | None:
    if not token:
        return None
    rows = SchoolInvitation.objects.select_related("school").filter(token_hash=token_hash(token))
    return rows.first()


def _is_open(invitation: SchoolInvitation) -> bool:
    return invitation.accepted_at is None and invitation.revoked_at is None


def _send_later(invitation: SchoolInvitation) -> None:
    from schools.tasks import invitation_send

    pk = invitation.pk
    transaction.on_commit(lambda: invitation_send.enqueue(pk))


@transaction.atomic
def invitation_create(*, school: School, email: str, role: str, invited_by) -> SchoolInvitation:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": exc.messages}) from exc
    if role not in SchoolMembership.Role.values:
        raise ValidationError({"role": UNKNOWN_ROLE})
    if school.editors_group_id is None or school.reviewers_group_id is None:
        raise ValidationError(SCHOOL_NOT_SET_UP.format(name=school.name))
    if SchoolMembership.objects.filter(school=school, user__email__iexact=email).exists():
        raise ValidationError({"email": ALREADY_MEMBER.format(email=email, school=school.name)})
    open_rows = SchoolInvitation.objects.filter(
        school=school, email=email, accepted_at__isnull=True, revoked_at__isnull=True
    )
    if open_rows.exists():
        raise ValidationError({"email": ALREADY_INVITED.format(email=email)})
    invitation = SchoolInvitation(
        school=school,
        email=email,
        role=role,
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    invitation.full_clean(exclude=["invited_by"])
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError as exc:  # the same invitation, sent at the same moment by another admin
        raise ValidationError({"email": ALREADY_INVITED.format(email=email)}) from exc
    audit_record(
        school=school,
        actor=invited_by,
        action=Action.INVITED,
        subject_email=email,
        detail=f"as {invitation.get_role_display()}",
    )
    _send_later(invitation)
    return invitation


@transaction.atomic
def invitation_token_issue(*, invitation: SchoolInvitation) -> str | None:
    """A new token for an open invitation (the old link stops working), or None if it closed
    meanwhile. Called by the task that sends the e-mail: the token leaves only in that e-mail."""
    invitation = SchoolInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not _is_open(invitation):
        return None
    token = secrets.token_urlsafe(32)
    invitation.token_hash = token_hash(token)
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["token_hash", "sent_at"])
    return token


@transaction.atomic
def invitation_resend(*, invitation: SchoolInvitation, actor) -> SchoolInvitation:
    """Send again with a fresh link and a fresh expiry (also for an expired invitation)."""
    invitation = SchoolInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not _is_open(invitation):
        raise ValidationError(INVITATION_CLOSED)
    invitation.expires_at = timezone.now() + timedelta(days=INVITATION_DAYS)
    invitation.save(update_fields=["expires_at"])
    audit_record(
        school=invitation.school, actor=actor, action=Action.RESENT, subject_email=invitation.email
    )
    _send_later(invitation)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: SchoolInvitation, actor) -> SchoolInvitation:
    invitation = SchoolInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not _is_open(invitation):
        raise ValidationError(INVITATION_CLOSED)
    invitation.revoked_at = timezone.now()  # the link stays known, to say it was withdrawn
    invitation.save(update_fields=["revoked_at"])
    audit_record(
        school=invitation.school, actor=actor, action=Action.REVOKED, subject_email=invitation.email
    )
    return invitation


def _owns_address(user, email: str) -> bool:
    if (user.email or "").lower() == email:
        return True
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def invitation_check(*, invitation: SchoolInvitation, user=None) -> None:
    """Raise the reason `user` (or anyone, without a user) cannot accept, if there is one."""
    if invitation.revoked_at is not None:
        raise ValidationError(INVITATION_REVOKED, code="revoked")
    if invitation.accepted_at is not None:
        if user is not None and invitation.accepted_by_id == user.pk:
            return
        raise ValidationError(INVITATION_USED, code="used")
    if invitation.expires_at <= timezone.now():
        raise ValidationError(INVITATION_EXPIRED, code="expired")
    if user is not None and not _owns_address(user, invitation.email):
        raise ValidationError(
            EMAIL_MISMATCH.format(invited=invitation.email, email=user.email), code="mismatch"
        )


@transaction.atomic
def invitation_accept(*, invitation: SchoolInvitation, user) -> SchoolMembership:
    """Make `user` a member with the invitation's role. The account must be the invited
    address (its e-mail, or a verified address of it). Accepting twice changes nothing; a
    member already in the school keeps their role (the admin changes roles in the list)."""
    invitation = (
        SchoolInvitation.objects.select_for_update().select_related("school").get(pk=invitation.pk)
    )
    invitation_check(invitation=invitation, user=user)
    membership = SchoolMembership.objects.filter(school=invitation.school, user=user).first()
    if invitation.accepted_at is not None and membership is not None:
        return membership
    if membership is None:
        membership = school_member_add(school=invitation.school, user=user, role=invitation.role)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit_record(
        school=invitation.school,
        actor=user,
        action=Action.ACCEPTED,
        subject_email=user.email,
        detail=f"as {membership.get_role_display()}",
    )
    return membership
