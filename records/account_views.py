"""The learner's "Delete my account" page: what is erased, what is kept and why, then do it."""

from django import forms
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from accounts.throttle import address_subject, throttle_count, throttle_hit
from records.account_deletion import ERASED, account_delete, kept_records
from records.retention import retention_years

PASSWORD_MISMATCH = "That is not your password."  # noqa: S105 (a message, not a secret)
NOT_CONFIRMED = "Tick the box to confirm that you want to delete your account."
TOO_MANY_PASSWORD_ATTEMPTS = "Too many wrong passwords. Wait 15 minutes and try again."  # noqa: S105
# A stolen session must not become a way to guess the password: wrong passwords are counted
# per account and per client address (behind the proxy, the client's own).
PASSWORD_ATTEMPTS_PER_USER = 5
PASSWORD_ATTEMPTS_PER_ADDRESS = 20
PASSWORD_ATTEMPTS_WINDOW_SECONDS = 15 * 60


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
            raise forms.ValidationError(PASSWORD_MISMATCH, code="password_mismatch")
        return password


def _context(form, error: str = "") -> dict:
    return {
        "form": form,
        "error": error,
        "kept": kept_records(),
        "erased": ERASED,
        "years": retention_years(),
    }


def _password_counters(request) -> list[tuple[str, str, int]]:
    return [
        ("account-delete:user", str(request.user.pk), PASSWORD_ATTEMPTS_PER_USER),
        ("account-delete:address", address_subject(request), PASSWORD_ATTEMPTS_PER_ADDRESS),
    ]


def _password_attempts_exhausted(request) -> bool:
    return any(
        throttle_count(scope=scope, subject=subject) >= limit
        for scope, subject, limit in _password_counters(request)
    )


def _count_wrong_password(request) -> None:
    for scope, subject, _ in _password_counters(request):
        throttle_hit(scope=scope, subject=subject, window_seconds=PASSWORD_ATTEMPTS_WINDOW_SECONDS)


@never_cache
@login_required
def delete_account(request):
    if request.method == "POST" and _password_attempts_exhausted(request):
        # Refused before the password is looked at, right or wrong.
        form = AccountDeleteForm(user=request.user)
        context = _context(form, TOO_MANY_PASSWORD_ATTEMPTS)
        return render(request, "records/account/delete.html", context, status=429)
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            account_delete(user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            logout(request)
            return redirect("account_deletion:done")
    if form.has_error("password", "password_mismatch"):
        _count_wrong_password(request)
    status = 400 if form.errors else 200
    return render(request, "records/account/delete.html", _context(form), status=status)


@never_cache
def deleted(request):
    return render(request, "records/account/deleted.html", _context(None))
