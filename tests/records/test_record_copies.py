"""A school reissues a certificate or a learner's transcript from the record: the values printed
at issue, even after the course, the school and the learner changed, or the account was deleted."""

import io

import pytest
from django.utils import timezone
from django.utils.html import escape
from pypdf import PdfReader

from certificates import pdf as certificate_pdf
from certificates.models import CertificateEvent
from certificates.services import certificate_revoke
from courses.models import AccreditingBody, CourseApproval
from records import copies as record_copies
from records.account_deletion import account_delete
from records.external_credit.services import external_credit_review
from schools.models import SchoolMembership
from tests.certificates.issue_helpers import (
    CE_DETAILS,
    approved_course,
    completed_enrollment,
    issue,
    member,
    provider_school,
)
from tests.factories import UserFactory
from tests.records.external_credit_helpers import add_credit

pytestmark = pytest.mark.django_db
APPROVED_TITLE = "Trigger Points of the Neck and Shoulder"


@pytest.fixture
def school(db):
    return provider_school()


@pytest.fixture
def certificate(catalog, school):
    course = approved_course(catalog, school)
    return issue(completed_enrollment(course, student=UserFactory()))


@pytest.fixture
def everything_changed(certificate, school):
    """The course, its approval, the school and the learner all changed after issue, and the
    learner then deleted their account."""
    course = certificate.course
    course.title = "A new page title"
    course.save()
    CourseApproval.objects.filter(course=course).update(approved_title="Renamed approval")
    school.name = "Renamed School"
    school.save()
    student = certificate.student
    student.legal_name = "Somebody Else"
    student.save()
    account_delete(user=student)
    return certificate


def url(school, certificate, kind="certificate"):
    if kind == "certificate":
        return f"/schools/{school.slug}/certificates/{certificate.pk}/copy.pdf"
    return f"/schools/{school.slug}/learners/{certificate.student_id}/transcript.pdf"


def test_the_copy_is_the_certificate_as_issued(everything_changed):
    html = record_copies.certificate_record_html(everything_changed)
    assert escape(CE_DETAILS["legal_name"]) in html
    assert APPROVED_TITLE in html
    assert "Gulf Coast NMT Institute" in html
    for changed in ("Somebody Else", "Renamed approval", "Renamed School", "A new page title"):
        assert changed not in html


def test_without_stored_html_the_copy_is_rebuilt_from_the_snapshot(everything_changed):
    everything_changed.rendered_html = ""
    html = record_copies.certificate_record_html(everything_changed)
    assert escape(CE_DETAILS["legal_name"]) in html and APPROVED_TITLE in html
    assert "Somebody Else" not in html and "Renamed approval" not in html


def test_a_school_admin_downloads_the_copy_and_it_is_logged(client, school, everything_changed):
    admin = member(school, SchoolMembership.Role.ADMIN)
    client.force_login(admin)
    response = client.get(url(school, everything_changed))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    event = everything_changed.events.get(action=CertificateEvent.Action.COPY_ISSUED)
    assert event.actor == admin


def test_the_transcript_copy_uses_the_certificates_not_todays_profile(
    client, school, everything_changed, monkeypatch
):
    rendered = {}

    def capture(*, html):
        rendered["html"] = html
        return b"%PDF-1.7 captured"

    monkeypatch.setattr(certificate_pdf, "report_to_pdf", capture)
    client.force_login(member(school, SchoolMembership.Role.INSTRUCTOR))
    response = client.get(url(school, everything_changed, "transcript"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    html = rendered["html"]
    assert escape(CE_DETAILS["legal_name"]) in html
    assert CE_DETAILS["licence_number"] in html
    assert "Neck and Shoulder Trigger Point Therapy" in html  # as Florida approved it
    assert "Reissued from the records of" in html
    assert "Somebody Else" not in html and "deleted-" not in html
    assert "Renamed approval" not in html


@pytest.fixture
def credit_elsewhere(certificate):
    """The learner's Florida credit from elsewhere: 2 h accepted, 4 h waiting, 5 h rejected."""
    learner = certificate.student
    florida = AccreditingBody.objects.get(abbreviation="FL-BMT")
    staff = UserFactory(is_staff=True)
    recent = timezone.localdate() - timezone.timedelta(days=10)
    kept = add_credit(learner=learner, body=florida, hours="2", completed_on=recent,
                      title="Ethics elsewhere")  # fmt: skip
    external_credit_review(credit=kept, reviewer=staff, accept=True)
    add_credit(
        learner=learner, body=florida, hours="4", completed_on=recent, title="Waiting course"
    )
    refused = add_credit(learner=learner, body=florida, hours="5", completed_on=recent,
                         title="Refused course")  # fmt: skip
    external_credit_review(credit=refused, reviewer=staff, accept=False, reason="Not legible")
    return certificate


def test_the_transcript_copy_lists_credit_from_elsewhere_as_the_learner_sees_it(
    client, school, credit_elsewhere
):
    client.force_login(member(school, SchoolMembership.Role.ADMIN))
    response = client.get(url(school, credit_elsewhere, "transcript"))
    assert response.status_code == 200
    text = _pdf_text(response.content)
    assert "5 of 24 CE hours" in text  # 3 h here and 2 h accepted; the 4 h waiting are not
    assert "Accepted from elsewhere (counted): 2 CE hours" in text
    assert "Self-reported, awaiting review (not counted): 4 CE hours" in text
    assert "Ethics elsewhere" in text and "Accepted from elsewhere" in text
    assert "Waiting course (Elsewhere Institute) FL-BMT: 4 CE hours" in text
    assert "Self-reported, awaiting review (not counted)" in text
    assert "Refused course" not in text  # rejected credit is no credit on a record copy
    assert "with the credit the practitioner reported from elsewhere" in text


def _pdf_text(content: bytes) -> str:
    return " ".join(
        " ".join((page.extract_text() or "").split())
        for page in PdfReader(io.BytesIO(content)).pages
    )


def test_the_transcript_copy_without_credit_elsewhere_says_nothing_of_it(
    client, school, certificate
):
    client.force_login(member(school, SchoolMembership.Role.ADMIN))
    text = _pdf_text(client.get(url(school, certificate, "transcript")).content)
    assert "Credit earned elsewhere" not in text and "from elsewhere" not in text


def test_the_transcript_copy_is_a_real_pdf(client, school, certificate):
    client.force_login(member(school, SchoolMembership.Role.ADMIN))
    response = client.get(url(school, certificate, "transcript"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_a_revoked_certificate_is_not_reissued(client, school, certificate):
    certificate_revoke(certificate=certificate, reason="Refunded")
    client.force_login(member(school, SchoolMembership.Role.ADMIN))
    response = client.get(url(school, certificate), follow=True)
    assert escape(record_copies.COPY_NOT_ISSUED) in response.content.decode()
    assert not certificate.events.filter(action=CertificateEvent.Action.COPY_ISSUED).exists()


@pytest.mark.parametrize("kind", ["certificate", "transcript"])
def test_reviewers_and_other_schools_are_refused(client, catalog, school, certificate, kind):
    client.force_login(member(school, SchoolMembership.Role.REVIEWER))
    assert client.get(url(school, certificate, kind)).status_code == 403
    other = provider_school(name="Other", slug="other", certificate_prefix="OTH")
    client.force_login(member(other, SchoolMembership.Role.ADMIN))
    assert client.get(url(school, certificate, kind)).status_code == 404
    # Through its own school's address, another school's certificate does not exist.
    assert client.get(url(other, certificate, kind)).status_code == 404


def test_the_register_links_to_the_copies(client, school, certificate):
    client.force_login(member(school, SchoolMembership.Role.ADMIN))
    page = client.get(f"/schools/{school.slug}/certificates/").content.decode()
    assert url(school, certificate) in page
    assert url(school, certificate, "transcript") in page
