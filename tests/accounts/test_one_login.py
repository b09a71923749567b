"""One login for the whole site: allauth's, with its throttles and mandatory e-mail verification.

Wagtail's admin login, Wagtail's front-end login and Django's admin login check no password;
they send people to allauth's. The one authentication backend refuses an account without a
verified address on every path, the test client's `login()` and every signed-in request too.
"""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY, authenticate, get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.management import call_command
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from accounts.auth_backends import VerifiedEmailBackend
from accounts.views import NO_ADMIN_ACCESS
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
FORMER_LOGINS = ("/admin/login/", "/django-admin/login/", "/_util/login/")
WRONG = "not-the-password"


def is_logged_in(client) -> bool:
    return SESSION_KEY in client.session


def allauth_login(client, email: str, password: str):
    return client.post(LOGIN, {"login": email, "password": password})


@pytest.fixture
def password_checks():
    """Every password check anywhere, by the signals Django sends after each."""
    seen = []

    def failed(sender, credentials, **kwargs):
        seen.append(("failed", credentials.get("username") or credentials.get("email")))

    def logged_in(sender, user, **kwargs):
        seen.append(("logged in", user.email))

    user_login_failed.connect(failed)
    user_logged_in.connect(logged_in)
    yield seen
    user_login_failed.disconnect(failed)
    user_logged_in.disconnect(logged_in)


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def unverified(db):
    """Signed up, never followed the confirmation link."""
    user = UserFactory(verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    return user


# --- The former admin logins check no password ------------------------------------------------


@pytest.mark.parametrize("path", FORMER_LOGINS)
def test_former_admin_logins_take_20_wrong_passwords_without_checking_one(
    client, staff, password_checks, path
):
    for _ in range(20):
        response = client.post(path, {"username": staff.email, "password": WRONG})
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
        assert not is_logged_in(client)
    response = client.post(path, {"username": staff.email, "password": PASSWORD})
    assert response["Location"].startswith(LOGIN)
    assert not is_logged_in(client)
    assert password_checks == []


def test_after_them_allauths_throttle_still_counts_and_answers_429(client, staff):
    for path in FORMER_LOGINS:
        for _ in range(20):
            client.post(path, {"username": staff.email, "password": WRONG})
    statuses = [
        allauth_login(client, f"guess{n}@example.com", WRONG).status_code for n in range(30)
    ]
    # allauth: 10 failures a minute per address, then the form refuses; 30 posts a minute.
    assert statuses == [200] * 30
    text = allauth_login(client, staff.email, PASSWORD)
    assert text.status_code == 429
    assert not is_logged_in(client)


def test_ten_failures_lock_the_address_even_for_the_right_password(client, staff):
    for n in range(10):
        allauth_login(client, f"guess{n}@example.com", WRONG)
    response = allauth_login(client, staff.email, PASSWORD)
    assert "Too many failed login attempts" in response.content.decode()
    assert not is_logged_in(client)


def test_admin_login_pages_send_anonymous_visitors_to_the_site_login_keeping_next(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response["Location"] == f"{LOGIN}?next=/admin/pages/"
    response = client.get("/django-admin/login/?next=/django-admin/accounts/user/")
    assert response["Location"] == f"{LOGIN}?next=/django-admin/accounts/user/"
    assert client.get("/admin/login/")["Location"] == f"{LOGIN}?next=/admin/"
    assert client.get("/_util/login/?next=/courses/")["Location"] == f"{LOGIN}?next=/courses/"


def test_an_outside_next_is_not_passed_on(client):
    response = client.get("/admin/login/?next=https://evil.example.com/")
    assert response["Location"] == f"{LOGIN}?next=/admin/"


def test_the_admins_send_anonymous_visitors_to_the_site_login(client):
    assert client.get("/admin/pages/")["Location"] == f"{LOGIN}?next=/admin/pages/"
    response = client.get("/django-admin/", follow=True)
    assert response.redirect_chain[-1][0] == f"{LOGIN}?next=/django-admin/"


def test_the_admins_own_password_reset_and_change_are_gone(client, staff):
    assert client.get("/admin/password_reset/").status_code == 404
    client.force_login(staff)
    assert client.get("/admin/account/change_password/").status_code == 404
    response = client.post("/django-admin/password_change/", {"old_password": WRONG})
    assert response["Location"] == reverse("account_change_password")


# --- Signed in, but not allowed into an admin: refused, never a redirect loop -----------------


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/login/"])
def test_a_learner_in_the_wagtail_admin_is_refused_without_a_loop(client, user, path):
    client.force_login(user)
    response = client.get(path, follow=True)
    assert response.status_code == 403
    assert NO_ADMIN_ACCESS in response.content.decode()
    assert len(response.redirect_chain) == 0


def test_a_learner_in_the_django_admin_is_refused_without_a_loop(client, user):
    client.force_login(user)
    response = client.get("/django-admin/", follow=True)
    assert response.status_code == 403
    assert [url for url, _ in response.redirect_chain] == [
        "/django-admin/login/?next=/django-admin/"
    ]


def test_signed_in_staff_at_an_admin_login_go_on_to_next(client, staff):
    client.force_login(staff)
    assert client.get("/admin/login/?next=/admin/pages/")["Location"] == "/admin/pages/"
    assert client.get("/django-admin/login/")["Location"] == "/django-admin/"


# --- A verified member of staff -----------------------------------------------------------------


def test_verified_staff_log_in_through_allauth_and_reach_both_admins(client, staff):
    response = client.post(
        f"{LOGIN}?next=/admin/", {"login": staff.email, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/admin/"
    assert response.status_code == 200
    assert is_logged_in(client)
    assert client.get("/django-admin/").status_code == 200


def test_createsuperuser_makes_an_account_that_can_log_in(client, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createsuperuser", "--noinput", "--email", "Root@Example.com", stdout=StringIO())
    root = get_user_model().objects.get(email="root@example.com")
    assert EmailAddress.objects.filter(user=root, verified=True, primary=True).count() == 1
    assert allauth_login(client, "root@example.com", PASSWORD).status_code == 302
    assert is_logged_in(client)
    assert client.get("/admin/").status_code == 200


# --- An unverified account gets no session by any path ------------------------------------------


@pytest.fixture(params=["unverified address", "no address row"])
def unconfirmed(request, unverified):
    if request.param == "unverified address":
        return unverified
    return UserFactory(verified=False)


def test_allauth_login_sends_the_unverified_to_verify_instead(client, unconfirmed, mailoutbox):
    response = allauth_login(client, unconfirmed.email, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert not is_logged_in(client)
    assert [m.to for m in mailoutbox] == [[unconfirmed.email]]


@pytest.mark.parametrize("path", FORMER_LOGINS)
def test_former_admin_logins_give_the_unverified_no_session(client, unconfirmed, path):
    client.post(path, {"username": unconfirmed.email, "password": PASSWORD})
    assert not is_logged_in(client)


def test_the_backend_refuses_the_unverified_on_every_call(client, unconfirmed):
    assert not client.login(username=unconfirmed.email, password=PASSWORD)
    assert not client.login(email=unconfirmed.email, password=PASSWORD)
    assert authenticate(None, username=unconfirmed.email, password=PASSWORD) is None
    assert authenticate(None, email=unconfirmed.email, password=PASSWORD) is None


def test_a_session_of_an_unverified_account_is_not_honoured(client, unconfirmed):
    """A session made before this fix (through the old admin logins) no longer signs anyone in."""
    client.force_login(unconfirmed)
    assert client.get("/accounts/profile/")["Location"].startswith(LOGIN)
    assert client.get("/admin/")["Location"].startswith(LOGIN)


def test_the_verified_pass_on_every_path(client, user):
    assert client.login(username=user.email, password=PASSWORD)
    assert authenticate(None, email=user.email, password=PASSWORD) == user


def test_an_unverified_secondary_address_does_not_count(client, user):
    EmailAddress.objects.filter(user=user).update(verified=False)
    EmailAddress.objects.create(user=user, email="second@example.com", verified=True)
    assert not client.login(username=user.email, password=PASSWORD)


def test_with_verification_optional_the_unverified_may_sign_in(client, unverified, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "optional"
    assert client.login(username=unverified.email, password=PASSWORD)


def test_loading_the_signed_in_user_still_costs_one_query(user, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert VerifiedEmailBackend().get_user(user.pk) == user


def _orm_user(user_id):
    """What the backend loaded through the ORM before its query was written by hand."""
    users = get_user_model()._default_manager.annotate(
        _primary_email_verified=Exists(
            EmailAddress.objects.filter(user=OuterRef("pk"), primary=True, verified=True)
        )
    )
    return users.filter(pk=user_id).first()


def test_the_backend_loads_every_field_as_the_orm_does(user):
    user.last_login = timezone.now()
    user.save()
    loaded, expected = VerifiedEmailBackend().get_user(user.pk), _orm_user(user.pk)
    fields = [field.attname for field in get_user_model()._meta.concrete_fields]
    assert {name: getattr(loaded, name) for name in fields} == {
        name: getattr(expected, name) for name in fields
    }
    assert loaded._primary_email_verified is True
    assert loaded.get_deferred_fields() == set()
    assert loaded.get_session_auth_hash() == expected.get_session_auth_hash()


def test_the_backend_refuses_whom_it_refused_before(unverified, user, settings):
    backend = VerifiedEmailBackend()
    assert backend.get_user(unverified.pk) is None  # unverified primary address
    assert backend.get_user(user.pk + 10_000) is None  # no such user
    assert backend.get_user("not-a-number") is None
    user.is_active = False
    user.save()
    assert backend.get_user(user.pk) is None
    settings.ACCOUNT_EMAIL_VERIFICATION = "optional"
    assert backend.get_user(unverified.pk) == unverified
