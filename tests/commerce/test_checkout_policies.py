"""A school's registration, cancellation and refund policies: shown at checkout, accepted before
any order is made, stored with the order as shown, and printed on the receipt."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils.html import escape

from commerce import services
from commerce.models import Order
from commerce.services.orders import seat_order_checkout_start
from schools.policies import (
    DEFAULT_POLICIES,
    POLICIES_CHANGED,
    POLICIES_NOT_ACCEPTED,
    policies_for_course,
)
from tests.commerce.checkout_helpers import accept_form, accepted
from tests.commerce.fake_stripe import event
from tests.conftest import build_course
from tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db
SUCCESS = "https://nmt.example/payments/success/"
REGISTRATION = "Register online.\nPlaces are confirmed on payment."
CANCELLATION = "Cancel by email to the school."
REFUND = "Refunds within <b>7 days</b> only."


@pytest.fixture
def school():
    return SchoolFactory(
        name="Harbour School",
        registration_policy=REGISTRATION,
        cancellation_policy=CANCELLATION,
        refund_policy=REFUND,
    )


@pytest.fixture
def course(catalog, school):
    return build_course(
        catalog, modules=1, lessons_per_module=1, price=Decimal("149"), school=school
    )


def test_course_page_shows_the_school_policies_and_the_accept_box(client, course, user):
    client.force_login(user)
    page = client.get(course.url).content.decode()
    assert "Harbour School's registration, cancellation and refund policies" in page
    assert "Register online.<br>Places are confirmed on payment." in page
    assert CANCELLATION in page
    # Plain text: a school's markup is shown, never run.
    assert "Refunds within &lt;b&gt;7 days&lt;/b&gt; only." in page
    assert 'name="accept_policies"' in page and f'value="{accepted(course)}"' in page


def test_a_school_without_policies_shows_the_platform_defaults(client, catalog, user):
    course = build_course(
        catalog, lessons_per_module=1, price=Decimal("49"), school=SchoolFactory()
    )
    client.force_login(user)
    page = client.get(course.url).content.decode()
    first_line = DEFAULT_POLICIES["refund"].split("\n")[0]
    assert first_line in page
    assert policies_for_course(course)["cancellation"] == DEFAULT_POLICIES["cancellation"]


def test_one_blank_policy_falls_back_to_its_default_only(school, course):
    school.cancellation_policy = "  "
    school.save()
    course.refresh_from_db()
    policies = policies_for_course(course)
    assert policies["cancellation"] == DEFAULT_POLICIES["cancellation"]
    assert policies["refund"] == REFUND


def test_enrolling_without_accepting_makes_no_order_and_says_why(client, fake_stripe, course, user):
    client.force_login(user)
    form = accept_form(course)
    del form["accept_policies"]
    response = client.post(f"/courses/{course.slug}/enrol/", form, follow=True)
    assert escape(POLICIES_NOT_ACCEPTED) in response.content.decode()
    assert not Order.objects.exists()
    assert not fake_stripe.requests


def test_accepting_stores_the_policies_as_shown_with_the_order(client, fake_stripe, course, user):
    client.force_login(user)
    response = client.post(f"/courses/{course.slug}/enrol/", accept_form(course))
    order = Order.objects.get()
    assert response.status_code == 303
    assert order.policies_accepted == {
        "school": "Harbour School",
        "registration": REGISTRATION,
        "cancellation": CANCELLATION,
        "refund": REFUND,
    }
    assert order.policies_accepted_at is not None


def test_policies_edited_while_the_buyer_read_them_must_be_read_again(
    client, fake_stripe, school, course, user
):
    client.force_login(user)
    form = accept_form(course)
    school.refund_policy = "No refunds."
    school.save()
    response = client.post(f"/courses/{course.slug}/enrol/", form, follow=True)
    assert escape(POLICIES_CHANGED) in response.content.decode()
    assert not Order.objects.exists()


def test_the_service_refuses_an_order_without_acceptance(fake_stripe, course, user):
    with pytest.raises(ValidationError) as error:
        services.order_checkout_start(
            user=user, course=course, success_url=SUCCESS, cancel_url=SUCCESS, accepted_policies=""
        )
    assert error.value.messages == [POLICIES_NOT_ACCEPTED]
    assert not Order.objects.exists()


def test_clicking_again_reuses_the_order_and_records_the_new_acceptance(fake_stripe, course, user):
    first = services.order_checkout_start(
        user=user,
        course=course,
        success_url=SUCCESS,
        cancel_url=SUCCESS,
        accepted_policies=accepted(course),
    )
    Order.objects.filter(pk=first.pk).update(policies_accepted={}, policies_accepted_at=None)
    again = services.order_checkout_start(
        user=user,
        course=course,
        success_url=SUCCESS,
        cancel_url=SUCCESS,
        accepted_policies=accepted(course),
    )
    again.refresh_from_db()
    assert again.pk == first.pk
    assert again.policies_accepted["refund"] == REFUND
    assert again.policies_accepted_at is not None


def test_seat_purchase_page_shows_the_policies_and_needs_acceptance(
    client, fake_stripe, course, user
):
    client.force_login(user)
    url = f"/seats/buy/{course.slug}/"
    assert CANCELLATION in client.get(url).content.decode()
    refused = client.post(url, {"organisation": "Harbour Spa", "seats": 3})
    assert refused.status_code == 400
    assert escape(POLICIES_NOT_ACCEPTED) in refused.content.decode()
    assert not Order.objects.exists()

    response = client.post(url, accept_form(course, organisation="Harbour Spa", seats=3))
    assert response.status_code == 303
    order = Order.objects.get()
    assert (order.seats, order.policies_accepted["registration"]) == (3, REGISTRATION)


def test_the_seat_service_refuses_without_acceptance(fake_stripe, course, user):
    with pytest.raises(ValidationError):
        seat_order_checkout_start(
            user=user,
            course=course,
            seats=3,
            organisation="Spa",
            success_url=SUCCESS,
            cancel_url=SUCCESS,
            accepted_policies="",
        )


def test_the_receipt_shows_the_policies_accepted_even_after_the_school_changed_them(
    client, deliver, fake_stripe, school, course, user
):
    order = services.order_checkout_start(
        user=user,
        course=course,
        success_url=SUCCESS,
        cancel_url=SUCCESS,
        accepted_policies=accepted(course),
    )
    deliver(event("checkout.session.completed", fake_stripe.complete(order.checkout_session_id)))
    school.refund_policy = "No refunds at all."
    school.save()
    client.force_login(user)
    receipt = client.get(f"/payments/orders/{order.pk}/receipt/").content.decode()
    assert "Policies you accepted" in receipt
    assert "Refunds within &lt;b&gt;7 days&lt;/b&gt; only." in receipt
    assert "No refunds at all." not in receipt
