"""The local gateway: the demo sells a course with no Stripe keys, through the webhook path."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from commerce import services
from commerce.gateways import local
from commerce.gateways import stripe as stripe_gateway
from commerce.models import Order, StripeEvent
from courses.models import Enrollment
from tests.commerce.checkout_helpers import accept_form
from tests.commerce.fake_stripe import SECRET_KEY, FakeStripe
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def enrol(client, course):
    return client.post(f"/courses/{course.slug}/enrol/", accept_form(course))


@pytest.fixture
def local_gateway(settings, monkeypatch):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""
    settings.PAYMENT_GATEWAY = "local"

    def no_network(*args, **kwargs):
        raise AssertionError("the local gateway must not call Stripe")

    monkeypatch.setattr(
        stripe_gateway,
        "http_client",
        type("NoNetwork", (), {"name": "none", "request_with_retries": no_network})(),
    )


def test_checkout_through_the_local_gateway_makes_a_local_session(
    client, local_gateway, paid_course, user
):
    client.force_login(user)
    response = enrol(client, paid_course)

    order = Order.objects.get()
    assert order.checkout_session_id.startswith(local.SESSION_PREFIX)
    assert response.status_code == 303
    assert response["Location"] == f"/payments/test-checkout/{order.pk}/"


def test_local_gateway_buys_the_course_end_to_end(client, local_gateway, paid_course, user):
    client.force_login(user)
    checkout = enrol(client, paid_course)["Location"]
    page = client.get(checkout)
    assert page.status_code == 200
    assert "Test checkout — no real payment" in page.content.decode()

    paid = client.post(checkout)

    order = Order.objects.get()
    assert paid.status_code == 302
    assert paid["Location"] == f"/payments/success/?order={order.pk}"
    assert order.status == Order.Status.PAID
    assert Enrollment.objects.get(student=user).source == Enrollment.Source.PAID
    stored = StripeEvent.objects.get()
    assert stored.type == "checkout.session.completed"
    assert stored.payload["data"]["object"]["amount_total"] == 14900
    success = client.get(paid["Location"]).content.decode()
    assert "You are enrolled" in success
    assert "Start the first lesson" in success


def test_local_checkout_page_is_404_when_stripe_is_the_gateway(
    client, local_gateway, paid_course, user, settings
):
    client.force_login(user)
    checkout = enrol(client, paid_course)["Location"]
    settings.PAYMENT_GATEWAY = "stripe"

    assert client.get(checkout).status_code == 404
    assert client.post(checkout).status_code == 404
    assert not Enrollment.objects.exists()


def test_local_checkout_page_is_404_for_someone_elses_order(
    client, local_gateway, paid_course, user
):
    client.force_login(user)
    checkout = enrol(client, paid_course)["Location"]
    client.force_login(UserFactory())
    assert client.get(checkout).status_code == 404
    assert client.post(checkout).status_code == 404


def test_paying_twice_is_refused_and_enrols_once(client, local_gateway, paid_course, user):
    client.force_login(user)
    client.post(enrol(client, paid_course)["Location"])
    order = Order.objects.get()

    with pytest.raises(ValidationError) as error:
        local.order_pay(order=order)

    assert error.value.messages == [local.LOCAL_ORDER_NOT_PENDING]
    assert StripeEvent.objects.count() == 1


def test_a_local_webhook_secret_is_used_only_by_the_local_gateway(settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    settings.PAYMENT_GATEWAY = "stripe"
    assert stripe_gateway.webhook_secret() == ""
    settings.PAYMENT_GATEWAY = "local"
    assert stripe_gateway.webhook_secret().startswith("whsec_local_")


def test_local_refund_revokes_through_the_webhook(client, local_gateway, paid_course, user):
    client.force_login(user)
    client.post(enrol(client, paid_course)["Location"])
    order = Order.objects.get()

    services.order_refund_request(order=order, requested_by=user)

    order.refresh_from_db()
    assert order.status == Order.Status.REFUNDED
    assert order.amount_refunded == Decimal("149.00")
    assert Enrollment.objects.get().status == Enrollment.Status.REVOKED


def test_a_local_order_left_pending_expires_once_stripe_is_the_gateway(
    client, local_gateway, paid_course, user, settings, monkeypatch
):
    # A demo database that gets Stripe keys: its old local session is never sent to Stripe.
    client.force_login(user)
    enrol(client, paid_course)
    local_order = Order.objects.get()
    settings.PAYMENT_GATEWAY = "stripe"
    settings.STRIPE_SECRET_KEY = SECRET_KEY
    stripe = FakeStripe()
    monkeypatch.setattr(stripe_gateway, "http_client", stripe)

    response = enrol(client, paid_course)

    local_order.refresh_from_db()
    assert local_order.status == Order.Status.EXPIRED
    new = Order.objects.get(status=Order.Status.PENDING)
    assert response["Location"] == new.checkout_url
    assert new.checkout_session_id.startswith("cs_test_fake_")
    assert [r.path for r in stripe.requests] == ["/v1/checkout/sessions"]  # the new one only


def test_refunding_a_local_order_once_stripe_is_the_gateway_is_refused(
    client, local_gateway, paid_course, user, settings
):
    client.force_login(user)
    client.post(enrol(client, paid_course)["Location"])
    order = Order.objects.get()
    settings.PAYMENT_GATEWAY = "stripe"

    with pytest.raises(ValidationError) as error:
        services.order_refund_request(order=order, requested_by=user)

    assert error.value.messages == [services.REFUND_REFUSED.format(error=local.LOCAL_GATEWAY_OFF)]
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
