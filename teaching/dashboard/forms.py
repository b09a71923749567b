from django import forms

from courses.models import Enrollment
from teaching.dashboard.students import COMPLETE, INCOMPLETE, SORTS


class StudentFilterForm(forms.Form):
    q = forms.CharField(label="Name or email", max_length=200, required=False)
    status = forms.ChoiceField(
        label="Enrolment", choices=[("", "Any status"), *Enrollment.Status.choices], required=False
    )
    completion = forms.ChoiceField(
        label="Completion",
        choices=[("", "Everyone"), (COMPLETE, "Completed"), (INCOMPLETE, "Not completed")],
        required=False,
    )
    sort = forms.ChoiceField(
        label="Sort by",
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "students_%s")
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"
