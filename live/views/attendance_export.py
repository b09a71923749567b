"""The attendance export: every check-in and check-out at a course's sessions, as a CSV."""

from django.contrib.auth.decorators import login_required
from django.utils import timezone
from django.views.decorators.cache import never_cache

from cms.exports import csv_stream_response
from live import selectors as live_selectors

ATTENDANCE_COLUMNS = [
    "Session",
    "Session starts",
    "Session ends",
    "Learner email",
    "Learner name",
    "Checked in",
    "Check-in by",
    "Checked out",
    "Check-out by",
    "Instruction minutes",
    "CE hours",
    "Full attendance",
    "Recorded by",
]


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _attendance_rows(attendances):
    for a in attendances:
        student = a.student
        yield [
            a.session.title,
            _local(a.session.starts_at),
            _local(a.session.ends_at),
            student.email,
            student.legal_name or student.display_name,
            _local(a.checked_in_at),
            a.get_check_in_method_display(),
            _local(a.checked_out_at),
            a.get_check_out_method_display() if a.check_out_method else "",
            a.instruction_minutes,
            a.ce_hours,
            "yes" if a.full_attendance else "no",
            a.recorded_by.email if a.recorded_by else "",
        ]


@never_cache
@login_required
def attendance_csv(request, course_id: int):
    """Every check-in and check-out at the course's sessions: the roster boards ask providers
    to keep. Streamed; cells a spreadsheet could run as formulas are defused."""
    course = live_selectors.managed_course(user=request.user, course_id=course_id)
    attendances = live_selectors.course_attendance(course=course)
    stamp = f"{timezone.localdate():%Y-%m-%d}"
    return csv_stream_response(
        filename=f"course-{course.pk}-attendance-{stamp}.csv",
        header=ATTENDANCE_COLUMNS,
        rows=_attendance_rows(attendances.iterator()),
    )
