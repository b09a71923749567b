from django import forms
from django.contrib.auth import get_user_model

from commerce.services.seats import SEATS_MAX
from courses.models import CoursePage
from schools import rules

INVITE_FILE_MAX_BYTES = 1_000_000


def grantable_courses(user):
    """The courses `user` may grant seats on: all schools' for staff, else their own schools'."""
    courses = CoursePage.objects.filter(school__isnull=False).select_related("school")
    if not rules.is_platform_staff(user):
        courses = courses.filter(school_id__in=rules.school_ids(user, roles=rules.ADMIN_ROLES))
    return courses.order_by("school__name", "title")


class CourseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.title} ({obj.school.name})"


class SeatRedeemForm(forms.Form):
    code = forms.CharField(
        label="Enrolment code",
        max_length=40,
        help_text="Twelve letters and digits, e.g. ABCD-EFGH-JKMN. Case and dashes do not matter.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class SeatPoolGrantForm(forms.Form):
    course = CourseChoiceField(queryset=CoursePage.objects.none())
    organisation = forms.CharField(
        max_length=200, help_text="Who holds the seats: the school itself or an employer."
    )
    manager_email = forms.EmailField(
        label="Manager's email",
        help_text="An existing account: this person hands out the seats and sees who used them.",
    )
    seats = forms.IntegerField(min_value=1, max_value=SEATS_MAX)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = grantable_courses(user)

    def clean_manager_email(self):
        email = self.cleaned_data["manager_email"]
        manager = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if manager is None:
            raise forms.ValidationError("No active account has this email address.")
        self.cleaned_data["manager"] = manager
        return email


class InviteUploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file of invitations",
        help_text="First line: name,email. One person per line; each gets one free seat.",
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > INVITE_FILE_MAX_BYTES:
            raise forms.ValidationError("The file is larger than 1 MB.")
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError("Save the file as CSV in UTF-8 and try again.") from None


class SeatPurchaseForm(forms.Form):
    organisation = forms.CharField(
        max_length=200,
        help_text="Your clinic, spa or employer: printed on the receipt and the seat list.",
    )
    seats = forms.IntegerField(
        min_value=2,
        max_value=SEATS_MAX,
        initial=5,
        help_text="One single-use enrolment code per seat, to hand out or send by email.",
    )
