"""A member of staff, required to have a second factor, sets one up in Chromium and logs in with it.

The whole run keeps the Content-Security-Policy (no bypass): allauth's passkey JavaScript must
run from our static files with no inline script. The authenticator app's code is computed from
the secret shown on the page; the passkey lives in Chromium's virtual authenticator (DevTools
protocol, WebAuthn domain).
"""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.accounts.test_two_factor import totp_code
from tests.e2e.conftest import ensure_wagtail_roots

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "e2e-two-factor-8812"
EMAIL = "admin.2fa@example.com"
LOG_IN = re.compile(r"^log in$", re.I)
VIOLATION = "Content Security Policy"


def log_in_with_password(page, base_url: str, next_path: str = "/admin/") -> None:
    page.goto(f"{base_url}/accounts/login/?next={next_path}")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=LOG_IN).click()


def log_out(page) -> None:
    page.goto(page.url.split("/admin")[0].split("/accounts")[0] + "/accounts/profile/")
    page.get_by_role("button", name="Log out").first.click()


@pytest.fixture
def watched(browser):
    """A context that keeps the CSP, and what its pages report as refused or failing."""
    context = browser.new_context(bypass_csp=False)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: VIOLATION in m.text and problems.append(m.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    yield context, page, problems
    context.close()


def test_staff_set_up_an_app_and_a_passkey_then_log_in_with_each(live_server, settings, watched):
    settings.MFA_REQUIRED_FOR_STAFF = True
    ensure_wagtail_roots()
    user = get_user_model().objects.create_user(EMAIL, PASSWORD, is_staff=True, is_superuser=True)
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    context, page, problems = watched
    base = live_server.url

    # The password alone leads to the two-factor page, not the admin.
    log_in_with_password(page, base)
    expect(page).to_have_url(f"{base}/accounts/2fa/")
    expect(page.get_by_text("needs a second factor")).to_be_visible()

    # Authenticator app: confirm the password, read the secret, type the app's code.
    page.get_by_role("link", name="Activate").click()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Set up an authenticator app")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_role("heading", name="Recovery codes")).to_be_visible()
    recovery_code = page.get_by_label("Unused codes").input_value().split()[0]

    page.goto(f"{base}/admin/")
    expect(page.get_by_role("navigation", name="Main menu")).to_be_visible()

    # A passkey, made by Chromium's virtual authenticator.
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    page.goto(f"{base}/accounts/2fa/webauthn/add/")
    page.get_by_label("Name").fill("Laptop")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_text("You have added 1 security key")).to_be_visible()
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.WEBAUTHN).exists()

    # Log in again: the passkey answers the second step.
    log_out(page)
    log_in_with_password(page, base)
    expect(page).to_have_url(f"{base}/accounts/2fa/authenticate/")
    page.get_by_role("button", name="Use a passkey or security key").click()
    expect(page).to_have_url(f"{base}/admin/")
    expect(page.get_by_role("navigation", name="Main menu")).to_be_visible()

    # And once more with a recovery code typed in the code field.
    log_out(page)
    log_in_with_password(page, base)
    page.get_by_label("Code").fill(recovery_code)
    page.get_by_role("button", name=LOG_IN).click()
    expect(page).to_have_url(f"{base}/admin/")

    assert problems == [], "CSP refusals or script errors:\n" + "\n".join(problems)
