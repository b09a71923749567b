"""The learner's "Delete my account" page: what is erased, what is kept and why, then do it."""

from django import forms
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from certificates.account_deletion import ERASED, account_delete, kept_records
from certificates.retention import retention_years

PASSWORD_MISMATCH = "That is not your password."  # noqa: S105 (a message, not a secret)
NOT_CONFIRMED = "Tick the box to confirm that you want to delete your account."


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label="I understand that my account is deleted at once and cannot be restored.",
        error_messages={"required": NOT_CONFIRMED},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(PASSWORD_MISMATCH)
        return password


def _context(form) -> dict:
    return {"form": form, "kept": kept_records(), "erased": ERASED, "years": retention_years()}


@never_cache
@login_required
def delete_account(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            account_delete(user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            logout(request)
            return redirect("account_deletion:done")
    status = 400 if form.errors else 200
    return render(request, "certificates/account/delete.html", _context(form), status=status)


@never_cache
def deleted(request):
    return render(request, "certificates/account/deleted.html", _context(None))
