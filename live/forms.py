"""Forms for running live sessions: the session and its breaks, a learner's times by hand, and
a learner's skills sign-off. Times are the school's local time, as the browser's
datetime-local input gives them."""

from django import forms
from django.contrib.auth import get_user_model

from courses.models import CoursePage, ModulePage
from schools.models import SchoolMembership

LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _when(label: str, *, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(label=label, required=required, widget=LOCAL)


class LiveSessionForm(forms.Form):
    title = forms.CharField(max_length=200)
    starts_at = _when("Starts")
    ends_at = _when("Ends")
    location = forms.CharField(max_length=300, required=False)
    module = forms.ModelChoiceField(
        queryset=ModulePage.objects.none(),
        required=False,
        help_text="The technique module taught, if one.",
    )
    instructor = forms.ModelChoiceField(queryset=get_user_model().objects.none(), required=False)
    cancelled = forms.BooleanField(
        required=False, help_text="A cancelled session is not required for completion."
    )

    def __init__(self, *args, course: CoursePage, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = ModulePage.objects.child_of(course).order_by("path")
        self.fields["instructor"].queryset = (
            get_user_model()
            .objects.filter(
                school_memberships__school_id=course.school_id,
                school_memberships__role__in=(
                    SchoolMembership.Role.ADMIN,
                    SchoolMembership.Role.INSTRUCTOR,
                ),
            )
            .order_by("email")
        )
        self.fields["instructor"].label_from_instance = lambda user: (
            f"{user.display_name or user.email} ({user.email})"
        )


class BreakForm(forms.Form):
    starts_at = _when("Break starts", required=False)
    ends_at = _when("Break ends", required=False)
    label = forms.CharField(max_length=100, required=False, help_text="e.g. Lunch")

    def clean(self):
        data = super().clean()
        if bool(data.get("starts_at")) != bool(data.get("ends_at")):
            raise forms.ValidationError("Give both the start and the end of the break.")
        return data


BreakFormSet = forms.formset_factory(BreakForm, extra=2, max_num=12)


class AttendanceForm(forms.Form):
    student = forms.IntegerField(widget=forms.HiddenInput)
    checked_in_at = _when("Checked in")
    checked_out_at = _when("Checked out", required=False)


class SkillSignoffForm(forms.Form):
    items = forms.TypedMultipleChoiceField(
        coerce=int, choices=(), widget=forms.CheckboxSelectMultiple, label="Skills performed"
    )

    def __init__(self, *args, item_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = item_choices
