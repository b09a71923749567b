"""The learner chooses the boards for a course's CE credit on their own enrolment."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from courses.models import AccreditingBody, CourseApproval
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(catalog):
    course = build_course(catalog, title="Neck", ce_hours=Decimal("3"))
    approvals = {}
    for abbreviation, hours in (("NCBTMB", "6.5"), ("FL-BMT", "10"), ("TX-DLR", "2")):
        body = AccreditingBody.objects.create(abbreviation=abbreviation, name=abbreviation + " b")
        approvals[abbreviation] = CourseApproval.objects.create(
            course=course,
            body=body,
            approved_title="Neck",
            ce_hours=Decimal(hours),
            approval_number=abbreviation + "-1",
        )
    approvals["TX-DLR"].expires_on = timezone.localdate() - timedelta(days=1)
    approvals["TX-DLR"].save()
    enrollment = EnrollmentFactory(course=course, student=UserFactory())
    return course, approvals, enrollment


def test_the_learner_chooses_their_boards(client, setup, django_assert_max_num_queries):
    _, approvals, enrollment = setup
    url = f"/my-courses/{enrollment.pk}/boards/"
    client.force_login(enrollment.student)
    with django_assert_max_num_queries(
        11
    ):  # session, user, base page, enrolment, chosen, approvals
        html = client.get(url).content.decode()
    assert "NCBTMB-1" in html and "FL-BMT-1" in html and "TX-DLR-1" not in html
    response = client.post(url, {"approval": [approvals["FL-BMT"].pk]})
    assert response.status_code == 302
    assert list(enrollment.credit_approvals.all()) == [approvals["FL-BMT"]]
    bad = client.post(url, {"approval": [approvals["TX-DLR"].pk]})  # expired
    assert bad.status_code == 400 and "current approvals" in bad.content.decode()
    assert list(enrollment.credit_approvals.all()) == [approvals["FL-BMT"]]


def test_only_the_learner_reaches_their_enrolment(client, setup):
    _, _, enrollment = setup
    url = f"/my-courses/{enrollment.pk}/boards/"
    assert client.get(url).status_code == 302  # to login
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert client.post(url, {"approval": []}).status_code == 404
