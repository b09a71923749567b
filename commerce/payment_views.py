"""Payment pages: checkout outcome, orders and receipts, the local gateway's checkout page and
Stripe's webhook."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from commerce import selectors, services
from commerce.gateways import local as local_gateway
from commerce.models import Order


def _owned_order(request, order_id) -> Order:
    """The logged-in student's order, or 404: other people's orders do not exist for them."""
    try:
        order_id = int(order_id)
    except (TypeError, ValueError):
        raise Http404("No such order") from None
    order = selectors.order_for_student(user=request.user, order_id=order_id)
    if order is None:
        raise Http404("No such order")
    return order


@login_required
def checkout_success(request):
    order = _owned_order(request, request.GET.get("order"))
    enrolled, lesson = selectors.order_access(order=order)
    waiting = not enrolled and order.status == Order.Status.PENDING
    context = {"order": order, "enrolled": enrolled, "lesson": lesson, "waiting": waiting}
    return render(request, "commerce/payments/success.html", context)


@login_required
def checkout_status(request, order_id: int):
    order = _owned_order(request, order_id)
    enrolled, lesson = selectors.order_access(order=order)
    return JsonResponse(
        {
            "order": order.pk,
            "status": order.status,
            "enrolled": enrolled,
            "lesson_url": lesson.url if lesson else None,
        }
    )


@login_required
def checkout_cancel(request):
    order = None
    if request.GET.get("order"):
        order = _owned_order(request, request.GET["order"])
    return render(request, "commerce/payments/cancel.html", {"order": order})


@login_required
def orders(request):
    return render(
        request,
        "commerce/payments/orders.html",
        {"orders": selectors.orders_for_student(user=request.user)},
    )


@login_required
def receipt(request, order_id: int):
    order = _owned_order(request, order_id)
    if order.status not in (Order.Status.PAID, Order.Status.REFUNDED, Order.Status.DISPUTED):
        raise Http404("This order has no receipt")
    return render(request, "commerce/payments/receipt.html", {"order": order})


def _local_order(request, order_id: int) -> Order:
    if not local_gateway.is_active():
        raise Http404("The local gateway is off")
    order = _owned_order(request, order_id)
    if not local_gateway.owns(order=order):
        raise Http404("Not an order of the local gateway")
    return order


@login_required
def local_checkout(request, order_id: int):
    """The local gateway's checkout page: no card, no money; Pay sends the signed event."""
    order = _local_order(request, order_id)
    if request.method == "POST":
        try:
            local_gateway.order_pay(order=order)
        except (ValidationError, services.WebhookFailed, services.WebhookRejected) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            return redirect(reverse("payments:test_checkout", args=[order.pk]))
        return redirect(f"{reverse('payments:success')}?order={order.pk}")
    return render(request, "commerce/payments/local_checkout.html", {"order": order})


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe's deliveries: 400 for a bad signature, 500 (retry) when handling fails."""
    try:
        services.webhook_event_process(
            payload=request.body.decode("utf-8", errors="replace"),
            sig_header=request.headers.get("Stripe-Signature"),
        )
    except services.WebhookRejected as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain")
    except services.WebhookFailed as exc:
        return HttpResponse(str(exc), status=500, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
