from django import forms

from notifications.models import NotificationPreference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["course_reminders", "renewal_reminders", "school_alerts"]

    def __init__(self, *args, school_member: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not school_member:
            del self.fields["school_alerts"]
