from django import forms

from accounts.forms import ProfileForm
from certificates.evaluation import COMMENTS_MAX_LENGTH, QUESTIONS, rating_field

LEGAL_NAME_REQUIRED = "Enter your full legal name as it appears on your licence."
LICENCE_NUMBER_REQUIRED = (
    "Enter your licence or registration number: boards match your CE hours to it."
)
LICENSING_BOARD_REQUIRED = "Enter the board or state that issued your licence."
CONFIRM_REQUIRED = "Tick the box to confirm these details are correct."
NUMBER_REQUIRED = "Enter the certificate number."
SURNAME_REQUIRED = "Enter the learner's surname."


class CourseEvaluationForm(forms.Form):
    comments = forms.CharField(
        label="Comments (optional)",
        required=False,
        max_length=COMMENTS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What worked, what could be better: the school reads every comment.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ratings = {key: rating_field(label) for key, label in QUESTIONS}
        # The ratings first, in the questions' order, then the comments.
        self.fields = {**ratings, "comments": self.fields["comments"]}

    def rating_fields(self):
        return [self[key] for key, _ in QUESTIONS]

    @property
    def ratings(self) -> dict[str, int]:
        return {key: self.cleaned_data[key] for key, _ in QUESTIONS}


class CEDetailsForm(ProfileForm):
    """The profile's CE fields, confirmed by the learner: exactly what the certificate prints.

    Cleaning is the profile form's, so a name is saved the same way from either page.
    """

    confirm = forms.BooleanField(
        label="These details are correct and match my licence.",
        error_messages={"required": CONFIRM_REQUIRED},
    )

    class Meta(ProfileForm.Meta):
        fields = ["legal_name", "licence_number", "licensing_board"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        messages = {
            "legal_name": LEGAL_NAME_REQUIRED,
            "licence_number": LICENCE_NUMBER_REQUIRED,
            "licensing_board": LICENSING_BOARD_REQUIRED,
        }
        for name, message in messages.items():
            field = self.fields[name]
            field.required = True
            field.error_messages["required"] = message
        self.fields["legal_name"].widget.attrs["autocomplete"] = "name"

    @property
    def ce_details(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class VerifyLookupForm(forms.Form):
    number = forms.CharField(
        label="Certificate number",
        max_length=40,
        error_messages={"required": NUMBER_REQUIRED},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    surname = forms.CharField(
        label="Learner's surname",
        max_length=120,
        error_messages={"required": SURNAME_REQUIRED},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
