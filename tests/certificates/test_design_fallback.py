"""A school's design never blocks a certificate: it renders in the task worker, not the
learner's request, and when it fails there the certificate is issued in the built-in design
and the school is told (on the design in its admin, and by e-mail)."""

from unittest import mock

import pytest
from django.urls import reverse

from certificates import rendering
from certificates.designs.services import FAILURE_SUBJECT, certificate_design_save
from certificates.models import Certificate, CertificateTemplate
from schools.models import SchoolMembership
from tests.certificates.issue_helpers import (
    CE_DETAILS,
    approved_course,
    completed_enrollment,
    issue,
    member,
    provider_school,
)

pytestmark = pytest.mark.django_db

DESIGNS = "/admin/snippets/certificates/certificatetemplate/"


@pytest.fixture
def school(db):
    return provider_school(signature=False)


@pytest.fixture
def course(catalog, school):
    return approved_course(catalog, school)


@pytest.fixture
def school_admin(school):
    return member(school, SchoolMembership.Role.ADMIN, email="head@school.example")


def old_design(school, html: str) -> CertificateTemplate:
    """A design stored before designs were checked on save (bypasses every check)."""
    return CertificateTemplate.objects.create(
        school=school, name="Old design", html=html, is_default=True
    )


def issued(course, capture, **user_fields) -> Certificate:
    with capture(execute=True):
        certificate = issue(completed_enrollment(course, **user_fields))
    certificate.refresh_from_db()
    return certificate


def design_failure_mail(outbox) -> list:
    return [m for m in outbox if m.subject.startswith(FAILURE_SUBJECT.split("%")[0])]


@pytest.mark.parametrize(
    "html",
    [
        "{% lorem 200000000 w random %}",  # refused by today's engine
        "{% querystring %}",
        "{% for c in learner.name %}{% for d in learner.name %}x{% endfor %}{% endfor %}",
        "{% for a, b in approvals %}{{ a }}{% endfor %}",  # fails only when rendered
    ],
    ids=["lorem", "querystring", "loop over a string", "unpacking"],
)
def test_a_failing_stored_design_still_gives_a_certificate_in_the_built_in_design(
    course, school, school_admin, html, django_capture_on_commit_callbacks, mailoutbox
):
    design = old_design(school, html)
    certificate = issued(course, django_capture_on_commit_callbacks)

    assert certificate.status == Certificate.Status.ISSUED
    assert certificate.pdf and certificate.pdf_rendered_at
    assert certificate.template is None  # the record says which design it carries
    assert "Maria Elena Okafor" in certificate.rendered_html
    assert "certificate" in certificate.rendered_html.lower()
    event = certificate.events.get(action="pdf_rendered")
    assert event.data["design_failed"] == design.pk

    design.refresh_from_db()
    assert design.failed_at is not None and design.failed_certificates == 1
    assert design.failure
    school_mail = design_failure_mail(mailoutbox)  # the learner's own e-mails aside
    assert len(school_mail) == 1
    mail = school_mail[0]
    assert mail.subject == FAILURE_SUBJECT % {"name": "Old design"}
    assert mail.to == ["head@school.example"]
    assert design.failure in mail.body and f"/edit/{design.pk}/" in mail.body


def test_later_failures_are_counted_without_another_mail_and_saving_clears_them(
    course, school, school_admin, django_capture_on_commit_callbacks, mailoutbox
):
    design = old_design(school, "{% lorem 99999 w %}")
    issued(course, django_capture_on_commit_callbacks)
    issued(course, django_capture_on_commit_callbacks)
    design.refresh_from_db()
    assert design.failed_certificates == 2 and len(design_failure_mail(mailoutbox)) == 1
    assert "{% lorem %}" in design.failure

    design.html = "<p>FIXED {{ learner.name }}</p>"
    certificate_design_save(design=design)
    design.refresh_from_db()
    assert (design.failed_at, design.failure, design.failed_certificates) == (None, "", 0)
    fixed = issued(course, django_capture_on_commit_callbacks)
    assert fixed.template == design and "FIXED Maria Elena Okafor" in fixed.rendered_html


def test_a_design_whose_pdf_fails_falls_back_too(
    course, school, django_capture_on_commit_callbacks
):
    design = certificate_design_save(
        design=CertificateTemplate(
            school=school, name="Ours", html="<p>OURS {{ learner.name }}</p>", is_default=True
        )
    )
    from certificates import pdf

    real = pdf.html_to_pdf

    def weasyprint_chokes_on_ours(html):
        if "OURS" in html:
            raise RuntimeError("layout failed")
        return real(html)

    with mock.patch.object(pdf, "html_to_pdf", side_effect=weasyprint_chokes_on_ours):
        certificate = issued(course, django_capture_on_commit_callbacks)
    assert certificate.pdf and certificate.template is None
    assert "OURS" not in certificate.rendered_html
    design.refresh_from_db()
    assert "its PDF could not be made: layout failed" in design.failure


def test_the_school_sees_the_failure_in_its_admin(
    client, course, school, school_admin, django_capture_on_commit_callbacks
):
    design = old_design(school, "{% querystring %}")
    client.force_login(school_admin)
    assert "Last failure" not in client.get(f"{DESIGNS}edit/{design.pk}/").content.decode()

    issued(course, django_capture_on_commit_callbacks)
    edit = client.get(f"{DESIGNS}edit/{design.pk}/").content.decode()
    assert "Last failure: certificates were issued in the built-in design" in edit
    assert "querystring" in edit
    assert "querystring" in client.get(f"{DESIGNS}inspect/{design.pk}/").content.decode()
    home = client.get("/admin/").content.decode()
    assert "Certificate designs that failed" in home and "Old design" in home
    assert f"/edit/{design.pk}/" in home


def test_another_school_does_not_see_the_failure(
    client, course, school, django_capture_on_commit_callbacks
):
    old_design(school, "{% querystring %}")
    issued(course, django_capture_on_commit_callbacks)
    other = provider_school(signature=False, name="Other", slug="other")
    client.force_login(member(other, SchoolMembership.Role.ADMIN))
    assert "Certificate designs that failed" not in client.get("/admin/").content.decode()


def test_issuing_from_the_learners_page_does_not_render_the_design_in_the_request(
    client, course, school, django_capture_on_commit_callbacks
):
    design = certificate_design_save(
        design=CertificateTemplate(
            school=school, name="Ours", html="<p>OURS {{ learner.name }}</p>", is_default=True
        )
    )
    enrollment = completed_enrollment(course)
    from certificates import services

    certificate = services.certificate_create_pending(enrollment=enrollment)
    from tests.certificates.issue_helpers import GOOD_RATINGS

    services.course_evaluation_submit(enrollment=enrollment, ratings=GOOD_RATINGS)
    client.force_login(enrollment.student)
    page = reverse("certificates:course", args=[course.pk])

    with mock.patch.object(
        rendering, "render_design", wraps=rendering.render_design
    ) as render_design:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            response = client.post(
                reverse("certificates:confirm", args=[course.pk]), {**CE_DETAILS, "confirm": "on"}
            )
        assert response.status_code == 302
        assert render_design.call_count == 0  # nothing of the design ran in the request
        certificate.refresh_from_db()
        assert certificate.status == Certificate.Status.ISSUED and not certificate.pdf
        assert "being prepared" in client.get(page).content.decode()
        assert render_design.call_count == 0

        for callback in callbacks:
            callback()  # the task worker
        assert render_design.call_count == 1
    certificate.refresh_from_db()
    assert certificate.pdf and certificate.template == design
    assert "OURS Maria Elena Okafor" in certificate.rendered_html
    assert "being prepared" not in client.get(page).content.decode()


def test_the_admin_form_refuses_the_reported_attacks_naming_them(client, school, school_admin):
    client.force_login(school_admin)
    attacks = {
        '{% for c in "a"|rjust:3000 %}x{% endfor %}': "the filter |rjust is not allowed",
        "<p>\n{{ learner.name|rjust:200000000 }}</p>": "Line 2: the filter |rjust",
        "<p>\n\n{% lorem 200000000 w %}</p>": "Line 3: the tag {% lorem %} is not allowed",
        "{% querystring %}": "the tag {% querystring %} is not allowed",
        "{% for a, b in approvals %}{% endfor %}": "Need 2 values to unpack",
    }
    for html, message in attacks.items():
        response = client.post(
            f"{DESIGNS}add/",
            {"name": "Attack", "school": school.pk, "page_size": "A4 portrait", "html": html},
        )
        assert response.status_code == 200
        assert message in response.content.decode(), html
    assert not CertificateTemplate.objects.exists()
