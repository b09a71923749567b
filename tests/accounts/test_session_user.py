"""The signed-in user remembered per worker (accounts/session_user.py): no query while
remembered, and a deactivation or password change applies within USER_CACHE_SECONDS."""

import pytest
from django.contrib.auth import HASH_SESSION_KEY, get_user_model
from django.contrib.auth.hashers import make_password
from django.test import Client, RequestFactory

from accounts import session_user
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def remembering(settings):
    settings.USER_CACHE_SECONDS = 5
    yield
    session_user._remembered.clear()


@pytest.fixture
def clock(monkeypatch):
    """session_user's monotonic clock, moved on by hand."""
    now = [1000.0]
    monkeypatch.setattr(session_user.time, "monotonic", lambda: now[0])
    return now


def _request(client):
    request = RequestFactory().get("/")
    request.session = client.session
    return request


def _signed_in(client, user):
    client.force_login(user)
    return _request(client)


def test_a_remembered_user_costs_no_query(client, remembering, django_assert_num_queries):
    request = _signed_in(client, UserFactory())
    first = session_user.get_user(request)
    with django_assert_num_queries(0):
        second = session_user.get_user(request)
    assert second.pk == first.pk and second.is_authenticated
    assert second.email == first.email


def test_each_request_gets_its_own_instance(client, remembering):
    request = _signed_in(client, UserFactory())
    first = session_user.get_user(request)
    first.per_request_note = "set by one request"
    second = session_user.get_user(request)
    assert second is not first
    assert not hasattr(second, "per_request_note")


def test_deactivation_elsewhere_applies_within_the_window(client, remembering, clock):
    user = UserFactory()
    request = _signed_in(client, user)
    assert session_user.get_user(request).is_authenticated
    # Another worker (or a queryset update) deactivates: no signal reaches this worker.
    User.objects.filter(pk=user.pk).update(is_active=False)
    clock[0] += 4
    assert session_user.get_user(request).is_authenticated
    clock[0] += 2
    assert not session_user.get_user(_request(client)).is_authenticated


def test_password_change_elsewhere_applies_within_the_window(client, remembering, clock):
    user = UserFactory()
    request = _signed_in(client, user)
    assert session_user.get_user(request).is_authenticated
    User.objects.filter(pk=user.pk).update(password=make_password("a new passphrase"))
    clock[0] += 6
    assert not session_user.get_user(request).is_authenticated


def _deactivate(user):
    user.is_active = False


def _change_password(user):
    user.set_password("a new passphrase")


@pytest.mark.parametrize("change", [_deactivate, _change_password])
def test_a_change_saved_in_this_worker_applies_at_once(client, remembering, change):
    user = UserFactory()
    request = _signed_in(client, user)
    assert session_user.get_user(request).is_authenticated
    change(user)
    user.save()
    assert not session_user.get_user(request).is_authenticated


def test_whoever_changed_their_password_stays_signed_in(client, remembering):
    """The remembered row has the old password; the session already carries the new hash."""
    user = UserFactory()
    request = _signed_in(client, user)
    assert session_user.get_user(request).is_authenticated
    User.objects.filter(pk=user.pk).update(password=make_password("a new passphrase"))
    user.refresh_from_db()
    request.session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    assert session_user.get_user(request).pk == user.pk


def test_two_learners_never_get_each_others_user(client, remembering):
    first, second = UserFactory(), UserFactory()
    first_request = _signed_in(client, first)
    second_request = _signed_in(Client(), second)
    for _ in range(2):
        assert session_user.get_user(first_request).email == first.email
        assert session_user.get_user(second_request).email == second.email


def test_off_loads_the_user_on_every_request(client, settings, django_assert_num_queries):
    settings.USER_CACHE_SECONDS = 0
    request = _signed_in(client, UserFactory())
    session_user.get_user(request)
    with django_assert_num_queries(1):
        assert session_user.get_user(request).is_authenticated


def test_the_session_hash_is_computed_once_per_remembered_row(client, remembering, monkeypatch):
    request = _signed_in(client, UserFactory())
    session_user.get_user(request)
    computed = []
    original = User.get_session_auth_hash

    def counting(self):
        computed.append(self.pk)
        return original(self)

    monkeypatch.setattr(User, "get_session_auth_hash", counting)
    for _ in range(3):
        assert session_user.get_user(request).is_authenticated
    assert computed == []


def test_a_new_secret_key_forgets_every_remembered_user(client, remembering, settings):
    request = _signed_in(client, UserFactory())
    session_user.get_user(request)
    assert session_user._remembered
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789abcdef"
    assert not session_user._remembered
