"""Live sessions: instructors schedule them, show the check-in and check-out QR codes, record
attendance by hand and sign off practical skills; learners check themselves in by the code.

Who may do what: a course's sessions, rosters and sign-offs are for staff and the admins and
instructors of the course's school (courses/live_selectors.live_manager); anyone else gets a
404, as if the course had none. Checking in is for the learner, enrolled and active, holding a
code that is still valid.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.signing import BadSignature
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cms.exports import csv_stream_response
from cms.qr import qr_data_uri
from courses.models import Enrollment
from live import selectors as live_selectors
from live import services as live_services
from live.forms import AttendanceForm, BreakFormSet, LiveSessionForm, SkillSignoffForm
from live.hours import (
    ACTIONS,
    CONFIRM_GRACE_SECONDS,
    CodeExpired,
    attendance_confirmation,
    attendance_confirmation_read,
    attendance_token,
    attendance_token_read,
    ce_units,
    instruction_minutes,
    qr_rotate_seconds,
    seconds_to_next_code,
)
from live.models import LiveSession, SkillsChecklistItem

CODE_EXPIRED = "This code has expired: scan the code shown in the room again."
CODE_INVALID = "This link is not a valid check-in code."
CONFIRM_EXPIRED = "Too long since you scanned the code: scan the code shown in the room again."


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _apply(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


# --- Sessions --------------------------------------------------------------------------------


@never_cache
@login_required
def sessions(request, course_id: int):
    course = live_selectors.managed_course(user=request.user, course_id=course_id)
    rows = live_selectors.course_sessions(course=course)
    for session in rows:
        spans = [(b.starts_at, b.ends_at) for b in session.breaks.all()]
        session.ce_hours = ce_units(
            instruction_minutes(starts_at=session.starts_at, ends_at=session.ends_at, breaks=spans)
        )
    return render(
        request,
        "live/sessions.html",
        {"course": course, "sessions": rows, "skills": live_selectors.course_skills(course=course)},
    )


def _break_times(formset) -> list[live_services.BreakTimes]:
    return [
        live_services.BreakTimes(
            starts_at=form.cleaned_data["starts_at"],
            ends_at=form.cleaned_data["ends_at"],
            label=form.cleaned_data.get("label", ""),
        )
        for form in formset.forms
        if form.cleaned_data.get("starts_at")
    ]


def _session_form(request, course, session: LiveSession | None):
    if request.method == "POST":
        form = LiveSessionForm(request.POST, course=course)
        formset = BreakFormSet(request.POST, prefix="breaks")
        if form.is_valid() and formset.is_valid():
            try:
                saved = live_services.live_session_save(
                    course=course,
                    by=request.user,
                    breaks=_break_times(formset),
                    session=session,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                _apply(form, exc)
            else:
                messages.success(request, f"Saved “{saved.title}”.")
                return redirect("live:session", session_id=saved.pk)
    else:
        initial, breaks = {}, []
        if session is not None:
            initial = {
                "title": session.title,
                "starts_at": timezone.localtime(session.starts_at),
                "ends_at": timezone.localtime(session.ends_at),
                "location": session.location,
                "module": session.module_id,
                "instructor": session.instructor_id,
                "cancelled": session.cancelled,
            }
            breaks = [
                {
                    "starts_at": timezone.localtime(b.starts_at),
                    "ends_at": timezone.localtime(b.ends_at),
                    "label": b.label,
                }
                for b in session.breaks.all()
            ]
        form = LiveSessionForm(initial=initial, course=course)
        formset = BreakFormSet(initial=breaks, prefix="breaks")
    context = {"course": course, "session": session, "form": form, "formset": formset}
    return render(request, "live/session_form.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def session_new(request, course_id: int):
    course = live_selectors.managed_course(user=request.user, course_id=course_id)
    return _session_form(request, course, None)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, session_id: int):
    session = live_selectors.managed_session(user=request.user, session_id=session_id)
    return _session_form(request, session.course, session)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def session_detail(request, session_id: int):
    """The roster: who checked in and out, their CE hours, and times recorded by hand."""
    session = live_selectors.managed_session(user=request.user, session_id=session_id)
    if request.method == "POST":
        form = AttendanceForm(request.POST)
        if form.is_valid():
            student = (
                get_user_model()
                .objects.filter(
                    pk=form.cleaned_data["student"],
                    enrollments__course_id=session.course_id,
                )
                .first()
            )
            if student is None:
                raise Http404
            try:
                live_services.attendance_record(
                    session=session,
                    student=student,
                    checked_in_at=form.cleaned_data["checked_in_at"],
                    checked_out_at=form.cleaned_data["checked_out_at"],
                    by=request.user,
                )
            except ValidationError as exc:
                messages.error(request, f"{student.email}: {_errors(exc)}")
            else:
                messages.success(request, f"Attendance recorded for {student.email}.")
            return redirect("live:session", session_id=session.pk)
        messages.error(request, "Check the times: " + form.errors.as_text())
        return redirect("live:session", session_id=session.pk)
    breaks = list(session.breaks.all())
    minutes = instruction_minutes(
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        breaks=[(b.starts_at, b.ends_at) for b in breaks],
    )
    context = {
        "course": session.course,
        "session": session,
        "breaks": breaks,
        "instruction_minutes": minutes,
        "ce_hours": ce_units(minutes),
        "roster": live_selectors.session_roster(session=session),
        "default_in": timezone.localtime(session.starts_at),
        "default_out": timezone.localtime(session.ends_at),
    }
    return render(request, "live/session.html", context)


@never_cache
@login_required
def session_qr(request, session_id: int, action: str):
    """The code to put up in the room; it renews itself before it expires."""
    session = live_selectors.managed_session(user=request.user, session_id=session_id)
    if action not in ACTIONS:
        raise Http404
    now = timezone.now()
    token = attendance_token(session_id=session.pk, action=action, now=now)
    url = request.build_absolute_uri(reverse("live:check", args=[token]))
    context = {
        "course": session.course,
        "session": session,
        "action": action,
        "action_label": ACTIONS[action],
        "qr": qr_data_uri(url),
        "url": url,
        # Reloaded as its window ends, so the room always shows the code of the current window.
        "refresh": seconds_to_next_code(now),
        "rotate_seconds": qr_rotate_seconds(),
    }
    return render(request, "live/qr.html", context)


# --- The learner's check-in ------------------------------------------------------------------


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
            context["error"] = _errors(exc) if isinstance(exc, ValidationError) else str(exc)
            return render(request, "live/check.html", context, status=409)
        context["attendance"] = attendance
        context["done"] = True
        return render(request, "live/check.html", context)
    context["confirmation"] = attendance_confirmation(
        session_id=session.pk, action=action, user_id=request.user.pk, now=now
    )
    return render(request, "live/check.html", context)


# --- Practical skills --------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def skills(request, course_id: int, enrollment_id: int):
    course = live_selectors.managed_course(user=request.user, course_id=course_id)
    enrollment = get_object_or_404(
        Enrollment.objects.select_related("student"), pk=enrollment_id, course=course
    )
    sheet = live_selectors.skills_sheet(course=course, student_id=enrollment.student_id)
    unsigned = [
        (row.item.pk, row.item.text) for m in sheet.modules for row in m.skills if not row.signoff
    ]
    form = SkillSignoffForm(request.POST or None, item_choices=unsigned)
    if request.method == "POST" and form.is_valid():
        items = SkillsChecklistItem.objects.select_related("module").filter(
            pk__in=form.cleaned_data["items"]
        )
        try:
            for item in items:
                live_services.skill_signoff(item=item, student=enrollment.student, by=request.user)
        except ValidationError as exc:
            messages.error(request, _errors(exc))
        else:
            messages.success(
                request, f"Signed off {len(items)} skill{'s' if len(items) != 1 else ''}."
            )
        return redirect("live:skills", course_id=course.pk, enrollment_id=enrollment.pk)
    context = {"course": course, "enrollment": enrollment, "sheet": sheet, "form": form}
    return render(request, "live/skills.html", context)


# --- The roster export ---------------------------------------------------------------------------

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
