"""Every learner and instructor page of the demo, and the forms' invalid states, under axe-core
(WCAG 2.1 A/AA, serious or critical fails) and the 320 px reflow check (tests/e2e/accessibility.py).

One demo load per test; each test collects every problem of its pages and reports them at once.
The attempt and review pages are the post-test's, swept by its own tests.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from courses.models import CoursePage
from demo.courses import nmt_course
from demo.courses.loader import DEMO_USERS
from quizzes.models import QuizKind, QuizPage
from tests.e2e.accessibility import sweep
from tests.e2e.test_learner_journey import AXE_PAGES

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "e2e-a11y-sweep-5521"
SCHOOL = "northfield"
LOG_IN = re.compile(r"^log in$", re.I)


def log_in(page, base: str, role: str) -> None:
    user = get_user_model().objects.get(email=DEMO_USERS[role]["email"])
    user.set_password(PASSWORD)
    user.save()
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=LOG_IN).click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def visit_all(page, base: str, axe_js, pages: dict[str, str]) -> list[str]:
    problems = []
    for name, path in pages.items():
        response = page.goto(base + path)
        assert response.status in (200, 403, 404), f"{name} ({path}): {response.status}"
        problems += sweep(page, axe_js, name)
    return problems


def report(problems: list[str]) -> str:
    return "Accessibility problems (axe WCAG 2.1 A/AA, reflow at 320 px):\n" + "\n".join(problems)


def test_public_pages_and_failed_forms(page, live_server, demo_site, axe_js):
    base = live_server.url
    problems = visit_all(page, base, axe_js, {**AXE_PAGES, "sign up": "/accounts/signup/"})

    page.goto(base + "/accounts/signup/")
    page.get_by_label("Email").fill("new.learner@example.com")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Password (again)").fill("different")
    page.get_by_role("button", name="Sign up").last.click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator("[data-error-summary]")).to_be_focused()
    problems += sweep(page, axe_js, "sign-up, invalid")

    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill("nobody@example.com")
    page.get_by_label("Password").fill("wrong-password")
    page.get_by_role("button", name=LOG_IN).click()
    expect(page.get_by_label("Password")).to_have_attribute("aria-invalid", "true")
    problems += sweep(page, axe_js, "login, failed")

    assert not problems, report(problems)


def test_learner_pages_and_failed_forms(page, live_server, demo_site, axe_js):
    base = live_server.url
    log_in(page, base, "student")
    course = CoursePage.objects.get(slug=nmt_course.COURSE["slug"])
    quizzes = QuizPage.objects.live().descendant_of(course)
    module_quiz = quizzes.filter(kind=QuizKind.MODULE_QUIZ).first()
    final = quizzes.filter(kind=QuizKind.FINAL_ASSESSMENT).first()
    pages = {
        "my courses": reverse("courses:my_courses"),
        "course, enrolled": course.url,
        "quiz start page": module_quiz.url,
        "final start page": final.url,
        "transcript": reverse("transcripts:transcript"),
        "transcript links": reverse("transcripts:shares"),
        "profile": reverse("accounts:profile"),
        "usual boards": reverse("courses:default_boards"),
        "two-factor": reverse("mfa_index"),
        "e-mail addresses": reverse("account_email"),
        "change password": reverse("account_change_password"),
        "certificate": reverse("certificates:course", args=[course.pk]),
    }
    problems = visit_all(page, base, axe_js, pages)

    page.goto(base + reverse("accounts:profile"))
    page.get_by_label("Country").fill("U1")
    page.get_by_role("button", name="Save profile").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    problems += sweep(page, axe_js, "profile, invalid")

    # A board that no longer exists (deleted while the page was open): the form's error state.
    page.goto(base + reverse("courses:default_boards"))
    page.locator('input[name="bodies"]').first.evaluate("(box) => { box.value = '999999'; }")
    page.locator('input[name="bodies"]').first.check()
    page.get_by_role("button", name="Save my usual boards").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    problems += sweep(page, axe_js, "usual boards, invalid")

    page.goto(base + reverse("account_change_password"))
    page.get_by_role("button", name=re.compile("change password", re.I)).click()
    problems += sweep(page, axe_js, "change password, invalid")

    assert not problems, report(problems)


def test_instructor_pages(page, live_server, demo_site, axe_js):
    base = live_server.url
    log_in(page, base, "instructor")
    course = CoursePage.objects.get(slug=nmt_course.COURSE["slug"])
    final = QuizPage.objects.live().descendant_of(course).get(kind=QuizKind.FINAL_ASSESSMENT)
    at_course = {"school_slug": SCHOOL, "course_id": course.pk}
    at_school = {"school_slug": SCHOOL}
    pages = {
        "dashboard": reverse("dashboard:course", kwargs=at_course),
        "students": reverse("dashboard:students", kwargs=at_course),
        "gradebook": reverse("quizzes:gradebook", args=[course.pk]),
        "item analysis": reverse("quizzes:item_analysis", args=[final.pk]),
        "attempts": reverse("quizzes:attempt_list", args=[final.pk]),
        "school": reverse("transcripts:school", kwargs=at_school),
        "register": reverse("transcripts:register", kwargs=at_school),
        "completions": reverse("transcripts:completions", kwargs=at_school),
        "reporting": reverse("transcripts:reporting", kwargs=at_school),
        "seat pools": reverse("seats:pools"),
        "live sessions": reverse("live:sessions", args=[course.pk]),
    }
    problems = visit_all(page, base, axe_js, pages)

    assert not problems, report(problems)


def test_escape_closes_the_mobile_menu(page, live_server, demo_site):
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(live_server.url + "/courses/")
    toggle = page.get_by_role("button", name="Menu")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")

    page.keyboard.press("Escape")

    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
