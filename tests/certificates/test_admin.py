"""The certificates admin: revoke, reinstate and reissue with reasons and history; designs and
their previews; each school sees its own; nothing is ever deleted."""

import io
from datetime import timedelta

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from certificates import services
from certificates.models import Certificate, CertificateTemplate
from schools.models import SchoolMembership
from tests.certificates.issue_helpers import (
    approved_course,
    completed_enrollment,
    issue,
    member,
    provider_school,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = "/admin/certificates/"
DESIGNS = "/admin/snippets/certificates/certificatetemplate/"


@pytest.fixture
def school(db):
    return provider_school(signature=False)


@pytest.fixture
def course(catalog, school):
    return approved_course(catalog, school)


@pytest.fixture
def certificate(course, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue(completed_enrollment(course))
    certificate.refresh_from_db()
    return certificate


@pytest.fixture
def admin_user(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def school_admin(school):
    return member(school, SchoolMembership.Role.ADMIN)


def act(client, action, certificate, reason):
    return client.post(f"{LIST}{action}/{certificate.pk}/", {"reason": reason})


# --- Revoke, reinstate, reissue -------------------------------------------------------------


def test_revoke_and_reinstate_need_a_reason_and_are_recorded(client, school_admin, certificate):
    client.force_login(school_admin)
    page = client.get(f"{LIST}revoke/{certificate.pk}/")
    assert page.status_code == 200 and certificate.number in page.content.decode()

    empty = act(client, "revoke", certificate, "   ")
    assert empty.status_code == 200
    assert escape(services.REASON_REQUIRED) in empty.content.decode()
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.ISSUED

    response = act(client, "revoke", certificate, "Plagiarised final assessment")
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    assert certificate.revoked_reason == "Plagiarised final assessment"
    revoked = certificate.events.get(action="revoked")
    assert revoked.actor == school_admin and revoked.data == {"status": "issued"}

    response = act(client, "reinstate", certificate, "Appeal upheld")
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.ISSUED and certificate.revoked_reason == ""
    reinstated = certificate.events.get(action="reinstated")
    assert reinstated.reason == "Appeal upheld"
    assert reinstated.data["revoked_reason"] == "Plagiarised final assessment"

    history = client.get(f"{LIST}inspect/{certificate.pk}/").content.decode()
    for text in ("Created on completion", "Issued", "PDF rendered", "Revoked", "Reinstated"):
        assert text in history
    assert "Plagiarised final assessment" in history and "Appeal upheld" in history


def test_reissue_keeps_number_and_code_and_the_old_pdf(
    client, admin_user, certificate, django_capture_on_commit_callbacks
):
    old_pdf = certificate.pdf.name
    old_path = certificate.pdf.path
    old_snapshot = certificate.snapshot
    student = certificate.student
    student.legal_name = "Maria Elena Okafor-Reyes"
    student.save()

    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = act(client, "reissue", certificate, "Learner's name changed on her licence")
    assert response.status_code == 302

    certificate.refresh_from_db()
    assert certificate.number == old_snapshot["number"]
    assert certificate.snapshot["learner"]["name"] == "Maria Elena Okafor-Reyes"
    assert certificate.snapshot["verify_url"] == old_snapshot["verify_url"]
    assert certificate.snapshot["reissued_on"] == timezone.localdate().isoformat()
    assert "Maria Elena Okafor-Reyes" in certificate.rendered_html
    assert certificate.pdf.name and certificate.pdf.name != old_pdf
    with open(old_path, "rb") as handle:
        assert handle.read(4) == b"%PDF"  # the previous PDF is kept
    event = certificate.events.get(action="reissued")
    assert event.actor == admin_user
    assert event.reason == "Learner's name changed on her licence"
    assert event.data["snapshot"] == old_snapshot and event.data["pdf"] == old_pdf
    assert certificate.events.filter(action="pdf_rendered").count() == 2


def test_only_an_issued_certificate_can_be_reissued(client, admin_user, certificate):
    services.certificate_revoke(certificate=certificate, reason="Refunded")
    client.force_login(admin_user)
    response = act(client, "reissue", certificate, "Try anyway")
    assert services.NOT_ISSUED in response.content.decode()
    assert not certificate.events.filter(action="reissued").exists()


def test_instructors_see_but_cannot_act(client, school, certificate):
    instructor = member(school, SchoolMembership.Role.INSTRUCTOR)
    client.force_login(instructor)
    assert client.get(f"{LIST}inspect/{certificate.pk}/").status_code == 200
    assert f"revoke/{certificate.pk}/" not in client.get(LIST).content.decode()
    response = act(client, "revoke", certificate, "No")
    assert response.status_code in (302, 403)
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.ISSUED


# --- Listing --------------------------------------------------------------------------------


def test_listing_is_scoped_to_the_users_schools(client, catalog, certificate, school_admin):
    other_school = provider_school(
        signature=False, name="Other", slug="other", certificate_prefix="OTH"
    )
    elsewhere = approved_course(catalog, other_school, title="Hip work at Other")
    other = issue(completed_enrollment(elsewhere))

    client.force_login(school_admin)
    html = client.get(LIST).content.decode()
    assert certificate.number in html and other.number not in html
    assert client.get(f"{LIST}inspect/{other.pk}/").status_code == 404
    assert client.get(f"{LIST}revoke/{other.pk}/").status_code == 404
    # The course filter offers only the school's own courses.
    assert "Hip work at Other" not in html

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    html = client.get(LIST).content.decode()
    assert certificate.number in html and other.number in html


def test_listing_filters(client, admin_user, course, certificate):
    revoked = issue(completed_enrollment(course))
    services.certificate_revoke(certificate=revoked, reason="Refunded")
    client.force_login(admin_user)

    issued_only = client.get(f"{LIST}?status=issued").content.decode()
    assert certificate.number in issued_only and revoked.number not in issued_only
    assert revoked.number in client.get(f"{LIST}?status=revoked").content.decode()
    by_course = client.get(f"{LIST}?course={course.pk}").content.decode()
    assert certificate.number in by_course
    today = timezone.localdate()
    window = f"issued_at_from={today - timedelta(days=1)}&issued_at_to={today}"
    assert certificate.number in client.get(f"{LIST}?{window}").content.decode()
    old = "issued_at_from=2000-01-01&issued_at_to=2000-12-31"
    assert certificate.number not in client.get(f"{LIST}?{old}").content.decode()


def test_listing_query_count_does_not_grow_with_rows(client, catalog, course, school_admin):
    def count_for(rows: int) -> int:
        Certificate.objects.all().update(status=Certificate.Status.REVOKED)
        for _ in range(rows):
            issue(completed_enrollment(course))
        with CaptureQueriesContext(connection) as context:
            response = client.get(f"{LIST}?status=issued")
        assert response.status_code == 200
        assert response.content.decode().count("/admin/certificates/inspect/") >= rows
        return len(context.captured_queries)

    client.force_login(school_admin)
    assert count_for(3) == count_for(30)


# --- Never deleted --------------------------------------------------------------------------


def test_nothing_can_be_added_edited_or_deleted(client, admin_user, certificate):
    client.force_login(admin_user)
    for url in (f"{LIST}new/", f"{LIST}edit/{certificate.pk}/", f"{LIST}delete/{certificate.pk}/"):
        assert client.get(url).status_code in (302, 403), url
    assert client.post(f"{LIST}delete/{certificate.pk}/").status_code in (302, 403)
    assert Certificate.objects.filter(pk=certificate.pk).exists()

    template = CertificateTemplate.objects.create(name="Old", html="<p>x</p>")
    assert client.post(f"{DESIGNS}delete/{template.pk}/").status_code in (302, 403)
    assert CertificateTemplate.objects.filter(pk=template.pk).exists()


# --- Designs --------------------------------------------------------------------------------


def design_data(**fields):
    return {
        "name": "Our design",
        "page_size": CertificateTemplate.PageSize.LETTER_LANDSCAPE,
        "html": "<h1>{{ kind_label }}</h1><p>{{ learner.name }} — {{ course.title }}</p>",
        "css": "h1 { color: #0b5d5b; }",
        **fields,
    }


def test_a_school_admin_creates_a_design_for_their_school_only(client, school, school_admin):
    other = provider_school(signature=False, name="Other", slug="other")
    client.force_login(school_admin)
    assert client.get(f"{DESIGNS}add/").status_code == 200

    refused = client.post(f"{DESIGNS}add/", design_data(school=other.pk))
    assert refused.status_code == 200 and not CertificateTemplate.objects.exists()
    response = client.post(f"{DESIGNS}add/", design_data(school=school.pk, is_default="on"))
    assert response.status_code == 302, response.content.decode()[:2000]
    design = CertificateTemplate.objects.get()
    assert design.school == school and design.is_default

    duplicate = client.post(
        f"{DESIGNS}add/", design_data(name="Second", school=school.pk, is_default="on")
    )
    assert "already the default design" in duplicate.content.decode()
    broken = client.post(f"{DESIGNS}add/", design_data(name="Broken", school=school.pk,
                                                       html="{% for x in %}"))  # fmt: skip
    assert "template error" in broken.content.decode()
    assert CertificateTemplate.objects.count() == 1


def test_designs_are_scoped(client, school, school_admin):
    ours = CertificateTemplate.objects.create(school=school, name="Ours", html="<p>ours</p>")
    shared = CertificateTemplate.objects.create(name="Shared", html="<p>shared</p>")
    other_school = provider_school(signature=False, name="Other", slug="other")
    theirs = CertificateTemplate.objects.create(school=other_school, name="Theirs", html="<p/>")

    client.force_login(school_admin)
    html = client.get(DESIGNS).content.decode()
    assert "Ours" in html and "Shared" in html and "Theirs" not in html
    assert client.get(f"{DESIGNS}edit/{ours.pk}/").status_code == 200
    assert client.get(f"{DESIGNS}edit/{shared.pk}/").status_code == 404  # read-only for schools
    assert client.get(f"{DESIGNS}inspect/{shared.pk}/").status_code == 200
    assert client.get(f"{DESIGNS}edit/{theirs.pk}/").status_code == 404
    assert client.get(f"{DESIGNS}inspect/{theirs.pk}/").status_code == 404
    assert client.get(f"{DESIGNS}history/{theirs.pk}/").status_code == 404
    assert client.get(f"{DESIGNS}preview-pdf/{theirs.pk}/").status_code == 404

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(f"{DESIGNS}edit/{theirs.pk}/").status_code == 200


def test_preview_pdf_renders_the_design_with_a_sample_and_stores_nothing(
    client, school, school_admin
):
    design = CertificateTemplate.objects.create(
        school=school,
        name="Preview me",
        html="<h1>{{ kind_label }}</h1><p>{{ learner.name }} at {{ provider.name }}</p>"
        "{% for a in provider.approvals %}<p>{{ a.body }} {{ a.provider_number }}</p>{% endfor %}",
    )
    client.force_login(school_admin)
    response = client.get(f"{DESIGNS}preview-pdf/{design.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pypdf.PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Jordan Sample at Gulf Coast NMT Institute" in text
    assert "NCBTMB AP-451200" in text
    assert not Certificate.objects.exists()
    assert "preview-pdf" in client.get(DESIGNS).content.decode()
