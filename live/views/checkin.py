"""The learner's check-in and check-out: the page a scanned room code opens, and the button
that records it. The code must be fresh when scanned; the button carries a confirmation bound
to the learner."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.signing import BadSignature
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from courses.models import Enrollment
from live import services as live_services
from live.hours import (
    ACTIONS,
    CONFIRM_GRACE_SECONDS,
    CodeExpired,
    attendance_confirmation,
    attendance_confirmation_read,
    attendance_token_read,
)
from live.models import LiveSession
from live.views.errors import error_text

CODE_EXPIRED = "This code has expired: scan the code shown in the room again."
CODE_INVALID = "This link is not a valid check-in code."
CONFIRM_EXPIRED = "Too long since you scanned the code: scan the code shown in the room again."


# Codes this browser scanned while fresh, kept in its session across the sign-in that may come
# between the scan and the button (Django keeps session data through login).
SCANS_SESSION_KEY = "live_fresh_scans"


def _remember_scan(request, token: str, now) -> None:
    stamp = int(now.timestamp())
    scans = {
        t: at
        for t, at in request.session.get(SCANS_SESSION_KEY, {}).items()
        if stamp - at <= CONFIRM_GRACE_SECONDS
    }
    scans[token] = stamp
    request.session[SCANS_SESSION_KEY] = scans


def _scanned_here(request, token: str, now) -> bool:
    at = request.session.get(SCANS_SESSION_KEY, {}).get(token)
    return at is not None and now.timestamp() - at <= CONFIRM_GRACE_SECONDS


@never_cache
@require_http_methods(["GET", "POST"])
def check(request, token: str):
    """GET: what the scanned code will do, and a button; POST: do it. The code must be of the
    current or the previous window when scanned; the button carries a confirmation bound to
    the learner, so it may be pressed a little later without the code staying good. A learner
    not yet signed in signs in first: the code they scanned fresh is honoured after it."""
    now = timezone.now()
    # A POST's freshness is proven by its confirmation; a GET's by the code's window, or by this
    # browser having scanned the code while it was fresh (before signing in).
    fresh = request.method == "POST" or _scanned_here(request, token, now)
    try:
        session_id, action = attendance_token_read(token, now=None if fresh else now)
    except CodeExpired:
        return render(request, "live/check.html", {"error": CODE_EXPIRED}, status=410)
    except BadSignature:
        return render(request, "live/check.html", {"error": CODE_INVALID}, status=404)
    if not request.user.is_authenticated:
        if request.method == "GET":
            _remember_scan(request, token, now)
        return redirect_to_login(request.get_full_path())
    session = get_object_or_404(LiveSession.objects.select_related("course"), pk=session_id)
    enrolled = Enrollment.objects.filter(
        student=request.user, course_id=session.course_id, status=Enrollment.Status.ACTIVE
    ).exists()
    if not enrolled:
        raise Http404
    context = {"session": session, "course": session.course, "action": action}
    context["action_label"] = ACTIONS[action]
    if request.method == "POST":
        try:
            attendance_confirmation_read(
                request.POST.get("confirmation", ""),
                session_id=session.pk,
                action=action,
                user_id=request.user.pk,
                now=now,
            )
        except BadSignature:  # CodeExpired included: either way, scan the room's code again
            context["error"] = CONFIRM_EXPIRED
            return render(request, "live/check.html", context, status=410)
        try:
            attendance = live_services.attendance_check(
                session=session, user=request.user, action=action, now=now
            )
        except (ValidationError, PermissionDenied) as exc:
            context["error"] = error_text(exc) if isinstance(exc, ValidationError) else str(exc)
            return render(request, "live/check.html", context, status=409)
        context["attendance"] = attendance
        context["done"] = True
        return render(request, "live/check.html", context)
    context["confirmation"] = attendance_confirmation(
        session_id=session.pk, action=action, user_id=request.user.pk, now=now
    )
    return render(request, "live/check.html", context)
