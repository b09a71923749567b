"""A learner resumes a course from My courses in one click, and finds a course whose
prerequisite they have not completed locked with the reason and a link to it."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from courses.models import CoursePage, Enrollment, LessonPage, LessonVisit
from courses.services.progress import lesson_visit_record
from demo.courses import nmt_case_studies, nmt_course, nmt_in_30_minutes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EMAIL, PASSWORD = "resumer@example.com", "e2e-resume-5521"
SERIOUS = {"serious", "critical"}


def learner_part_way():
    """Enrolled on the free course with its first lesson read; nothing else done."""
    user = get_user_model().objects.create_user(EMAIL, PASSWORD)
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    course = CoursePage.objects.get(slug=nmt_in_30_minutes.COURSE["slug"])
    Enrollment.objects.create(student=user, course=course, source=Enrollment.Source.FREE)
    first, second = LessonPage.objects.live().descendant_of(course).order_by("path")[:2]
    lesson_visit_record(user=user, lesson=first, course=course)
    LessonVisit.objects.filter(student=user, lesson=first).update(seat_seconds=3600)
    return course, second


def test_learner_resumes_in_one_click_and_meets_a_locked_prerequisite(
    page, live_server, demo_site, axe_js
):
    course, next_lesson = learner_part_way()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile(r"sign in|log in", re.IGNORECASE)).click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    page.goto(live_server.url + "/my-courses/")
    row = page.locator(f'[data-course="{course.slug}"]')
    expect(row).to_contain_text("1 of 4 lessons completed")
    page.add_script_tag(path=str(axe_js))
    violations = page.evaluate("async () => (await axe.run()).violations")
    problems = [f"[{v['impact']}] {v['id']}" for v in violations if v["impact"] in SERIOUS]
    assert problems == []

    row.get_by_role("link", name=f"Continue: {next_lesson.title}").click()  # the one click
    expect(page).to_have_url(live_server.url + next_lesson.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(next_lesson.title)

    case_studies = CoursePage.objects.get(slug=nmt_case_studies.COURSE["slug"])
    foundations = CoursePage.objects.get(slug=nmt_course.COURSE["slug"])
    page.goto(live_server.url + case_studies.url)
    box = page.get_by_role("complementary", name="Enrolment")
    expect(box).to_contain_text(f"Complete “{foundations.title}” first")
    expect(box.get_by_role("button", name=re.compile("Enrol"))).to_have_count(0)
    expect(page.get_by_text("Opens 7 days after you enrol.")).to_be_visible()
    box.get_by_role("link", name=foundations.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(foundations.title)
