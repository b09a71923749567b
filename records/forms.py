"""Forms for the transcript pages and the school's certificate records."""

from django import forms

from certificates.models import Certificate
from courses.models import AccreditingBody, CoursePage
from records.models import TranscriptShare
from records.selectors import ALL_BODIES

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
RANGE_ERROR = "The start date must be on or before the end date."


class TranscriptFilterForm(forms.Form):
    cycle_end = forms.DateField(
        label="Renewal date (end of your cycle)",
        required=False,
        widget=DATE_WIDGET,
        help_text="Hours completed in the cycle that ends on this date count toward it.",
    )
    body = forms.ChoiceField(label="Count hours for", required=False)

    def __init__(self, *args, body_choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [(ALL_BODIES, "All bodies"), *body_choices]


class TranscriptShareForm(forms.ModelForm):
    class Meta:
        model = TranscriptShare
        fields = ["label"]
        labels = {"label": "Who is this link for? (optional)"}
        help_texts = {"label": "For example: Florida Board audit 2027, or an employer's name."}


class _DateRangeForm(forms.Form):
    """A date range whose ends are both optional but must not be reversed."""

    range_fields = ("date_from", "date_to")

    def clean(self):
        cleaned = super().clean()
        start, end = (cleaned.get(name) for name in self.range_fields)
        if start and end and start > end:
            raise forms.ValidationError(RANGE_ERROR)
        return cleaned


def school_course_field(school) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=CoursePage.objects.filter(school=school).order_by("title"),
        required=False,
        empty_label="All courses",
    )


class CompletionsFilterForm(_DateRangeForm):
    date_from = forms.DateField(label="Completed from", required=False, widget=DATE_WIDGET)
    date_to = forms.DateField(label="Completed to", required=False, widget=DATE_WIDGET)
    body = forms.ModelChoiceField(
        queryset=AccreditingBody.objects.order_by("abbreviation"),
        to_field_name="abbreviation",
        required=False,
        empty_label="All bodies",
        label="Accrediting body",
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"course": school_course_field(school), **self.fields}


class RegisterFilterForm(_DateRangeForm):
    STATUS_CHOICES = [
        ("", "Issued or revoked"),
        (Certificate.Status.ISSUED, "Issued"),
        (Certificate.Status.REVOKED, "Revoked"),
    ]

    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False)
    date_from = forms.DateField(label="Issued from", required=False, widget=DATE_WIDGET)
    date_to = forms.DateField(label="Issued to", required=False, widget=DATE_WIDGET)
    q = forms.CharField(
        label="Learner name, email or certificate number", max_length=200, required=False
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {"course": school_course_field(school), **self.fields}

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())
