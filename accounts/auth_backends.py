"""The one authentication backend: allauth's, which also refuses an unverified account.

Every way of checking a password goes through it (allauth's login, Django's `authenticate()`,
the test client's `login()`), and so does every request of a signed-in user, so an account
whose e-mail address was never verified gets no session anywhere while verification is
mandatory. A user with no EmailAddress row at all (made by a script, or by the Wagtail user
admin) counts as unverified, as allauth's own login does: at the sign-in form allauth then
mails them a confirmation link, and the account works once they follow it. createsuperuser
and load_demo make verified addresses for the people they create.
"""

import functools

from allauth.account import app_settings as allauth_settings
from allauth.account.auth_backends import AuthenticationBackend
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connections, router

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
        try:
            user_id = model._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        if not -(2**63) <= user_id < 2**63:  # SQLite refuses it as a parameter; no such row
            return None
        required = verification_required()
        database = router.db_for_read(model)
        # Still one query per request: the check rides along as a subquery. Written by hand
        # because building it with the ORM cost 0.8 ms of CPU, the raw query 0.1 (issue 19);
        # raw() still applies the fields' converters, as the ORM's get() would.
        sql = _user_sql(database, with_verified=required)
        user = next(iter(model._default_manager.db_manager(database).raw(sql, [user_id])), None)
        if user is None:
            return None
        if required:
            setattr(user, VERIFIED_ATTRIBUTE, bool(getattr(user, VERIFIED_ATTRIBUTE)))
        return user if self.user_can_authenticate(user) else None


@functools.cache
def _user_sql(database: str, *, with_verified: bool) -> str:
    """The user's row by primary key, with whether their primary address is verified."""
    quote = connections[database].ops.quote_name
    user, address = get_user_model()._meta, EmailAddress._meta
    columns = ", ".join(f"u.{quote(field.column)}" for field in user.concrete_fields)
    verified = ""
    if with_verified:
        verified = (
            f", EXISTS (SELECT 1 FROM {quote(address.db_table)} a"  # noqa: S608
            f" WHERE a.{quote(address.get_field('user').column)} = u.{quote(user.pk.column)}"
            f" AND a.{quote('primary')} AND a.{quote('verified')}) AS {VERIFIED_ATTRIBUTE}"
        )
    return (
        f"SELECT {columns}{verified} FROM {quote(user.db_table)} u"  # noqa: S608
        f" WHERE u.{quote(user.pk.column)} = %s"
    )
