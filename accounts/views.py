from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from accounts.forms import ProfileForm

NO_ADMIN_ACCESS = (
    "You are signed in with an account that has no access to the admin. Sign out and sign in "
    "with one that has."
)


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile was saved.")
        return redirect("accounts:profile")
    return render(
        request, "accounts/profile.html", {"form": form}, status=400 if form.errors else 200
    )


# --- The admins' login pages ------------------------------------------------------------------
# The site has one login, allauth's: it throttles failures and insists on a verified address.
# Wagtail's and Django's admin login pages check no password; they send people to it.


def _to_site_login(request, *, may_enter: bool, home: str):
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
    safe = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    destination = next_url if safe and next_url else home
    if not request.user.is_authenticated:
        return redirect_to_login(destination, login_url=settings.LOGIN_URL)
    if not may_enter:
        # allauth sends a signed-in visitor straight back to `next`: a redirect would loop.
        return HttpResponseForbidden(NO_ADMIN_ACCESS)
    return redirect(destination)


@never_cache
def wagtail_admin_login(request):
    may_enter = request.user.has_perm("wagtailadmin.access_admin")
    return _to_site_login(request, may_enter=may_enter, home=reverse("wagtailadmin_home"))


@never_cache
def django_admin_login(request, extra_context=None):
    """Stands in for AdminSite.login (accounts/admin.py)."""
    may_enter = admin.site.has_permission(request)
    return _to_site_login(request, may_enter=may_enter, home=reverse("admin:index"))


def django_admin_password_change(request, extra_context=None):
    """Stands in for AdminSite.password_change: allauth's form is throttled per user."""
    return redirect("account_change_password")


@never_cache
def site_login(request):
    """Wagtail's front-end login (for pages restricted to signed-in people)."""
    return _to_site_login(request, may_enter=True, home="/")
