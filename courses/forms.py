from django import forms

from courses.models import AccreditingBody, Topic
from courses.models.pages import CourseLevel


class CatalogFilterForm(forms.Form):
    q = forms.CharField(label="Search courses", required=False, max_length=100)
    topic = forms.ModelChoiceField(
        queryset=Topic.objects.all(), to_field_name="slug", required=False, empty_label="Any topic"
    )
    hours = forms.ChoiceField(
        label="CE hours",
        required=False,
        choices=[("", "Any length"), ("lt2", "Under 2 hours"), ("2to6", "2 to 6 hours"),
                 ("6plus", "6 hours or more")],
    )  # fmt: skip
    level = forms.ChoiceField(required=False, choices=[("", "Any level"), *CourseLevel.choices])
    price = forms.ChoiceField(
        required=False, choices=[("", "Free or paid"), ("free", "Free"), ("paid", "Paid")]
    )
    # Choices are the bodies approving a listed course (CourseIndexPage); free text, so an
    # unknown body lists no courses instead of invalidating the form, which would list them all.
    body = forms.CharField(
        label="Approved by", required=False, max_length=20, widget=forms.Select(choices=[])
    )

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())


class SiteSearchForm(forms.Form):
    q = forms.CharField(label="Search", max_length=100)


class LearnerBoardsForm(forms.Form):
    bodies = forms.ModelMultipleChoiceField(
        label="Boards you usually need CE credit from",
        queryset=AccreditingBody.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
