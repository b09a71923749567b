"""Counting live hours (NCBTMB's rule, shared/curriculum/ce-requirements.md): a CE hour is 50
minutes of instruction; breaks, meal breaks above all, are not instruction. So a learner's time
at a session is the part of [check-in, check-out] inside the session, less the session's breaks
in that part, and it counts in whole 50-minute units.
"""

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.core.signing import BadSignature, Signer

CE_HOUR_MINUTES = 50
# A learner who misses at most this much of a session's instruction (a late scan at the door,
# leaving while the room is packed up) still attended it in full.
DEFAULT_ATTENDANCE_GRACE_MINUTES = 10


def attendance_grace_minutes() -> int:
    return getattr(settings, "LIVE_ATTENDANCE_GRACE_MINUTES", DEFAULT_ATTENDANCE_GRACE_MINUTES)


def ce_units(minutes: int) -> int:
    """Whole CE hours in `minutes` of instruction."""
    return max(minutes, 0) // CE_HOUR_MINUTES


def _merged(spans: Iterable[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[list[datetime]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def instruction_minutes(
    *,
    starts_at: datetime,
    ends_at: datetime,
    breaks: Iterable[tuple[datetime, datetime]],
    present_from: datetime | None = None,
    present_until: datetime | None = None,
) -> int:
    """Minutes of instruction between `present_from` and `present_until` (the whole session
    when not given): the overlap with the session, less the breaks inside that overlap."""
    start = max(starts_at, present_from) if present_from else starts_at
    end = min(ends_at, present_until) if present_until else ends_at
    if end <= start:
        return 0
    seconds = (end - start).total_seconds()
    for break_start, break_end in _merged(breaks):
        overlap = (min(end, break_end) - max(start, break_start)).total_seconds()
        if overlap > 0:
            seconds -= overlap
    return int(max(seconds, 0) // 60)


# --- The QR code's signed link ----------------------------------------------------------------
# The check-in and check-out codes shown in the room carry a signed token naming the session,
# the action and the clock's current window of LIVE_QR_ROTATE_SECONDS. The screen shows a new
# code each window and a code is accepted in its own window and the next one only, so a photo
# of the screen forwarded to someone at home stops working within a minute. The learner who
# scanned a fresh code gets a confirmation bound to them, so pressing the button may take longer
# without the room's code itself staying good.

CHECK_IN, CHECK_OUT = "in", "out"
ACTIONS = {CHECK_IN: "check in", CHECK_OUT: "check out"}
# A new salt: codes signed before rotation (valid for minutes) are never read as window codes.
SIGNING_SALT = "courses.live.attendance.window"
CONFIRM_SALT = "courses.live.attendance.confirm"
DEFAULT_QR_ROTATE_SECONDS = 30
# The learner may take this long between scanning the code and pressing the button.
CONFIRM_GRACE_SECONDS = 600


class CodeExpired(BadSignature):
    """A genuine code whose window has passed."""


def qr_rotate_seconds() -> int:
    return max(1, getattr(settings, "LIVE_QR_ROTATE_SECONDS", DEFAULT_QR_ROTATE_SECONDS))


def code_window(now: datetime) -> int:
    return int(now.timestamp()) // qr_rotate_seconds()


def seconds_to_next_code(now: datetime) -> int:
    """Whole seconds until the code shown at `now` is replaced (at least 1)."""
    period = qr_rotate_seconds()
    return max(1, period - int(now.timestamp()) % period)


def attendance_token(*, session_id: int, action: str, now: datetime) -> str:
    if action not in ACTIONS:
        raise ValueError(action)
    return Signer(salt=SIGNING_SALT).sign(f"{session_id}:{action}:{code_window(now)}")


def attendance_token_read(token: str, *, now: datetime | None) -> tuple[int, str]:
    """(session id, action) from a code scanned at `now`; raises CodeExpired for a genuine code
    of neither the current window nor the one before, BadSignature for a forged or altered one.
    With `now` None only the signature is checked: the caller holds other proof of freshness.
    """
    session_id, action, window = _parts(Signer(salt=SIGNING_SALT).unsign(token), 3)
    if action not in ACTIONS:
        raise BadSignature("Unknown attendance token.")
    if now is not None and int(window) not in (code_window(now), code_window(now) - 1):
        raise CodeExpired("This code's window has passed.")
    return int(session_id), action


def attendance_confirmation(*, session_id: int, action: str, user_id: int, now: datetime) -> str:
    """What the learner who scanned a fresh code sends back with the button."""
    value = f"{session_id}:{action}:{user_id}:{int(now.timestamp())}"
    return Signer(salt=CONFIRM_SALT).sign(value)


def attendance_confirmation_read(
    confirmation: str, *, session_id: int, action: str, user_id: int, now: datetime
) -> None:
    """Raises BadSignature unless `confirmation` was given to this user for this code, or
    CodeExpired when it was given more than CONFIRM_GRACE_SECONDS before `now`."""
    parts = _parts(Signer(salt=CONFIRM_SALT).unsign(confirmation), 4)
    if parts[:3] != (str(session_id), action, str(user_id)):
        raise BadSignature("This confirmation is for another code or person.")
    if now.timestamp() - int(parts[3]) > CONFIRM_GRACE_SECONDS:
        raise CodeExpired("This confirmation has expired.")


def _parts(value: str, count: int) -> tuple[str, ...]:
    parts = tuple(value.split(":"))
    if len(parts) != count or not all(p.isdigit() for i, p in enumerate(parts) if i != 1):
        raise BadSignature("Malformed attendance token.")
    return parts
