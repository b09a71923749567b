"""Licence checks at the door: each board's format, then CE Broker's licence validation (the
local fake) when configured, cached; without the service, the format check alone."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from records import licences
from tests.records.transcript_helpers import florida_board

pytestmark = pytest.mark.django_db
PROFILE_URL = reverse("accounts:profile")
PROFILE = {
    "display_name": "Ana",
    "legal_name": "Ana Reyes",
    "licence_number": "MA123456",
    "licensing_board": "Florida Board of Massage Therapy",
    "country": "US",
}


@pytest.fixture(autouse=True)
def florida(db):
    cache.clear()
    return florida_board()


@pytest.fixture
def validation(settings, fake_cebroker):
    settings.TRACKING_SYSTEMS = {
        "CE Broker": {
            "transport": "cebroker_xml",
            "url": fake_cebroker.url,
            "validation_url": fake_cebroker.validation_url,
            "timeout": 5,
        }
    }
    return fake_cebroker


def post(client, user, **changes):
    client.force_login(user)
    return client.post(PROFILE_URL, PROFILE | changes)


def test_a_number_in_the_wrong_format_is_refused_with_the_boards_form(client, user):
    response = post(client, user, licence_number="123456")
    assert response.status_code == 400
    page = response.content.decode()
    assert "MA followed by 4 to 7 digits, for example MA12345" in page
    user.refresh_from_db()
    assert user.licence_number == ""


def test_the_board_may_be_named_by_its_abbreviation(client, user):
    assert post(client, user, licensing_board="FL-BMT", licence_number="M1").status_code == 400


def test_a_board_without_a_known_format_is_not_checked(client, user):
    response = post(client, user, licensing_board="Texas (TDLR)", licence_number="anything 1")
    assert response.status_code == 302


def test_without_the_service_the_format_alone_decides(client, user):
    assert post(client, user).status_code == 302


def test_the_service_refuses_a_licence_it_does_not_know(client, user, validation):
    validation.fake.unknown_licences.add("MA999999")
    response = post(client, user, licence_number="MA999999")
    assert response.status_code == 400
    assert "CE Broker has no Florida Board of Massage Therapy licence numbered MA999999" in (
        response.content.decode()
    )


def test_the_service_refuses_a_licence_under_another_name(client, user, validation):
    validation.fake.licensees["MA123456"] = "Smith"
    response = post(client, user)
    assert response.status_code == 400
    assert "lists licence MA123456 under another name" in response.content.decode()
    validation.fake.licensees["MA123456"] = "Reyes"
    cache.clear()
    assert post(client, user).status_code == 302


def test_answers_are_cached_and_a_service_that_is_down_does_not_stop_the_learner(
    florida, validation
):
    validation.fake.unknown_licences.add("MA999999")
    first = licences.licence_errors(body=florida, licence_number="MA999999", legal_name="A Reyes")
    validation.stop()  # from now on nothing answers: the cached answer stands
    again = licences.licence_errors(body=florida, licence_number="MA999999", legal_name="A Reyes")
    assert first == again and len(first) == 1
    unknown = licences.licence_errors(body=florida, licence_number="MA55555", legal_name="A Reyes")
    assert unknown == []  # not cached, no service: the format is right, so it passes


def test_an_unchanged_profile_is_not_checked_again(client, user, validation):
    assert post(client, user).status_code == 302
    validation.fake.unknown_licences.add("MA123456")
    cache.clear()
    assert post(client, user, display_name="Annie").status_code == 302
