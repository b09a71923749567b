"""The reporting deadlines page: completions still to report to each state tracking system,
days left in the window, the roster to upload, and "mark reported".

The school's admins and instructors, and staff (as on the completions report); 404 for others.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cms.exports import csv_stream_response
from records import report_status, reporting
from records.school_views import _school
from schools import rules

BAD_AS_OF = "as_of must be the date and time the roster was made, e.g. 2026-05-01T10:00:00+00:00."


class IdListField(forms.Field):
    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid": "Certificates are given by their numeric ids."}

    def to_python(self, value) -> list[int]:
        if not value:
            return []
        try:
            return [int(item) for item in value]
        except (TypeError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class MarkReportedForm(forms.Form):
    certificate = IdListField(required=False)
    as_of = forms.DateTimeField(required=False)
    batch_reference = forms.CharField(
        label="Batch or upload reference",
        max_length=100,
        required=False,
        help_text="Optional: the number the tracking system gave the upload.",
    )

    def clean(self):
        data = super().clean()
        if not data.get("certificate") and not data.get("as_of"):
            raise forms.ValidationError(reporting.NOTHING_CHOSEN)
        return data


def _body(school, body_id: int):
    body = next((b for b in reporting.tracking_bodies(school=school) if b.pk == body_id), None)
    if body is None:
        raise Http404("This body tracks none of the school's courses.")
    return body


def _page_url(school, body) -> str:
    return f"{reverse('transcripts:reporting', args=[school.slug])}?body={body.pk}"


def _count(shown: list, queryset) -> int:
    """How many in all: counted by the database only when the shown list is full."""
    return queryset.count() if len(shown) >= report_status.SHOWN else len(shown)


def _with_course_numbers(items: list) -> list:
    """Each rejected record with the course tracking number it was sent with, so the school can
    tell a wrong licence from a wrong course number, and whether the approval's number has
    changed since: then the next run sends it again with the new one (report_runs)."""
    for item in items:
        now = item.course_number_now or ""
        # A blank number was never sent (a licence refused at issue): nothing to compare.
        item.course_number_changed = bool(item.course_number) and now != item.course_number
    return items


def _automatic(*, school, body, role) -> dict:
    """The automatic reporting panel: account, rejections, missing licences, receipts."""
    rejected_all = report_status.rejected_items(school=school, body=body)
    missing_all = report_status.licence_missing(school=school, body=body)
    rejected = _with_course_numbers(list(rejected_all[: report_status.SHOWN]))
    missing = list(missing_all[: report_status.SHOWN])
    return {
        "credential": report_status.credential_for(
            school=school, tracking_system=body.tracking_system
        ),
        "may_manage_account": rules.may_manage_tracking_credentials(role),
        "rejected": rejected,
        "rejected_count": _count(rejected, rejected_all),
        "missing": missing,
        "missing_count": _count(missing, missing_all),
        "accepted": list(report_status.accepted_reports(school=school, body=body)[:50]),
        "batches": list(report_status.recent_batches(school=school, body=body)[:10]),
    }


@never_cache
@login_required
def reporting_page(request, school_slug: str):
    school, _ = _school(request, school_slug, export=True)
    now = timezone.now()
    today = timezone.localdate(now)
    bodies = reporting.tracking_bodies(school=school)
    summaries = reporting.body_deadlines(school=school, bodies=bodies, today=today)
    selected = next((b for b in bodies if str(b.pk) == request.GET.get("body")), None)
    selected = selected or (bodies[0] if bodies else None)
    context = {
        "school": school,
        "can_export": True,
        "summaries": summaries,
        "selected": selected,
        "today": today,
        "as_of": now.isoformat(),
        "due_soon_days": reporting.DUE_SOON_DAYS,
        "shown_limit": reporting.PENDING_SHOWN,
        "form": MarkReportedForm(),
    }
    if selected is not None:
        context["pending"] = reporting.pending_completions(
            school=school, body=selected, today=today
        )
        context["selected_summary"] = next(s for s in summaries if s.body == selected)
        context.update(_automatic(school=school, body=selected, role=request.school_role))
        context["profile_url"] = request.build_absolute_uri(reverse("accounts:profile"))
    return render(request, "records/school/reporting.html", context)


@never_cache
@login_required
def roster_csv(request, school_slug: str, body_id: int):
    school, _ = _school(request, school_slug, export=True)
    body = _body(school, body_id)
    as_of = timezone.now()
    if request.GET.get("as_of"):
        as_of = parse_datetime(request.GET["as_of"].replace(" ", "+"))
        if as_of is None or timezone.is_naive(as_of):
            return HttpResponseBadRequest(BAD_AS_OF, content_type="text/plain")
    rows = reporting.roster_rows(school=school, body=body, as_of=as_of, today=timezone.localdate())
    filename = f"{school.slug}-{body.abbreviation}-roster-{as_of:%Y-%m-%d-%H%M}.csv"
    return csv_stream_response(filename=filename, header=reporting.ROSTER_COLUMNS, rows=rows)


@require_POST
@login_required
def mark_reported(request, school_slug: str, body_id: int):
    school, _ = _school(request, school_slug, export=True)
    body = _body(school, body_id)
    form = MarkReportedForm(request.POST)
    if not form.is_valid():
        errors = " ".join(e for errors in form.errors.values() for e in errors)
        messages.error(request, errors)
        return redirect(_page_url(school, body))
    data = form.cleaned_data
    try:
        count = reporting.completions_mark_reported(
            school=school,
            body=body,
            reported_by=request.user,
            certificate_ids=data["certificate"] or None,
            as_of=None if data["certificate"] else data["as_of"],
            batch_reference=data["batch_reference"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        noun = "completion" if count == 1 else "completions"
        messages.success(request, f"{count} {noun} marked reported to {body.tracking_system}.")
    return redirect(_page_url(school, body))
