"""The one authentication backend: allauth's, which also refuses an unverified account.

Every way of checking a password goes through it (allauth's login, Django's `authenticate()`,
the test client's `login()`), and so does every request of a signed-in user, so an account
whose e-mail address was never verified gets no session anywhere while verification is
mandatory. A user with no EmailAddress row at all (made by a script, or by the Wagtail user
admin) counts as unverified, as allauth's own login does: at the sign-in form allauth then
mails them a confirmation link, and the account works once they follow it. createsuperuser
and load_demo make verified addresses for the people they create.
"""

from functools import cache

from allauth.account import app_settings as allauth_settings
from allauth.account.auth_backends import AuthenticationBackend
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

# Set on the user loaded for a request, so its check costs no query of its own.
VERIFIED_ATTRIBUTE = "_primary_email_verified"

_USER = """
SELECT {columns}{verified} FROM "{users}" u WHERE u.id = %s
"""
# Named as VERIFIED_ATTRIBUTE, so raw() sets it on the user.
_VERIFIED = """,
       EXISTS (
           SELECT 1 FROM "{addresses}" address
           WHERE address.user_id = u.id AND address."primary" = %s AND address.verified = %s
       ) AS _primary_email_verified"""


@cache
def _user_query(*, check_verified: bool) -> str:
    model = get_user_model()
    return _USER.format(
        columns=", ".join(f'u."{field.column}"' for field in model._meta.concrete_fields),
        users=model._meta.db_table,
        verified=_VERIFIED.format(addresses=EmailAddress._meta.db_table) if check_verified else "",
    )


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
        """The user of a session, or None: one hand-written query, the verified-address check
        riding along as a subquery. Hand-written because a signed-in request that finds no
        remembered user (accounts/session_user.py) spent about a millisecond having the ORM
        build this query (issue 19); it must find what `_default_manager.annotate(<that
        Exists>).get(pk=user_id)` found (tests/accounts/test_user_read.py)."""
        model = get_user_model()
        user_id = model._meta.pk.to_python(user_id)
        if not -(2**63) <= user_id < 2**63:  # SQLite refuses it; the ORM found no one
            return None
        check = verification_required()
        query = _user_query(check_verified=check)
        params = [True, True, user_id] if check else [user_id]
        user = next(iter(model._default_manager.raw(query, params)), None)
        if user is None:
            return None
        if check:  # a raw column is as the driver gives it: SQLite has no boolean
            setattr(user, VERIFIED_ATTRIBUTE, bool(getattr(user, VERIFIED_ATTRIBUTE)))
        return user if self.user_can_authenticate(user) else None
