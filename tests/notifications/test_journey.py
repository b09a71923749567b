"""The bar of issue 17: from sign-up on a course page to a verified certificate, every e-mail
the learner should get is in the outbox, in order, each sent by the task worker after commit."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from certificates import services as certificates
from certificates.models import Certificate
from courses.models import Enrollment, LessonPage
from notifications.models import Notification
from tests.certificates.issue_helpers import CE_DETAILS, GOOD_RATINGS
from tests.commerce.checkout_helpers import accept_form
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

EMAIL = "new.practitioner@example.com"
CONFIRM_LINK = re.compile(r"http://testserver(/accounts/confirm-email/\S+/)")
SITE_LINK = re.compile(r"http://127\.0\.0\.1:8000(/\S+?)(?=[\s>)\"<])")


def site_paths(text: str) -> list[str]:
    return SITE_LINK.findall(text)


def test_the_whole_journey_sends_each_email_in_order(
    client, local_gateway, paid_course, school_admin, django_capture_on_commit_callbacks
):
    course_url = paid_course.url
    # Sign up from the course page, confirm the address.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"{reverse('account_signup')}?next={course_url}",
            {"email": EMAIL, "password1": PASSWORD, "password2": PASSWORD, "next": course_url},
        )
    confirm_path = CONFIRM_LINK.search(mail.outbox[0].body).group(1)
    client.post(confirm_path)

    # Buy the course through the gateway's checkout and its (local) webhook.
    with django_capture_on_commit_callbacks(execute=True):
        checkout = client.post(f"/courses/{paid_course.slug}/enrol/", accept_form(paid_course))
        assert checkout.status_code == 303
        paid = client.post(checkout["Location"])
        assert paid.status_code == 302
    assert len(mail.outbox) == 3, [m.subject for m in mail.outbox]

    # Read every lesson: the course is complete, its certificate waits for the details.
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in LessonPage.objects.live().descendant_of(paid_course).order_by("path"):
            assert client.get(lesson.url).status_code == 200
    enrollment = Enrollment.objects.get(student__email=EMAIL)
    assert enrollment.completed_at is not None
    certificate = Certificate.objects.get(enrollment=enrollment)

    # Evaluate and confirm: the certificate is issued.
    with django_capture_on_commit_callbacks(execute=True):
        certificates.course_evaluation_submit(enrollment=enrollment, ratings=GOOD_RATINGS)
        certificates.certificate_issue(
            certificate=certificate, confirmed_by=enrollment.student, ce_details=dict(CE_DETAILS)
        )
    certificate.refresh_from_db()

    subjects = [message.subject for message in mail.outbox]
    assert subjects[1:] == [
        f"Receipt for your order #{enrollment.student.orders.get().pk}: Neck pain",
        "You are enrolled: Neck pain",
        "Your certificate is waiting: confirm your licence details",
        f"Your certificate {certificate.number}: Neck pain",
    ]
    assert all(message.to == [EMAIL] for message in mail.outbox)
    assert Notification.objects.filter(status=Notification.Status.SENT).count() == 4

    receipt, enrolment, waiting, issued = mail.outbox[1:]
    assert "Gulf Coast NMT Institute" in receipt.body and "$149.00" in receipt.body
    assert "Tax ID" not in receipt.body  # the school has none: nothing blank printed
    assert course_url in enrolment.body
    assert f"/certificates/course/{paid_course.pk}/" in waiting.body
    assert enrollment.student.orders.get().pk and "List-Unsubscribe" not in receipt.extra_headers

    # The issued e-mail's verify link proves the certificate; its PDF link downloads it.
    paths = site_paths(issued.body)
    verify = next(p for p in paths if p.startswith("/certificates/verify/"))
    download = next(p for p in paths if p.endswith("/download/"))
    page = client.get(verify)
    assert page.status_code == 200
    assert "Valid" in page.content.decode() and certificate.number in page.content.decode()
    pdf = client.get(download)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    html, mimetype = issued.alternatives[0]
    assert mimetype == "text/html" and verify in html and download in html


def test_a_free_course_sends_the_enrolment_confirmation_and_no_receipt(
    client, catalog, school, user, django_capture_on_commit_callbacks
):
    from tests.conftest import build_course

    course = build_course(catalog, modules=1, lessons_per_module=1, school=school)
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/courses/{course.slug}/enrol/")
    assert [m.subject for m in mail.outbox] == [f"You are enrolled: {course.title}"]
