"""A visitor and the demo student use the demo site in Chromium (test_accessibility.py sweeps
AXE_PAGES with axe-core and the reflow check)."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from demo.courses import nmt_course
from demo.courses.loader import DEMO_USERS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COURSE = nmt_course.COURSE  # the paid main course
LESSONS = [(module, lesson) for module in COURSE["modules"] for lesson in module["lessons"]]
PREVIEW = next(n for n, (_, lesson) in enumerate(LESSONS) if lesson["free_preview"])
LOCKED = next(
    n for n, (_, lesson) in enumerate(LESSONS[:-1]) if not lesson["free_preview"]
)  # a lesson with a next one
LOCKED_NOTICE = "This lesson is for enrolled students"
STUDENT_EMAIL = DEMO_USERS["student"]["email"]
STUDENT_PASSWORD = "e2e-student-password-7431"
SERIOUS = ("serious", "critical")


def course_path() -> str:
    return f"/courses/northfield/{COURSE['slug']}/"


def lesson_path(n: int) -> str:
    module, lesson = LESSONS[n]
    return f"{course_path()}{module['slug']}/{lesson['slug']}/"


def lesson_title(n: int) -> str:
    return LESSONS[n][1]["title"]


def first_heading(n: int) -> str:
    """Text from the lesson's body: its first heading block."""
    return next(value["text"] for kind, value in LESSONS[n][1]["body"] if kind == "heading")


def test_visitor_finds_the_course_and_reads_its_free_preview(page, live_server, demo_site):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Courses").click()
    expect(page).to_have_url(f"{live_server.url}/courses/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Courses")

    page.get_by_role("link", name=COURSE["title"], exact=True).click()
    expect(page).to_have_url(live_server.url + course_path())
    expect(page.get_by_role("heading", level=1)).to_have_text(COURSE["title"])
    syllabus = page.get_by_role("region", name="Syllabus")
    for module in COURSE["modules"]:
        expect(syllabus).to_contain_text(module["title"])
    expect(syllabus.get_by_text("Free preview")).to_have_count(
        sum(lesson["free_preview"] for _, lesson in LESSONS)
    )

    syllabus.get_by_role("link", name=lesson_title(PREVIEW), exact=True).click()
    expect(page).to_have_url(live_server.url + lesson_path(PREVIEW))
    expect(page.get_by_role("heading", level=1)).to_have_text(lesson_title(PREVIEW))
    expect(page.get_by_text("This is a free preview lesson.")).to_be_visible()
    expect(page.locator(".lesson .prose")).to_contain_text(first_heading(PREVIEW))
    outline = page.get_by_role("navigation", name="Course outline")
    for module in COURSE["modules"]:
        expect(outline).to_contain_text(module["title"])
    current = outline.get_by_role("link", name=lesson_title(PREVIEW), exact=True)
    expect(current).to_have_attribute("aria-current", "page")
    next_link = page.get_by_role("navigation", name="Lesson navigation").get_by_role(
        "link", name=re.compile(r"^Next lesson")
    )
    expect(next_link).to_contain_text(lesson_title(PREVIEW + 1))
    expect(next_link).to_have_attribute("href", lesson_path(PREVIEW + 1))

    response = page.goto(live_server.url + lesson_path(LOCKED))
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(lesson_title(LOCKED))
    expect(page.get_by_role("heading", name=LOCKED_NOTICE)).to_be_visible()
    expect(page.get_by_text(first_heading(LOCKED))).to_have_count(0)


def test_student_logs_in_and_reads_on(page, live_server, demo_site):
    student = get_user_model().objects.get(email=STUDENT_EMAIL)
    student.set_password(STUDENT_PASSWORD)  # outside DEBUG the loader sets a random one
    student.save()

    page.goto(live_server.url + lesson_path(LOCKED))
    expect(page.get_by_role("heading", name=LOCKED_NOTICE)).to_be_visible()
    page.get_by_role("note").get_by_role("link", name="Log in").click()
    page.get_by_label("Email").fill(STUDENT_EMAIL)
    page.get_by_label("Password").fill(STUDENT_PASSWORD)
    page.get_by_role("button", name=re.compile(r"sign in|log in", re.IGNORECASE)).click()

    expect(page).to_have_url(live_server.url + lesson_path(LOCKED))
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(lesson_title(LOCKED))
    expect(page.locator(".lesson .prose")).to_contain_text(first_heading(LOCKED))
    expect(page.get_by_text(LOCKED_NOTICE)).to_have_count(0)

    page.get_by_role("link", name=re.compile(r"^Next lesson")).click()
    expect(page).to_have_url(live_server.url + lesson_path(LOCKED + 1))
    expect(page.get_by_role("heading", level=1)).to_have_text(lesson_title(LOCKED + 1))
    expect(page.locator(".lesson .prose")).to_contain_text(first_heading(LOCKED + 1))


AXE_PAGES = {
    "home": "/",
    "catalog": "/courses/",
    "course": course_path(),
    "lesson": lesson_path(PREVIEW),
    "locked lesson": lesson_path(LOCKED),
    "login": "/accounts/login/",
    "404": "/no-such-page/",
}


# test_accessibility.py sweeps these pages (axe WCAG 2.1 A/AA and reflow at 320 px) with the rest.


def test_menu_toggle_opens_the_nav_on_a_phone(page, live_server, demo_site):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/")
    toggle = page.get_by_role("button", name="Menu")
    courses_link = page.get_by_role("navigation", name="Main").get_by_role("link", name="Courses")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(courses_link).to_be_hidden()

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(courses_link).to_be_visible()
