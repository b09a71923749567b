"""Orders in the Wagtail admin: read-only for staff, with CSV export and a refund action."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import MenuItem
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from commerce import services
from commerce.models import Order
from schools import rules


class OrderPermissionPolicy(ModelPermissionPolicy):
    """Orders are written by checkout and Stripe's webhooks only: staff may look, never edit."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Order, OrderPermissionPolicy(Order))


class OrderIndexView(IndexView):
    def get_base_queryset(self):
        # The listing shows each order's student and course: fetch them with the orders.
        return super().get_base_queryset().select_related("student", "course")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == Order.Status.PAID and rules.may_refund_order(self.request.user):
            url = reverse("courses_order:refund", args=[instance.pk])
            buttons.append(MenuItem("Refund", url=url, icon_name="undo", priority=40))
        return buttons


class OrderRefundView(WagtailAdminTemplateMixin, TemplateView):
    """Ask Stripe for a full refund; the charge.refunded webhook revokes the enrolment."""

    template_name = "commerce/admin/order_refund.html"
    page_title = "Refund order"
    header_icon = "undo"

    def dispatch(self, request, *args, pk, **kwargs):
        if not rules.may_refund_order(request.user):
            raise PermissionDenied
        self.order = get_object_or_404(Order.objects.select_related("student", "course"), pk=pk)
        return super().dispatch(request, *args, pk=pk, **kwargs)

    def get_page_subtitle(self):
        return f"#{self.order.pk} {self.order.course.title}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            order=self.order, index_url=reverse("courses_order:index"), **kwargs
        )

    def post(self, request, *args, **kwargs):
        try:
            services.order_refund_request(order=self.order, requested_by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                f"Refund of order #{self.order.pk} requested: the order turns Refunded and the "
                "enrolment is revoked when Stripe confirms it.",
            )
        return redirect("courses_order:index")


class OrderViewSet(ModelViewSet):
    model = Order
    icon = "tag"
    menu_label = "Orders"
    menu_order = 210
    add_to_admin_menu = True
    index_view_class = OrderIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["status"]  # never editable (see OrderPermissionPolicy); the viewset needs some
    list_display = ["__str__", "student", "course", "amount", "currency", "status", "created_at"]
    list_filter = ["status", "course", "created_at"]
    search_fields = ["student__email", "checkout_session_id", "payment_intent_id"]
    list_export = [
        "pk",
        "created_at",
        "student.email",
        "course.title",
        "amount",
        "currency",
        "status",
        "amount_paid",
        "amount_refunded",
        "paid_at",
        "refunded_at",
        "checkout_session_id",
        "payment_intent_id",
    ]
    export_headings = {
        "pk": "Order",
        "student.email": "Student",
        "course.title": "Course",
        "created_at": "Created",
    }
    export_filename = "orders"

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("refund/<int:pk>/", OrderRefundView.as_view(), name="refund"),
        ]


@hooks.register("register_admin_viewset")
def register_order_viewset():
    return OrderViewSet("courses_order", url_prefix="orders")
