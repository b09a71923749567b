"""The invitation link: anyone holding it may read whom it invites (the e-mail was theirs);
accepting needs a signed-in account for the invited address. Someone without an account signs
up through allauth from here: the address counts as verified (the link proved they read its
mail), and schools.receivers accepts the invitation as the account is made."""

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache

from schools import services
from schools.services.invitations import INVITATION_UNKNOWN, invitation_check

SESSION_KEY = "school_invitation_token"
JOINED = "Welcome to {school}: you joined as {role}."


def _page(request, context, status=200):
    response = render(request, "schools/invitation.html", context, status=status)
    response["Referrer-Policy"] = "no-referrer"  # the token is in this page's address
    return response


@never_cache
def invitation(request, token: str):
    found = services.invitation_for_token(token)
    if found is None:
        return _page(request, {"error": INVITATION_UNKNOWN}, status=404)
    user = request.user if request.user.is_authenticated else None
    try:
        invitation_check(invitation=found, user=user)
    except ValidationError as exc:
        mismatch = exc.code == "mismatch" if hasattr(exc, "code") else False
        status = 403 if mismatch else 410
        return _page(
            request,
            {"invitation": found, "error": " ".join(exc.messages), "mismatch": mismatch},
            status=status,
        )
    if request.method == "POST" and user is not None:
        try:
            membership = services.invitation_accept(invitation=found, user=user)
        except ValidationError as exc:
            return _page(request, {"invitation": found, "error": " ".join(exc.messages)}, 410)
        request.session.pop(SESSION_KEY, None)
        messages.success(
            request,
            JOINED.format(school=found.school.name, role=membership.get_role_display().lower()),
        )
        return redirect("wagtailadmin_home")
    context = {"invitation": found, "accepted": found.accepted_at is not None}
    if user is None:
        # Signing up from here: allauth takes the invited address as verified, and the
        # receiver of user_signed_up accepts the invitation with the session's token.
        get_adapter(request).stash_verified_email(request, found.email)
        request.session[SESSION_KEY] = token
        here = request.path
        context["signup_url"] = f"{reverse('account_signup')}?{urlencode({'next': here})}"
        context["login_url"] = f"{reverse('account_login')}?{urlencode({'next': here})}"
    return _page(request, context)
