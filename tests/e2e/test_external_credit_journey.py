"""A practitioner adds CE hours earned with another provider, with the certificate's PDF: the
credit shows as self-reported and outside the totals; a staff reviewer opens it from the queue
and accepts it; the learner's transcript then counts it, labelled as accepted from elsewhere.
Every page passes axe-core (serious and critical) and the 320 px reflow check."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from records.external_credit.models import ExternalCredit
from tests.e2e.accessibility import sweep
from tests.records.external_credit_helpers import PDF_BYTES
from tests.records.transcript_helpers import florida_board

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "e2e-external-credit-7731"
LOG_IN = re.compile(r"sign in|log in", re.I)


def make_user(email: str, **fields):
    user = get_user_model().objects.create_user(email, PASSWORD, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def log_in(page, base: str, email: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=LOG_IN).click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_learner_adds_credit_elsewhere_and_staff_accepts_it(
    page, browser, live_server, catalog, axe_js
):
    florida_board()
    make_user("maria@example.com", legal_name="Maria Lopez", licensing_board="FL-BMT")
    make_user("reviewer@example.com", is_staff=True)
    base = live_server.url

    log_in(page, base, "maria@example.com")
    page.goto(base + "/transcript/")
    expect(page.get_by_text("0 of 24 CE hours")).to_be_visible()
    problems = sweep(page, axe_js, "transcript")
    page.get_by_role("link", name="Add credit earned elsewhere").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add credit earned elsewhere")
    problems += sweep(page, axe_js, "add credit")

    page.get_by_role("button", name="Add credit").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator("[data-error-summary]")).to_be_focused()
    problems += sweep(page, axe_js, "add credit, invalid")

    page.get_by_label("Course title").fill("Ethics in bodywork")
    page.get_by_label("Provider").fill("Gulf Coast Institute")
    page.get_by_label(re.compile(r"^Accrediting body:?$")).select_option(
        label="FL-BMT: Florida Board of Massage Therapy"
    )
    page.get_by_label("CE hours").fill("3")
    page.get_by_label("Professional ethics").check()
    page.get_by_label("Completion date").fill("2026-03-01")
    page.get_by_label(re.compile(r"^Certificate")).set_input_files(
        {"name": "ethics.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.get_by_role("button", name="Add credit").click()
    expect(page.get_by_text("Added. It shows as self-reported")).to_be_visible()
    row = page.locator("tr", has_text="Ethics in bodywork")
    expect(row.get_by_text("Self-reported, awaiting review")).to_be_visible()
    problems += sweep(page, axe_js, "credit elsewhere")

    page.goto(base + "/transcript/")
    expect(page.get_by_text("0 of 24 CE hours")).to_be_visible()
    expect(page.get_by_text("Self-reported, awaiting review: 3 CE hours")).to_be_visible()

    staff_context = browser.new_context(bypass_csp=True)
    staff_page = staff_context.new_page()
    log_in(staff_page, base, "reviewer@example.com")
    staff_page.goto(base + "/credit-reviews/")
    problems += sweep(staff_page, axe_js, "review queue")
    staff_page.get_by_role("link", name="Ethics in bodywork").click()
    expect(staff_page.get_by_role("link", name="Download ethics.pdf")).to_be_visible()
    problems += sweep(staff_page, axe_js, "review")
    staff_page.get_by_role("radio", name=re.compile(r"^Accept: it counts")).check()
    staff_page.get_by_role("button", name="Record the decision").click()
    expect(staff_page.get_by_text("“Ethics in bodywork” accepted.")).to_be_visible()
    staff_context.close()

    page.goto(base + "/transcript/")
    expect(page.get_by_text("3 of 24 CE hours")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Accepted from elsewhere: 3 CE hours"))).to_be_visible()
    problems += sweep(page, axe_js, "transcript with credit elsewhere")
    assert not problems, "Accessibility problems:\n" + "\n".join(problems)
    assert ExternalCredit.objects.get().status == ExternalCredit.Status.ACCEPTED
