import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from records import services as services
from records.models import TranscriptShare
from tests.factories import UserFactory
from tests.records.transcript_helpers import approval, make_certificate, read_csv

SHARES = "/transcript/links/"


@pytest.fixture
def learner(db):
    return UserFactory(legal_name="Maria Lopez", licence_number="MA12345", licensing_board="NCBTMB")


@pytest.fixture
def certificate(learner, catalog):
    return make_certificate(
        student=learner, catalog=catalog, approvals=[approval(title="Neck Release Techniques")]
    )


def shared_url(share) -> str:
    return reverse("transcripts:shared", args=[share.token])


def test_create_list_and_open_a_share_link_without_login(client, learner, certificate):
    client.force_login(learner)
    response = client.post(SHARES, {"label": "Florida Board audit"})
    assert response.status_code == 302 and response.url == SHARES

    share = TranscriptShare.objects.get(user=learner)
    assert share.label == "Florida Board audit"
    assert len(share.token) >= 43  # token_urlsafe(32)
    listing = client.get(SHARES).content.decode()
    assert f"http://testserver/transcript/shared/{share.token}/" in listing
    assert "Link created for Florida Board audit." in listing

    client.logout()
    response = client.get(shared_url(share))
    assert response.status_code == 200
    html = response.content.decode()
    assert "CE transcript of Maria Lopez" in html and "Licence MA12345" in html
    assert "Neck Release Techniques" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "Share with a board or employer" not in html  # read-only: no owner tools
    assert learner.email not in html


def test_shared_link_downloads_csv_and_pdf(client, learner, certificate):
    share = services.transcript_share_create(user=learner, label="")
    response = client.get(reverse("transcripts:shared_csv", args=[share.token]))
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    rows = read_csv(response)
    assert rows[1][0] == certificate.number and rows[1][2] == "Neck Release Techniques"

    response = client.get(reverse("transcripts:shared_pdf", args=[share.token]))
    text = " ".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    assert "Maria Lopez" in text and "Neck Release Techniques" in text


def test_revoked_unknown_and_inactive_links_are_404(client, learner, certificate):
    share = services.transcript_share_create(user=learner, label="Employer")
    assert client.get(shared_url(share)).status_code == 200

    client.force_login(learner)
    response = client.post(reverse("transcripts:share_revoke", args=[share.pk]))
    assert response.status_code == 302
    share.refresh_from_db()
    assert share.revoked_at is not None
    assert "Revoked" in client.get(SHARES).content.decode()

    client.logout()
    assert client.get(shared_url(share)).status_code == 404
    assert client.get(reverse("transcripts:shared_csv", args=[share.token])).status_code == 404
    assert client.get(reverse("transcripts:shared_pdf", args=[share.token])).status_code == 404
    assert client.get("/transcript/shared/not-a-real-token/").status_code == 404

    live = services.transcript_share_create(user=learner)
    learner.is_active = False
    learner.save()
    assert client.get(shared_url(live)).status_code == 404


def test_only_the_owner_can_revoke_and_revoke_needs_post(client, learner, certificate):
    share = services.transcript_share_create(user=learner)
    client.force_login(UserFactory())
    assert client.post(reverse("transcripts:share_revoke", args=[share.pk])).status_code == 404
    client.force_login(learner)
    assert client.get(reverse("transcripts:share_revoke", args=[share.pk])).status_code == 405
    share.refresh_from_db()
    assert share.is_active


def test_other_users_links_are_not_listed(client, learner):
    services.transcript_share_create(user=learner, label="Secret employer")
    client.force_login(UserFactory())
    assert "Secret employer" not in client.get(SHARES).content.decode()


def test_share_pages_need_login(client):
    response = client.get(SHARES)
    assert response.status_code == 302 and "login" in response.url


def test_revoking_twice_keeps_the_first_time(learner):
    share = services.transcript_share_create(user=learner)
    first = services.transcript_share_revoke(share=share).revoked_at
    assert services.transcript_share_revoke(share=share).revoked_at == first


def test_tokens_are_unique_and_labels_trimmed(learner):
    one = services.transcript_share_create(user=learner, label="  Board  ")
    two = services.transcript_share_create(user=learner)
    assert one.token != two.token
    assert one.label == "Board"


def test_active_links_are_limited(client, learner):
    for _ in range(services.MAX_ACTIVE_SHARES):
        services.transcript_share_create(user=learner)
    with pytest.raises(ValidationError) as error:
        services.transcript_share_create(user=learner)
    assert error.value.messages == [services.TOO_MANY_SHARES]

    client.force_login(learner)
    response = client.post(SHARES, {"label": "One more"})
    assert response.status_code == 400
    assert "Revoke one you no longer need first." in response.content.decode()

    services.transcript_share_revoke(share=TranscriptShare.objects.filter(user=learner).first())
    assert services.transcript_share_create(user=learner).is_active
