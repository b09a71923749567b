"""Every kind of page under the Content-Security-Policy, in Chromium, without bypassing it.

Chromium logs each refused script, style, frame or form target to the console ("... violates
the following Content Security Policy directive ..."); the test collects those from every page
a visitor, the demo student and the demo instructor open, and checks that the pages' own
JavaScript still works: the menu toggles, an answer autosaves, a chooser modal opens.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from certificates.models import Certificate
from courses.models import CoursePage
from demo.courses import nmt_course
from demo.courses.loader import DEMO_USERS
from quizzes.models import Attempt, QuizKind, QuizPage
from schools.models import School

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "e2e-csp-7719"
COURSE_PATH = f"/courses/northfield/{nmt_course.COURSE['slug']}/"
VIOLATION = "Content Security Policy"


class Watch:
    """A context without bypass_csp, and every CSP message or script error its pages log."""

    def __init__(self, browser, base_url: str):
        self.context = browser.new_context(bypass_csp=False)
        self.page = self.context.new_page()
        self.base_url = base_url
        self.problems: list[str] = []
        self.where = ""
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"{self.where}: {error}"))

    def _console(self, message) -> None:
        if VIOLATION in message.text:
            self.problems.append(f"{self.where}: {message.text}")

    def open(self, name: str, path: str, status: int = 200):
        self.where = f"{name} ({path})"
        response = self.page.goto(self.base_url + path)
        assert response.status == status, f"{self.where}: {response.status}"
        self.page.wait_for_load_state("load")
        assert response.headers.get("content-security-policy"), f"{self.where}: no CSP"
        return self.page

    def log_in(self, email: str) -> None:
        self.open("login", "/accounts/login/")
        self.page.get_by_label("Email").fill(email)
        self.page.get_by_label("Password").fill(PASSWORD)
        self.page.get_by_role("button", name=re.compile(r"sign in|log in", re.I)).click()
        expect(self.page.get_by_role("button", name="Log out")).to_be_visible()


def demo_user(role: str):
    user = get_user_model().objects.get(email=DEMO_USERS[role]["email"])
    user.set_password(PASSWORD)  # outside DEBUG the loader sets a random one
    user.save()
    return user


def visit_as_visitor(watch: Watch) -> None:
    page = watch.open("home", "/")
    page.set_viewport_size({"width": 390, "height": 844})
    toggle = page.get_by_role("button", name="Menu")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()  # site.js
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.set_viewport_size({"width": 1280, "height": 900})
    watch.open("catalog", "/courses/")
    watch.open("course", COURSE_PATH)
    watch.open("404", "/no-such-page/", status=404)


def go_to_question(page, order: int) -> None:
    """Through the question panel: on this page it focuses the question, else it posts."""
    page.locator(f"[data-nav-question='{order}']").click()
    expect(page.locator(f"fieldset[data-question='{order}']")).to_be_visible()
    page.wait_for_load_state("load")


def visit_as_student(watch: Watch, live_server) -> None:
    student = demo_user("student")
    watch.log_in(student.email)
    course = CoursePage.objects.get(slug=nmt_course.COURSE["slug"])
    module = nmt_course.COURSE["modules"][0]
    lesson = module["lessons"][0]
    watch.open("enrolled lesson", f"{COURSE_PATH}{module['slug']}/{lesson['slug']}/")

    final = QuizPage.objects.get(kind=QuizKind.FINAL_ASSESSMENT, slug="final-assessment")
    page = watch.open("final assessment", final.url)
    page.get_by_role("button", name="Start a new attempt").click()
    watch.where = "quiz attempt"
    expect(page.locator("fieldset[data-question]")).to_have_count(final.questions_per_page)
    page.wait_for_load_state("load")
    attempt = Attempt.objects.get(quiz=final, student=student, state=Attempt.State.IN_PROGRESS)
    slots = {slot.question_version.qtype: slot for slot in attempt.slots.all()}
    assert {"hotspot", "ordering"} <= set(slots)

    go_to_question(page, slots["hotspot"].order)  # the panel saves the page and moves on
    hotspot = page.locator(f"fieldset[data-question='{slots['hotspot'].order}']")
    hotspot.locator(".hotspot__area").click(position={"x": 20, "y": 20})  # quiz.js
    expect(hotspot.get_by_label("Across (% from the left)")).not_to_have_value("")
    expect(hotspot.locator(".question__saved")).to_contain_text("Saved at")
    go_to_question(page, slots["ordering"].order)
    ordering = page.locator(f"fieldset[data-question='{slots['ordering'].order}']")
    selects = ordering.locator("select")
    for position in range(selects.count()):
        selects.nth(position).select_option(str(position + 1))
    ordering.dispatch_event("change")  # the last save holds the whole order (the note is its)
    expect(ordering.locator(".question__saved")).to_contain_text("Saved at")

    passed = Attempt.objects.filter(quiz=final, student=student, state=Attempt.State.SUBMITTED)
    first = passed.order_by("number").first()
    watch.open("review", first_review_path(page, watch, final, first))
    watch.open("certificate", f"/certificates/course/{course.pk}/")
    certificate = Certificate.objects.filter(student=student).first()
    if certificate is not None and certificate.verify_code:
        watch.open("verify", f"/certificates/verify/{certificate.verify_code}/")
    watch.open("transcript", "/transcript/")
    watch.open("my courses", "/my-courses/")


def first_review_path(page, watch: Watch, final, attempt) -> str:
    """The review link of the quiz page, as the student follows it."""
    page = watch.open("quiz page", final.url)
    link = page.get_by_role("link", name=f"Review attempt {attempt.number}")
    return link.get_attribute("href").removeprefix(watch.base_url)


def visit_as_instructor(watch: Watch) -> None:
    instructor = demo_user("instructor")
    watch.log_in(instructor.email)
    school = School.objects.get(slug="northfield")
    course = CoursePage.objects.get(slug=nmt_course.COURSE["slug"])
    watch.open("instructor dashboard", f"/dashboard/schools/{school.slug}/courses/{course.pk}/")
    watch.open("course page with the userbar", COURSE_PATH)
    page = watch.open("Wagtail dashboard", "/admin/")
    expect(page.locator("#wagtail-sidebar")).to_be_attached()
    page = watch.open("page editor", f"/admin/pages/{course.pk}/edit/")
    expect(page.get_by_role("button", name=re.compile("Save draft"))).to_be_visible()
    watch.where = "image chooser modal"
    # The cover image is chosen already: its "Choose another" sits in a closed dropdown.
    with page.expect_response(lambda r: "/admin/images/chooser/" in r.url) as chooser:
        chooser_button = "#id_cover_image-chooser [data-chooser-action-choose]"
        page.locator(chooser_button).first.dispatch_event("click")
    assert chooser.value.status == 200, chooser.value.status
    expect(page.locator(".modal-dialog")).to_be_visible()
    expect(page.locator(".modal-dialog")).to_contain_text("Choose an image", timeout=20_000)
    watch.open("snippet listing", "/admin/snippets/schools/instructor/")


def test_no_page_breaks_the_content_security_policy(browser, live_server, demo_site):
    watch = Watch(browser, live_server.url)
    try:
        visit_as_visitor(watch)
        visit_as_student(watch, live_server)
        watch.context.clear_cookies()
        visit_as_instructor(watch)
    finally:
        watch.context.close()
    assert not watch.problems, "CSP violations or script errors:\n" + "\n".join(watch.problems)
