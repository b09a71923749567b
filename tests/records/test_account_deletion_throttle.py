""" "Delete my account" asks for the password: wrong passwords are throttled per account and per
client address (through the client-IP function, in the shared cache), so a stolen session cannot
be used to guess the password."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.utils.html import escape

from records import account_views
from records.account_views import PASSWORD_MISMATCH, TOO_MANY_PASSWORD_ATTEMPTS
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
URL = "/accounts/delete/"
PER_USER = account_views.PASSWORD_ATTEMPTS_PER_USER
PER_ADDRESS = account_views.PASSWORD_ATTEMPTS_PER_ADDRESS


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


def signed_in(user, address: str = "203.0.113.7") -> Client:
    client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=address)
    client.force_login(user)
    return client


def delete(client: Client, password: str):
    return client.post(URL, {"password": password, "confirm": "on"})


def still_there(user) -> bool:
    return get_user_model().objects.filter(pk=user.pk, email=user.email, is_active=True).exists()


def test_after_5_wrong_passwords_even_the_right_one_is_refused_with_429(home):
    learner = UserFactory()
    client = signed_in(learner)
    for _ in range(PER_USER):
        response = delete(client, "wrong")
        assert response.status_code == 400
        assert escape(PASSWORD_MISMATCH) in response.content.decode()

    response = delete(client, PASSWORD)

    assert response.status_code == 429
    assert escape(TOO_MANY_PASSWORD_ATTEMPTS) in response.content.decode()
    assert still_there(learner)


def test_the_account_limit_follows_the_account_to_another_address(home):
    learner = UserFactory()
    for n in range(PER_USER):
        delete(signed_in(learner, f"198.51.100.{n}"), "wrong")
    assert delete(signed_in(learner, "192.0.2.200"), PASSWORD).status_code == 429
    assert still_there(learner)


def test_the_right_password_within_the_limit_deletes_the_account(home):
    learner = UserFactory()
    client = signed_in(learner)
    for _ in range(PER_USER - 1):
        delete(client, "wrong")
    assert delete(client, PASSWORD).status_code == 302
    assert not still_there(learner)


def test_the_address_limit_stops_one_client_trying_many_accounts(settings, home):
    settings.TRUSTED_PROXY_COUNT = 1
    per_account = PER_USER - 1  # each account stays under its own limit
    learners = [UserFactory() for _ in range(-(-PER_ADDRESS // per_account))]
    wrong = [(learner, n) for learner in learners for n in range(per_account)][:PER_ADDRESS]
    for learner, _ in wrong:
        assert delete(signed_in(learner), "wrong").status_code == 400

    # Forged entries left of nginx's own do not make it another client.
    last = learners[-1]
    assert delete(signed_in(last, "10.0.0.1, 203.0.113.7"), PASSWORD).status_code == 429
    assert still_there(last)
    # Another client (nginx saw another address) is not held back by this one.
    other = UserFactory()
    assert delete(signed_in(other, "198.51.100.99"), PASSWORD).status_code == 302


def test_missing_the_confirmation_box_is_not_a_wrong_password(home):
    learner = UserFactory()
    client = signed_in(learner)
    for _ in range(PER_USER + 2):
        assert client.post(URL, {"password": PASSWORD}).status_code == 400
    assert delete(client, PASSWORD).status_code == 302
