"""A refund or a dispute revokes the certificate in the webhook's own transaction, and a dispute
the school won reinstates it there: a fault at any step leaves either everything done (order,
enrolment, certificate and the event processed) or nothing done and the event unprocessed, and
Stripe's retry of the same event finishes it."""

import json
from dataclasses import dataclass
from importlib import import_module

import pytest
from django.test import Client
from django.urls import reverse

from certificates.models import Certificate
from certificates.services import certificate_revoke
from commerce import services
from commerce.models import Order, StripeEvent
from commerce.services import refunds, webhooks
from courses.models import Enrollment
from tests.certificates.issue_helpers import (
    approved_course,
    issue,
    provider_school,
)
from tests.commerce import crash_delivery
from tests.commerce.checkout_helpers import accepted
from tests.commerce.conftest import WEBHOOK_URL
from tests.commerce.fake_stripe import event, sign
from tests.subprocess_env import NEEDS_SHARED_DATABASE, SHARED_DATABASE, manage

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


# (name, target, special): each step a delivery goes through, in order.
FAULT_POINTS = [
    ("before the event is stored", "commerce.services.webhooks._event_store", None),
    ("after storing, before handling", "commerce.services.webhooks._event_apply", None),
    ("before the order is changed", "commerce.services.webhooks.{handler}", None),
    ("order changed, before the enrolment", "commerce.services.refunds.{enrolment_verb}", None),
    ("enrolment changed, before the certificate", "certificates.services.{certificate_verb}", None),
    ("certificate changed, before its history", "certificates.services._event", None),
    ("before the event is marked processed", "commerce.models.StripeEvent.save", "processed"),
    ("after the commit, before answering", "commerce.services.webhook_event_process", "commit"),
]


@dataclass(frozen=True)
class Kind:
    handler: str
    enrolment_verb: str
    certificate_verb: str
    before: tuple  # (order status, certificate status) before the event
    after: tuple  # and once it is handled
    disputed_first: bool = False


ISSUED, REVOKED = Certificate.Status.ISSUED, Certificate.Status.REVOKED
KINDS = {
    "refund": Kind(
        "order_refund_record",
        "enrollment_revoke",
        "certificate_revoke",
        (Order.Status.PAID, ISSUED),
        (Order.Status.REFUNDED, REVOKED),
    ),
    "dispute": Kind(
        "order_dispute_record",
        "enrollment_suspend",
        "certificate_revoke",
        (Order.Status.PAID, ISSUED),
        (Order.Status.DISPUTED, REVOKED),
    ),
    "dispute-won": Kind(
        "order_dispute_close",
        "enrollment_restore",
        "certificate_reinstate",
        (Order.Status.DISPUTED, REVOKED),
        (Order.Status.PAID, ISSUED),
        disputed_first=True,
    ),
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
    dispute = fake_stripe.dispute(payment_intent, amount=PRICE_MINOR)
    if kind == "dispute":
        return event("charge.dispute.created", dispute)
    assert _deliver(event("charge.dispute.created", dispute)).status_code == 200
    return event("charge.dispute.closed", dict(dispute, status="won"))


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


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize(
    "point", FAULT_POINTS, ids=[name.replace(" ", "-") for name, _, _ in FAULT_POINTS]
)
def test_a_fault_at_any_step_then_stripes_retry_leaves_the_certificate_as_the_payment(
    kind, point, bought, fake_stripe, monkeypatch
):
    order, payment_intent, certificate = bought
    steps = KINDS[kind]
    data = _payment_event(kind, fake_stripe, payment_intent)
    undone = (*steps.before, False)
    assert _state(order, certificate, data) == undone
    _name, target, special = point
    target = target.format(**vars(steps))
    if special == "processed":
        monkeypatch.setattr(target, _crash_marking_processed(StripeEvent.save))
    elif special == "commit":
        monkeypatch.setattr(target, _crash_after_commit(services.webhook_event_process))
    else:
        monkeypatch.setattr(target, _crash)

    crashed = _deliver(data)

    assert crashed.status_code == 500
    after_crash = _state(order, certificate, data)
    done = (*steps.after, True)
    assert after_crash in (done, undone)
    assert _verify_says_valid(certificate) == (after_crash[1] == ISSUED)

    monkeypatch.undo()
    assert _deliver(data).status_code == 200  # Stripe's retry of the same event

    assert _state(order, certificate, data) == done
    assert _verify_says_valid(certificate) == (steps.after[1] == ISSUED)
    enrollment = Enrollment.objects.get(pk=certificate.enrollment_id)
    assert enrollment.is_active == (steps.after[1] == ISSUED)


def test_every_fault_point_names_a_function_the_delivery_calls():
    """No case passes by patching a name the code no longer uses."""
    for _name, target, _special in FAULT_POINTS:
        for steps in KINDS.values():
            module_path, attribute = target.format(**vars(steps)).rsplit(".", 1)
            owner = (
                StripeEvent if module_path.endswith("StripeEvent") else import_module(module_path)
            )
            assert callable(getattr(owner, attribute)), (module_path, attribute)


def _dispute_closed(fake_stripe, payment_intent: str, status: str) -> tuple[dict, dict]:
    dispute = fake_stripe.dispute(payment_intent, amount=PRICE_MINOR)
    opened = event("charge.dispute.created", dispute)
    return opened, event("charge.dispute.closed", dict(dispute, status=status))


@pytest.mark.parametrize("status", ["won", "warning_closed"])
def test_a_dispute_the_school_keeps_the_money_for_gives_back_access_and_certificate(
    status, bought, fake_stripe
):
    order, payment_intent, certificate = bought
    opened, closed = _dispute_closed(fake_stripe, payment_intent, status)
    assert _deliver(opened).status_code == 200
    assert not _verify_says_valid(certificate)

    for _ in range(2):  # a duplicate delivery changes nothing more
        assert _deliver(closed).status_code == 200

    assert _state(order, certificate, closed) == (Order.Status.PAID, ISSUED, True)
    assert _verify_says_valid(certificate)
    enrollment = Enrollment.objects.get(pk=certificate.enrollment_id)
    assert enrollment.is_active and enrollment.status_reason == refunds.DISPUTE_WON_REASON
    assert [e.action for e in certificate.events.order_by("pk")][-2:] == ["revoked", "reinstated"]


def test_a_lost_dispute_revokes_the_enrolment_and_the_certificate_stays_revoked(
    bought, fake_stripe
):
    order, payment_intent, certificate = bought
    opened, closed = _dispute_closed(fake_stripe, payment_intent, "lost")
    _deliver(opened)

    assert _deliver(closed).status_code == 200

    assert _state(order, certificate, closed) == (Order.Status.DISPUTED, REVOKED, True)
    assert not _verify_says_valid(certificate)
    enrollment = Enrollment.objects.get(pk=certificate.enrollment_id)
    assert enrollment.status == Enrollment.Status.REVOKED
    assert enrollment.status_reason == refunds.DISPUTE_LOST_REASON


def test_a_won_dispute_leaves_a_certificate_revoked_for_another_reason_revoked(bought, fake_stripe):
    _order, payment_intent, certificate = bought
    certificate_revoke(certificate=certificate, reason="Plagiarised case study", actor=None)
    opened, closed = _dispute_closed(fake_stripe, payment_intent, "won")
    _deliver(opened)
    _deliver(closed)

    certificate.refresh_from_db()
    assert (certificate.status, certificate.revoked_reason) == (
        REVOKED,
        "Plagiarised case study",
    )
    assert Enrollment.objects.get(pk=certificate.enrollment_id).is_active


def test_a_won_dispute_after_a_refund_changes_nothing(bought, fake_stripe):
    order, payment_intent, certificate = bought
    refund = fake_stripe.charge(payment_intent, amount=PRICE_MINOR, refunded=PRICE_MINOR)
    _deliver(event("charge.refunded", refund))
    opened, closed = _dispute_closed(fake_stripe, payment_intent, "won")
    _deliver(opened)
    _deliver(closed)

    assert _state(order, certificate, closed) == (Order.Status.REFUNDED, REVOKED, True)
    assert Enrollment.objects.get(pk=certificate.enrollment_id).status == "revoked"


def test_a_dispute_closed_in_an_unknown_state_is_recorded_and_changes_nothing(bought, fake_stripe):
    order, payment_intent, certificate = bought
    opened, closed = _dispute_closed(fake_stripe, payment_intent, "under_review")
    _deliver(opened)

    assert _deliver(closed).status_code == 200

    assert _state(order, certificate, closed) == (Order.Status.DISPUTED, REVOKED, True)
    assert StripeEvent.objects.get(event_id=closed["id"]).error == (
        webhooks.DISPUTE_OUTCOME_UNKNOWN.format(status="under_review")
    )


@pytest.mark.skipif(not SHARED_DATABASE, reason=NEEDS_SHARED_DATABASE)
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize(
    "point", FAULT_POINTS, ids=[name.replace(" ", "-") for name, _, _ in FAULT_POINTS]
)
def test_a_worker_killed_at_any_step_then_stripes_retry(kind, point, bought, fake_stripe):
    """The same steps, with the process that handles the delivery killed by os._exit there."""
    order, payment_intent, certificate = bought
    steps = KINDS[kind]
    data = _payment_event(kind, fake_stripe, payment_intent)
    _name, target, special = point

    killed = manage(
        "shell",
        "-c",
        "from tests.commerce.crash_delivery import main; main()",
        FAULT_TARGET=target.format(**vars(steps)),
        FAULT_SPECIAL=special or "",
        FAULT_EVENT=json.dumps(data),
    )

    assert killed.returncode == crash_delivery.DIED, killed.stderr
    done, undone = (*steps.after, True), (*steps.before, False)
    assert _state(order, certificate, data) in (done, undone)
    assert _deliver(data).status_code == 200  # Stripe's retry
    assert _state(order, certificate, data) == done
    assert _verify_says_valid(certificate) == (steps.after[1] == ISSUED)
