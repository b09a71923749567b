"""Live instruction's verbs: schedule a session, check in and out (by QR code or by an
instructor's hand), and sign off a practical skill. Each is keyword-only and transactional;
each change that may complete a course announces it after commit (live_progress_recorded),
and completion/ rechecks the course, the one place that decides it.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from courses.models import CoursePage, Enrollment, ModulePage
from live.hours import CHECK_IN, attendance_grace_minutes, instruction_minutes
from live.models import Attendance, LiveSession, LiveSessionBreak, SkillsChecklistItem, SkillSignoff
from live.signals import live_progress_recorded

SESSION_ENDS_BEFORE_START = "The session must end after it starts."
MODULE_NOT_IN_COURSE = "Choose a module of this course."
BREAK_OUTSIDE_SESSION = "Each break must lie inside the session's times."
BREAK_ENDS_BEFORE_START = "A break must end after it starts."
NOT_ENROLLED = "Only learners enrolled on this course can be checked in."
SESSION_CANCELLED = "This session was cancelled."
TOO_EARLY = "Check-in opens %(minutes)s minutes before the session starts."
TOO_LATE_IN = "This session has ended: ask the instructor to record your attendance."
CHECK_OUT_NOT_OPEN = "Check-out opens when the session starts."
TOO_LATE_OUT = "Check-out for this session has closed: ask the instructor."
NOT_CHECKED_IN = "Check in first: there is no check-in for you at this session."
OUT_BEFORE_IN = "The check-out time must not be before the check-in time."
CHECK_IN_REQUIRED = "Give the check-in time."
SKILL_NOT_IN_COURSE = "This skill is not on a module of the learner's course."

# How long before a session its check-in opens, and after it its check-out closes.
DOORS_OPEN_MINUTES = 60


@dataclass(frozen=True)
class BreakTimes:
    starts_at: datetime
    ends_at: datetime
    label: str = ""


def _session_breaks(session: LiveSession) -> list[tuple[datetime, datetime]]:
    return [(b.starts_at, b.ends_at) for b in session.breaks.all()]


def _derive(attendance: Attendance, session: LiveSession, breaks, session_minutes: int) -> None:
    """Fill in the attendance's instruction minutes and whether it was full attendance."""
    minutes = 0
    if attendance.checked_out_at is not None:
        minutes = instruction_minutes(
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            breaks=breaks,
            present_from=attendance.checked_in_at,
            present_until=attendance.checked_out_at,
        )
    attendance.instruction_minutes = minutes
    attendance.full_attendance = (
        attendance.checked_out_at is not None
        and not session.cancelled
        and minutes >= session_minutes - attendance_grace_minutes()
    )


def _session_minutes(session: LiveSession, breaks) -> int:
    return instruction_minutes(starts_at=session.starts_at, ends_at=session.ends_at, breaks=breaks)


def _announce(students_course: set[tuple[int, int]], sender) -> None:
    for student_id, course_id in students_course:
        transaction.on_commit(
            lambda s=student_id, c=course_id: live_progress_recorded.send(
                sender=sender, student_id=s, course_id=c
            )
        )


# --- Sessions ---------------------------------------------------------------------------------


def _check_session(
    course: CoursePage, starts_at, ends_at, module, breaks: list[BreakTimes]
) -> None:
    errors = {}
    if ends_at <= starts_at:
        errors["ends_at"] = SESSION_ENDS_BEFORE_START
    if module is not None and not (
        ModulePage.objects.child_of(course).filter(pk=module.pk).exists()
    ):
        errors["module"] = MODULE_NOT_IN_COURSE
    for item in breaks:
        if item.ends_at <= item.starts_at:
            errors.setdefault("__all__", []).append(BREAK_ENDS_BEFORE_START)
        elif item.starts_at < starts_at or item.ends_at > ends_at:
            errors.setdefault("__all__", []).append(BREAK_OUTSIDE_SESSION)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def live_session_save(
    *,
    course: CoursePage,
    by,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    breaks: list[BreakTimes],
    location: str = "",
    module: ModulePage | None = None,
    instructor=None,
    cancelled: bool = False,
    session: LiveSession | None = None,
) -> LiveSession:
    """Create `course`'s session, or change `session`: its breaks are replaced by `breaks`, and
    every attendance at it is recounted against the new times."""
    _check_session(course, starts_at, ends_at, module, breaks)
    if session is None:
        session = LiveSession(course=course, created_by=by)
    else:
        session = LiveSession.objects.select_for_update().get(pk=session.pk, course=course)
    session.title = title
    session.starts_at, session.ends_at = starts_at, ends_at
    session.location = location
    session.module = module
    session.instructor = instructor
    session.cancelled = cancelled
    session.full_clean()
    session.save()
    session.breaks.all().delete()
    LiveSessionBreak.objects.bulk_create(
        LiveSessionBreak(session=session, starts_at=b.starts_at, ends_at=b.ends_at, label=b.label)
        for b in breaks
    )
    spans = [(b.starts_at, b.ends_at) for b in breaks]
    session_minutes = _session_minutes(session, spans)
    attendances = list(Attendance.objects.select_for_update().filter(session=session))
    for attendance in attendances:
        _derive(attendance, session, spans, session_minutes)
    Attendance.objects.bulk_update(attendances, ["instruction_minutes", "full_attendance"])
    _announce({(a.student_id, course.pk) for a in attendances}, LiveSession)
    return session


# --- Attendance -------------------------------------------------------------------------------


def _active_enrollment(*, student_id: int, course_id: int) -> Enrollment | None:
    return Enrollment.objects.filter(
        student_id=student_id, course_id=course_id, status=Enrollment.Status.ACTIVE
    ).first()


def _save_attendance(attendance: Attendance, session: LiveSession) -> Attendance:
    spans = _session_breaks(session)
    _derive(attendance, session, spans, _session_minutes(session, spans))
    attendance.full_clean()
    attendance.save()
    _announce({(attendance.student_id, session.course_id)}, Attendance)
    return attendance


def _check_window(session: LiveSession, action: str, now: datetime) -> None:
    doors = timedelta(minutes=DOORS_OPEN_MINUTES)
    if action == CHECK_IN:
        if now < session.starts_at - doors:
            raise ValidationError(TOO_EARLY, params={"minutes": DOORS_OPEN_MINUTES})
        if now > session.ends_at:
            raise ValidationError(TOO_LATE_IN)
    else:
        if now < session.starts_at:
            raise ValidationError(CHECK_OUT_NOT_OPEN)
        if now > session.ends_at + doors:
            raise ValidationError(TOO_LATE_OUT)


@transaction.atomic
def attendance_check(
    *, session: LiveSession, user, action: str, now: datetime | None = None
) -> Attendance:
    """The learner scanned the room's code: check in (the first scan counts) or check out (the
    last scan counts, so leaving later is never lost)."""
    now = now or timezone.now()
    session = LiveSession.objects.select_for_update().get(pk=session.pk)
    if session.cancelled:
        raise ValidationError(SESSION_CANCELLED)
    if _active_enrollment(student_id=user.pk, course_id=session.course_id) is None:
        raise PermissionDenied(NOT_ENROLLED)
    _check_window(session, action, now)
    attendance = Attendance.objects.filter(session=session, student=user).first()
    if action == CHECK_IN:
        if attendance is not None:
            return attendance
        attendance = Attendance(
            session=session,
            student=user,
            checked_in_at=now,
            check_in_method=Attendance.Method.QR,
        )
        try:
            with transaction.atomic():
                return _save_attendance(attendance, session)
        except IntegrityError:  # the same learner scanning twice at once
            return Attendance.objects.get(session=session, student=user)
    if attendance is None:
        raise ValidationError(NOT_CHECKED_IN)
    attendance.checked_out_at = max(now, attendance.checked_in_at)
    attendance.check_out_method = Attendance.Method.QR
    return _save_attendance(attendance, session)


@transaction.atomic
def attendance_record(
    *,
    session: LiveSession,
    student,
    checked_in_at: datetime | None,
    checked_out_at: datetime | None,
    by,
) -> Attendance:
    """An instructor records (or corrects) a learner's times at the session by hand."""
    session = LiveSession.objects.select_for_update().get(pk=session.pk)
    if _active_enrollment(student_id=student.pk, course_id=session.course_id) is None:
        raise ValidationError(NOT_ENROLLED)
    if checked_in_at is None:
        raise ValidationError({"checked_in_at": CHECK_IN_REQUIRED})
    if checked_out_at is not None and checked_out_at < checked_in_at:
        raise ValidationError({"checked_out_at": OUT_BEFORE_IN})
    attendance = Attendance.objects.filter(session=session, student=student).first()
    if attendance is None:
        attendance = Attendance(session=session, student=student)
    attendance.checked_in_at = checked_in_at
    attendance.check_in_method = Attendance.Method.MANUAL
    attendance.checked_out_at = checked_out_at
    attendance.check_out_method = Attendance.Method.MANUAL if checked_out_at else ""
    attendance.recorded_by = by
    return _save_attendance(attendance, session)


# --- Practical skills ---------------------------------------------------------------------------


@transaction.atomic
def skill_signoff(*, item: SkillsChecklistItem, student, by) -> SkillSignoff:
    """The instructor saw `student` perform the skill: recorded once, with its wording."""
    course = CoursePage.objects.ancestor_of(item.module).first()
    if course is None or _active_enrollment(student_id=student.pk, course_id=course.pk) is None:
        raise ValidationError(NOT_ENROLLED)
    if not item.module.live:
        raise ValidationError(SKILL_NOT_IN_COURSE)
    existing = SkillSignoff.objects.filter(student=student, item=item).first()
    if existing is not None:
        return existing
    signoff = SkillSignoff(
        student=student, course=course, item=item, item_text=item.text, instructor=by
    )
    signoff.full_clean()
    try:
        with transaction.atomic():
            signoff.save()
    except IntegrityError:  # signed off from two screens at once
        return SkillSignoff.objects.get(student=student, item=item)
    _announce({(student.pk, course.pk)}, SkillSignoff)
    return signoff
