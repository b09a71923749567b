"""How a service's ValidationError reaches the page: as a form's errors or as one line for a
message, never as a 500."""

from django.core.exceptions import ValidationError


def error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def form_errors_add(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)
