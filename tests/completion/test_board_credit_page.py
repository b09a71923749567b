"""The learner's course page says, board by board, what the credit still needs, and asks which
boards they need when the course has more than one approval."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import AccreditingBody, CourseApproval
from courses.services import enrollment_credit_choose
from tests.certificates.issue_helpers import approved_course, completed_enrollment, provider_school
from tests.certificates.test_board_rules import final, florida, graded

__all__ = ["final"]  # the fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalog):
    return approved_course(catalog, provider_school(), requires_evaluation=False)


def page(client, enrollment) -> str:
    client.force_login(enrollment.student)
    response = client.get(enrollment.course.url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_says_what_the_stricter_board_still_needs(client, course, final):
    florida(course, pass_mark=80)
    enrollment = completed_enrollment(course)
    graded(final, enrollment.student, "0.75")
    html = page(client, enrollment)
    assert (
        "<strong>For the Florida Board of Massage Therapy:</strong> score at least 80 % on "
        "“Final assessment” (your grade so far: 75 %)." in html
    )
    assert 'data-board="NCBTMB" data-earned="yes"' in html
    assert "3 CE hours earned." in html


def test_the_learner_is_asked_for_their_boards_until_they_choose(client, course, final):
    enrollment = completed_enrollment(course)
    assert "This course is approved by 2 boards." in page(client, enrollment)
    ncbtmb = CourseApproval.objects.get(course=course, body__abbreviation="NCBTMB")
    enrollment_credit_choose(enrollment=enrollment, approval_ids=[ncbtmb.pk])
    html = page(client, enrollment)
    assert "This course is approved by" not in html and 'data-board="FL-BMT"' not in html


def test_the_boards_cost_the_same_queries_however_many(client, course, final):
    florida(course, pass_mark=80, requires_evaluation=True)
    enrollment = completed_enrollment(course)
    client.force_login(enrollment.student)
    client.get(course.url)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(course.url).status_code == 200
        return len(queries)

    before = count()
    for n in range(3):
        body = AccreditingBody.objects.create(abbreviation=f"B{n}", name=f"Board {n}")
        CourseApproval.objects.create(
            course=course, body=body, approved_title="T", ce_hours=Decimal(1), pass_mark=90,
            approval_number=f"N{n}", requires_evaluation=True,
        )  # fmt: skip
    assert count() == before
