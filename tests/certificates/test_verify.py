"""Public verification: valid, revoked or unknown, by code or by number and surname."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certificates import services, views
from certificates.snapshot import date_label
from tests.certificates.issue_helpers import (
    approved_course,
    completed_enrollment,
    issue,
    provider_school,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def course(catalog):
    return approved_course(catalog, provider_school(signature=False))


@pytest.fixture
def certificate(course):
    return issue(completed_enrollment(course))


def verify_url(certificate):
    return reverse("certificates:verify", args=[certificate.verify_code])


def queries_for(client, url) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    return len(context.captured_queries), response


def test_a_valid_certificate(client, certificate):
    _, response = queries_for(client, verify_url(certificate))
    html = response.content.decode()
    assert response.status_code == 200
    for value in (
        "Valid",
        "Maria Elena Okafor",
        "Neck and Shoulder Trigger Point Therapy",  # the approved title
        "Trigger Points of the Neck and Shoulder",
        "NCB-24-7788",
        "3 CE hours",
        date_label(certificate.snapshot["completed_on"]),
        certificate.number,
        "Gulf Coast NMT Institute",
    ):
        assert value in html, value
    assert "MA98765" not in html  # the licence number is not public
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_verification_costs_one_query_beyond_the_site_chrome(client, course, certificate):
    """Valid, revoked and unknown pages all run the one lookup plus what base.html costs."""
    client.get(reverse("certificates:verify_lookup"))  # warm the site caches
    valid, _ = queries_for(client, verify_url(certificate))
    unknown, _ = queries_for(client, reverse("certificates:verify", args=["nope"]))
    other = issue(completed_enrollment(course))
    services.certificate_revoke(certificate=other, reason="Refunded")
    revoked, _ = queries_for(client, verify_url(other))
    chrome, _ = queries_for(client, reverse("certificates:verify_lookup"))  # no lookup at all
    assert (valid, revoked) == (chrome + 1, chrome + 1), (valid, revoked, chrome)
    assert unknown == chrome + 2  # + Wagtail's redirect middleware looking at every 404
    assert valid <= 6
    client.force_login(certificate.student)
    signed_in, _ = queries_for(client, verify_url(certificate))
    assert signed_in <= valid + 3  # the session, the user, the header's admin-link check


def test_a_revoked_certificate(client, certificate):
    services.certificate_revoke(certificate=certificate, reason="Course fee refunded")
    certificate.refresh_from_db()
    html = client.get(verify_url(certificate)).content.decode()
    assert "Revoked" in html and "Valid" not in html
    assert "Course fee refunded" in html
    assert f"{certificate.revoked_at:%B} {certificate.revoked_at.day}, " in html


def test_an_unknown_code(client, db, home):
    response = client.get(reverse("certificates:verify", args=["not-a-real-code"]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "No certificate with this code" in html
    assert 'content="noindex, nofollow"' in html


def test_a_pending_certificate_is_unknown(client, course):
    pending = services.certificate_create_pending(enrollment=completed_enrollment(course))
    response = client.get(reverse("certificates:verify", args=[pending.verify_code]))
    assert response.status_code == 404


def test_a_pending_certificate_revoked_before_issue_is_unknown(client, course):
    pending = services.certificate_create_pending(enrollment=completed_enrollment(course))
    services.certificate_revoke(certificate=pending, reason="Refunded")
    response = client.get(reverse("certificates:verify", args=[pending.verify_code]))
    assert response.status_code == 404


def lookup(client, number, surname):
    return client.post(
        reverse("certificates:verify_lookup"), {"number": number, "surname": surname}
    )


def test_lookup_by_number_and_surname(client, certificate):
    assert client.get(reverse("certificates:verify_lookup")).status_code == 200
    for surname in ("Okafor", "OKAFOR", " okafor ", "Elena Okafor"):
        response = lookup(client, certificate.number, surname)
        assert response.status_code == 302, surname
        assert response.url == verify_url(certificate)
    assert lookup(client, certificate.number.lower(), "okafor").status_code == 302


def test_lookup_answers_alike_for_a_wrong_surname_and_an_unknown_number(client, certificate):
    wrong_surname = lookup(client, certificate.number, "Smith")
    unknown_number = lookup(client, "GCN-1999-000001", "Okafor")
    part_of_a_name = lookup(client, certificate.number, "kafor")
    for response in (wrong_surname, unknown_number, part_of_a_name):
        assert response.status_code == 404
        html = response.content.decode()
        assert views.NO_MATCH in html
        assert "Maria" not in html and certificate.verify_code not in html


def test_lookup_needs_both_fields(client, db, home):
    response = lookup(client, "", "")
    assert response.status_code == 400
    assert "Enter the certificate number." in response.content.decode()


def test_lookups_are_rate_limited_per_address(client, certificate):
    for _ in range(views.LOOKUP_LIMIT):
        assert lookup(client, "GCN-1999-000001", "Nobody").status_code == 404
    response = lookup(client, certificate.number, "Okafor")
    assert response.status_code == 429
    assert views.TOO_MANY_LOOKUPS in response.content.decode()


@pytest.fixture
def page_cache_on(settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_STAMP_FILE = tmp_path / "page-cache.stamp"


def test_anonymous_verification_is_kept_until_a_certificate_changes(
    client,
    page_cache_on,
    certificate,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    url = verify_url(certificate)
    assert client.get(url)["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        hit = client.get(url)
    assert hit["X-Page-Cache"] == "hit" and "Valid" in hit.content.decode()
    assert hit["X-Robots-Tag"] == "noindex, nofollow"

    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_revoke(certificate=certificate, reason="Course fee refunded")
    revoked = client.get(url)
    assert revoked["X-Page-Cache"] == "miss"
    assert "Revoked" in revoked.content.decode()
    assert "Course fee refunded" in revoked.content.decode()


def test_an_unknown_code_is_never_kept(client, page_cache_on, db, home):
    url = reverse("certificates:verify", args=["no-such-code"])
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 404 and "X-Page-Cache" not in response


def test_a_logged_in_visitor_gets_a_fresh_verification(client, page_cache_on, certificate, user):
    client.get(verify_url(certificate))
    client.force_login(user)
    assert "X-Page-Cache" not in client.get(verify_url(certificate))
