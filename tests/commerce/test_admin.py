import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission

from commerce import services
from commerce.models import Order
from tests.commerce.checkout_helpers import accepted
from tests.commerce.fake_stripe import event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def paid_order(fake_stripe, deliver, paid_course, user):
    order = services.order_checkout_start(
        user=user,
        course=paid_course,
        success_url="https://x.test/",
        cancel_url="https://x.test/",
        accepted_policies=accepted(paid_course),
    )
    deliver(event("checkout.session.completed", fake_stripe.complete(order.checkout_session_id)))
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    return order


def test_staff_list_orders_with_filters(client, admin_user, paid_order):
    client.force_login(admin_user)
    response = client.get("/admin/orders/")
    html = response.content.decode()
    assert response.status_code == 200
    assert str(paid_order) in html
    assert f"/admin/orders/refund/{paid_order.pk}/" in html
    assert client.get("/admin/orders/?status=paid").status_code == 200
    assert str(paid_order) not in client.get("/admin/orders/?status=refunded").content.decode()
    assert client.get(f"/admin/orders/?course={paid_order.course_id}").status_code == 200
    dated = client.get("/admin/orders/?created_at_from=2000-01-01&created_at_to=2999-01-01")
    assert str(paid_order) in dated.content.decode()


def test_orders_cannot_be_added_or_edited_in_the_admin(client, admin_user, paid_order):
    client.force_login(admin_user)
    assert client.get("/admin/orders/new/").status_code in (302, 403)
    assert client.get(f"/admin/orders/edit/{paid_order.pk}/").status_code in (302, 403)
    assert client.get(f"/admin/orders/inspect/{paid_order.pk}/").status_code == 200


def test_staff_export_orders_as_csv(client, admin_user, paid_order):
    client.force_login(admin_user)
    response = client.get("/admin/orders/?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    assert len(rows) == 1
    assert rows[0]["Order"] == str(paid_order.pk)
    assert rows[0]["Student"] == paid_order.student.email
    assert rows[0]["Status"] == "paid"
    assert Decimal(rows[0]["Amount"]) == Decimal("149.00")


def test_staff_refund_calls_stripes_refund_api_and_the_webhook_finishes(
    client, admin_user, paid_order, fake_stripe, deliver
):
    client.force_login(admin_user)
    url = f"/admin/orders/refund/{paid_order.pk}/"
    assert "Yes, refund" in client.get(url).content.decode()

    response = client.post(url)

    assert response.status_code == 302
    [refund] = [r for r in fake_stripe.requests if r.path == "/v1/refunds"]
    assert refund.params["payment_intent"] == paid_order.payment_intent_id
    assert refund.idempotency_key == f"nmt-order-{paid_order.pk}-refund"
    paid_order.refresh_from_db()
    assert paid_order.status == Order.Status.PAID  # until Stripe's webhook confirms
    assert paid_order.refund_requested_at is not None

    charge = fake_stripe.charge(paid_order.payment_intent_id, amount=14900, refunded=14900)
    deliver(event("charge.refunded", charge))
    paid_order.refresh_from_db()
    assert paid_order.status == Order.Status.REFUNDED


def test_refund_is_post_for_staff_only(client, paid_order, fake_stripe):
    url = f"/admin/orders/refund/{paid_order.pk}/"
    client.force_login(paid_order.student)
    assert client.post(url).status_code in (302, 403)
    editor = UserFactory(is_staff=False)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.post(url).status_code in (302, 403)  # Wagtail turns 403 into a redirect
    assert not [r for r in fake_stripe.requests if r.path == "/v1/refunds"]


def test_refund_of_an_unpaid_order_is_refused(client, admin_user, fake_stripe, paid_course, user):
    order = services.order_checkout_start(
        user=user,
        course=paid_course,
        success_url="https://x.test/",
        cancel_url="https://x.test/",
        accepted_policies=accepted(paid_course),
    )
    client.force_login(admin_user)
    response = client.post(f"/admin/orders/refund/{order.pk}/", follow=True)
    assert services.REFUND_NOT_PAID in response.content.decode()
    assert not [r for r in fake_stripe.requests if r.path == "/v1/refunds"]


def test_order_list_costs_the_same_for_2_or_12_orders(client, admin_user, paid_course):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(admin_user)

    def orders(n):
        for _ in range(n):
            Order.objects.create(
                student=UserFactory(), course=paid_course, amount=Decimal("149"), currency="usd"
            )
        client.get("/admin/orders/")  # warm the session and site caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/admin/orders/").status_code == 200
        return len(queries)

    few = orders(2)
    assert orders(10) == few  # now 12 orders
