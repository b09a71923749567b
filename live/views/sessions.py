"""A course's live sessions: the list, the form to schedule or edit one (with its breaks),
the roster with attendance recorded by hand, and the QR codes shown in the room."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cms.qr import qr_data_uri
from live import selectors as live_selectors
from live import services as live_services
from live.forms import AttendanceForm, BreakFormSet, LiveSessionForm
from live.hours import (
    ACTIONS,
    attendance_token,
    ce_units,
    instruction_minutes,
    qr_rotate_seconds,
    seconds_to_next_code,
)
from live.models import LiveSession
from live.views.errors import error_text, form_errors_add


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
                form_errors_add(form, exc)
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
                messages.error(request, f"{student.email}: {error_text(exc)}")
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
