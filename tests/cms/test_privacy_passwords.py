"""Wagtail's password forms for private pages and documents take a limited number of wrong
guesses per client (behind the proxy, per X-Forwarded-For client), then answer 429 without
checking the password."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from cms.privacy_passwords import TOO_MANY_GUESSES, WRONG_PASSWORDS_ALLOWED
from tests.conftest import ensure_wagtail_roots

pytestmark = pytest.mark.django_db

SECRET = "kept-private-9"


def behind_proxy(address: str) -> Client:
    return Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=address)


@pytest.fixture
def page_form(home, catalog):
    restriction = PageViewRestriction.objects.create(
        page=catalog, restriction_type=PageViewRestriction.PASSWORD, password=SECRET
    )
    return reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, catalog.pk])


@pytest.fixture
def document_form(db):
    ensure_wagtail_roots()  # a transactional test before may have emptied Wagtail's tables
    collection = Collection.get_first_root_node().add_child(name="Handouts")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password=SECRET
    )
    return reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])


@pytest.mark.parametrize("form", ["page_form", "document_form"])
def test_wrong_guesses_past_the_limit_answer_429_even_for_the_right_password(
    request, settings, form
):
    settings.TRUSTED_PROXY_COUNT = 1
    url = request.getfixturevalue(form)
    guesser, neighbour = behind_proxy("203.0.113.7"), behind_proxy("198.51.100.20")
    data = {"return_url": "/"}
    for n in range(WRONG_PASSWORDS_ALLOWED):
        response = guesser.post(url, {**data, "password": f"guess-{n}"})
        assert response.status_code == 200  # the form again, with its error

    locked = guesser.post(url, {**data, "password": SECRET})
    assert locked.status_code == 429 and locked.content.decode() == TOO_MANY_GUESSES

    # Another client behind the same proxy is not locked out, and the right password works.
    assert neighbour.post(url, {**data, "password": SECRET}).status_code == 302


def test_right_passwords_are_not_counted(settings, page_form):
    settings.TRUSTED_PROXY_COUNT = 1
    client = behind_proxy("203.0.113.8")
    for _ in range(WRONG_PASSWORDS_ALLOWED + 2):
        response = client.post(page_form, {"password": SECRET, "return_url": "/"})
        assert response.status_code == 302
