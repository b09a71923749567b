"""A final assessment grants CE credit: its review never gives away the answer key while the
learner has failed and may try again, and a CE course whose final is set to do so is refused."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from courses.models import CoursePage
from quizzes.blueprint import FINAL_SHOWS_KEY, course_compliance, publish_refusal
from quizzes.models import QuizKind, QuizPage
from quizzes.models.quizzes import ReviewFrom, ReviewOption
from tests.conftest import build_course
from tests.factories import UserFactory
from tests.quizzes.conftest import make_question, make_quiz
from tests.quizzes.test_review_timing import REVEALING, assert_revealed, review_html, take

pytestmark = pytest.mark.django_db

# Beyond REVEALING: anything naming or marking the key.
KEY_WORDS = ["correct answer", "right answer", "Mark:", "review-item__feedback"]


def assert_no_key(html: str, note: str) -> None:
    assert "Score:" in html and "Not passed" in html
    assert note in html
    for text in [*REVEALING, *KEY_WORDS]:
        assert text.lower() not in html.lower(), text


def final_for(parent, bank, **fields):
    fields = {"kind": QuizKind.FINAL_ASSESSMENT, "title": "Final", **fields}
    return make_quiz(parent, questions=[make_question(bank)], shuffle_answers=False, **fields)


@pytest.mark.parametrize("review", [ReviewOption.FULL, ReviewOption.RESPONSES])
@pytest.mark.parametrize(
    "review_from", [ReviewFrom.IMMEDIATELY, ReviewFrom.AFTER_DATE, ReviewFrom.AFTER_LAST_ATTEMPT]
)
def test_a_failed_final_with_attempts_left_shows_no_key(
    client, course, bank, student, review, review_from
):
    opens = {"review_opens_at": "2000-01-01T00:00Z"} if review_from == ReviewFrom.AFTER_DATE else {}
    quiz = final_for(
        course, bank, attempts_allowed=3, review=review, review_from=review_from, **opens
    )
    html = review_html(client, take(quiz, student, "0"))
    assert_no_key(html, "will be shown once you pass this quiz or have used all 3 attempts.")


def test_unlimited_attempts_keep_the_key_until_passed(client, course, bank, student):
    quiz = final_for(course, bank, attempts_allowed=0)
    for _ in range(4):
        failed = take(quiz, student, "0")
    assert_no_key(review_html(client, failed), "will be shown once you pass this quiz.")
    take(quiz, student, "1")
    assert_revealed(review_html(client, failed))


def test_after_passing_the_configured_review_applies(client, course, bank, student):
    quiz = final_for(course, bank, attempts_allowed=3)
    failed = take(quiz, student, "0")
    passed = take(quiz, student, "1")
    assert_revealed(review_html(client, passed))
    assert_revealed(review_html(client, failed))


def test_with_no_attempts_left_the_configured_review_applies(client, course, bank, student):
    quiz = final_for(course, bank, attempts_allowed=2)
    first = take(quiz, student, "0")
    assert_no_key(review_html(client, first), "have used all 2 attempts.")
    take(quiz, student, "2")
    assert_revealed(review_html(client, first))


def test_a_score_only_final_stays_score_only_after_the_last_attempt(client, course, bank, student):
    quiz = final_for(course, bank, attempts_allowed=1, review=ReviewOption.SCORE)
    html = review_html(client, take(quiz, student, "0"))
    assert "Trigger point" not in html and "will be shown" not in html


def test_a_module_quiz_may_stay_formative(client, module, bank, student):
    quiz = make_quiz(module, questions=[make_question(bank)], shuffle_answers=False)
    assert quiz.kind == QuizKind.MODULE_QUIZ and quiz.review_from == ReviewFrom.IMMEDIATELY
    assert_revealed(review_html(client, take(quiz, student, "0")))


# --- The publish check ---------------------------------------------------------------------


@pytest.fixture
def ce_course(course, bank):
    CoursePage.objects.filter(pk=course.pk).update(ce_hours=Decimal("0.01"))
    return CoursePage.objects.get(pk=course.pk)


def key_problems(course) -> list[str]:
    problems = course_compliance(course=CoursePage.objects.get(pk=course.pk)).problems
    return [p for p in problems if "to a learner who failed it and may try again" in p]


@pytest.mark.parametrize(
    ("review", "review_from", "refused"),
    [
        (ReviewOption.FULL, ReviewFrom.IMMEDIATELY, True),
        (ReviewOption.RESPONSES, ReviewFrom.IMMEDIATELY, True),
        (ReviewOption.FULL, ReviewFrom.AFTER_DATE, True),
        (ReviewOption.FULL, ReviewFrom.AFTER_LAST_ATTEMPT, False),
        (ReviewOption.RESPONSES, ReviewFrom.AFTER_LAST_ATTEMPT, False),
        (ReviewOption.SCORE, ReviewFrom.IMMEDIATELY, False),
    ],
)
def test_the_publish_check_refuses_a_final_that_would_show_the_key(
    ce_course, bank, review, review_from, refused
):
    opens = {"review_opens_at": "2000-01-01T00:00Z"} if review_from == ReviewFrom.AFTER_DATE else {}
    final_for(ce_course, bank, review=review, review_from=review_from, **opens)
    problems = key_problems(ce_course)
    assert bool(problems) is refused
    if refused:
        what = {"full": "answers and feedback", "responses": "your responses and marks"}[review]
        assert problems[0].startswith(f"The final assessment “Final” would show {what}")
        assert "“Once the student has passed or has no attempts left”" in problems[0]


def test_a_course_without_ce_credit_is_not_held_to_it(course, bank):
    CoursePage.objects.filter(pk=course.pk).update(ce_hours=Decimal(0))
    final_for(course, bank)
    assert key_problems(course) == []


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def publish(client, page, **fields):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data.update({"action-publish": "action-publish", **fields})
    return client.post(url, data)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_publishing_the_course_is_refused_with_the_reason(ce_course, bank):
    # The course editor's Publish and a reviewer's Approve both ask publish_refusal
    # (tests/quizzes/test_blueprint.py walks those admin paths).
    final_for(ce_course, bank)
    message = publish_refusal(course=CoursePage.objects.get(pk=ce_course.pk))
    assert "was saved as a draft but not published for CE credit" in message
    assert FINAL_SHOWS_KEY.format(quiz="Final", what="answers and feedback") in message


def test_publishing_the_final_with_a_revealing_review_is_refused(catalog, bank, staff_client):
    # The quiz editor offers only questions of the course's school.
    course = build_course(catalog, lessons_per_module=1, school=bank.school, ce_hours=1)
    quiz = final_for(course, bank, review_from=ReviewFrom.AFTER_LAST_ATTEMPT)
    response = publish(
        staff_client, quiz, review_from=ReviewFrom.IMMEDIATELY, required_for_completion="on"
    )
    (message,) = messages_of(response)
    assert FINAL_SHOWS_KEY.format(quiz="Final", what="answers and feedback") in message
    quiz = QuizPage.objects.get(pk=quiz.pk)
    assert quiz.review_from == ReviewFrom.AFTER_LAST_ATTEMPT  # the live quiz is unchanged
    response = publish(
        staff_client, quiz, review_from=ReviewFrom.AFTER_LAST_ATTEMPT, required_for_completion="on"
    )
    assert not any("would show" in message for message in messages_of(response))
    assert QuizPage.objects.get(pk=quiz.pk).live
