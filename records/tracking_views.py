"""Automatic reporting, the school's side: its tracking-system account (admins), "Report now",
and the roster files the spreadsheet transport made. Beside the reporting deadlines page."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from records import tracking
from records.models import ReportBatch, TrackingCredential
from records.report_status import credential_for
from records.reporting_views import _body, _page_url
from records.school_views import _school
from records.services import tracking_credential_save
from records.tasks import report_completions
from records.tracking.roster_spreadsheet import content_type
from schools import rules

REPORT_STARTED = "Reporting to {system} has started: the results appear below as receipts arrive."
SAVED = "The {system} account was saved."


class CredentialForm(forms.Form):
    transport = forms.ChoiceField(choices=TrackingCredential.Transport.choices)
    provider_id = forms.CharField(
        label="Provider tracking number", max_length=100, required=False, help_text="e.g. 50-1234"
    )
    username = forms.CharField(max_length=150, required=False)
    secret = forms.CharField(
        label="Password or key",
        required=False,
        max_length=500,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )
    endpoint_url = forms.URLField(
        label="Web-service address",
        required=False,
        assume_scheme="https",
        help_text="Leave blank for the address the platform is configured with.",
    )
    enabled = forms.BooleanField(label="Report every night", required=False, initial=True)


@never_cache
@login_required
def credentials(request, school_slug: str, body_id: int):
    school, _ = _school(request, school_slug, export=True)
    if not rules.may_manage_tracking_credentials(request.school_role):
        raise PermissionDenied
    body = _body(school, body_id)
    system = body.tracking_system
    current = credential_for(school=school, tracking_system=system)
    initial = {"transport": tracking.default_transport(system), "enabled": True}
    if current is not None:
        initial = {
            "transport": current.transport,
            "provider_id": current.provider_id,
            "username": current.username,
            "endpoint_url": current.endpoint_url,
            "enabled": current.enabled,
        }
    form = CredentialForm(request.POST or None, initial=initial)
    if current is not None and current.secret_encrypted:
        form.fields[
            "secret"
        ].help_text = f"A secret ending {current.secret_hint} is stored. Leave blank to keep it."
    if request.method == "POST" and form.is_valid():
        try:
            tracking_credential_save(school=school, tracking_system=system, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, SAVED.format(system=system))
            return redirect(_page_url(school, body))
    context = {"school": school, "body": body, "form": form, "can_export": True}
    status = 400 if form.errors else 200
    return render(request, "records/school/tracking_credentials.html", context, status=status)


@require_POST
@login_required
def report_now(request, school_slug: str, body_id: int):
    school, _ = _school(request, school_slug, export=True)
    body = _body(school, body_id)
    report_completions.enqueue(school_id=school.pk, requested_by_id=request.user.pk)
    messages.success(request, REPORT_STARTED.format(system=body.tracking_system))
    return redirect(_page_url(school, body))


@never_cache
@login_required
def roster_file(request, school_slug: str, batch_id: int):
    school, _ = _school(request, school_slug, export=True)
    batch = ReportBatch.objects.filter(pk=batch_id, school=school).exclude(document_name="").first()
    if batch is None:
        raise Http404("No such roster file.")
    response = HttpResponse(bytes(batch.document), content_type=content_type(batch.document_name))
    response["Content-Disposition"] = f'attachment; filename="{batch.document_name}"'
    response["Cache-Control"] = "private, no-store"
    return response
