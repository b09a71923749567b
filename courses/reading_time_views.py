"""The lesson page's seat-time heartbeat (static/js/seat-time.js posts here)."""

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from courses.models import LessonPage
from courses.reading_time import minutes_up
from courses.services.reading_time import seat_time_heartbeat

BAD_HEARTBEAT = (
    'Send JSON: {"visible": true or false, "active": true or false, "seconds": a whole number '
    "(optional)}."
)


def _payload(body: bytes) -> tuple[bool, bool, int | None]:
    data = json.loads(body or b"{}")
    if not isinstance(data, dict):
        raise ValueError
    visible, active = data.get("visible"), data.get("active")
    if not isinstance(visible, bool) or not isinstance(active, bool):
        raise ValueError
    seconds = data.get("seconds")
    if seconds is not None and (isinstance(seconds, bool) or not isinstance(seconds, int)):
        raise ValueError
    return visible, active, seconds


@never_cache
@login_required
@require_POST
def heartbeat(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live().defer_streamfields(), pk=lesson_id)
    try:
        visible, active, seconds = _payload(request.body)
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"error": BAD_HEARTBEAT}, status=400)
    try:
        result = seat_time_heartbeat(
            user=request.user,
            lesson=lesson,
            visible=visible,
            active=active,
            claimed_seconds=seconds,
        )
    except PermissionDenied as exc:
        return JsonResponse({"error": str(exc)}, status=403)
    except ValidationError as exc:
        return JsonResponse({"error": " ".join(exc.messages)}, status=400)
    return JsonResponse(
        {
            "credited": result.credited,
            "lesson_minutes": result.lesson_seconds // 60,
            "course_minutes": result.course_seconds // 60,
            "lesson_required_minutes": lesson.min_seat_minutes,
            "lesson_remaining_minutes": minutes_up(result.lesson_remaining_seconds),
        }
    )
