from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from commerce import services
from commerce.models import Order
from courses import services as course_services
from courses.models import Enrollment
from tests.commerce.checkout_helpers import accept_form, accepted
from tests.conftest import build_course
from tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db
SUCCESS = "https://nmt.example/payments/success/"
CANCEL = "https://nmt.example/payments/cancel/"


def start(user, course):
    return services.order_checkout_start(
        user=user,
        course=course,
        success_url=SUCCESS,
        cancel_url=CANCEL,
        accepted_policies=accepted(course),
    )


def session_creates(fake):
    return [r for r in fake.requests if r.method == "post" and r.path == "/v1/checkout/sessions"]


def test_checkout_creates_one_order_and_one_session_with_an_idempotency_key(
    fake_stripe, paid_course, user
):
    order = start(user, paid_course)

    assert Order.objects.get() == order
    assert order.status == Order.Status.PENDING
    assert (order.amount, order.currency) == (Decimal("149.00"), "usd")
    [create] = session_creates(fake_stripe)
    assert create.idempotency_key == f"nmt-order-{order.pk}-checkout"
    assert create.params["mode"] == "payment"
    assert create.params["client_reference_id"] == str(order.pk)
    assert create.params["metadata[order_id]"] == str(order.pk)
    assert create.params["payment_intent_data[metadata][order_id]"] == str(order.pk)
    assert create.params["customer_email"] == user.email
    assert create.params["allow_promotion_codes"] == "true"
    assert create.params["automatic_tax[enabled]"] == "false"
    assert create.params["line_items[0][price_data][unit_amount]"] == "14900"
    assert create.params["success_url"] == f"{SUCCESS}?order={order.pk}"
    assert list(fake_stripe.sessions) == [order.checkout_session_id]
    assert order.checkout_url.startswith("https://checkout.stripe.com/")


def test_stripe_tax_is_behind_a_setting(fake_stripe, paid_course, user, settings):
    settings.STRIPE_AUTOMATIC_TAX = True
    start(user, paid_course)
    assert session_creates(fake_stripe)[0].params["automatic_tax[enabled]"] == "true"


def test_clicking_twice_reuses_the_open_session(fake_stripe, paid_course, user):
    first = start(user, paid_course)
    second = start(user, paid_course)

    assert first.pk == second.pk
    assert first.checkout_session_id == second.checkout_session_id
    assert Order.objects.count() == 1
    assert len(session_creates(fake_stripe)) == 1


def test_an_expired_session_is_replaced_by_a_new_order(fake_stripe, paid_course, user):
    first = start(user, paid_course)
    fake_stripe.sessions[first.checkout_session_id]["status"] = "expired"

    second = start(user, paid_course)

    assert second.pk != first.pk
    first.refresh_from_db()
    assert first.status == Order.Status.EXPIRED
    assert len(session_creates(fake_stripe)) == 2


def test_a_price_change_expires_the_old_session(fake_stripe, paid_course, user):
    first = start(user, paid_course)
    paid_course.price = Decimal("99.00")
    paid_course.save_revision().publish()
    paid_course.refresh_from_db()

    second = start(user, paid_course)

    assert second.amount == Decimal("99.00")
    assert fake_stripe.sessions[first.checkout_session_id]["status"] == "expired"


def test_enrol_view_redirects_to_checkout_and_ignores_a_price_in_the_form(
    client, fake_stripe, paid_course, user
):
    client.force_login(user)
    response = client.post(
        f"/courses/{paid_course.slug}/enrol/",
        accept_form(paid_course, price="0.01", amount="1", currency="gbp"),
    )

    order = Order.objects.get()
    assert response.status_code == 303
    assert response["Location"] == order.checkout_url
    assert order.amount == Decimal("149.00")
    assert order.currency == "usd"
    assert session_creates(fake_stripe)[0].params["line_items[0][price_data][unit_amount]"] == (
        "14900"
    )
    assert not Enrollment.objects.exists()


def test_enrol_view_twice_redirects_to_the_same_session(client, fake_stripe, paid_course, user):
    client.force_login(user)
    url = f"/courses/{paid_course.slug}/enrol/"
    form = accept_form(paid_course)
    assert client.post(url, form)["Location"] == client.post(url, form)["Location"]
    assert Order.objects.count() == 1


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("free", services.ORDER_COURSE_FREE),
        ("unpublished", course_services.COURSE_NOT_LIVE),
        ("owned", services.ORDER_ALREADY_ENROLLED),
        ("revoked", course_services.ENROLLMENT_REVOKED),
    ],
)
def test_courses_that_cannot_be_bought_say_why_and_change_nothing(
    fake_stripe, catalog, user, setup, message
):
    course = build_course(catalog, price=Decimal("0" if setup == "free" else "49"))
    if setup == "unpublished":
        course.unpublish()
    if setup in ("owned", "revoked"):
        status = Enrollment.Status.ACTIVE if setup == "owned" else Enrollment.Status.REVOKED
        EnrollmentFactory(student=user, course=course, status=status)

    with pytest.raises(ValidationError) as error:
        start(user, course)

    assert error.value.messages == [message]
    assert not Order.objects.exists()
    assert fake_stripe.requests == []


def test_unknown_course_is_404_and_creates_nothing(client, fake_stripe, user, home):
    client.force_login(user)
    assert client.post("/courses/no-such-course/enrol/").status_code == 404
    assert not Order.objects.exists()


def test_already_owned_course_shows_the_message_on_the_course_page(
    client, fake_stripe, paid_course, user
):
    EnrollmentFactory(student=user, course=paid_course)
    client.force_login(user)
    response = client.post(f"/courses/{paid_course.slug}/enrol/", follow=True)
    assert services.ORDER_ALREADY_ENROLLED in response.content.decode()
    assert not Order.objects.exists()


def test_stripe_down_gives_a_clear_error_and_no_order(fake_stripe, paid_course, user):
    fake_stripe.fail_with = 500
    with pytest.raises(ValidationError) as error:
        start(user, paid_course)
    assert error.value.messages == [services.PAYMENT_PROVIDER_FAILED]
    assert not Order.objects.exists()
    assert len(fake_stripe.requests) == 1  # max_network_retries=0


def test_the_stripe_gateway_without_keys_takes_no_payments(settings, paid_course, user):
    settings.STRIPE_SECRET_KEY = ""
    settings.PAYMENT_GATEWAY = "stripe"
    with pytest.raises(ValidationError) as error:
        start(user, paid_course)
    assert error.value.messages == [services.PAYMENTS_NOT_CONFIGURED]
    assert not Order.objects.exists()
