from django import forms

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
