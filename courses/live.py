"""Counting live hours (NCBTMB's rule, shared/curriculum/ce-requirements.md): a CE hour is 50
minutes of instruction; breaks, meal breaks above all, are not instruction. So a learner's time
at a session is the part of [check-in, check-out] inside the session, less the session's breaks
in that part, and it counts in whole 50-minute units.
"""

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.core.signing import BadSignature, TimestampSigner

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
# The check-in and check-out codes shown in the room carry a signed, expiring token naming the
# session and the action, so a learner can only check in to that session while it is shown;
# a photo of the code sent to someone at home stops working within minutes.

CHECK_IN, CHECK_OUT = "in", "out"
ACTIONS = {CHECK_IN: "check in", CHECK_OUT: "check out"}
SIGNING_SALT = "courses.live.attendance"
DEFAULT_QR_MAX_AGE_SECONDS = 300
# The learner may take this long between scanning the code and pressing the button.
CONFIRM_GRACE_SECONDS = 600


def qr_max_age_seconds() -> int:
    return getattr(settings, "LIVE_QR_MAX_AGE_SECONDS", DEFAULT_QR_MAX_AGE_SECONDS)


def attendance_token(*, session_id: int, action: str) -> str:
    if action not in ACTIONS:
        raise ValueError(action)
    return TimestampSigner(salt=SIGNING_SALT).sign(f"{session_id}:{action}")


def attendance_token_read(token: str, *, max_age: int) -> tuple[int, str]:
    """(session id, action) from a token; raises django.core.signing.BadSignature (or its
    SignatureExpired) for a forged, altered or expired one."""
    value = TimestampSigner(salt=SIGNING_SALT).unsign(token, max_age=max_age)
    session_id, _, action = value.partition(":")
    if action not in ACTIONS or not session_id.isdigit():
        raise BadSignature("Unknown attendance token.")
    return int(session_id), action
