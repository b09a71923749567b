"""The learner's form for credit earned elsewhere, and the reviewer's decision."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone

from courses.models import AccreditingBody, CETopicCategory
from records.external_credit import uploads
from records.external_credit.models import MAX_HOURS, MIN_HOURS
from records.external_credit.services import FUTURE_DATE, NO_BODY, REASON_NEEDED

ACCEPT = "accept"
REJECT = "reject"


class ExternalCreditForm(forms.Form):
    course_title = forms.CharField(label="Course title", max_length=300)
    provider_name = forms.CharField(
        label="Provider",
        max_length=200,
        help_text="The school or organisation that ran the course, as on the certificate.",
    )
    body = forms.ModelChoiceField(
        label="Accrediting body",
        queryset=AccreditingBody.objects.order_by("abbreviation"),
        required=False,
        empty_label="Not in this list (type its name below)",
    )
    body_name = forms.CharField(
        label="Accrediting body, if not in the list",
        max_length=200,
        required=False,
    )
    hours = forms.DecimalField(
        label="CE hours",
        min_value=MIN_HOURS,
        max_value=MAX_HOURS,
        decimal_places=2,
        max_digits=5,
        help_text="As printed on the certificate, for example 3 or 1.5.",
    )
    topics = forms.ModelMultipleChoiceField(
        label="Topics the certificate names (if any)",
        queryset=CETopicCategory.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    completed_on = forms.DateField(
        label="Completion date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    certificate = forms.FileField(
        label="Certificate (PDF, PNG or JPEG, at most 10 MB)",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"}
        ),
    )

    # One key per form shown: posting the same form twice adds the credit once. Optional, so
    # a form rendered before the key existed still posts (without that protection).
    submission_key = forms.CharField(
        required=False,
        widget=forms.HiddenInput,
        validators=[RegexValidator(r"^[0-9a-f]{32}$")],
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label_from_instance = lambda body: f"{body.abbreviation}: {body.name}"
        self.fields["submission_key"].initial = uuid.uuid4().hex
        if editing:
            del self.fields["submission_key"]
            self.fields["certificate"].required = False
            self.fields["certificate"].label = "Replace the certificate (optional)"
            self.fields["certificate"].widget = forms.FileInput(
                attrs=self.fields["certificate"].widget.attrs
            )

    def clean_completed_on(self):
        completed_on = self.cleaned_data["completed_on"]
        if completed_on > timezone.localdate():
            raise ValidationError(FUTURE_DATE)
        return completed_on

    def clean_certificate(self):
        upload = self.cleaned_data.get("certificate")
        if upload:
            uploads.sniff(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("body") and not (cleaned.get("body_name") or "").strip():
            self.add_error("body", NO_BODY)
        return cleaned

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "course_title": data["course_title"],
            "provider_name": data["provider_name"],
            "body": data["body"],
            "body_name": data["body_name"],
            "hours": data["hours"],
            "topics": list(data["topics"]),
            "completed_on": data["completed_on"],
            "certificate": data.get("certificate") or None,
        }


class ExternalCreditReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[
            (ACCEPT, "Accept: it counts toward the learner's totals"),
            (REJECT, "Do not accept"),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Reason (the learner reads it; required when not accepting)",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == REJECT and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", REASON_NEEDED)
        return cleaned
