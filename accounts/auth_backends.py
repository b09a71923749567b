"""The one authentication backend: allauth's, which also refuses an unverified account.

Every way of checking a password goes through it (allauth's login, Django's `authenticate()`,
the test client's `login()`), and so does every request of a signed-in user, so an account
whose e-mail address was never verified gets no session anywhere while verification is
mandatory. A user with no EmailAddress row at all (made by a script, or by the Wagtail user
admin) counts as unverified, as allauth's own login does: at the sign-in form allauth then
mails them a confirmation link, and the account works once they follow it. createsuperuser
and load_demo make verified addresses for the people they create.
"""

from allauth.account import app_settings as allauth_settings
from allauth.account.auth_backends import AuthenticationBackend
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

# Set on the user loaded for a request, so its check costs no query of its own.
VERIFIED_ATTRIBUTE = "_primary_email_verified"


def _verified_primary(user):
    return EmailAddress.objects.filter(user=user, primary=True, verified=True)


def verification_required() -> bool:
    return allauth_settings.EMAIL_VERIFICATION == allauth_settings.EmailVerificationMethod.MANDATORY


class VerifiedEmailBackend(AuthenticationBackend):
    def user_can_authenticate(self, user) -> bool:
        if not super().user_can_authenticate(user):
            return False
        if not verification_required():
            return True
        verified = getattr(user, VERIFIED_ATTRIBUTE, None)
        if verified is None:
            verified = _verified_primary(user).exists()
        return verified

    def get_user(self, user_id):
        model = get_user_model()
        users = model._default_manager.all()
        if verification_required():
            # Still one query per request: the check rides along as a subquery.
            verified = Exists(_verified_primary(OuterRef("pk")))
            users = users.annotate(**{VERIFIED_ATTRIBUTE: verified})
        try:
            user = users.get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
