"""The learner's certificate page, the PDF download and public verification."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.module_loading import import_string
from django.views.decorators.http import require_http_methods, require_POST

from accounts.throttle import address_subject, throttle_hit
from certificates import board_rules, selectors, services
from certificates.forms import CEDetailsForm, CourseEvaluationForm, VerifyLookupForm
from certificates.models import Certificate
from certificates.snapshot import display_context
from cms import page_cache

NO_MATCH = "No issued certificate matches that number and surname. Check both and try again."
TOO_MANY_LOOKUPS = "Too many look-ups from your connection. Please wait a few minutes."
LOOKUP_LIMIT = 20
LOOKUP_WINDOW_SECONDS = 15 * 60
PREPARING_REFRESH_SECONDS = 3


# --- The learner's page ---------------------------------------------------------------------


def _learner_certificate(request, course_id: int):
    enrollment, certificate = selectors.learner_certificate_page(
        user=request.user, course_id=course_id
    )
    if enrollment is None:
        raise Http404("You are not enrolled on this course.")
    if certificate is None and enrollment.completed_at and enrollment.is_active:
        # Normally created on completion (completion/services.py); this covers a failed one.
        try:
            certificate = services.certificate_create_pending(enrollment=enrollment)
        except ValidationError:
            certificate = None
    return enrollment, certificate


def _step(enrollment, certificate) -> str:
    if certificate is None:
        return "incomplete" if enrollment.is_active else "inactive"
    if certificate.status == Certificate.Status.REVOKED:
        return "revoked"
    if certificate.status == Certificate.Status.ISSUED:
        return "ready" if certificate.pdf else "preparing"
    if not enrollment.is_active:
        return "inactive"
    if not hasattr(enrollment, "evaluation") and (
        enrollment.course.requires_evaluation
        or board_rules.board_requires_evaluation(enrollment=enrollment)
    ):
        return "evaluation"  # the course's rule, or a board's: its credit needs the evaluation
    return "confirm"


def _render_page(request, enrollment, certificate, *, status=200, **forms):
    step = _step(enrollment, certificate)
    if step == "preparing":  # the page polls: a PDF whose task was lost is queued again
        services.certificate_pdf_requeue_if_lost(certificate=certificate)
    context = {
        "course": enrollment.course,
        "enrollment": enrollment,
        "certificate": certificate,
        "step": step,
        "refresh_seconds": PREPARING_REFRESH_SECONDS,
    }
    if certificate is not None and certificate.snapshot:
        context["snapshot"] = display_context(certificate.snapshot)
    if step in ("ready", "preparing"):
        context["licence_problems"] = _licence_problems(certificate)
    if step == "evaluation":
        context["evaluation_form"] = forms.get("evaluation_form") or CourseEvaluationForm()
    if step == "confirm":
        context["details_form"] = forms.get("details_form") or CEDetailsForm(instance=request.user)
    return render(request, "certificates/course_certificate.html", context, status=status)


def _licence_problems(certificate) -> list[dict]:
    # Named by a setting: the check and the reports live in records, above certificates.
    problems = getattr(settings, "CERTIFICATE_LICENCE_PROBLEMS", "")
    return import_string(problems)(certificate=certificate) if problems else []


@login_required
def course_certificate(request, course_id: int):
    enrollment, certificate = _learner_certificate(request, course_id)
    return _render_page(request, enrollment, certificate)


@login_required
@require_POST
def submit_evaluation(request, course_id: int):
    enrollment, certificate = _learner_certificate(request, course_id)
    if certificate is None:
        raise Http404("Complete the course before evaluating it.")
    form = CourseEvaluationForm(request.POST)
    if not form.is_valid():
        return _render_page(request, enrollment, certificate, evaluation_form=form, status=400)
    try:
        services.course_evaluation_submit(
            enrollment=enrollment, ratings=form.ratings, comments=form.cleaned_data["comments"]
        )
    except ValidationError as exc:
        form.add_error(None, exc.messages)
        return _render_page(request, enrollment, certificate, evaluation_form=form, status=400)
    messages.success(request, "Thank you for your evaluation.")
    return redirect("certificates:course", course_id=course_id)


@login_required
@require_POST
def confirm_details(request, course_id: int):
    enrollment, certificate = _learner_certificate(request, course_id)
    if certificate is None:
        raise Http404("Complete the course before claiming its certificate.")
    form = CEDetailsForm(request.POST, instance=request.user)
    if form.is_valid():
        try:
            services.certificate_issue(
                certificate=certificate, confirmed_by=request.user, ce_details=form.ce_details
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, getattr(exc, "messages", None) or str(exc))
        else:
            messages.success(request, "Your certificate is issued.")
            return redirect("certificates:course", course_id=course_id)
    return _render_page(request, enrollment, certificate, details_form=form, status=400)


# --- The PDF --------------------------------------------------------------------------------


def download(request, key: str):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    certificate = selectors.certificate_by_key(key)
    viewer = certificate and selectors.certificate_viewer(
        user=request.user, certificate=certificate
    )
    if not viewer:
        raise Http404("No such certificate.")
    if viewer == "owner" and certificate.status != Certificate.Status.ISSUED:
        return redirect("certificates:course", course_id=certificate.course_id)
    if not certificate.pdf:
        if viewer == "owner":
            return redirect("certificates:course", course_id=certificate.course_id)
        raise Http404("This certificate's PDF is not ready.")
    response = FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"{certificate.number}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


# --- Public verification --------------------------------------------------------------------


def _noindex(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def verify(request, code: str):
    certificate = selectors.certificate_for_verification(code=code)
    if certificate is None:
        return _noindex(render(request, "certificates/verify_unknown.html", status=404))
    context = {"certificate": certificate, "snapshot": display_context(certificate.snapshot)}
    # The same page for every visitor; kept for anonymous ones until a certificate changes.
    page_cache.allow_for_anonymous(request)
    return _noindex(render(request, "certificates/verify.html", context))


def _lookups_exhausted(request) -> bool:
    count = throttle_hit(
        scope="certificate-lookup",
        subject=address_subject(request),
        window_seconds=LOOKUP_WINDOW_SECONDS,
    )
    return count > LOOKUP_LIMIT


@require_http_methods(["GET", "POST"])
def verify_lookup(request):
    form = VerifyLookupForm(request.POST or None)
    status, error = 200, ""
    if request.method == "POST":
        if _lookups_exhausted(request):
            form, status, error = VerifyLookupForm(), 429, TOO_MANY_LOOKUPS
        elif not form.is_valid():
            status = 400
        else:
            certificate = selectors.certificate_lookup(
                number=form.cleaned_data["number"], surname=form.cleaned_data["surname"]
            )
            if certificate is not None:
                return redirect(reverse("certificates:verify", args=[certificate.verify_code]))
            status, error = 404, NO_MATCH
    context = {"form": form, "error": error}
    return _noindex(render(request, "certificates/verify_lookup.html", context, status=status))
