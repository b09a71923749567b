from decimal import Decimal

import pytest

from commerce import payments, services
from commerce.models import Order, StripeEvent
from courses.models import Enrollment
from tests.commerce.checkout_helpers import accept_form
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def enrol(client, course):
    return client.post(f"/courses/{course.slug}/enrol/", accept_form(course))


@pytest.fixture
def test_mode(settings, monkeypatch):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""
    settings.STRIPE_TEST_CHECKOUT = True

    def no_network(*args, **kwargs):
        raise AssertionError("the test checkout must not call Stripe")

    monkeypatch.setattr(
        payments,
        "http_client",
        type("NoNetwork", (), {"name": "none", "request_with_retries": no_network})(),
    )


def test_checkout_in_test_mode_makes_a_local_session(client, test_mode, paid_course, user):
    client.force_login(user)
    response = enrol(client, paid_course)

    order = Order.objects.get()
    assert order.checkout_session_id.startswith("cs_test_local_")
    assert response.status_code == 303
    assert response["Location"] == f"/payments/test-checkout/{order.pk}/"


def test_test_checkout_buys_the_course_end_to_end(client, test_mode, paid_course, user):
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


def test_test_checkout_is_404_when_test_mode_is_off(client, test_mode, paid_course, user, settings):
    client.force_login(user)
    checkout = enrol(client, paid_course)["Location"]
    settings.STRIPE_TEST_CHECKOUT = False

    assert client.get(checkout).status_code == 404
    assert client.post(checkout).status_code == 404
    assert not Enrollment.objects.exists()


def test_test_checkout_is_404_for_someone_elses_order(client, test_mode, paid_course, user):
    client.force_login(user)
    checkout = enrol(client, paid_course)["Location"]
    client.force_login(UserFactory())
    assert client.get(checkout).status_code == 404
    assert client.post(checkout).status_code == 404


def test_production_settings_force_test_checkout_off():
    # A fresh interpreter, because settings are read once per process.
    from tests.config.test_settings import STRONG_KEY, run

    code = "from django.conf import settings; print(settings.STRIPE_TEST_CHECKOUT)"
    result = run("-c", code, STRIPE_TEST_CHECKOUT="1", SECRET_KEY=STRONG_KEY)
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr


def test_a_local_webhook_secret_is_used_only_in_test_mode(settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    settings.STRIPE_TEST_CHECKOUT = False
    assert payments.webhook_secret() == ""
    settings.STRIPE_TEST_CHECKOUT = True
    assert payments.webhook_secret().startswith("whsec_local_")


def test_test_refund_revokes_through_the_webhook(client, test_mode, paid_course, user):
    client.force_login(user)
    client.post(enrol(client, paid_course)["Location"])
    order = Order.objects.get()

    services.order_refund_request(order=order, requested_by=user)

    order.refresh_from_db()
    assert order.status == Order.Status.REFUNDED
    assert order.amount_refunded == Decimal("149.00")
    assert Enrollment.objects.get().status == Enrollment.Status.REVOKED
