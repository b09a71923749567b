"""My courses says, board by board, what each course's credit still needs, in the course page's
words and from the same rules (certificates.board_rules), in a fixed number of queries."""

from decimal import Decimal

import pytest
from django.urls import reverse

from certificates import board_rules
from certificates.services import course_evaluation_submit
from courses.models import CourseApproval, Enrollment
from courses.services import enrollment_credit_choose
from quizzes.models import QuestionBank, QuizKind
from tests.certificates.issue_helpers import (
    GOOD_RATINGS,
    approved_course,
    completed_enrollment,
    provider_school,
)
from tests.certificates.test_board_rules import final, florida, graded
from tests.completion.test_learner import my_courses_queries
from tests.factories import CoursePageFactory, EnrollmentFactory, UserFactory
from tests.quizzes.conftest import make_question, make_quiz

__all__ = ["final"]  # the fixture

pytestmark = pytest.mark.django_db
MY_COURSES = reverse("courses:my_courses")
FLORIDA_NEEDS_80 = (
    "<strong>For the Florida Board of Massage Therapy:</strong> score at least 80 % on "
    "“Final assessment” (your grade so far: 75 %)."
)


@pytest.fixture
def course(catalog):
    return approved_course(catalog, provider_school(), requires_evaluation=False)


def html_of(client, user, url=MY_COURSES) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_my_courses_says_what_the_stricter_board_still_needs_as_the_course_page_does(
    client, course, final
):
    florida(course, pass_mark=80)
    enrollment = completed_enrollment(course)
    graded(final, enrollment.student, "0.75")

    mine = html_of(client, enrollment.student)
    assert FLORIDA_NEEDS_80 in mine
    assert FLORIDA_NEEDS_80 in html_of(client, enrollment.student, course.url)
    assert 'data-board="NCBTMB"' not in mine  # earned: only what is missing is listed here


def test_nothing_is_said_once_every_board_is_met(client, course, final):
    florida(course, pass_mark=80)
    enrollment = completed_enrollment(course)
    graded(final, enrollment.student, "0.9")
    assert "data-board-credit" not in html_of(client, enrollment.student)


def test_a_board_the_learner_did_not_choose_says_nothing(client, course, final):
    florida(course, pass_mark=80)
    enrollment = completed_enrollment(course)
    graded(final, enrollment.student, "0.75")
    ncbtmb = CourseApproval.objects.get(course=course, body__abbreviation="NCBTMB")
    enrollment_credit_choose(enrollment=enrollment, approval_ids=[ncbtmb.pk])
    assert 'data-board="FL-BMT"' not in html_of(client, enrollment.student)


def test_a_revoked_enrolment_says_nothing(client, course, final):
    florida(course, pass_mark=80)
    enrollment = completed_enrollment(course)
    graded(final, enrollment.student, "0.75")
    Enrollment.objects.filter(pk=enrollment.pk).update(status=Enrollment.Status.REVOKED)
    assert "For the Florida" not in html_of(client, enrollment.student)


def _course_with_rules(catalog, index: int):
    """An approved course whose Florida credit wants 80 % on the final and NCBTMB's the
    evaluation, or (every third) Florida's own post-test."""
    course = approved_course(
        catalog, provider_school(name=f"School {index}", slug=f"school-{index}",
                                 certificate_prefix=f"S{index}"),
        requires_evaluation=False, title=f"Course {index}",
    )  # fmt: skip
    bank = QuestionBank.objects.create(school=course.school, name=f"Bank {index}")
    quiz = make_quiz(course, questions=[make_question(bank)], kind=QuizKind.FINAL_ASSESSMENT,
                     title="Final assessment", pass_mark=Decimal("70"))  # fmt: skip
    if index % 3 == 2:
        laws = make_quiz(course, questions=[make_question(bank)], title="Florida laws",
                         pass_mark=Decimal("60"), required_for_completion=False)  # fmt: skip
        florida(course, post_test=laws, pass_mark=80)
    else:
        florida(course, pass_mark=80)
    CourseApproval.objects.filter(course=course, body__abbreviation="NCBTMB").update(
        requires_evaluation=True
    )
    return course, quiz


def _enrol(user, course, quiz, index: int):
    enrollment = completed_enrollment(course, student=user)
    graded(quiz, user, "0.75")
    if index % 2:
        course_evaluation_submit(enrollment=enrollment, ratings=GOOD_RATINGS)
    if index % 4 == 3:
        ncbtmb = CourseApproval.objects.get(course=course, body__abbreviation="NCBTMB")
        enrollment_credit_choose(enrollment=enrollment, approval_ids=[ncbtmb.pk])
    return enrollment


def test_the_standings_are_the_course_pages_for_every_kind_of_rule(catalog):
    user = UserFactory()
    enrollments = [_enrol(user, *_course_with_rules(catalog, i), i) for i in range(5)]
    EnrollmentFactory(student=user, course=CoursePageFactory(parent=catalog))  # unapproved
    enrollments = list(Enrollment.objects.filter(student=user).select_related("course"))

    together = board_rules.boards_credit(enrollments=enrollments)

    assert len(together) == 5
    for enrollment in enrollments:
        if enrollment.pk not in together:
            continue
        offered = list(
            CourseApproval.objects.filter(course=enrollment.course)
            .select_related("body")
            .order_by("sort_order", "pk")
        )
        alone = board_rules.board_credit(enrollment=enrollment, offered=offered)
        assert together[enrollment.pk].chosen == alone.chosen
        assert [(s.approval.pk, s.missing) for s in together[enrollment.pk].standings] == [
            (s.approval.pk, s.missing) for s in alone.standings
        ]


# The 13 of completion's My courses test (with the board approvals), the certificates of the
# completed courses (1), then the boards' rules: the learner's choices, the quizzes, the
# grades and the evaluations (4).
MY_COURSES_WITH_BOARD_RULES = 18


def test_my_courses_board_credit_costs_the_same_for_one_course_as_for_ten(client, catalog):
    user = UserFactory()
    client.force_login(user)
    _enrol(user, *_course_with_rules(catalog, 0), 0)
    client.get(MY_COURSES)  # warm Wagtail's site-root cache, as any running server has
    one = my_courses_queries(client)
    for index in range(1, 10):
        _enrol(user, *_course_with_rules(catalog, index), index)
    ten = my_courses_queries(client)
    assert one == ten == MY_COURSES_WITH_BOARD_RULES
    html = client.get(MY_COURSES).content.decode()
    assert html.count("For the Florida Board") == 8  # courses 3 and 7: NCBTMB chosen only
