from decimal import Decimal

import pytest

from commerce.models import Order
from courses.models import Enrollment
from tests.conftest import build_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def make_orders(student, catalog, count: int, status=Order.Status.PAID) -> list[Order]:
    orders = []
    for n in range(count):
        course = build_course(catalog, modules=1, lessons_per_module=1, price=Decimal("20"))
        orders.append(
            Order.objects.create(
                student=student,
                course=course,
                amount=course.price,
                currency=course.currency,
                status=status,
                checkout_session_id=f"cs_test_page_{student.pk}_{n}",
                payment_intent_id=f"pi_page_{student.pk}_{n}",
            )
        )
    return orders


def test_orders_page_needs_login(client, home):
    response = client.get("/payments/orders/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_orders_page_lists_only_my_orders(client, catalog, user):
    mine = make_orders(user, catalog, 2)
    theirs = make_orders(UserFactory(), catalog, 1)
    client.force_login(user)
    html = client.get("/payments/orders/").content.decode()
    for order in mine:
        assert order.course.title in html
        assert f"/payments/orders/{order.pk}/receipt/" in html
    assert theirs[0].course.title not in html


@pytest.mark.parametrize("count", [1, 20])
def test_orders_page_query_count_does_not_grow_with_orders(
    client, catalog, user, count, django_assert_max_num_queries
):
    make_orders(user, catalog, count)
    client.force_login(user)
    client.get("/payments/orders/")  # warm the site-root cache
    with django_assert_max_num_queries(6):
        response = client.get("/payments/orders/")
    assert response.status_code == 200
    assert response.content.decode().count("/receipt/") == count


def test_receipt_is_for_its_owner_only(client, catalog, user):
    [order] = make_orders(user, catalog, 1)
    url = f"/payments/orders/{order.pk}/receipt/"
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    assert order.course.title in response.content.decode()
    assert order.payment_intent_id in response.content.decode()

    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_pending_order_has_no_receipt(client, catalog, user):
    [order] = make_orders(user, catalog, 1, status=Order.Status.PENDING)
    client.force_login(user)
    assert client.get(f"/payments/orders/{order.pk}/receipt/").status_code == 404


def test_success_page_waits_then_links_to_the_first_lesson(client, catalog, user):
    [order] = make_orders(user, catalog, 1, status=Order.Status.PENDING)
    client.force_login(user)
    url = f"/payments/success/?order={order.pk}"

    waiting = client.get(url).content.decode()
    assert "Confirming your payment" in waiting
    assert '<meta http-equiv="refresh" content="3">' in waiting
    assert "js/payment-status.js" in waiting
    assert f'data-status-url="/payments/orders/{order.pk}/status/"' in waiting
    assert client.get(f"/payments/orders/{order.pk}/status/").json() == {
        "order": order.pk,
        "status": "pending",
        "enrolled": False,
        "lesson_url": None,
    }

    Order.objects.filter(pk=order.pk).update(status=Order.Status.PAID)
    Enrollment.objects.create(student=user, course=order.course, source=Enrollment.Source.PAID)
    done = client.get(url).content.decode()
    assert "Confirming your payment" not in done
    assert 'http-equiv="refresh"' not in done
    assert "Start the first lesson" in done
    status = client.get(f"/payments/orders/{order.pk}/status/").json()
    assert status["enrolled"] is True
    assert status["lesson_url"].startswith(f"/courses/{order.course.slug}/")


@pytest.mark.parametrize("query", ["", "?order=", "?order=abc", "?order=999999"])
def test_success_page_for_a_missing_order_is_404(client, user, home, query):
    client.force_login(user)
    assert client.get(f"/payments/success/{query}").status_code == 404


def test_success_and_status_are_404_for_someone_else(client, catalog, user):
    [order] = make_orders(user, catalog, 1, status=Order.Status.PENDING)
    client.force_login(UserFactory())
    assert client.get(f"/payments/success/?order={order.pk}").status_code == 404
    assert client.get(f"/payments/orders/{order.pk}/status/").status_code == 404


def test_cancel_page_says_nothing_was_charged(client, catalog, user):
    [order] = make_orders(user, catalog, 1, status=Order.Status.PENDING)
    client.force_login(user)
    html = client.get(f"/payments/cancel/?order={order.pk}").content.decode()
    assert "You have not been charged" in html
    assert order.course.title in html
