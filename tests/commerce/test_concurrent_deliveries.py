"""Concurrent deliveries of one event. SQLite serializes writers; PostgreSQL (CI) races for real."""

import contextlib
import json
import threading

import pytest
from django.db import connection, connections

from commerce import services
from commerce.models import Order, StripeEvent
from courses.models import Enrollment
from tests.commerce.checkout_helpers import accepted
from tests.commerce.fake_stripe import event, sign

THREADS = 8


@pytest.mark.django_db(transaction=True)
def test_concurrent_and_repeated_deliveries_give_one_paid_order_and_one_enrolment(
    fake_stripe, paid_course, user
):
    order = services.order_checkout_start(
        user=user,
        course=paid_course,
        success_url="https://x.test/",
        cancel_url="https://x.test/",
        accepted_policies=accepted(paid_course),
    )
    completed = event("checkout.session.completed", fake_stripe.complete(order.checkout_session_id))
    payload = json.dumps(completed)
    barrier = threading.Barrier(THREADS)
    # In-memory SQLite shares one cache between threads and fails fast on table locks instead of
    # waiting: take turns there. PostgreSQL gets the real race.
    turns = threading.Lock() if connection.vendor == "sqlite" else contextlib.nullcontext()
    outcomes, errors = [], []

    def deliver():
        try:
            barrier.wait()
            for _ in range(3):
                with turns:
                    services.webhook_event_process(payload=payload, sig_header=sign(payload))
            outcomes.append("ok")
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for _ in range(100 - THREADS * 3):
        services.webhook_event_process(payload=payload, sig_header=sign(payload))

    assert errors == [], f"{connection.vendor}: {errors!r}"
    assert len(outcomes) == THREADS
    assert StripeEvent.objects.count() == 1
    assert Order.objects.filter(status=Order.Status.PAID).count() == 1
    assert Enrollment.objects.filter(student=user, course=paid_course).count() == 1
    assert Enrollment.objects.get().is_active


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(3))
def test_refund_racing_the_completion_always_ends_refunded(fake_stripe, paid_course, user, round_):
    order = services.order_checkout_start(
        user=user,
        course=paid_course,
        success_url="https://x.test/",
        cancel_url="https://x.test/",
        accepted_policies=accepted(paid_course),
    )
    session = fake_stripe.complete(order.checkout_session_id)
    charge = fake_stripe.charge(session["payment_intent"], amount=14900, refunded=14900)
    payloads = [
        json.dumps(event("charge.refunded", charge)),
        json.dumps(event("checkout.session.completed", session)),
    ]
    barrier = threading.Barrier(2)
    turns = threading.Lock() if connection.vendor == "sqlite" else contextlib.nullcontext()
    failures, unanswered = [], []

    def deliver(payload):
        barrier.wait()
        for _ in range(20):  # as Stripe would: retry after a 500
            try:
                with turns:
                    services.webhook_event_process(payload=payload, sig_header=sign(payload))
                break
            except services.WebhookFailed as exc:
                failures.append(exc)
        else:  # a busy machine: the other delivery has not committed yet
            unanswered.append(payload)
        connections.close_all()

    threads = [threading.Thread(target=deliver, args=(p,)) for p in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Stripe keeps retrying a 500 for days: its later delivery finds the other event handled.
    for payload in unanswered:
        services.webhook_event_process(payload=payload, sig_header=sign(payload))

    order.refresh_from_db()
    assert order.status == Order.Status.REFUNDED
    assert not Enrollment.objects.filter(status=Enrollment.Status.ACTIVE).exists()
    assert not StripeEvent.objects.filter(processed_at__isnull=True).exists()
