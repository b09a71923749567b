from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import PermissionDenied

from accounts.client_ip import client_ip

NO_CLIENT_ADDRESS = "Unable to determine the client's address."


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "ACCOUNT_ALLOW_REGISTRATION", True)

    def get_client_ip(self, request) -> str:
        # allauth's rate limits count per address through here: the address ours count by.
        address = client_ip(request)
        if not address:
            raise PermissionDenied(NO_CLIENT_ADDRESS)
        return address
