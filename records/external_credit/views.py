"""The learner's pages for credit earned elsewhere (under /transcript/), and the certificate
file, which only its owner and those who may review it can download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from records.external_credit import selectors, services, uploads
from records.external_credit.forms import ExternalCreditForm
from records.external_credit.models import ExternalCredit

LIST = "transcripts:external_credits"


def _own_or_404(user, pk: int) -> ExternalCredit:
    credit = selectors.own_credit(user=user, pk=pk)
    if credit is None:
        raise Http404
    return credit


def _initial(credit: ExternalCredit) -> dict:
    return {
        "course_title": credit.course_title,
        "provider_name": credit.provider_name,
        "body": credit.body_id,
        "body_name": credit.body_name,
        "hours": credit.hours,
        "topics": list(credit.topics.values_list("pk", flat=True)),
        "completed_on": credit.completed_on,
    }


def _save(request, form: ExternalCreditForm, *, credit: ExternalCredit | None):
    """The service's answer: a redirect to the list, or None with its errors on the form."""
    try:
        if credit is None:
            services.external_credit_add(
                learner=request.user,
                submission_key=form.cleaned_data["submission_key"],
                **form.service_kwargs(),
            )
            messages.success(
                request, "Added. It shows as self-reported until a reviewer accepts it."
            )
        else:
            services.external_credit_update(credit=credit, **form.service_kwargs())
            messages.success(
                request, "Saved. It is self-reported again until a reviewer accepts it."
            )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    return redirect(LIST)


@never_cache
@login_required
def credit_list(request):
    credits = selectors.external_credits_for(user=request.user)
    return render(request, "records/external_credit/list.html", {"credits": credits})


def _form_page(request, *, credit: ExternalCredit | None):
    form = ExternalCreditForm(
        request.POST or None,
        request.FILES or None,
        initial=_initial(credit) if credit else None,
        editing=credit is not None,
    )
    if request.method == "POST" and form.is_valid():
        response = _save(request, form, credit=credit)
        if response is not None:
            return response
    return render(
        request,
        "records/external_credit/form.html",
        {"form": form, "credit": credit},
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
def credit_add(request):
    return _form_page(request, credit=None)


@never_cache
@login_required
def credit_edit(request, pk: int):
    return _form_page(request, credit=_own_or_404(request.user, pk))


@never_cache
@login_required
def credit_delete(request, pk: int):
    credit = _own_or_404(request.user, pk)
    if request.method == "POST":
        services.external_credit_delete(credit=credit)
        messages.success(request, f"Removed “{credit.course_title}” from your transcript.")
        return redirect(LIST)
    return render(request, "records/external_credit/delete.html", {"credit": credit})


@never_cache
@login_required
def credit_file(request, pk: int):
    """The uploaded certificate, as a download (never shown inline: it is the learner's file,
    not ours, and a download cannot run in our origin)."""
    credit = selectors.own_credit(user=request.user, pk=pk) or selectors.reviewable_credit(
        user=request.user, pk=pk
    )
    if credit is None or not credit.certificate:
        raise Http404
    try:
        handle = uploads.private_storage().open(credit.certificate.name, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=credit.certificate_name,
        content_type=uploads.content_type(credit.certificate.name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
