"""The paged post-test in Chromium: a keyboard-only run from the start page to the review, a
hotspot answered from its labelled list, extra time that the learner sees and the server
honours, and axe-core on the start, attempt and review pages."""

import time
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from quizzes.models import Attempt
from tests.e2e.conftest import ensure_wagtail_roots
from tests.quizzes.test_drafts_and_hotspot_list import LABELLED_HOTSPOT, MATCHING, ORDERING

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SERIOUS = ("serious", "critical")
MAX_TABS = 40  # a question anywhere in the attempt is this few key presses away, or fewer
DISPATCH_SECONDS = 30  # as long as the browser assertions wait (tests/conftest.py)


def dispatch_until(page, condition) -> None:
    """Wait until a route handler has run: Python-side handlers run only while Playwright
    dispatches its events, which it does during each call to the browser, so the calls wait
    one animation frame each rather than a fixed time."""
    deadline = time.monotonic() + DISPATCH_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"not met within {DISPATCH_SECONDS} s"
        page.evaluate("() => new Promise(requestAnimationFrame)")


@pytest.fixture
def post_test(live_server, transactional_db):
    """A timed final of seven questions, three to a page, and an enrolled learner."""
    from wagtail.models import Page, Site

    from courses.models import ModulePage
    from quizzes.models import QuestionBank
    from tests.conftest import build_course
    from tests.factories import (
        CourseIndexPageFactory,
        EnrollmentFactory,
        HomePageFactory,
        SchoolFactory,
        SchoolMembershipFactory,
    )
    from tests.quizzes.conftest import make_question, make_quiz

    ensure_wagtail_roots()
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(parent=Page.get_first_root_node())
    address = urlsplit(live_server.url)
    Site.objects.all().delete()
    Site.objects.create(
        hostname=address.hostname, port=address.port, root_page=home, is_default_site=True
    )
    school = SchoolFactory()
    course = build_course(
        CourseIndexPageFactory(parent=home), modules=1, lessons_per_module=1, school=school
    )
    bank = QuestionBank.objects.create(school=school, name="Bank")
    questions = [
        make_question(bank, name="Knot"),
        make_question(bank, "true_false", name="TF"),
        make_question(bank, "ordering", data=ORDERING, name="Order"),
        make_question(bank, "matching", data=MATCHING, name="Match"),
        make_question(bank, "hotspot", data=LABELLED_HOTSPOT, name="Spot"),
        make_question(bank, "short_answer", name="Short"),
        make_question(bank, name="Knot again"),
    ]
    quiz = make_quiz(
        ModulePage.objects.child_of(course).first(),
        questions=questions,
        title="Final assessment",
        kind="final_assessment",
        shuffle_answers=False,
        questions_per_page=3,
        time_limit_minutes=90,
        attempts_allowed=3,
        review="full",
        review_from="after_last_attempt",
        pass_mark=50,
    )
    student = EnrollmentFactory(course=course).student
    instructor = SchoolMembershipFactory(school=school, role="instructor").user
    yield quiz, course, student, instructor
    ensure_wagtail_roots()


def log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def tab_to(page, locator, limit: int = MAX_TABS) -> int:
    """Press Tab until `locator` has the focus; how many presses it took."""
    handle = locator.element_handle()
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(el) => document.activeElement === el", handle):
            return presses
    raise AssertionError(f"{locator} not reached in {limit} presses of Tab")


def from_top(page) -> None:
    """Start the Tab order from the top of the document, as after loading a page."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); }")
    page.evaluate("() => window.scrollTo(0, 0)")
    page.locator("body").focus()


def no_serious_axe(page, axe_js, name: str) -> None:
    page.add_script_tag(path=str(axe_js))
    violations = page.evaluate("async () => (await axe.run()).violations")
    serious = [
        f"{name}: [{v['impact']}] {v['id']}: {v['help']} "
        + ", ".join(str(node["target"]) for node in v["nodes"])
        for v in violations
        if v["impact"] in SERIOUS
    ]
    assert not serious, "\n".join(serious)


def question(page, order):
    return page.locator(f"fieldset[data-question='{order}']")


def saved(page, order) -> None:
    expect(question(page, order).locator(".question__saved")).to_contain_text("Saved at")


def test_keyboard_only_paged_post_test_to_the_review(page, live_server, post_test, axe_js):
    quiz, _course, student, _instructor = post_test
    log_in(page, live_server, student)
    page.goto(live_server.url + quiz.url)
    no_serious_axe(page, axe_js, "quiz start")
    from_top(page)
    tab_to(page, page.get_by_role("button", name="Start the quiz"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("navigation", name="Questions")).to_be_visible()
    expect(page.locator("fieldset[data-question]")).to_have_count(3)
    page.wait_for_load_state("load")
    no_serious_axe(page, axe_js, "attempt page 1")
    attempt = Attempt.objects.get(quiz=quiz, student=student)

    # Question 1: into the radio group (on its first choice), the arrow picks the next.
    from_top(page)
    tab_to(page, question(page, 1).get_by_label("Tender point"))
    page.keyboard.press("ArrowDown")
    expect(question(page, 1).get_by_label("Trigger point")).to_be_checked()
    saved(page, 1)
    expect(page.locator("[data-answered-count]")).to_have_text("1")
    # Question 2: flag it for review, answer True.
    tab_to(page, question(page, 2).get_by_label("Flag for review"))
    page.keyboard.press("Space")
    tab_to(page, question(page, 2).get_by_label("True"))
    page.keyboard.press("Space")
    saved(page, 2)
    expect(page.locator("[data-nav-question='2']")).to_contain_text("answered, flagged")
    expect(page.locator("[data-save-status]")).to_have_text("Question 2 saved. 2 answered.")
    # Question 3, ordering, part-answered: only the first item shown gets a position.
    shown = attempt.slots.get(order=3).answer_order["items"]
    tab_to(page, question(page, 3).locator("select").first)
    for _ in range(shown[0] + 1):  # "Position…", then 1, 2 ...: the item's right position
        page.keyboard.press("ArrowDown")
    saved(page, 3)  # a draft is saved, not refused
    tab_to(page, page.get_by_role("button", name="Save and continue"))
    page.keyboard.press("Enter")

    expect(question(page, 4)).to_be_visible()
    page.wait_for_load_state("load")
    # Question 4, matching: the first row only (the others count as wrong).
    shown = attempt.slots.get(order=4).answer_order
    answers = list(dict.fromkeys(pair["answer"] for pair in MATCHING["pairs"]))
    right_answer = answers.index(MATCHING["pairs"][shown["rows"][0]]["answer"])
    from_top(page)
    tab_to(page, question(page, 4).locator("select").first)
    for _ in range(shown["answers"].index(right_answer) + 1):  # past "Choose…"
        page.keyboard.press("ArrowDown")
    saved(page, 4)
    # Question 6 before 5: question 5 (the hotspot) reloads the page into its list mode.
    tab_to(page, question(page, 6).get_by_label("Your answer"))
    page.keyboard.type("scalenes")
    saved(page, 6)
    from_top(page)
    tab_to(page, question(page, 5).get_by_role("button", name="Answer from a list instead"))
    page.keyboard.press("Enter")
    expect(question(page, 5).get_by_role("radio")).to_have_count(4)
    page.wait_for_load_state("load")
    no_serious_axe(page, axe_js, "attempt page 2, hotspot in list mode")
    right = attempt.slots.get(order=5).answer_order["options"].index(0)  # "Upper trapezius"
    from_top(page)
    tab_to(page, question(page, 5).get_by_role("radio").first)
    page.keyboard.press("Space" if right == 0 else "ArrowDown")
    for _ in range(max(right - 1, 0)):
        page.keyboard.press("ArrowDown")
    expect(question(page, 5).get_by_label("Upper trapezius")).to_be_checked()
    saved(page, 5)

    # The panel: back to the flagged question, then on to the last page.
    from_top(page)
    presses = tab_to(page, page.locator("[data-nav-question='2']"))
    assert presses < 20, presses
    page.keyboard.press("Enter")
    expect(page.get_by_label("True")).to_be_checked()
    page.wait_for_load_state("load")
    from_top(page)
    tab_to(page, page.locator("[data-nav-question='7']"))
    page.keyboard.press("Enter")
    expect(question(page, 7)).to_be_visible()
    page.wait_for_load_state("load")
    expect(page.locator("[data-answered-count]")).to_have_text("6")
    from_top(page)
    tab_to(page, question(page, 7).get_by_label("Tender point"))
    page.keyboard.press("ArrowDown")
    saved(page, 7)
    page.once("dialog", lambda dialog: dialog.accept())
    tab_to(page, page.get_by_role("button", name="Submit answers"))
    page.keyboard.press("Enter")

    result = page.get_by_role("region", name="You passed")
    expect(result).to_be_visible()
    expect(result).to_contain_text("2 attempts left.")
    expect(result.get_by_role("link", name="Get your certificate")).to_be_visible()
    attempt.refresh_from_db()
    # 1 + 1 + 1/4 (ordering draft) + 1/3 (one matching row) + 1 + 1 + 1 of 7
    assert attempt.state == Attempt.State.SUBMITTED
    assert attempt.score == Decimal("5.58")
    no_serious_axe(page, axe_js, "review")
    expect(page.locator(".review-item--partial")).to_have_count(2)
    expect(page.get_by_text("You chose: Upper trapezius")).to_be_visible()


def test_extra_time_is_shown_and_honoured_by_the_server(page, live_server, post_test):
    from quizzes.services.accommodations import accommodation_grant

    quiz, course, student, instructor = post_test
    accommodation_grant(
        student=student,
        course=course,
        granted_by=instructor,
        reason="Extended time on file",
        time_factor=Decimal("1.5"),
    )
    log_in(page, live_server, student)
    page.goto(live_server.url + quiz.url)
    expect(page.get_by_text("135 minutes with your extra time")).to_be_visible()
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.locator(".quiz-deadline")).to_contain_text("Your time: 135 minutes")
    attempt = Attempt.objects.get(quiz=quiz, student=student)
    # 100 minutes into the attempt: past the quiz's own 90, inside the learner's 135.
    started = timezone.now() - timedelta(minutes=100)
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=started, deadline=started + timedelta(minutes=135)
    )
    page.reload(wait_until="load")
    expect(page.locator("[data-timer-display]")).to_contain_text("35 minutes left.")
    page.get_by_role("button", name="Time left").click()
    expect(page.locator("[data-timer-announce]")).to_have_text("35 minutes left.")
    question(page, 1).get_by_label("Trigger point").check()
    saved(page, 1)
    assert attempt.slots.get(order=1).response == 1
    page.get_by_role("button", name="Save and continue").click()
    expect(question(page, 4)).to_be_visible()
    assert Attempt.objects.get(pk=attempt.pk).state == Attempt.State.IN_PROGRESS


def test_a_late_autosave_reply_does_not_interrupt_submit(page, live_server, post_test):
    """The reply of an autosave sent before Submit arrives after it, saying the attempt is
    closed: the page must not reload, and the Submit goes through with every answer."""
    quiz, _course, student, _instructor = post_test
    log_in(page, live_server, student)
    page.goto(live_server.url + quiz.url)
    page.get_by_role("button", name="Start the quiz").click()
    attempt = Attempt.objects.get(quiz=quiz, student=student)
    page.goto(f"{live_server.url}/quizzes/attempts/{attempt.pk}/?page=3")
    page.wait_for_load_state("load")
    held = []
    page.route("**/autosave/", lambda route: held.append(route))
    with page.expect_request("**/autosave/"):
        question(page, 7).get_by_label("Trigger point").check()
    dispatch_until(page, lambda: held)
    assert len(held) == 1, "the autosave request was held more than once"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Submit answers").click()
    reloads = []
    page.on("framenavigated", lambda frame: reloads.append(frame.url))
    held[0].fulfill(
        status=409,
        content_type="application/json",
        body='{"error": "This attempt has been submitted.", "closed": true}',
    )
    expect(page.get_by_text("Score:")).to_be_visible()
    assert all("/review/" in url for url in reloads), reloads
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    assert attempt.slots.get(order=7).response == 1  # sent by the form itself


def test_the_timer_speaks_at_ten_five_and_one_minutes_only(page, live_server, post_test):
    quiz, _course, student, _instructor = post_test
    log_in(page, live_server, student)
    page.clock.install()  # the page's clock starts now and moves only when told
    page.goto(live_server.url + quiz.url)
    page.get_by_role("button", name="Start the quiz").click()
    display = page.locator("[data-timer-display]")
    announce = page.locator("[data-timer-announce]")
    expect(display).to_contain_text("90 minutes left.")
    minute = 60_000
    page.clock.run_for(78 * minute)  # 12 minutes left: the display moved, the voice did not
    expect(display).to_contain_text("12 minutes left.")
    expect(announce).to_have_text("")
    page.clock.run_for(2 * minute + 2000)
    expect(announce).to_have_text("10 minutes left.")
    page.clock.run_for(3 * minute)
    expect(display).to_contain_text("7 minutes left.")
    expect(announce).to_have_text("10 minutes left.")
    page.clock.run_for(2 * minute)
    expect(announce).to_have_text("5 minutes left.")
    page.clock.run_for(4 * minute)
    expect(announce).to_have_text("1 minute left.")
