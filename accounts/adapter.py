from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.client_ip import client_ip

NO_CLIENT_ADDRESS = "Unable to determine the client's address."


def safe_next(request) -> str:
    """The request's `next` (form field or query), when it is a path on this site."""
    if request is None:
        return ""
    candidate = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    allowed = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if candidate and allowed and candidate.startswith("/") else ""


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "ACCOUNT_ALLOW_REGISTRATION", True)

    def get_client_ip(self, request) -> str:
        # allauth's rate limits count per address through here: the address ours count by.
        address = client_ip(request)
        if not address:
            raise PermissionDenied(NO_CLIENT_ADDRESS)
        return address

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        """The link carries where the learner was going when they signed up (a course page).
        In the browser that signed up, allauth logs them in and resumes the sign-up's `next`
        itself; anywhere else the link verifies the address, then the login page leads on."""
        url = super().get_email_confirmation_url(request, emailconfirmation)
        destination = safe_next(request)
        if not destination:
            return url
        then = f"{reverse('account_login')}?{urlencode({REDIRECT_FIELD_NAME: destination})}"
        return f"{url}?{urlencode({REDIRECT_FIELD_NAME: then})}"
