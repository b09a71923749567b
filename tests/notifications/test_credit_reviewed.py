"""The learner is told, by the task worker after commit, what a reviewer decided about their
credit from elsewhere; the message says what was decided even if the credit changed since."""

import pytest
from django.core import mail

from notifications.models import Kind, Notification
from records.external_credit.services import external_credit_review, external_credit_update
from tests.factories import UserFactory
from tests.records.external_credit_helpers import add_credit

pytestmark = pytest.mark.django_db


def test_rejection_is_e_mailed_with_its_reason(django_capture_on_commit_callbacks):
    learner = UserFactory(email="maria@example.com", display_name="Maria")
    credit = add_credit(learner=learner, body_name="Ontario College", title="Cupping basics")
    with django_capture_on_commit_callbacks(execute=True):
        external_credit_review(
            credit=credit, reviewer=UserFactory(is_staff=True), accept=False, reason="Unreadable"
        )
        assert not mail.outbox  # nothing leaves inside the reviewer's request
    (message,) = mail.outbox
    assert message.to == ["maria@example.com"]
    assert message.subject == "Your credit from elsewhere was not accepted: Cupping basics"
    assert "Reason: Unreadable" in message.body
    html = message.alternatives[0][0]
    assert "Reason: Unreadable" in html and "/transcript/elsewhere/" in html
    assert "List-Unsubscribe" not in message.extra_headers  # a decision, not a reminder


def test_acceptance_is_e_mailed_once_per_decision(django_capture_on_commit_callbacks):
    learner = UserFactory()
    staff = UserFactory(is_staff=True)
    credit = add_credit(learner=learner, body_name="Ontario College", title="Cupping basics")
    with django_capture_on_commit_callbacks(execute=True):
        external_credit_review(credit=credit, reviewer=staff, accept=True)
        external_credit_review(credit=credit, reviewer=staff, accept=True)  # a double click
    assert [m.subject for m in mail.outbox] == [
        "Your credit from elsewhere was accepted: Cupping basics"
    ]
    # Edited and accepted again: a new decision, a new message.
    with django_capture_on_commit_callbacks(execute=True):
        credit = external_credit_update(
            credit=credit,
            provider_name=credit.provider_name,
            course_title=credit.course_title,
            body_name="Ontario College",
            hours=credit.hours,
            completed_on=credit.completed_on,
        )
        external_credit_review(credit=credit, reviewer=staff, accept=True)
    assert len(mail.outbox) == 2
    assert Notification.objects.filter(kind=Kind.CREDIT_REVIEWED).count() == 2
