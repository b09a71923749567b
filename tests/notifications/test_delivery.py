"""Delivery: once per key, by the worker, to one address, as the recipient chose; one-click
unsubscribe for optional mail only; the school's look; nothing of one school's learners
reaches another school."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from commerce.models import Order
from commerce.signals import order_disputed, order_refunded
from courses.models import Enrollment
from notifications import services
from notifications.branding import contrast_ratio, text_colour_on
from notifications.models import Kind, Notification, NotificationPreference
from notifications.reminders import reminders_queue
from tests.certificates.issue_helpers import member
from tests.factories import EnrollmentFactory, SchoolFactory, UserFactory

pytestmark = pytest.mark.django_db


def queue_inactivity(enrollment, *, key="inactivity:test"):
    return services.notification_queue(
        kind=Kind.INACTIVITY,
        key=key,
        recipient=enrollment.student,
        school=enrollment.course.school,
        data={"enrollment": enrollment.pk, "days": 14},
    )


@pytest.fixture
def enrollment(paid_course):
    return EnrollmentFactory(course=paid_course, student=UserFactory(email="learner@example.com"))


def test_a_key_queued_twice_is_sent_once(enrollment, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue_inactivity(enrollment)
        second = queue_inactivity(enrollment)
    assert first.pk == second.pk
    assert len(mail.outbox) == 1


def test_nothing_is_sent_before_the_transaction_commits(
    enrollment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue_inactivity(enrollment)
    assert mail.outbox == [] and len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_a_task_run_twice_sends_once(enrollment, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        notification = queue_inactivity(enrollment)
    services.notification_deliver(notification_id=notification.pk)
    services.notification_deliver(notification_id=notification.pk)
    notification.refresh_from_db()
    assert len(mail.outbox) == 1
    assert (notification.status, notification.attempts) == (Notification.Status.SENT, 1)


def test_optional_mail_carries_one_click_unsubscribe_and_transactional_does_not(
    enrollment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queue_inactivity(enrollment)
        services.notification_queue(
            kind=Kind.ENROLMENT,
            key="enrolment:test",
            recipient=enrollment.student,
            data={"enrollment": enrollment.pk},
        )
    reminder, confirmation = mail.outbox
    assert reminder.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = reminder.extra_headers["List-Unsubscribe"].strip("<>")
    assert url.startswith("http://127.0.0.1:8000/notifications/unsubscribe/")
    assert url in reminder.body
    assert "List-Unsubscribe" not in confirmation.extra_headers
    assert "always sent" in confirmation.body


def test_one_click_post_unsubscribes_without_a_session_or_csrf_token(
    enrollment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queue_inactivity(enrollment)
    path = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>").split("8000", 1)[1]
    provider = Client(enforce_csrf_checks=True)

    assert provider.get(path).status_code == 200  # a link scanner's GET changes nothing
    assert not NotificationPreference.objects.filter(course_reminders=False).exists()
    response = provider.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    preference = NotificationPreference.objects.get(user=enrollment.student)
    assert preference.course_reminders is False and preference.renewal_reminders is True

    with django_capture_on_commit_callbacks(execute=True):
        queue_inactivity(enrollment, key="inactivity:later")
    assert len(mail.outbox) == 1
    assert Notification.objects.get(key="inactivity:later").status == Notification.Status.SKIPPED


def test_a_forged_or_altered_unsubscribe_token_is_refused(client, enrollment):
    token = services.unsubscribe_token(user=enrollment.student, category="course_reminders")
    for bad in ("not-a-token", token[:-2] + "xx"):
        response = client.post(f"/notifications/unsubscribe/{bad}/")
        assert response.status_code == 400
        assert services.UNSUBSCRIBE_INVALID in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_transactional_mail_goes_even_when_everything_optional_is_off(
    enrollment, django_capture_on_commit_callbacks
):
    services.preference_update(
        user=enrollment.student,
        course_reminders=False,
        renewal_reminders=False,
        school_alerts=False,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.notification_queue(
            kind=Kind.ENROLMENT,
            key="enrolment:test",
            recipient=enrollment.student,
            data={"enrollment": enrollment.pk},
        )
    assert len(mail.outbox) == 1


def test_an_inactive_account_gets_nothing(enrollment, django_capture_on_commit_callbacks):
    enrollment.student.is_active = False
    enrollment.student.save()
    with django_capture_on_commit_callbacks(execute=True):
        notification = queue_inactivity(enrollment)
    notification.refresh_from_db()
    assert mail.outbox == [] and notification.status == Notification.Status.SKIPPED


def test_a_provider_error_is_kept_and_retried_by_the_daily_run(
    enrollment, django_capture_on_commit_callbacks, monkeypatch
):
    from django.core.mail import EmailMultiAlternatives

    real_send = EmailMultiAlternatives.send

    def down(self, fail_silently=False):
        raise ConnectionError("provider down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", down)
    with django_capture_on_commit_callbacks(execute=True):
        notification = queue_inactivity(enrollment)
    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED
    assert "provider down" in notification.error

    monkeypatch.setattr(EmailMultiAlternatives, "send", real_send)
    with django_capture_on_commit_callbacks(execute=True):
        reminders_queue(now=timezone.now() + timedelta(hours=1))
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert [m.subject for m in mail.outbox if "Pick up" in m.subject] != []


def test_a_message_left_sending_by_a_dead_worker_is_sent_by_the_daily_run(
    enrollment, django_capture_on_commit_callbacks
):
    # Queued (its task never runs: the test's transaction is not committed), then taken by a
    # worker that dies before it finishes: the row stays "sending".
    notification = queue_inactivity(enrollment)
    assert services._claim(notification.pk)

    with django_capture_on_commit_callbacks(execute=True):
        reminders_queue(now=timezone.now())  # too soon: it may still be on its way
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENDING and mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        reminders_queue(now=timezone.now() + timedelta(hours=1))
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 2
    assert len([m for m in mail.outbox if "Pick up" in m.subject]) == 1


def test_the_school_brands_its_mail_with_a_readable_colour(
    enrollment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queue_inactivity(enrollment)
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    assert '<html lang="en">' in html and "<title>" in html
    assert "background: #FFD400; color: #000000;" in html  # dark text on the school's yellow
    assert "Gulf Coast NMT Institute · CE provider since 2009" in message.body
    assert message.reply_to == ["ce@gulfcoast.example"]
    assert message.from_email == "Gulf Coast NMT Institute via NMT Academy <no-reply@localhost>"


@pytest.mark.parametrize("colour", ["#FFD400", "#1F4E79", "#777777", "#00FF00", "#FF0000"])
def test_text_on_any_school_colour_reaches_aa_contrast(colour):
    assert contrast_ratio(colour, text_colour_on(colour)) >= 4.5


def test_the_logo_is_an_image_with_the_schools_name_as_its_text(
    enrollment, school, django_capture_on_commit_callbacks
):
    import wagtail_factories

    school.logo = wagtail_factories.ImageFactory(file__width=400, file__height=100)
    school.save()
    with django_capture_on_commit_callbacks(execute=True):
        queue_inactivity(enrollment)
    html = mail.outbox[0].alternatives[0][0]
    assert 'alt="Gulf Coast NMT Institute"' in html
    assert 'src="http://127.0.0.1:8000/' in html


# --- Schools' alerts --------------------------------------------------------------------------


def paid_order(course, student):
    return Order.objects.create(
        student=student,
        course=course,
        amount=Decimal("149.00"),
        currency="usd",
        status=Order.Status.PAID,
        paid_at=timezone.now(),
        amount_paid=Decimal("149.00"),
    )


def test_refunds_and_disputes_alert_the_schools_admins_only(
    enrollment, school, school_admin, django_capture_on_commit_callbacks
):
    other_school = SchoolFactory(email="office@other.example")
    other_admin = member(other_school, role="admin", email="admin@other.example")
    instructor = member(school, role="instructor", email="teacher@gulfcoast.example")
    order = paid_order(enrollment.course, enrollment.student)

    with django_capture_on_commit_callbacks(execute=True):
        order_disputed.send(sender=Order, order=order)
        order_disputed.send(sender=Order, order=order)  # Stripe may deliver twice
        order.amount_refunded = Decimal("149.00")
        order_refunded.send(sender=Order, order=order, full=True)

    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["admin@gulfcoast.example"], f"Order #{order.pk} was disputed: Neck pain"),
        (["admin@gulfcoast.example"], f"Order #{order.pk} was refunded: Neck pain"),
    ]
    for message in mail.outbox:
        assert enrollment.student.email not in message.body
        assert enrollment.student.email not in message.alternatives[0][0]
    addresses = {a for m in mail.outbox for a in m.to + m.cc + m.bcc}
    assert other_admin.email not in addresses and instructor.email not in addresses


def test_a_school_without_admins_hears_at_its_own_address(
    catalog, django_capture_on_commit_callbacks
):
    from tests.conftest import build_course

    school = SchoolFactory(email="office@lonely.example")
    course = build_course(catalog, modules=1, lessons_per_module=1, school=school)
    order = paid_order(course, UserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        order_disputed.send(sender=Order, order=order)
    assert [m.to for m in mail.outbox] == [["office@lonely.example"]]


def test_a_seat_code_enrolment_is_confirmed(catalog, school, django_capture_on_commit_callbacks):
    from commerce.services.seats import seat_code_redeem, seat_pool_grant
    from tests.conftest import build_course

    course = build_course(catalog, modules=1, lessons_per_module=1, school=school)
    staff, learner = UserFactory(is_staff=True), UserFactory(email="seat@example.com")
    pool = seat_pool_grant(
        course=course, organisation="Clinic", manager=staff, seats=1, granted_by=staff
    )
    with django_capture_on_commit_callbacks(execute=True):
        seat_code_redeem(code=pool.codes.get().code, user=learner)
    assert Enrollment.objects.get(student=learner).source == Enrollment.Source.SEAT
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["seat@example.com"], f"You are enrolled: {course.title}")
    ]
