"""A school admin connects the school to CE Broker (the local fake) and reports now: the page
shows the receipts, the record CE Broker rejected with its message, and the learner still
without a licence number. Every page passes axe-core (serious and critical)."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from records.models import CompletionReport
from records.tracking.fake_cebroker import NOT_IN_DATABASE, FakeCEBrokerServer
from schools.models import SchoolMembership
from tests.factories import SchoolFactory
from tests.records.tracking_helpers import bulk_completions, florida_course
from tests.records.transcript_helpers import florida_board

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EMAIL, PASSWORD = "registrar@example.com", "e2e-cebroker-5521"
SERIOUS = {"serious", "critical"}


@pytest.fixture
def fake_cebroker():
    with FakeCEBrokerServer() as server:
        yield server


def axe_problems(page, axe_js, name) -> list[str]:
    page.add_script_tag(path=str(axe_js))
    violations = page.evaluate("async () => (await axe.run()).violations")
    return [f"{name}: [{v['impact']}] {v['id']}" for v in violations if v["impact"] in SERIOUS]


def test_a_school_admin_connects_ce_broker_and_reports_now(
    page, live_server, catalog, axe_js, fake_cebroker
):
    school = SchoolFactory(slug="gulf", name="Gulf School")
    body = florida_board()
    course = florida_course(catalog=catalog, school=school, body=body)
    bulk_completions(course=course, count=3, licence=lambda i: ["MA100001", "MA100002", ""][i])
    fake_cebroker.fake.unknown_licences.add("MA100002")
    admin = get_user_model().objects.create_user(EMAIL, PASSWORD, legal_name="Rae Registrar")
    EmailAddress.objects.create(user=admin, email=EMAIL, verified=True, primary=True)
    SchoolMembership.objects.create(school=school, user=admin, role=SchoolMembership.Role.ADMIN)

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile(r"sign in|log in", re.IGNORECASE)).click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    page.goto(live_server.url + "/schools/gulf/reporting/")
    page.get_by_role("link", name="Set up the CE Broker account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("CE Broker account: Gulf School")
    problems = axe_problems(page, axe_js, "account")
    page.get_by_label("Provider tracking number").fill("50-1234")
    page.get_by_label("Username").fill("gulf-school")
    page.get_by_label("Password or key").fill("a long secret")
    page.get_by_label("Web-service address").fill(fake_cebroker.url)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The CE Broker account was saved.")).to_be_visible()

    page.get_by_role("button", name="Report now").click()
    expect(page.get_by_text("Reporting to CE Broker has started")).to_be_visible()
    expect(page.get_by_role("heading", name="Rejected by CE Broker (1)")).to_be_visible()
    expect(page.get_by_text(NOT_IN_DATABASE)).to_be_visible()
    expect(page.get_by_role("heading", name="Waiting for a licence number (1)")).to_be_visible()
    expect(page.get_by_role("cell", name=re.compile(r"^RCPT-")).first).to_be_visible()
    problems += axe_problems(page, axe_js, "reporting")
    assert not problems, "axe-core found serious or critical violations:\n" + "\n".join(problems)
    assert CompletionReport.objects.count() == 1
