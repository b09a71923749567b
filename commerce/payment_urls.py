from django.urls import path

from commerce import payment_views

app_name = "payments"
urlpatterns = [
    path("success/", payment_views.checkout_success, name="success"),
    path("cancel/", payment_views.checkout_cancel, name="cancel"),
    path("orders/", payment_views.orders, name="orders"),
    path("orders/<int:order_id>/status/", payment_views.checkout_status, name="status"),
    path("orders/<int:order_id>/receipt/", payment_views.receipt, name="receipt"),
    path("test-checkout/<int:order_id>/", payment_views.local_checkout, name="test_checkout"),
    path("stripe/webhook/", payment_views.stripe_webhook, name="stripe_webhook"),
]
