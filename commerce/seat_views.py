"""Seat pages: a learner redeems a code; a pool's manager invites people and sees who came."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from cms.exports import csv_stream_response
from commerce.models import SeatPool
from commerce.seat_forms import (
    InviteUploadForm,
    SeatPoolGrantForm,
    SeatPurchaseForm,
    SeatRedeemForm,
)
from commerce.services.orders import seat_order_checkout_start
from commerce.services.seats import (
    seat_code_redeem,
    seat_code_revoke,
    seat_invites_import,
    seat_pool_grant,
)
from courses.models import CoursePage
from schools import rules


def _pools_for(user):
    """The pools `user` may manage, with their seat counts, in one query.

    The filter is rules.seat_pools_managed_by, so a page checks access and loads the pool at once.
    """
    pools = SeatPool.objects.select_related("course", "school", "manager")
    managed = rules.seat_pools_managed_by(user)
    if managed is not None:
        pools = pools.filter(managed)
    live_unused = Q(codes__redeemed_at__isnull=True, codes__revoked_at__isnull=True)
    return pools.annotate(
        used=Count("codes", filter=Q(codes__redeemed_at__isnull=False)),
        free=Count("codes", filter=live_unused),
        unassigned=Count("codes", filter=live_unused & Q(codes__email="")),
    ).order_by("-created_at", "-pk")


def _managed_pool(request, pool_id: int) -> SeatPool:
    """The pool if this user manages it, else 404: other people's pools do not exist for them."""
    return get_object_or_404(_pools_for(request.user), pk=pool_id)


@login_required
def redeem(request):
    if request.method == "POST":
        form = SeatRedeemForm(request.POST)
        if form.is_valid():
            try:
                enrollment = seat_code_redeem(code=form.cleaned_data["code"], user=request.user)
            except ValidationError as error:
                form.add_error("code", error)
            else:
                course = enrollment.course
                messages.success(request, f"You are enrolled on {course.title}.")
                return redirect(course.url)
    else:
        # Invitation emails link here with ?code=, so the learner only has to press the button.
        form = SeatRedeemForm(initial={"code": request.GET.get("code", "")})
    return render(request, "commerce/seats/redeem.html", {"form": form})


def _accepted_policies(request) -> str:
    """The digest of the policies the buyer ticked as accepted, or "" if the box was not."""
    return request.POST.get("policies_digest", "") if request.POST.get("accept_policies") else ""


@login_required
def buy(request, course_slug: str):
    """Buy seats for a team in one payment: checkout, then the verified webhook makes the pool."""
    course = get_object_or_404(CoursePage.objects.live().select_related("school"), slug=course_slug)
    form = SeatPurchaseForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                order = seat_order_checkout_start(
                    user=request.user,
                    course=course,
                    seats=form.cleaned_data["seats"],
                    organisation=form.cleaned_data["organisation"],
                    success_url=request.build_absolute_uri(reverse("payments:success")),
                    cancel_url=request.build_absolute_uri(reverse("payments:cancel")),
                    accepted_policies=_accepted_policies(request),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                response = redirect(order.checkout_url)
                response.status_code = 303  # See Other: the browser GETs the checkout page
                return response
        status = 400
    context = {"course": course, "form": form}
    return render(request, "commerce/seats/buy.html", context, status=status)


@login_required
def pool_list(request):
    context = {"pools": _pools_for(request.user), "can_grant": rules.may_grant_seats(request.user)}
    return render(request, "commerce/seats/pool_list.html", context)


@login_required
def pool_new(request):
    if not rules.may_grant_seats(request.user):
        raise Http404("No seats to grant")
    form = SeatPoolGrantForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pool = seat_pool_grant(
                course=data["course"],
                organisation=data["organisation"],
                manager=data["manager"],
                seats=data["seats"],
                granted_by=request.user,
            )
        except PermissionDenied as error:  # lost admin rights since the form was built
            form.add_error("course", str(error))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            granted = f"{pool.seats} seats on {pool.course.title} granted to {pool.organisation}."
            messages.success(request, granted)
            return redirect("seats:pool", pool_id=pool.pk)
    return render(request, "commerce/seats/pool_new.html", {"form": form})


@login_required
def pool_detail(request, pool_id: int):
    pool = _managed_pool(request, pool_id)
    report, status = None, 200
    if request.method == "POST":
        upload_form = InviteUploadForm(request.POST, request.FILES)
        if upload_form.is_valid():
            try:
                report = seat_invites_import(
                    pool=pool, csv_text=upload_form.cleaned_data["file"], invited_by=request.user
                )
            except PermissionDenied:
                raise Http404("No such seat pool") from None
            except ValidationError as error:
                upload_form.add_error("file", error)
        if report is None:
            status = 400
        else:
            # Show the new counts and an empty form next to the report.
            pool = _managed_pool(request, pool_id)
            upload_form = InviteUploadForm()
    else:
        upload_form = InviteUploadForm()
    context = {
        "pool": pool,
        "used": pool.used,
        "free": pool.free,
        "unassigned": pool.unassigned,
        "codes": pool.codes.select_related("redeemed_by").order_by("pk"),
        "upload_form": upload_form,
        "report": report,
    }
    return render(request, "commerce/seats/pool_detail.html", context, status=status)


@login_required
def pool_export(request, pool_id: int):
    """Who used a seat: one row per redeemed code."""
    pool = _managed_pool(request, pool_id)
    codes = (
        pool.codes.filter(redeemed_at__isnull=False)
        .select_related("redeemed_by", "enrollment")
        .order_by("redeemed_at")
    )
    header = ["Learner", "Learner email", "Invited as", "Invited email", "Redeemed at", "Enrolment"]
    return csv_stream_response(
        filename=f"seats-{pool.pk}-used-{timezone.localdate():%Y-%m-%d}.csv",
        header=header,
        rows=(_used_seat_row(code) for code in codes),
    )


def _used_seat_row(code) -> list:
    learner = code.redeemed_by
    return [
        learner.legal_name or learner.display_name,
        learner.email,
        code.name,
        code.email,
        timezone.localtime(code.redeemed_at).isoformat(timespec="minutes"),
        code.enrollment.get_status_display() if code.enrollment else "",
    ]


@require_POST
@login_required
def code_revoke(request, pool_id: int, code_id: int):
    pool = _managed_pool(request, pool_id)
    code = get_object_or_404(pool.codes, pk=code_id)
    try:
        seat_code_revoke(code=code, by=request.user)
    except PermissionDenied:
        raise Http404("No such seat pool") from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Code {code.code} revoked; a new code takes its seat.")
    return redirect(reverse("seats:pool", kwargs={"pool_id": pool.pk}))
