"""The boards a learner usually needs are remembered on the boards page and chosen for them on
each new enrolment wherever those boards approve the course."""

from decimal import Decimal

import pytest

from courses.models import AccreditingBody, CourseApproval, LearnerBoard
from courses.services import enrollment_create, enrollment_grant_paid
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def approved(catalog, title, *abbreviations):
    course = build_course(catalog, title=title, ce_hours=Decimal("3"))
    course.price = Decimal("0")
    course.save_revision().publish()
    for abbreviation in abbreviations:
        body, _ = AccreditingBody.objects.get_or_create(
            abbreviation=abbreviation, defaults={"name": abbreviation + " board"}
        )
        CourseApproval.objects.create(
            course=course, body=body, approved_title=title, ce_hours=Decimal("3"),
            approval_number=f"{abbreviation}-{title}",
        )  # fmt: skip
    return course


def test_remembered_boards_are_chosen_on_the_next_enrolments(client, catalog):
    first = approved(catalog, "Neck", "NCBTMB", "FL-BMT", "TX-DLR")
    enrollment = EnrollmentFactory(course=first, student=UserFactory())
    client.force_login(enrollment.student)
    florida = CourseApproval.objects.get(course=first, body__abbreviation="FL-BMT")
    response = client.post(
        f"/my-courses/{enrollment.pk}/boards/", {"approval": [florida.pk], "remember": "1"}
    )
    assert response.status_code == 302
    assert [b.body.abbreviation for b in LearnerBoard.objects.filter(user=enrollment.student)] == [
        "FL-BMT"
    ]

    second = approved(catalog, "Back", "NCBTMB", "FL-BMT")
    new = enrollment_create(user=enrollment.student, course=second)
    assert [a.body.abbreviation for a in new.credit_approvals.all()] == ["FL-BMT"]
    third = approved(catalog, "Hip", "NCBTMB")  # Florida did not approve it: every approval
    paid = enrollment_grant_paid(user=enrollment.student, course=third)
    assert not paid.credit_approvals.exists()


def test_without_remember_the_defaults_stay(client, catalog):
    course = approved(catalog, "Neck", "NCBTMB", "FL-BMT")
    enrollment = EnrollmentFactory(course=course, student=UserFactory())
    client.force_login(enrollment.student)
    ncbtmb = CourseApproval.objects.get(course=course, body__abbreviation="NCBTMB")
    client.post(f"/my-courses/{enrollment.pk}/boards/", {"approval": [ncbtmb.pk]})
    assert not LearnerBoard.objects.exists()
    html = client.get(f"/my-courses/{enrollment.pk}/boards/").content.decode()
    assert 'for="remember-boards"' in html
