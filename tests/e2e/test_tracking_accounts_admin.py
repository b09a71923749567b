"""Staff open "Tracking accounts" in the Wagtail admin, see every school's CE Broker account
with whether a secret is stored (never the secret), and change one school's provider number.
The listing and the form pass axe-core (WCAG 2.1 A and AA, serious and critical)."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from records import crypto
from records.models import TrackingCredential
from tests.e2e.accessibility import axe_problems
from tests.e2e.conftest import ensure_wagtail_roots
from tests.factories import SchoolFactory
from tests.records.tracking_helpers import cebroker_credential

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EMAIL, PASSWORD = "ops@example.com", "e2e-tracking-admin-7731"


def test_staff_review_and_edit_every_schools_tracking_account(page, live_server, axe_js):
    ensure_wagtail_roots()
    account = cebroker_credential(school=SchoolFactory(name="Gulf School"), url="")
    cebroker_credential(
        school=SchoolFactory(name="Bay School"), url="", transport="roster_spreadsheet"
    )
    staff = get_user_model().objects.create_user(EMAIL, PASSWORD, is_staff=True, is_superuser=True)
    EmailAddress.objects.create(user=staff, email=EMAIL, verified=True, primary=True)

    page.goto(live_server.url + "/admin/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile(r"sign in|log in", re.IGNORECASE)).click()
    page.get_by_role("navigation", name="Main menu").get_by_role(
        "link", name="Tracking accounts"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Tracking"))
    expect(page.get_by_role("cell", name="Gulf School")).to_be_visible()
    expect(page.get_by_role("cell", name="Bay School")).to_be_visible()
    assert "s3cret-pass" not in page.content()
    problems = axe_problems(page, axe_js, "tracking accounts")

    page.get_by_role("link", name="Gulf School").click()
    expect(page.get_by_label("Password or key")).to_have_value("")
    problems += axe_problems(page, axe_js, "tracking account form")
    page.get_by_label("Provider tracking number").fill("50-7777")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("cell", name="50-7777")).to_be_visible()
    expect(page.get_by_role("cell", name="Set", exact=True)).to_have_count(2)

    assert not problems, "axe-core found serious or critical violations:\n" + "\n".join(problems)
    saved = TrackingCredential.objects.get(pk=account.pk)
    assert saved.provider_id == "50-7777"
    assert crypto.decrypt(saved.secret_encrypted) == "s3cret-pass"
