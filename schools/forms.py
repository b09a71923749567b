from django import forms

from schools.models import SchoolMembership

Role = SchoolMembership.Role


class InvitationForm(forms.Form):
    email = forms.EmailField(label="E-mail address", max_length=254)
    role = forms.ChoiceField(
        label="Role",
        choices=[
            (Role.INSTRUCTOR, "Instructor: writes courses, questions and certificate designs"),
            (Role.REVIEWER, "Reviewer: approves and publishes what instructors submit"),
            (Role.ADMIN, "School admin: all of the above, the team and the school's settings"),
        ],
        initial=Role.INSTRUCTOR,
        widget=forms.RadioSelect,
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=Role.choices)
