"""A refund or a dispute revokes the certificate in the webhook's own transaction: a fault at
any step leaves either everything done (order refunded, certificate revoked, event processed)
or nothing done and the event unprocessed, and Stripe's retry of the same event finishes it."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from certificates import services as certificate_services
from certificates.models import Certificate
from courses import services
from courses.models import Enrollment, Order, StripeEvent
from courses.services import orders, webhooks
from tests.certificates.issue_helpers import (
    approved_course,
    issue,
    provider_school,
)
from tests.courses.payments.checkout_helpers import accepted
from tests.courses.payments.conftest import WEBHOOK_URL
from tests.courses.payments.fake_stripe import event, sign

pytestmark = pytest.mark.django_db

PRICE_MINOR = 14900


class Crash(Exception):
    """The worker dying at this step: nothing after it runs in this delivery."""


def _crash(*args, **kwargs):
    raise Crash


def _crash_marking_processed(original):
    def save(self, *args, **kwargs):
        if "processed_at" in (kwargs.get("update_fields") or ()):
            raise Crash
        return original(self, *args, **kwargs)

    return save


def _crash_after_commit(original):
    def process(**kwargs):
        original(**kwargs)
        raise Crash  # committed; the response never reaches Stripe

    return process


# (name, target, replacement factory): each step the delivery goes through, in order.
FAULT_POINTS = [
    ("before the event is stored", "courses.services.webhooks._event_store", None),
    ("after storing, before handling", "courses.services.webhooks._event_apply", None),
    ("before the order is changed", "courses.services.webhooks.{handler}", None),
    ("order changed, before the enrolment", "courses.services.orders.{enrolment_verb}", None),
    ("enrolment changed, before the certificate", "certificates.services.certificate_revoke", None),
    ("certificate changed, before its history", "certificates.services._event", None),
    ("before the event is marked processed", "courses.models.StripeEvent.save", "processed"),
    ("after the commit, before answering", "courses.services.webhook_event_process", "commit"),
]
EVENTS = {
    "refund": ("order_refund_record", "enrollment_revoke", Order.Status.REFUNDED),
    "dispute": ("order_dispute_record", "enrollment_suspend", Order.Status.DISPUTED),
}


@pytest.fixture
def bought(fake_stripe, catalog, user):
    """A learner who paid through Stripe, completed the course and holds an issued certificate."""
    course = approved_course(catalog, provider_school(signature=False), price="149.00")
    order = services.order_checkout_start(
        user=user,
        course=course,
        success_url="https://nmt.example/ok/",
        cancel_url="https://nmt.example/ok/",
        accepted_policies=accepted(course),
    )
    session = fake_stripe.complete(order.checkout_session_id)
    assert _deliver(event("checkout.session.completed", session)).status_code == 200
    enrollment = Enrollment.objects.get(student=user, course=course)
    Enrollment.objects.filter(pk=enrollment.pk).update(completed_at=order.created_at)
    enrollment.refresh_from_db()
    certificate = issue(enrollment)
    assert certificate.status == Certificate.Status.ISSUED
    return order, session["payment_intent"], certificate


def _deliver(data: dict):
    """POST the event signed now, as Stripe signs each (re)delivery."""
    body = json.dumps(data)
    return Client(raise_request_exception=False).post(
        WEBHOOK_URL, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=sign(body)
    )


def _payment_event(kind: str, fake_stripe, payment_intent: str) -> dict:
    if kind == "refund":
        obj = fake_stripe.charge(payment_intent, amount=PRICE_MINOR, refunded=PRICE_MINOR)
        return event("charge.refunded", obj)
    return event("charge.dispute.created", fake_stripe.dispute(payment_intent, amount=PRICE_MINOR))


def _verify_says_valid(certificate) -> bool:
    page = Client().get(reverse("certificates:verify", args=[certificate.verify_code]))
    assert page.status_code == 200
    return "Revoked" not in page.content.decode()


def _state(order, certificate, data):
    order.refresh_from_db()
    certificate.refresh_from_db()
    stored = StripeEvent.objects.filter(event_id=data["id"]).first()
    processed = stored is not None and stored.processed_at is not None
    return order.status, certificate.status, processed


@pytest.mark.parametrize("kind", list(EVENTS))
@pytest.mark.parametrize(
    "point", FAULT_POINTS, ids=[name.replace(" ", "-") for name, _, _ in FAULT_POINTS]
)
def test_a_fault_at_any_step_then_stripes_retry_leaves_no_paid_back_certificate_valid(
    kind, point, bought, fake_stripe, monkeypatch
):
    order, payment_intent, certificate = bought
    handler, enrolment_verb, withdrawn_status = EVENTS[kind]
    _name, target, special = point
    target = target.format(handler=handler, enrolment_verb=enrolment_verb)
    module_path, attribute = target.rsplit(".", 1)
    if special == "processed":
        replacement = _crash_marking_processed(StripeEvent.save)
    elif special == "commit":
        replacement = _crash_after_commit(services.webhook_event_process)
    else:
        replacement = _crash
    monkeypatch.setattr(f"{module_path}.{attribute}", replacement)
    data = _payment_event(kind, fake_stripe, payment_intent)

    crashed = _deliver(data)

    assert crashed.status_code == 500
    after_crash = _state(order, certificate, data)
    done = (withdrawn_status, Certificate.Status.REVOKED, True)
    undone = (Order.Status.PAID, Certificate.Status.ISSUED, False)
    assert after_crash in (done, undone)
    assert _verify_says_valid(certificate) == (after_crash == undone)

    monkeypatch.undo()
    assert _deliver(data).status_code == 200  # Stripe's retry of the same event

    assert _state(order, certificate, data) == done
    assert not _verify_says_valid(certificate)
    assert Enrollment.objects.get(pk=certificate.enrollment_id).status != Enrollment.Status.ACTIVE


def test_every_fault_point_names_a_function_the_delivery_calls():
    """No case passes by patching a name the code no longer uses."""
    modules = {
        "courses.services.webhooks": webhooks,
        "courses.services.orders": orders,
        "certificates.services": certificate_services,
        "courses.services": services,
        "courses.models": __import__("courses.models").models,
    }
    for _name, target, _special in FAULT_POINTS:
        for handler, verb, _ in EVENTS.values():
            path = target.format(handler=handler, enrolment_verb=verb)
            module_path, attribute = path.rsplit(".", 1)
            if module_path == "courses.models.StripeEvent":
                assert callable(StripeEvent.save)
                continue
            assert callable(getattr(modules[module_path], attribute)), path
