from django import forms
from django.conf import settings
from django.utils.module_loading import import_string

from accounts.models import User

COUNTRY_CODE_ERROR = "Use the two-letter country code, for example US or GB."


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "legal_name", "licence_number", "licensing_board", "country"]
        widgets = {"country": forms.TextInput(attrs={"size": 2, "autocomplete": "country"})}
        # "USA" must get the same advice as "U1", not the generic length message.
        error_messages = {"country": {"max_length": COUNTRY_CODE_ERROR}}

    def clean_country(self) -> str:
        country = self.cleaned_data["country"].strip().upper()
        if country and (len(country) != 2 or not country.isalpha()):
            raise forms.ValidationError(COUNTRY_CODE_ERROR)
        return country

    def clean_legal_name(self) -> str:
        return " ".join(self.cleaned_data["legal_name"].split())

    def clean_licence_number(self) -> str:
        return self.cleaned_data["licence_number"].strip()

    def clean(self):
        data = super().clean()
        check = getattr(settings, "LICENCE_CHECK", "")
        number = data.get("licence_number")
        if not check or not number or self.has_error("licence_number"):
            return data
        unchanged = self.instance.pk and {
            "licence_number",
            "licensing_board",
            "legal_name",
        }.isdisjoint(self.changed_data)
        if unchanged:
            return data
        # The check lives in a higher app (records: the boards' formats, the validation service):
        # named by a setting, so accounts imports nothing above it.
        errors = import_string(check)(
            licence_number=number,
            licensing_board=data.get("licensing_board", ""),
            legal_name=data.get("legal_name", ""),
        )
        for field, messages in errors.items():
            for message in messages:
                self.add_error(field, message)
        return data
