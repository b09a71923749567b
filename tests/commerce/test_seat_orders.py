"""Buying N seats in one Stripe payment: the verified webhook turns the order into a seat pool."""

from decimal import Decimal
from urllib.parse import parse_qs

import pytest
from django.core.exceptions import ValidationError

from commerce import services
from commerce.models import EnrollmentCode, Order, SeatPool
from commerce.services.orders import (
    SEAT_ORDER_COUNT,
    SEAT_ORDER_NO_ORGANISATION,
    SEAT_ORDER_TOO_LARGE,
    seat_order_checkout_start,
)
from commerce.services.refunds import SEATS_KEPT_AFTER_REFUND
from commerce.services.seats import seat_code_redeem
from courses.models import Enrollment
from tests.commerce.checkout_helpers import accept_form, accepted
from tests.commerce.fake_stripe import event
from tests.conftest import build_course
from tests.factories import SchoolFactory, UserFactory

pytestmark = pytest.mark.django_db
SUCCESS = "https://nmt.example/payments/success/"


@pytest.fixture
def school_course(catalog):
    return build_course(
        catalog, modules=1, lessons_per_module=2, price=Decimal("149.00"), school=SchoolFactory()
    )


def start(user, course, seats=10, organisation="Harbour Spa"):
    return seat_order_checkout_start(
        user=user,
        course=course,
        seats=seats,
        organisation=organisation,
        success_url=SUCCESS,
        cancel_url=SUCCESS,
        accepted_policies=accepted(course),
    )


def session_params(fake_stripe) -> dict:
    [request] = [r for r in fake_stripe.requests if r.path == "/v1/checkout/sessions"]
    return request.params


def test_seat_order_asks_stripe_for_n_seats_at_the_course_price(fake_stripe, school_course, user):
    order = start(user, school_course, seats=10)

    assert (order.seats, order.organisation, order.amount) == (10, "Harbour Spa", Decimal("1490"))
    params = session_params(fake_stripe)
    assert params["line_items[0][quantity]"] == "10"
    assert params["line_items[0][price_data][unit_amount]"] == "14900"
    assert params["metadata[seats]"] == "10"
    assert "seats for Harbour Spa" in params["line_items[0][price_data][product_data][name]"]
    assert fake_stripe.sessions[order.checkout_session_id]["amount_total"] == 149000


def test_clicking_twice_reuses_the_order_and_changing_the_count_replaces_it(
    fake_stripe, school_course, user
):
    first = start(user, school_course, seats=10)
    assert start(user, school_course, seats=10).pk == first.pk
    changed = start(user, school_course, seats=12)
    first.refresh_from_db()
    assert changed.pk != first.pk
    assert first.status == Order.Status.EXPIRED
    assert changed.amount == Decimal("1788")


def test_a_seat_order_and_a_personal_order_can_both_be_pending(fake_stripe, school_course, user):
    seats = start(user, school_course)
    own = services.order_checkout_start(
        user=user,
        course=school_course,
        success_url=SUCCESS,
        cancel_url=SUCCESS,
        accepted_policies=accepted(school_course),
    )
    assert {seats.seats, own.seats} == {10, 0}


@pytest.mark.parametrize(
    ("seats", "organisation", "message"),
    [
        (1, "Harbour Spa", SEAT_ORDER_COUNT),
        (1001, "Harbour Spa", SEAT_ORDER_COUNT),
        (10, "   ", SEAT_ORDER_NO_ORGANISATION),
    ],
)
def test_bad_seat_orders_are_refused_before_stripe_is_called(
    fake_stripe, school_course, user, seats, organisation, message
):
    with pytest.raises(ValidationError) as error:
        start(user, school_course, seats=seats, organisation=organisation)
    assert error.value.messages == [message]
    assert fake_stripe.requests == []
    assert not Order.objects.exists()


def test_an_order_too_large_for_one_payment_is_refused(fake_stripe, catalog, user):
    course = build_course(catalog, price=Decimal("5000.00"), school=SchoolFactory())
    with pytest.raises(ValidationError) as error:
        start(user, course, seats=500)
    assert error.value.messages == [SEAT_ORDER_TOO_LARGE]


def test_paid_seat_order_becomes_a_pool_of_codes_once(deliver, fake_stripe, school_course, user):
    order = start(user, school_course, seats=4)
    completed = event("checkout.session.completed", fake_stripe.complete(order.checkout_session_id))

    assert deliver(completed).status_code == 200
    assert deliver(completed).status_code == 200  # Stripe retries: nothing more happens

    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    pool = SeatPool.objects.get()
    assert (pool.order, pool.seats, pool.source) == (order, 4, SeatPool.Source.PURCHASED)
    assert (pool.manager, pool.organisation, pool.course) == (user, "Harbour Spa", school_course)
    assert pool.school_id == school_course.school_id
    assert pool.codes.count() == 4
    # The buyer bought seats, not a place for themselves.
    assert not Enrollment.objects.filter(student=user).exists()


def test_seat_order_paid_short_makes_no_pool(deliver, fake_stripe, school_course, user):
    order = start(user, school_course, seats=4)
    short = fake_stripe.complete(
        order.checkout_session_id, amount_total=14900, amount_subtotal=14900
    )
    deliver(event("checkout.session.completed", short))
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING
    assert "not enrolled" in order.error
    assert not SeatPool.objects.exists()


def test_full_refund_withdraws_unused_seats_and_keeps_used_ones(
    deliver, fake_stripe, school_course, user
):
    order = start(user, school_course, seats=3)
    completed = fake_stripe.complete(order.checkout_session_id)
    deliver(event("checkout.session.completed", completed))
    learner = UserFactory()
    first_code = EnrollmentCode.objects.order_by("pk").first().code
    enrollment = seat_code_redeem(code=first_code, user=learner)

    charge = fake_stripe.charge(completed["payment_intent"], amount=44700, refunded=44700)
    deliver(event("charge.refunded", charge))

    order.refresh_from_db()
    assert order.status == Order.Status.REFUNDED
    assert order.error == SEATS_KEPT_AFTER_REFUND.format(used=1)
    codes = EnrollmentCode.objects.filter(pool__order=order)
    assert codes.filter(revoked_at__isnull=False).count() == 2
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.ACTIVE
    with pytest.raises(ValidationError):
        seat_code_redeem(
            code=codes.filter(revoked_at__isnull=False).first().code, user=UserFactory()
        )


def test_buy_page_flow_through_the_local_gateway(client, settings, school_course, user):
    settings.PAYMENT_GATEWAY = "local"
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""
    client.force_login(user)
    course_page = client.get(school_course.url).content.decode()
    assert f"/seats/buy/{school_course.slug}/" in course_page

    form = client.get(f"/seats/buy/{school_course.slug}/")
    assert form.status_code == 200
    bad = client.post(f"/seats/buy/{school_course.slug}/", {"organisation": "Spa", "seats": 1})
    assert bad.status_code == 400
    assert "greater than or equal to 2" in bad.content.decode()

    response = client.post(
        f"/seats/buy/{school_course.slug}/",
        accept_form(school_course, organisation="Harbour Spa", seats=5),
    )
    assert response.status_code == 303
    paid = client.post(response["Location"])
    order = Order.objects.get()
    assert paid["Location"] == f"/payments/success/?order={order.pk}"
    assert parse_qs(paid["Location"].split("?")[1]) == {"order": [str(order.pk)]}
    success = client.get(paid["Location"]).content.decode()
    pool = SeatPool.objects.get(order=order)
    assert "Your seats are ready" in success
    assert f"/seats/pools/{pool.pk}/" in success
    receipt = client.get(f"/payments/orders/{order.pk}/receipt/").content.decode()
    assert "5 for Harbour Spa" in receipt
    assert client.get(f"/seats/pools/{pool.pk}/").status_code == 200


def test_buy_page_is_404_for_an_unknown_or_unpublished_course(client, user, school_course):
    client.force_login(user)
    assert client.get("/seats/buy/no-such-course/").status_code == 404
    school_course.unpublish()
    assert client.get(f"/seats/buy/{school_course.slug}/").status_code == 404


def test_buy_page_needs_a_login(client, school_course):
    response = client.get(f"/seats/buy/{school_course.slug}/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_school_with_a_payout_account_is_paid_through_stripe_connect(
    fake_stripe, school_course, user, settings
):
    settings.STRIPE_PLATFORM_FEE_PERCENT = 10
    school = school_course.school
    school.payout_account = "acct_1SchoolPayout"
    school.full_clean()
    school.save()

    start(user, school_course, seats=2)

    params = session_params(fake_stripe)
    assert params["payment_intent_data[transfer_data][destination]"] == "acct_1SchoolPayout"
    assert params["payment_intent_data[application_fee_amount]"] == "2980"  # 10% of 298.00


def test_receipt_names_the_seller_with_its_tax_number(
    deliver, fake_stripe, client, school_course, user
):
    school = school_course.school
    school.legal_name = "Harbour Therapy Education LLC"
    school.tax_id = "EIN 12-3456789"
    school.address = "1 Quay Street\nPortland, ME"
    school.save()
    order = start(user, school_course, seats=2)
    deliver(event("checkout.session.completed", fake_stripe.complete(order.checkout_session_id)))
    client.force_login(user)

    receipt = client.get(f"/payments/orders/{order.pk}/receipt/").content.decode()

    assert "Harbour Therapy Education LLC" in receipt
    assert "Tax ID: EIN 12-3456789" in receipt
    assert "1 Quay Street<br>Portland, ME" in receipt


def test_payout_account_must_look_like_a_stripe_account(school_course):
    school = school_course.school
    school.payout_account = "not-an-account"
    with pytest.raises(ValidationError) as error:
        school.full_clean()
    assert "payout_account" in error.value.message_dict
