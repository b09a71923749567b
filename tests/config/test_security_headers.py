import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_site_pages_refuse_to_be_framed(client):
    response = client.get(reverse("account_login"))

    assert response["X-Frame-Options"] == "DENY"


def test_wagtail_preview_can_still_be_framed_by_the_admin(client, home):
    # The editor's live preview is a same-origin iframe; Wagtail marks that view SAMEORIGIN.
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[home.pk]))

    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
