import pytest
from django.urls import reverse

from accounts.forms import COUNTRY_CODE_ERROR, ProfileForm
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROFILE_URL = reverse("accounts:profile")
VALID = {
    "display_name": "Sam",
    "legal_name": "Samantha Q. Rivera",
    "licence_number": "MA12345",
    "licensing_board": "Florida Board of Massage Therapy",
    "country": "US",
}


def test_profile_requires_login(client):
    response = client.get(PROFILE_URL)

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={PROFILE_URL}"


def test_profile_page_shows_the_form(client, user):
    client.force_login(user)

    response = client.get(PROFILE_URL)

    assert response.status_code == 200
    assert isinstance(response.context["form"], ProfileForm)
    assert response.context["form"].instance == user


def test_profile_saves_the_ce_fields(client, user):
    client.force_login(user)

    response = client.post(PROFILE_URL, VALID)

    assert response.status_code == 302
    assert response.url == PROFILE_URL
    user.refresh_from_db()
    assert user.legal_name == "Samantha Q. Rivera"
    assert user.licence_number == "MA12345"
    assert user.licensing_board == "Florida Board of Massage Therapy"
    assert user.country == "US"
    assert user.has_ce_profile


def test_profile_normalises_what_it_saves(client, user):
    client.force_login(user)

    messy = {"legal_name": "  Samantha \t Q.\n Rivera ", "licence_number": " MA12345 "}

    client.post(PROFILE_URL, VALID | messy | {"country": " gb "})

    user.refresh_from_db()
    assert user.legal_name == "Samantha Q. Rivera"
    assert user.licence_number == "MA12345"
    assert user.country == "GB"


@pytest.mark.parametrize("country", ["USA", "U1", "1"])
def test_bad_country_code_is_a_form_error_and_saves_nothing(client, user, country):
    client.force_login(user)
    before = (user.legal_name, user.licence_number, user.licensing_board, user.country)

    response = client.post(PROFILE_URL, VALID | {"country": country})

    assert response.status_code == 400
    assert response.context["form"].errors["country"] == [COUNTRY_CODE_ERROR]
    assert 'role="alert"' in response.content.decode()
    user.refresh_from_db()
    assert (user.legal_name, user.licence_number, user.licensing_board, user.country) == before


def test_profile_only_edits_the_signed_in_user(client, user):
    other = UserFactory(legal_name="Other Person", licence_number="TX999")
    client.force_login(user)

    # Posting another user's id or email changes nothing for them: the form has no such fields.
    client.post(PROFILE_URL, VALID | {"id": other.pk, "pk": other.pk, "email": other.email})

    other.refresh_from_db()
    user.refresh_from_db()
    assert (other.legal_name, other.licence_number) == ("Other Person", "TX999")
    assert user.legal_name == VALID["legal_name"]
    assert user.email != other.email
