"""Accept a school invitation as the account is made, when the person signed up from its link
(schools.views.invitations keeps the token in the session)."""

from allauth.account.signals import user_signed_up
from django.core.exceptions import ValidationError
from django.dispatch import receiver

from schools import services
from schools.views.invitations import SESSION_KEY


@receiver(user_signed_up)
def accept_invitation_on_signup(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    token = request.session.pop(SESSION_KEY, None)
    invitation = services.invitation_for_token(token) if token else None
    if invitation is None:
        return
    try:
        services.invitation_accept(invitation=invitation, user=user)
    except ValidationError:
        return  # signed up with another address, or expired meanwhile: the link page says why
