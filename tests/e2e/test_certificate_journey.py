"""A learner who has finished the demo course claims, downloads and verifies the certificate.

The course is finished through the same services a learner's clicks call (lesson visits,
graded attempts); the browser then does what only a learner does: evaluate the course, confirm
the details the certificate prints, download it, and open its public verification page.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect
from pypdf import PdfReader

from certificates.models import Certificate
from courses.models import CoursePage, Enrollment
from demo.courses import nmt_course
from demo.quizzes.progress import demo_course_complete

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EMAIL, PASSWORD = "graduate@example.com", "e2e-certificate-7731"
SERIOUS = {"serious", "critical"}


def finished_learner():
    user = get_user_model().objects.create_user(EMAIL, PASSWORD, legal_name="Robin  Fairweather")
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    course = CoursePage.objects.get(slug=nmt_course.COURSE["slug"])
    enrollment = Enrollment.objects.create(
        student=user, course=course, source=Enrollment.Source.GRANTED
    )
    demo_course_complete(enrollment=enrollment)
    return user, course


def axe_problems(page, axe_js, name) -> list[str]:
    page.add_script_tag(path=str(axe_js))
    violations = page.evaluate("async () => (await axe.run()).violations")
    return [f"{name}: [{v['impact']}] {v['id']}" for v in violations if v["impact"] in SERIOUS]


def test_learner_claims_downloads_and_verifies_the_certificate(
    page, live_server, demo_site, axe_js, tmp_path
):
    user, course = finished_learner()
    assert Certificate.objects.get(student=user).status == Certificate.Status.PENDING

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile(r"sign in|log in", re.IGNORECASE)).click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    page.goto(live_server.url + "/my-courses/")
    page.get_by_role("link", name=f"Your certificate for {course.title}").click()
    expect(page.get_by_role("heading", level=2)).to_have_text("Course evaluation")
    problems = axe_problems(page, axe_js, "evaluation")

    page.get_by_role("button", name="Send the evaluation").click()  # nothing rated yet
    expect(page.get_by_role("alert").first).to_contain_text("Choose a rating")
    for fieldset in page.locator("fieldset.rating").all():
        fieldset.get_by_label("5: strongly agree").check()
    page.get_by_label("Comments (optional)").fill("Clear lessons; the hotspot question was fun.")
    page.get_by_role("button", name="Send the evaluation").click()

    expect(page.get_by_role("heading", level=2)).to_have_text(
        "Confirm the details on your certificate"
    )
    problems += axe_problems(page, axe_js, "confirm details")
    page.get_by_role("button", name="Issue my certificate").click()  # no licence number yet
    expect(page.get_by_role("alert").first).to_be_visible()
    page.get_by_label(re.compile("^Licence or registration number")).fill("MA99817")
    board = page.get_by_label(re.compile("^Licensing board or state"))
    board.fill("Florida Board of Massage Therapy")
    page.get_by_label("These details are correct and match my licence.").check()
    page.get_by_role("button", name="Issue my certificate").click()
    expect(page.get_by_role("button", name="Issue my certificate")).to_have_count(0)

    certificate = Certificate.objects.get(student=user)
    assert certificate.status == Certificate.Status.ISSUED
    # Completing the course mailed "your certificate is waiting", issuing it the certificate.
    sent = [m for m in mail.outbox if m.to == [EMAIL]]
    assert [m.subject for m in sent] == [
        "Your certificate is waiting: confirm your licence details",
        f"Your certificate {certificate.number}: {course.title}",
    ]
    assert f"/certificates/verify/{certificate.verify_code}/" in sent[1].body
    download_link = page.get_by_role("link", name="Download the certificate (PDF)")
    expect(download_link).to_be_visible(timeout=30_000)  # "being prepared" refreshes itself
    problems += axe_problems(page, axe_js, "certificate")
    with page.expect_download() as download_info:
        download_link.click()
    pdf_path = tmp_path / "certificate.pdf"
    download_info.value.save_as(pdf_path)
    text = "".join(p.extract_text() for p in PdfReader(pdf_path).pages)
    assert "Robin Fairweather" in text and "MA99817" in text
    assert certificate.number in text and "CE hours" in text and "CEU" not in text

    page.get_by_role("link", name="its verification page").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Valid")
    expect(page.get_by_role("heading", level=1)).to_contain_text(certificate.number)
    expect(page.locator(".certificate-summary")).to_contain_text("Robin Fairweather")
    problems += axe_problems(page, axe_js, "verify")
    assert not problems, "axe-core found serious or critical violations:\n" + "\n".join(problems)
