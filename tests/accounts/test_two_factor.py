"""Two-factor authentication (allauth.mfa): asked for at login, the admins' included, and required
of staff and school admins when MFA_REQUIRED_FOR_STAFF says so."""

import base64
import hashlib
import hmac
import struct
import time
from html import unescape

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from schools.mfa_guard import PROTECTED_PREFIXES, SET_UP_SECOND_FACTOR
from schools.models import SchoolMembership
from tests.factories import PASSWORD, SchoolMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def totp_code(secret: str, *, at: float | None = None) -> str:
    """RFC 6238 (SHA-1, 30 s, 6 digits), computed here rather than by allauth's own routine."""
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def with_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def log_in(client, user, *, next_url: str = ""):
    url = reverse("account_login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"login": user.email, "password": PASSWORD})


def reauthenticate(client):
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_a_user_with_an_authenticator_app_is_asked_for_a_code_after_the_password(client, user):
    secret = with_totp(user)

    response = log_in(client, user)

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert not signed_in(client)
    page = client.get(reverse("mfa_authenticate")).content.decode()
    assert "Two-factor authentication" in page
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert signed_in(client)


def test_a_wrong_code_is_refused_and_marked_on_the_field(client, user):
    secret = with_totp(user)
    log_in(client, user)
    wrong = f"{(int(totp_code(secret)) + 1) % 1_000_000:06d}"

    response = client.post(reverse("mfa_authenticate"), {"code": wrong})

    html = response.content.decode()
    assert response.status_code == 200
    assert not signed_in(client)
    assert "<title>Error: Log in" in html
    assert 'aria-invalid="true"' in html and 'href="#id_code"' in html


def test_a_recovery_code_stands_in_for_the_app_once(client, user):
    with_totp(user)
    code = RecoveryCodes.activate(user).get_unused_codes()[0]

    log_in(client, user)
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert signed_in(client)

    client.post(reverse("account_logout"))
    log_in(client, user)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 200
    assert not signed_in(client)


def test_wrong_codes_are_rate_limited_per_user(client, user, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "100/m/ip,3/300s/key"}
    secret = with_totp(user)
    log_in(client, user)
    wrong = f"{(int(totp_code(secret)) + 1) % 1_000_000:06d}"
    for _ in range(3):
        client.post(reverse("mfa_authenticate"), {"code": wrong})

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})

    assert not signed_in(client)
    assert "Too many failed" in response.content.decode()


def test_the_admin_login_asks_for_the_second_factor_too(client):
    editor = UserFactory(is_staff=True, is_superuser=True)
    secret = with_totp(editor)

    response = client.get("/admin/login/?next=/admin/")
    assert response["Location"].startswith(reverse("account_login"))
    log_in(client, editor, next_url="/admin/")
    assert not signed_in(client)
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})

    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("path", ["/admin/", "/django-admin/"])
def test_staff_without_a_second_factor_are_sent_to_set_one_up(client, settings, path):
    settings.MFA_REQUIRED_FOR_STAFF = True
    editor = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(editor)

    response = client.get(path, follow=True)

    assert response.redirect_chain[0] == (reverse("mfa_index"), 302)
    html = unescape(response.content.decode())
    assert SET_UP_SECOND_FACTOR in html
    assert reverse("mfa_activate_totp") in html


def test_staff_with_a_second_factor_reach_the_admin(client, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    editor = UserFactory(is_staff=True, is_superuser=True)
    with_totp(editor)
    client.force_login(editor)

    assert client.get("/admin/").status_code == 200


def test_recovery_codes_alone_are_not_a_second_factor(client, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    editor = UserFactory(is_staff=True, is_superuser=True)
    RecoveryCodes.activate(editor)
    client.force_login(editor)

    assert client.get("/admin/")["Location"] == reverse("mfa_index")


def test_school_admins_are_held_to_it_on_school_pages_and_learners_are_not(client, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    membership = SchoolMembershipFactory(role=SchoolMembership.Role.ADMIN)
    learner = UserFactory()

    client.force_login(membership.user)
    school_page = f"/schools/{membership.school.slug}/"
    assert client.get(school_page)["Location"] == reverse("mfa_index")
    assert client.get("/dashboard/")["Location"] == reverse("mfa_index")
    assert client.get(reverse("accounts:profile")).status_code == 200

    client.force_login(learner)
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert client.get("/admin/").status_code == 403  # no admin access, but no MFA detour
    assert all(
        client.get(prefix).get("Location") != reverse("mfa_index") for prefix in PROTECTED_PREFIXES
    )


def test_instructors_are_not_asked_unless_they_are_admins(client, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    membership = SchoolMembershipFactory(role=SchoolMembership.Role.INSTRUCTOR)
    client.force_login(membership.user)

    assert client.get(f"/schools/{membership.school.slug}/").get("Location") != reverse("mfa_index")


def test_off_by_default_outside_production(client, settings):
    editor = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(editor)

    assert settings.MFA_REQUIRED_FOR_STAFF is False
    assert client.get("/admin/").status_code == 200


def test_the_guard_costs_one_query_for_staff(client, settings, django_assert_num_queries):
    settings.MFA_REQUIRED_FOR_STAFF = True
    editor = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(editor)
    client.get("/admin/")  # session and user warmed
    # The user (the session is cached) and the authenticator check; the redirect renders nothing.
    with django_assert_num_queries(2):
        client.get("/admin/")


def test_the_profile_offers_two_factor_and_its_pages_render_in_our_layout(client, user):
    log_in(client, user)
    reauthenticate(client)  # allauth asks for the password again before factors change

    profile = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("mfa_index") in profile
    for name in ("mfa_index", "mfa_activate_totp", "mfa_add_webauthn"):
        html = client.get(reverse(name)).content.decode()
        assert 'class="site-header"' in html
        assert "<script>" not in html and "onclick" not in html  # CSP: no inline script


def test_activating_the_app_from_its_page(client, user):
    log_in(client, user)
    reauthenticate(client)
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]

    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
