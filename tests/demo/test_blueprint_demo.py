"""The demo NMT course passes its own CE-hours and blueprint checks, and the editor says why."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from courses.models import CoursePage
from demo.courses import nmt_course
from quizzes.blueprint import course_compliance
from tests.factories import UserFactory


@pytest.mark.django_db
def test_demo_course_passes_hours_and_blueprint_and_the_admin_shows_why(client):
    call_command("load_demo")
    course = CoursePage.objects.get(slug=nmt_course.COURSE["slug"])
    report = course_compliance(course=course)
    assert report.is_ce and report.problems == []
    assert report.hours.total_hours >= max(claim.hours for claim in report.hours.claims)
    assert report.blueprint.questions >= report.blueprint.required_questions
    assert all(item.questions >= 1 for item in report.blueprint.objectives)
    assert len(report.blueprint.objectives) == len(nmt_course.COURSE["learning_objectives"])

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()
    assert "Ready for CE" in html and "Supportable CE hours" in html
    assert "NCBTMB approval" in html and "FL-BMT approval" in html
    assert "Identify red flags in a client history" in html
