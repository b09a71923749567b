"""Every certificate URL, for everyone who might ask: the owner, another student, another
school's instructor, this school's instructor and admin, staff, and nobody at all."""

import pytest
from django.urls import reverse

from certificates.models import CertificateTemplate
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

LOGIN = "login"  # a redirect to a login page
DENIED = "denied"  # the admin's answer to a user without the permission (redirect or 403)


@pytest.fixture
def world(catalog, django_capture_on_commit_callbacks):
    school = provider_school(signature=False)
    course = approved_course(catalog, school)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue(completed_enrollment(course))
    certificate.refresh_from_db()
    other_school = provider_school(signature=False, name="Other", slug="other")
    design = CertificateTemplate.objects.create(school=school, name="Ours", html="<p>x</p>")
    return {
        "certificate": certificate,
        "design": design,
        "users": {
            "anonymous": None,
            "owner": certificate.student,
            "another student": UserFactory(),
            "other school's instructor": member(other_school, SchoolMembership.Role.ADMIN),
            "this school's instructor": member(school, SchoolMembership.Role.INSTRUCTOR),
            "this school's admin": member(school, SchoolMembership.Role.ADMIN),
            "staff": UserFactory(is_staff=True, is_superuser=True),
        },
    }


def outcome(response) -> str | int:
    if response.status_code == 302:
        location = response["Location"]
        if "login" in location:
            return LOGIN
        return DENIED if location.startswith("/admin/") else 302
    if response.status_code == 403:
        return DENIED
    return response.status_code


USERS = [
    "anonymous",
    "owner",
    "another student",
    "other school's instructor",
    "this school's instructor",
    "this school's admin",
    "staff",
]

# Expected answers, in the order of USERS. The learner's page belongs to the enrolled learner
# only; the PDF to the learner, the school's admins and instructors, and staff; verification
# to everyone; the admin to the school and staff, with actions for admins and staff.
EXPECTED = {
    "learner page": (LOGIN, 200, 404, 404, 404, 404, 404),
    "download by number": (LOGIN, 200, 404, 404, 200, 200, 200),
    "download by id": (LOGIN, 200, 404, 404, 200, 200, 200),
    "verify": (200, 200, 200, 200, 200, 200, 200),
    # Signed-in learners are refused in the admin (a login redirect would send them back).
    "admin inspect": (LOGIN, DENIED, DENIED, 404, 200, 200, 200),
    "admin revoke": (LOGIN, DENIED, DENIED, 404, DENIED, 200, 200),
    "admin reissue": (LOGIN, DENIED, DENIED, 404, DENIED, 200, 200),
    # Editing looks the design up among those the user may change: the school's instructors
    # edit its designs (README), another school's do not find them.
    "design edit": (LOGIN, DENIED, DENIED, 404, 200, 200, 200),
    "design preview": (LOGIN, DENIED, DENIED, 404, 200, 200, 200),
}


def urls(world) -> dict[str, str]:
    certificate, design = world["certificate"], world["design"]
    designs = "/admin/snippets/certificates/certificatetemplate"
    return {
        "learner page": reverse("certificates:course", args=[certificate.course_id]),
        "download by number": reverse("certificates:download", args=[certificate.number]),
        "download by id": reverse("certificates:download", args=[str(certificate.pk)]),
        "verify": reverse("certificates:verify", args=[certificate.verify_code]),
        "admin inspect": f"/admin/certificates/inspect/{certificate.pk}/",
        "admin revoke": f"/admin/certificates/revoke/{certificate.pk}/",
        "admin reissue": f"/admin/certificates/reissue/{certificate.pk}/",
        "design edit": f"{designs}/edit/{design.pk}/",
        "design preview": f"{designs}/preview-pdf/{design.pk}/",
    }


@pytest.mark.parametrize("name", list(EXPECTED))
def test_who_gets_what(client, world, name):
    url = urls(world)[name]
    answers = []
    for label in USERS:
        user = world["users"][label]
        client.logout()
        if user is not None:
            client.force_login(user)
        answers.append(outcome(client.get(url)))
    assert dict(zip(USERS, answers, strict=True)) == dict(zip(USERS, EXPECTED[name], strict=True))


@pytest.mark.parametrize("action", ["evaluation", "confirm"])
def test_learner_steps_are_for_the_enrolled_learner_only(client, world, action):
    url = reverse(f"certificates:{action}", args=[world["certificate"].course_id])
    assert outcome(client.post(url, {})) == LOGIN
    for label in ("another student", "this school's admin", "staff"):
        client.force_login(world["users"][label])
        assert client.post(url, {}).status_code == 404, label
    client.force_login(world["users"]["owner"])
    assert client.get(url).status_code == 405  # POST only


def test_a_revoked_pdf_stays_available_to_the_school_not_the_learner(client, world):
    from certificates import services

    certificate = world["certificate"]
    services.certificate_revoke(certificate=certificate, reason="Refunded")
    url = reverse("certificates:download", args=[certificate.number])
    client.force_login(world["users"]["owner"])
    assert client.get(url).status_code == 302
    client.force_login(world["users"]["this school's admin"])
    assert client.get(url).status_code == 200


def test_an_unknown_certificate_is_a_404_for_everyone(client, world):
    client.force_login(world["users"]["staff"])
    for key in ("NOPE-2020-000001", "999999"):
        assert client.get(reverse("certificates:download", args=[key])).status_code == 404
