"""Issue 14 item 1 in Chromium: questions whose every field holds the XSS corpus, opened on
the attempt page, the review page and the instructor's preview. Half the questions went
through the service; the other half were stored as main stored them (data as typed), so
the pages must be safe even with rows the migration has not cleaned."""

import contextlib
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, ensure_wagtail_roots
from tests.quizzes.xss_corpus import PAYLOADS, QTYPES, data_with

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
ALL_AT_ONCE = " ".join(PAYLOADS)
# Elements and attributes the corpus would need to run anything; the hotspot's own <svg> of
# regions is drawn by our template, not by a field.
FOUND_IN_QUESTIONS = """() => {
  const found = [];
  for (const box of document.querySelectorAll("fieldset.question, .review-item")) {
    for (const el of box.querySelectorAll("*")) {
      if (["SCRIPT", "IFRAME", "OBJECT", "EMBED", "STYLE", "MATH", "META", "BASE", "FORM",
           "NOSCRIPT", "DETAILS"].includes(el.tagName.toUpperCase())) found.push(el.outerHTML);
      if (el.tagName.toLowerCase() === "svg" && !el.classList.contains("hotspot__regions"))
        found.push(el.outerHTML);
      for (const attr of el.attributes) {
        const value = attr.value.replace(/[\\s\\u0000-\\u001f]/g, "").toLowerCase();
        if (attr.name.toLowerCase().startsWith("on") || attr.name === "srcdoc" ||
            /^(javascript|data|vbscript):/.test(value)) found.push(el.outerHTML);
      }
    }
  }
  return found;
}"""


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


def _answers(qtype: str, order: int, data: dict) -> dict:
    """Form fields that pick the answers carrying feedback."""
    name = f"q{order}"
    return {
        "single_choice": {name: ["0"]},
        "multiple_response": {name: ["0", "1"]},
        "true_false": {name: ["true"]},
        "short_answer": {name: [data.get("answers", [{}])[0].get("text", "x")]},
        "numerical": {name: ["30"]},
        "hotspot": {f"{name}-x": ["30"], f"{name}-y": ["40"]},
        "essay": {name: ["An essay."]},
    }.get(qtype, {})


@pytest.fixture
def xss_quiz(live_server, transactional_db):
    from wagtail.models import Page, Site

    from courses.models import ModulePage
    from quizzes.models import QuestionBank, QuestionVersion
    from quizzes.services.attempts import attempt_save_response, attempt_start, attempt_submit
    from quizzes.services.questions import question_create
    from schools.models import SchoolMembership
    from tests.conftest import build_course
    from tests.factories import (
        CourseIndexPageFactory,
        EnrollmentFactory,
        HomePageFactory,
        SchoolFactory,
        SchoolMembershipFactory,
        UserFactory,
    )
    from tests.quizzes.conftest import make_quiz

    ensure_wagtail_roots()
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(parent=Page.get_first_root_node())
    address = urlsplit(live_server.url)
    Site.objects.all().delete()
    Site.objects.create(
        hostname=address.hostname, port=address.port, root_page=home, is_default_site=True
    )
    course = build_course(CourseIndexPageFactory(parent=home), modules=1, lessons_per_module=1)
    school = SchoolFactory()
    bank = QuestionBank.objects.create(school=school, name="Bank")
    questions = []
    for legacy in (False, True):
        for qtype in QTYPES:
            mark = 0 if qtype == "description" else 1
            question = question_create(
                bank=bank, name=f"{qtype} {legacy}", qtype=qtype,
                data=data_with(qtype, ALL_AT_ONCE), stem=f"<p>{ALL_AT_ONCE}</p>",
                general_feedback=ALL_AT_ONCE, default_mark=mark,
            )  # fmt: skip
            if legacy:  # as main stored it: data as typed, past the sanitiser
                QuestionVersion.objects.filter(pk=question.current_version_id).update(
                    data=data_with(qtype, ALL_AT_ONCE), stem=ALL_AT_ONCE,
                    general_feedback=ALL_AT_ONCE,
                )  # fmt: skip
            questions.append(question)
    quiz = make_quiz(
        ModulePage.objects.child_of(course).first(), questions=questions, shuffle_answers=False
    )
    student = EnrollmentFactory(course=course).student
    attempt = attempt_start(quiz=quiz, user=student)
    for slot in attempt.slots.select_related("question_version"):
        version = slot.question_version
        fields = _answers(version.qtype, slot.order, version.data)
        # A legacy row the form cannot answer is still shown on the review page.
        with contextlib.suppress(ValidationError):
            attempt_save_response(
                attempt=attempt, slot_order=slot.order, fields=lambda n, f=fields: f.get(n, [])
            )
    attempt_submit(attempt=attempt)
    access = Group.objects.create(name="Admin access")
    access.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    instructor = UserFactory()
    instructor.groups.add(access)
    SchoolMembershipFactory(school=school, user=instructor, role=SchoolMembership.Role.INSTRUCTOR)
    yield {"quiz": quiz, "student": student, "attempt": attempt, "questions": questions,
           "instructor": instructor}  # fmt: skip
    ensure_wagtail_roots()


def _log_in(context, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


class Watch:
    """Dialogs opened and the flag, for every page a context opens."""

    def __init__(self, context):
        self.dialogs = []
        context.on("page", self._page)

    def _page(self, page):
        page.on("dialog", self._dialog)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def check(self, page, *, questions: int) -> None:
        page.wait_for_load_state("load")
        assert page.evaluate("() => window.__xss") is None
        assert self.dialogs == []
        assert page.evaluate(FOUND_IN_QUESTIONS) == []
        assert page.locator("fieldset.question").count() == questions  # no markup broke out


def test_corpus_never_runs_on_attempt_review_or_preview(browser, live_server, xss_quiz):
    quiz, questions = xss_quiz["quiz"], xss_quiz["questions"]
    student = browser.new_context()
    watch = Watch(student)
    _log_in(student, live_server, xss_quiz["student"])
    page = student.new_page()
    review = reverse("quizzes:review", args=[xss_quiz["attempt"].pk])
    page.goto(live_server.url + review)
    watch.check(page, questions=len(questions))
    assert page.locator(".review-item__feedback").count() >= 10  # the feedback is shown

    page.goto(live_server.url + quiz.url)
    page.get_by_role("button", name="Start a new attempt").click()
    page.wait_for_url("**/attempts/**")
    watch.check(page, questions=len(questions))
    student.close()

    teacher = browser.new_context()
    watch = Watch(teacher)
    _log_in(teacher, live_server, xss_quiz["instructor"])
    page = teacher.new_page()
    for question in questions:
        page.goto(live_server.url + reverse("quizzes_question:preview", args=[question.pk]))
        watch.check(page, questions=1)
    teacher.close()
