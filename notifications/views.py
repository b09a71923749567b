"""A person's e-mail choices, and the one-click unsubscribe link every optional e-mail carries."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from notifications.forms import PreferenceForm
from notifications.models import Category
from notifications.services import (
    preference_for,
    preference_update,
    unsubscribe_apply,
    unsubscribe_read,
)
from schools import rules

SAVED = "Your e-mail choices are saved."


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    member = bool(rules.memberships(request.user)) or rules.is_platform_staff(request.user)
    form = PreferenceForm(
        request.POST or None, instance=preference_for(request.user), school_member=member
    )
    if request.method == "POST" and form.is_valid():
        preference_update(user=request.user, **form.cleaned_data)
        messages.success(request, SAVED)
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


# The mail provider posts here without a session or CSRF token (RFC 8058); the signed token is
# the authority, and all it can do is turn one kind of optional e-mail off.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    try:
        _user, category = unsubscribe_read(token=token)
    except ValueError as exc:
        return render(request, "notifications/unsubscribe.html", {"error": str(exc)}, status=400)
    context = {"category_label": Category(category).label, "token": token}
    if request.method == "POST":
        unsubscribe_apply(token=token)
        context["done"] = True
    response = render(request, "notifications/unsubscribe.html", context)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
