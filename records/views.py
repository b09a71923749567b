"""The practitioner's CE transcript: the page, its CSV and PDF, and private links to share it.

Only the learner sees their own transcript; a share link shows the same transcript read-only to
whoever holds it, until revoked. Transcript pages are never cached, and shared ones are kept out
of search engines and never leak their address in a Referer header.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cms.exports import csv_stream_response
from records import selectors as selectors
from records import services as services
from records.external_credit.selectors import external_credits_for
from records.external_credit.transcript import external_entry
from records.forms import TranscriptFilterForm, TranscriptShareForm
from records.models import TranscriptShare
from records.transcript_csv import TRANSCRIPT_COLUMNS, transcript_rows

SHARED_HEADERS = {"X-Robots-Tag": "noindex, nofollow", "Referrer-Policy": "no-referrer"}


def _site_root(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _transcript(request, user):
    """(form, transcript): the transcript for the cycle and body the query string asks for."""
    certificates = list(selectors.transcript_certificates(user=user))
    external = tuple(external_entry(c) for c in external_credits_for(user=user))
    bodies = selectors.accrediting_bodies()
    matched = selectors.board_body(board=user.licensing_board, bodies=bodies)
    default_body = matched.abbreviation if matched else selectors.ALL_BODIES
    data = request.GET.copy() if request.GET else None
    if data is not None and not data.get("body"):
        data["body"] = default_body  # so the select shows the body the totals are for
    form = TranscriptFilterForm(
        data,
        initial={"body": default_body},
        body_choices=selectors.body_choices(
            bodies=bodies, certificates=certificates, external=external
        ),
    )
    filters = form.cleaned_data if data is not None and form.is_valid() else {}
    transcript = selectors.learner_transcript(
        user=user,
        certificates=certificates,
        bodies=bodies,
        today=timezone.localdate(),
        body=filters.get("body") or default_body,
        cycle_end=filters.get("cycle_end"),
        external=external,
    )
    if data is None:
        form.initial["cycle_end"] = transcript.cycle_end
    return form, transcript


def _form_error_response(form) -> HttpResponseBadRequest:
    errors = "; ".join(f"{field}: {' '.join(e)}" for field, e in form.errors.items())
    return HttpResponseBadRequest(
        f"Check the transcript options. {errors}", content_type="text/plain"
    )


def _page(request, user, *, template: str, share: TranscriptShare | None = None):
    form, transcript = _transcript(request, user)
    context = {"form": form, "transcript": transcript, "share": share, "site_root": ""}
    status = 400 if form.errors else 200
    return render(request, template, context, status=status)


def _csv(request, user):
    form, transcript = _transcript(request, user)
    if form.errors:
        return _form_error_response(form)
    rows = transcript_rows(transcript, site_root=_site_root(request))
    filename = f"ce-transcript-{timezone.localdate():%Y-%m-%d}.csv"
    return csv_stream_response(filename=filename, header=TRANSCRIPT_COLUMNS, rows=rows)


def _pdf(request, user):
    # Imported here: WeasyPrint is 50 MB of every web worker's memory, and PDFs are rare.
    from certificates.pdf import report_to_pdf

    form, transcript = _transcript(request, user)
    if form.errors:
        return _form_error_response(form)
    html = render_to_string(
        "records/transcript/transcript_pdf.html",
        {
            "transcript": transcript,
            "site_root": _site_root(request),
            "generated_on": timezone.localdate(),
        },
    )
    response = HttpResponse(report_to_pdf(html=html), content_type="application/pdf")
    filename = f"ce-transcript-{timezone.localdate():%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- The learner's own transcript -----------------------------------------------------------


@never_cache
@login_required
def transcript(request):
    return _page(request, request.user, template="records/transcript/transcript.html")


@never_cache
@login_required
def transcript_csv(request):
    return _csv(request, request.user)


@never_cache
@login_required
def transcript_pdf(request):
    return _pdf(request, request.user)


@never_cache
@login_required
def shares(request):
    form = TranscriptShareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            share = services.transcript_share_create(
                user=request.user, label=form.cleaned_data["label"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"Link created{f' for {share.label}' if share.label else ''}."
            )
            return redirect("transcripts:shares")
    share_links = [
        (share, request.build_absolute_uri(reverse("transcripts:shared", args=[share.token])))
        for share in selectors.shares_for(user=request.user)
    ]
    context = {"form": form, "share_links": share_links}
    return render(
        request,
        "records/transcript/shares.html",
        context,
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def share_revoke(request, pk: int):
    share = get_object_or_404(TranscriptShare, pk=pk, user=request.user)
    services.transcript_share_revoke(share=share)
    messages.success(request, "The link was revoked: it no longer opens your transcript.")
    return redirect("transcripts:shares")


# --- Read by whoever holds a share link -----------------------------------------------------


def _share_or_404(token: str) -> TranscriptShare:
    share = selectors.active_share(token=token)
    if share is None:
        raise Http404
    return share


def _with_shared_headers(response):
    for header, value in SHARED_HEADERS.items():
        response[header] = value
    return response


@never_cache
def shared(request, token: str):
    share = _share_or_404(token)
    response = _page(request, share.user, template="records/transcript/shared.html", share=share)
    return _with_shared_headers(response)


@never_cache
def shared_csv(request, token: str):
    return _with_shared_headers(_csv(request, _share_or_404(token).user))


@never_cache
def shared_pdf(request, token: str):
    return _with_shared_headers(_pdf(request, _share_or_404(token).user))
