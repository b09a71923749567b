"""A member of staff opens the admin, is sent to the site's one login (allauth's), signs in and
lands in the Wagtail admin; the address of an unverified account gets no further than being
asked to verify it."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.e2e.conftest import ensure_wagtail_roots

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "e2e-staff-login-5150"
SIGN_IN = re.compile(r"sign in|log in", re.IGNORECASE)


def account(email: str, *, verified: bool, **fields):
    user = get_user_model().objects.create_user(email, PASSWORD, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def sign_in(page, email: str) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=SIGN_IN).click()


def test_staff_sign_in_through_the_site_login_and_reach_the_admin(page, live_server):
    ensure_wagtail_roots()
    account("editor@example.com", verified=True, is_staff=True, is_superuser=True)

    page.goto(live_server.url + "/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/admin/$"))
    sign_in(page, "editor@example.com")

    expect(page).to_have_url(live_server.url + "/admin/")
    expect(page.get_by_role("navigation", name="Main menu")).to_be_visible()
    expect(page.get_by_role("heading", name="editor@example.com", level=2)).to_be_visible()


def test_an_unverified_account_is_asked_to_verify_and_stays_out_of_the_admin(page, live_server):
    ensure_wagtail_roots()
    account("new.editor@example.com", verified=False, is_staff=True, is_superuser=True)

    page.goto(live_server.url + "/admin/login/")
    sign_in(page, "new.editor@example.com")
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))

    page.goto(live_server.url + "/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/admin/$"))
