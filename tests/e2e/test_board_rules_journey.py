"""A learner with two boards, one asking for a higher mark on the final assessment than they
got, sees on My courses and the course page what is missing for which board, then names their
boards.

The demo course is approved by NCBTMB (the course's own pass mark) and Florida (85 %); the
learner finished it through the services a learner's clicks call, with 80 % on the final.
"""

import re
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from courses.models import CoursePage, Enrollment, LearnerBoard
from demo.courses import nmt_course
from demo.quizzes.progress import demo_course_complete
from quizzes.models import Attempt, QuizKind
from tests.e2e.accessibility import axe_problems

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EMAIL, PASSWORD = "two-boards@example.com", "e2e-boards-5521"


def learner_with_80_percent():
    user = get_user_model().objects.create_user(EMAIL, PASSWORD, legal_name="Sam Okonjo")
    EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    course = CoursePage.objects.get(slug=nmt_course.COURSE["slug"])
    enrollment = Enrollment.objects.create(
        student=user, course=course, source=Enrollment.Source.GRANTED
    )
    demo_course_complete(enrollment=enrollment)
    Attempt.objects.filter(student=user, quiz__kind=QuizKind.FINAL_ASSESSMENT).update(
        fraction=Decimal("0.8")
    )
    return user, course, enrollment


def test_the_learner_sees_what_the_stricter_board_needs_and_names_their_boards(
    page, live_server, demo_site, axe_js
):
    user, course, enrollment = learner_with_80_percent()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile(r"sign in|log in", re.IGNORECASE)).click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    page.goto(live_server.url + "/my-courses/")
    mine = page.locator(f'[data-course="{course.slug}"] [data-board="FL-BMT"]')
    expect(mine).to_contain_text("For the Florida Board of Massage Therapy:")
    expect(mine).to_contain_text("score at least 85 %")
    problems = axe_problems(page, axe_js, "my courses with board credit")

    page.goto(live_server.url + course.url)
    credit = page.locator("[data-board-credit]")
    expect(credit.get_by_role("heading", name="Your boards' CE credit")).to_be_visible()
    florida = credit.locator('[data-board="FL-BMT"]')
    expect(florida).to_contain_text("For the Florida Board of Massage Therapy:")
    expect(florida).to_contain_text("score at least 85 %")
    expect(florida).to_contain_text("your grade so far: 80 %")
    expect(credit.locator('[data-board="NCBTMB"]')).to_contain_text("earned")
    problems += axe_problems(page, axe_js, "course page with board credit")

    credit.get_by_role("link", name="Tell us which boards you need").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Boards for your CE credit")
    problems += axe_problems(page, axe_js, "boards page")
    page.get_by_label(re.compile(r"^Florida Board of Massage Therapy")).check()
    page.get_by_label("Remember these boards for my next courses").check()
    page.get_by_role("button", name="Save my boards").click()

    expect(page.locator("[data-board-credit]")).to_be_visible()
    expect(page.get_by_role("link", name="Tell us which boards you need")).to_have_count(0)
    expect(page.locator('[data-board="NCBTMB"]')).to_have_count(0)
    assert list(enrollment.credit_approvals.values_list("body__abbreviation", flat=True)) == [
        "FL-BMT"
    ]
    assert LearnerBoard.objects.filter(user=user, body__abbreviation="FL-BMT").exists()
    assert problems == []
