"""A student answers by keyboard in Chromium; autosave keeps every answer across a reload."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, ensure_wagtail_roots

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture
def served_quiz(live_server, transactional_db):
    from wagtail.models import Site

    from courses.models import ModulePage
    from quizzes.models import QuestionBank
    from tests.conftest import build_course
    from tests.factories import (
        CourseIndexPageFactory,
        EnrollmentFactory,
        HomePageFactory,
        SchoolFactory,
    )
    from tests.quizzes.conftest import make_question, make_quiz

    ensure_wagtail_roots()
    from wagtail.models import Page

    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(parent=Page.get_first_root_node())
    address = urlsplit(live_server.url)
    Site.objects.all().delete()
    Site.objects.create(
        hostname=address.hostname, port=address.port, root_page=home, is_default_site=True
    )
    course = build_course(CourseIndexPageFactory(parent=home), modules=1, lessons_per_module=1)
    bank = QuestionBank.objects.create(school=SchoolFactory(), name="Bank")
    quiz = make_quiz(
        ModulePage.objects.child_of(course).first(),
        questions=[make_question(bank), make_question(bank, "hotspot")],
        shuffle_answers=False,
    )
    student = EnrollmentFactory(course=course).student
    yield quiz, student
    ensure_wagtail_roots()


def test_keyboard_hotspot_and_autosave_survive_a_reload(page, live_server, served_quiz):
    quiz, student = served_quiz
    client = Client()
    client.force_login(student)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.goto(live_server.url + quiz.url)
    page.get_by_role("button", name="Start the quiz").click()
    # quiz.js (deferred) listens for answers once the attempt page has loaded: a change made
    # before that is never autosaved (seen once under CI's load).
    page.wait_for_url("**/quizzes/attempts/*/")
    page.wait_for_load_state("load")
    page.get_by_label("Trigger point").check()
    expect(page.locator("fieldset[data-question='1'] .question__saved")).to_contain_text("Saved")

    marker = page.get_by_role("button", name="Marker")
    marker.focus()
    for _ in range(4):
        marker.press("ArrowLeft")  # from the middle (50, 50) to (46, 50)
    marker.press("Shift+ArrowUp")
    live = page.locator(".hotspot__position")
    expect(live).to_have_text("Marker at 46% across, 45% down.")
    expect(page.locator("fieldset[data-question='2'] .question__saved")).to_contain_text("Saved")
    assert "regions" not in page.content() and '"fraction"' not in page.content()

    page.reload()
    expect(page.get_by_label("Trigger point")).to_be_checked()
    expect(page.get_by_label("Across (% from the left)")).to_have_value("46")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_text("Score:")).to_contain_text("1 / 2")
