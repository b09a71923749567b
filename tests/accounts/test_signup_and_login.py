import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-new-and-longer-passphrase-42"
LINK = re.compile(r"http://testserver(/accounts/\S+/)")


def emailed_path(message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def is_logged_in(client) -> bool:
    return SESSION_KEY in client.session


def log_in(client, email: str, password: str):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def sign_up(client, email: str):
    return client.post(
        reverse("account_signup"), {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


def test_signup_sends_a_verification_email(client):
    response = sign_up(client, "new.learner@example.com")

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert get_user_model().objects.filter(email="new.learner@example.com").exists()
    assert [m.to for m in mail.outbox] == [["new.learner@example.com"]]
    assert "/accounts/confirm-email/" in mail.outbox[0].body
    assert not is_logged_in(client)


def test_login_is_refused_until_the_email_is_verified(client):
    sign_up(client, "new.learner@example.com")

    response = log_in(client, "new.learner@example.com", PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert not is_logged_in(client)


def test_emailed_link_verifies_the_address_and_logs_in(client):
    sign_up(client, "new.learner@example.com")
    confirm_path = emailed_path(mail.outbox[0])

    assert client.get(confirm_path).status_code == 200  # GET asks; only POST confirms
    response = client.post(confirm_path)

    assert response.status_code == 302
    address = EmailAddress.objects.get(email="new.learner@example.com")
    assert address.verified
    assert is_logged_in(client)
    assert client.session[SESSION_KEY] == str(address.user_id)


def test_emailed_link_opened_in_another_browser_verifies_without_logging_in(client):
    sign_up(client, "new.learner@example.com")
    other_browser = Client()

    response = other_browser.post(emailed_path(mail.outbox[0]))

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="new.learner@example.com").verified
    assert not is_logged_in(other_browser)


def test_verified_user_logs_in_and_out(client, user):
    response = log_in(client, user.email, PASSWORD)

    assert response.status_code == 302
    assert response.url == "/"
    assert client.session[SESSION_KEY] == str(user.pk)

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert not is_logged_in(client)


def test_logout_by_get_only_asks_for_confirmation(client, user):
    client.force_login(user)

    response = client.get(reverse("account_logout"))

    assert response.status_code == 200
    assert is_logged_in(client)


def test_wrong_password_is_refused_with_a_message(client, user):
    response = log_in(client, user.email, "not-the-password")

    assert response.status_code == 200
    assert not is_logged_in(client)
    assert "not correct" in response.content.decode()


def test_password_reset_link_sets_a_new_password(client, user):
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[user.email]]

    # The emailed key moves into the session and the browser is sent to a key-less URL.
    response = client.get(emailed_path(mail.outbox[0]))
    assert response.status_code == 302
    set_password_path = response.url
    assert client.get(set_password_path).status_code == 200
    response = client.post(
        set_password_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_from_key_done")

    client.logout()
    assert log_in(client, user.email, PASSWORD).status_code == 200  # old one refused
    assert log_in(client, user.email, NEW_PASSWORD).status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)


def test_duplicate_signup_hides_the_account_and_warns_its_owner(client, user):
    # allauth's enumeration prevention (on by default) with mandatory verification: the form
    # looks like a normal signup, no second account exists, and the owner is told by email.
    response = sign_up(client, user.email.upper())

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert get_user_model().objects.filter(email__iexact=user.email).count() == 1
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert "/accounts/confirm-email/" not in mail.outbox[0].body


def test_duplicate_signup_shows_a_form_error_without_enumeration_prevention(client, user, settings):
    settings.ACCOUNT_PREVENT_ENUMERATION = False

    response = sign_up(client, user.email)

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "A user is already registered with this email address."
    ]
    assert get_user_model().objects.filter(email__iexact=user.email).count() == 1
    assert mail.outbox == []


def test_repeated_failed_logins_for_one_email_are_rate_limited(client, user):
    # allauth's default "login_failed" limit is 10/m per IP and 5 per 5 minutes per email.
    for _ in range(5):
        assert log_in(client, user.email, "not-the-password").status_code == 200

    response = log_in(client, user.email, PASSWORD)  # even the right password is refused

    assert response.status_code == 200
    assert not is_logged_in(client)
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert log_in(client, UserFactory().email, PASSWORD).status_code == 302  # others unaffected


COURSE_PATH = "/courses/northfield/some-course/"


def sign_up_from(client, email: str, next_path: str):
    return client.post(
        f"{reverse('account_signup')}?next={next_path}",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD, "next": next_path},
    )


def test_signing_up_from_a_course_page_lands_back_on_it_after_confirming(client):
    sign_up_from(client, "new.learner@example.com", COURSE_PATH)
    link = emailed_path(mail.outbox[0]).rstrip("/") + "/"
    full = LINK_WITH_QUERY.search(mail.outbox[0].body).group(1)

    response = client.post(full)

    assert link in full and "next=" in full
    assert response.status_code == 302
    assert response.url == COURSE_PATH
    assert is_logged_in(client)


def test_the_link_opened_in_another_browser_leads_to_login_then_the_course(client):
    sign_up_from(client, "new.learner@example.com", COURSE_PATH)
    full = LINK_WITH_QUERY.search(mail.outbox[0].body).group(1)
    elsewhere = Client()

    page = elsewhere.get(full)
    assert 'name="next"' in page.content.decode()
    response = elsewhere.post(full, {"next": f"/accounts/login/?next={COURSE_PATH}"})

    assert response.url == f"/accounts/login/?next={COURSE_PATH}"
    assert not is_logged_in(elsewhere)
    logged_in = log_in_from(elsewhere, "new.learner@example.com", COURSE_PATH)
    assert logged_in.url == COURSE_PATH


def test_a_foreign_next_is_not_carried_into_the_link(client):
    sign_up_from(client, "new.learner@example.com", "https://evil.example/")

    assert "evil.example" not in mail.outbox[0].body


def log_in_from(client, email: str, next_path: str):
    return client.post(
        f"{reverse('account_login')}?next={next_path}",
        {"login": email, "password": PASSWORD, "next": next_path},
    )


LINK_WITH_QUERY = re.compile(r"http://testserver(/accounts/confirm-email/\S+)")
