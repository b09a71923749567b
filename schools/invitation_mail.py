"""The invitation e-mail, in HTML and plain text, with the one copy of the link's token."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from schools.models import SchoolInvitation
from schools.services import invitation_token_issue

SUBJECT = "You are invited to join {school} on NMT Academy"


def invitation_mail_send(*, invitation_id: int) -> bool:
    invitation = (
        SchoolInvitation.objects.select_related("school", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        return False
    token = invitation_token_issue(invitation=invitation)
    if token is None:
        return False
    context = {
        "invitation": invitation,
        "school": invitation.school,
        "role": invitation.get_role_display(),
        "inviter": invitation.invited_by,
        "url": settings.SITE_URL + reverse("invitations:accept", args=[token]),
        "expires_at": invitation.expires_at,
    }
    message = EmailMultiAlternatives(
        subject=SUBJECT.format(school=invitation.school.name),
        body=render_to_string("schools/email/invitation.txt", context),
        to=[invitation.email],
        reply_to=[invitation.school.email] if invitation.school.email else None,
    )
    message.attach_alternative(
        render_to_string("schools/email/invitation.html", context), "text/html"
    )
    message.send()
    return True
