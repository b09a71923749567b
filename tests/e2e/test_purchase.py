"""A new student buys the paid demo course through the local gateway and opens a paid lesson."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from commerce.models import Order
from courses.models import Enrollment
from demo.courses import nmt_course
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COURSE = nmt_course.COURSE  # the paid main course (the demo student already owns it)
LESSONS = [(module, lesson) for module in COURSE["modules"] for lesson in module["lessons"]]
PAID = next(n for n, (_, lesson) in enumerate(LESSONS) if not lesson["free_preview"])


def lesson_path(n: int) -> str:
    module, lesson = LESSONS[n]
    return f"/courses/northfield/{COURSE['slug']}/{module['slug']}/{lesson['slug']}/"


def first_heading(n: int) -> str:
    return next(value["text"] for kind, value in LESSONS[n][1]["body"] if kind == "heading")


@pytest.fixture
def local_gateway(settings):
    settings.PAYMENT_GATEWAY = "local"
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""


def test_student_buys_the_course_and_opens_a_paid_lesson(
    page, live_server, demo_site, local_gateway
):
    student = UserFactory()
    course_url = f"{live_server.url}/courses/northfield/{COURSE['slug']}/"

    page.goto(f"{live_server.url}/accounts/login/?next=/courses/northfield/{COURSE['slug']}/")
    page.get_by_label("Email").fill(student.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile(r"sign in|log in", re.IGNORECASE)).click()
    expect(page).to_have_url(course_url)

    # The school's policies are shown with the button, and must be accepted to buy.
    page.get_by_text("registration, cancellation and refund policies", exact=False).first.click()
    expect(page.get_by_role("heading", name="Refund policy")).to_be_visible()
    page.get_by_label(re.compile(r"I have read and accept")).check()
    page.get_by_role("button", name=re.compile(r"^Enrol — \$149\.00")).click()

    expect(page).to_have_url(re.compile(r"/payments/test-checkout/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Test checkout — no real payment")
    page.get_by_role("button", name=re.compile(r"^Pay \$149\.00")).click()

    expect(page).to_have_url(re.compile(r"/payments/success/\?order=\d+$"))
    lesson_link = page.get_by_role("link", name="Start the first lesson")
    expect(lesson_link).to_be_visible(timeout=15_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("You are enrolled")

    response = page.goto(live_server.url + lesson_path(PAID))
    assert response.status == 200
    expect(page.locator(".lesson .prose")).to_contain_text(first_heading(PAID))
    expect(page.get_by_text("This lesson is for enrolled students")).to_have_count(0)

    order = Order.objects.get(student=student)
    assert order.status == Order.Status.PAID
    assert order.checkout_session_id.startswith("cs_test_local_")
    enrollment = Enrollment.objects.get(student=student)
    assert (enrollment.status, enrollment.source) == ("active", "paid")
    # The task worker (in-process here) mailed the receipt, then the enrolment confirmation.
    sent = [m.subject for m in mail.outbox if m.to == [student.email]]
    assert sent == [
        f"Receipt for your order #{order.pk}: {COURSE['title']}",
        f"You are enrolled: {COURSE['title']}",
    ]
