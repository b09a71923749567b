"""Sends staff and school admins without a second factor to set one up (MFA_REQUIRED_FOR_STAFF).

Platform staff and school admins refund payments and read learners' licence numbers. With the
setting on, such a user who has neither an authenticator app nor a security key is redirected to
/accounts/2fa/ before the Wagtail or Django admin and every school-admin page (registers,
reporting, seat pools, course dashboards). Whoever has one was asked for it at login by allauth,
so the guard only needs to know that one exists. Learners are never stopped; they may add a
second factor from their profile.
"""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect

from schools import rules

SET_UP_SECOND_FACTOR = (
    "Your account can change other people's records, so it needs a second factor: set up an "
    "authenticator app or a security key, then continue."
)
# Where admins work: the admins, school registers and reporting, seat pools, course dashboards.
PROTECTED_PREFIXES = ("/admin/", "/django-admin/", "/schools/", "/seats/pools/", "/dashboard/")
# A recovery code alone is not a factor: it exists only beside an app or a key.
SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def second_factor_required(user) -> bool:
    """Whether `user` must have a second factor: platform staff and school admins, when the
    setting asks for it."""
    if not getattr(settings, "MFA_REQUIRED_FOR_STAFF", False) or not user.is_authenticated:
        return False
    return rules.is_platform_staff(user) or bool(rules.school_ids(user, roles=rules.ADMIN_ROLES))


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(user_id=user.pk, type__in=SECOND_FACTORS).exists()


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The path first: on a learner's page the user is not even loaded.
        if not request.path.startswith(PROTECTED_PREFIXES):
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and second_factor_required(user) and not has_second_factor(user):
            messages.warning(request, SET_UP_SECOND_FACTOR)
            return redirect("mfa_index")
        return self.get_response(request)
