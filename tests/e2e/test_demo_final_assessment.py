"""The demo student retakes the demo course's final assessment in Chromium and passes it.

load_demo has already passed it once for them (their certificate rests on it); the final
allows three attempts, so this is their second.

The right answers come from each question's stored data (demo/quizzes/answers.py), and
the positions the browser shows them at from the attempt's stored answer order.
"""

import re
import time
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from demo.courses import nmt_course
from demo.courses.loader import DEMO_USERS
from demo.quizzes.answers import right_answer
from quizzes.models import Attempt, QuizKind, QuizPage
from quizzes.services.grading import response_grade

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

STUDENT_EMAIL = DEMO_USERS["student"]["email"]
STUDENT_PASSWORD = "e2e-final-assessment-5102"


def answer(page, slot) -> None:
    """Give `slot`'s right answer through the form, as a student would."""
    version, shown = slot.question_version, slot.answer_order
    data, qtype = version.data, version.qtype
    fieldset = page.locator(f"fieldset[data-question='{slot.order}']")
    right = right_answer(qtype, data)
    if qtype == "single_choice":
        fieldset.get_by_label(data["choices"][right]["text"], exact=True).check()
    elif qtype == "multiple_response":
        for index in right:
            fieldset.get_by_label(data["choices"][index]["text"], exact=True).check()
    elif qtype == "true_false":
        fieldset.get_by_label("True" if right else "False", exact=True).check()
    elif qtype in ("short_answer", "numerical"):
        fieldset.get_by_label("Your answer").fill(right)
    elif qtype == "matching":
        for pos, index in enumerate(shown["rows"]):
            fieldset.locator(f"#q{slot.order}-{pos}").select_option(label=right[str(index)])
    elif qtype == "ordering":
        for pos, index in enumerate(shown["items"]):
            fieldset.locator(f"select[name='q{slot.order}-{pos}']").select_option(str(index + 1))
    elif qtype == "hotspot":
        fieldset.get_by_label("Across (% from the left)").fill(_percent(right["x"]))
        fieldset.get_by_label("Down (% from the top)").fill(_percent(right["y"]))
    else:
        raise AssertionError(qtype)
    settle(fieldset)


def settle(fieldset) -> None:
    """Wait for "Saved at": the note appearing pushes later questions down under the mouse.

    A question answered in several fields (ordering, hotspot) autosaves each partial state,
    and a partial state's "could not be read" reply can arrive after the full one's: save
    the whole question again until the last reply is a success.
    """
    note = fieldset.locator(".question__saved")
    for _ in range(5):
        try:
            expect(note).to_contain_text("Saved at", timeout=2000)
            return
        except AssertionError:
            fieldset.dispatch_event("change")
    expect(note).to_contain_text("Saved at")


def _percent(fraction: str) -> str:
    return format(round(Decimal(fraction) * 100, 1).normalize(), "f")


def expect_saved_answer_shown(page, slot) -> None:
    version = slot.question_version
    data, qtype = version.data, version.qtype
    fieldset = page.locator(f"fieldset[data-question='{slot.order}']")
    right = right_answer(qtype, data)
    if qtype == "single_choice":
        expect(fieldset.get_by_label(data["choices"][right]["text"], exact=True)).to_be_checked()
    elif qtype == "multiple_response":
        for index in right:
            choice = fieldset.get_by_label(data["choices"][index]["text"], exact=True)
            expect(choice).to_be_checked()
    elif qtype == "true_false":
        expect(fieldset.get_by_label("True" if right else "False", exact=True)).to_be_checked()
    elif qtype in ("short_answer", "numerical"):
        expect(fieldset.get_by_label("Your answer")).to_have_value(right)
    elif qtype == "ordering":
        for pos, index in enumerate(slot.answer_order["items"]):
            select = fieldset.locator(f"select[name='q{slot.order}-{pos}']")
            expect(select).to_have_value(str(index + 1))
    elif qtype == "hotspot":
        expect(fieldset.get_by_label("Across (% from the left)")).to_have_value(
            _percent(right_answer(qtype, data)["x"])
        )


def wait_until_autosaved(attempt, orders, timeout: float = 15) -> None:
    """Every answer in `orders` stored by autosave, and stored right, before the reload."""
    deadline = time.monotonic() + timeout
    while True:
        slots = attempt.slots.select_related("question_version").filter(order__in=orders)
        pending = [
            slot.order
            for slot in slots
            if response_grade(
                qtype=slot.question_version.qtype,
                data=slot.question_version.data,
                response=slot.response,
            ).fraction
            != 1
        ]
        if not pending:
            return
        assert time.monotonic() < deadline, f"not autosaved: questions {pending}"
        time.sleep(0.2)


def test_demo_student_passes_the_final_assessment_and_reviews_it(page, live_server, demo_site):
    student = get_user_model().objects.get(email=STUDENT_EMAIL)
    student.set_password(STUDENT_PASSWORD)  # outside DEBUG the loader sets a random one
    student.save()
    final = QuizPage.objects.get(kind=QuizKind.FINAL_ASSESSMENT, slug="final-assessment")

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(STUDENT_EMAIL)
    page.get_by_label("Password").fill(STUDENT_PASSWORD)
    page.get_by_role("button", name=re.compile(r"sign in|log in", re.IGNORECASE)).click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    page.goto(f"{live_server.url}/courses/northfield/{nmt_course.COURSE['slug']}/")
    syllabus = page.get_by_role("region", name="Syllabus")
    syllabus.get_by_role("link", name="Final assessment", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Final assessment")
    page.get_by_role("button", name="Start a new attempt").click()
    per_page = final.questions_per_page
    expect(page.locator("fieldset[data-question]")).to_have_count(per_page)
    page.wait_for_load_state("load")  # the diagram is in: nothing shifts under a click

    attempt = Attempt.objects.get(quiz=final, student=student, state=Attempt.State.IN_PROGRESS)
    slots = list(attempt.slots.select_related("question_version").order_by("order"))
    assert {slot.question_version.qtype for slot in slots} >= {"hotspot", "ordering"}
    pages = [slots[i : i + per_page] for i in range(0, len(slots), per_page)]
    answered = 0
    for number, group in enumerate(pages, start=1):
        expect(page.locator("fieldset[data-question]").first).to_have_attribute(
            "data-question", str(group[0].order)
        )
        page.wait_for_load_state("load")
        for slot in group:
            answer(page, slot)
        answered += len(group)
        expect(page.locator("[data-quiz-status]")).to_contain_text(
            f"{answered} of {len(slots)} answered"
        )
        if number == len(pages) // 2:  # halfway, a reload shows every answer autosaved
            wait_until_autosaved(attempt, [slot.order for slot in group])
            page.reload(wait_until="load")
            for slot in group:
                expect_saved_answer_shown(page, slot)
        if number < len(pages):
            page.get_by_role("button", name="Save and continue").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Submit answers").click()

    expect(page.get_by_text("Score:")).to_contain_text(f"{len(slots)} / {len(slots)}")
    expect(page.locator(".quiz-score .badge")).to_have_text("Passed")
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    assert attempt.percent >= final.pass_mark

    page.get_by_role("link", name="Back to the quiz").click()
    page.get_by_role("link", name=f"Review attempt {attempt.number}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Final assessment")
    expect(page.locator(".review-item")).to_have_count(len(slots))
    expect(page.locator(".review-item__mark").first).to_contain_text("Mark: 1 / 1")
