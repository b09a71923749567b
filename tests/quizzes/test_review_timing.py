"""When the review opens (Moodle's review timing): the score at once, answers and feedback only
from the quiz's `review_from`."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from quizzes.models import QuizPage
from quizzes.models.quizzes import REVIEW_DATE_REQUIRED, ReviewFrom
from quizzes.services import attempts as services
from tests.quizzes.conftest import make_question, make_quiz

# Only the review beyond the score shows these: "Trigger point" is the right choice, and the
# feedback of the right and of a wrong choice.
REVEALING = [
    "Right answer",
    "Trigger point",
    "RIGHT-ANSWER-FEEDBACK",
    "A tender point is not a knot.",
    'class="review-item"',
]


def take(quiz, user, answer):
    attempt = services.attempt_start(quiz=quiz, user=user)
    services.attempt_save_response(
        attempt=attempt, slot_order=1, fields=lambda name: [answer] if name == "q1" else []
    )
    return services.attempt_submit(attempt=attempt)


def review_html(client, attempt) -> str:
    client.force_login(attempt.student)
    response = client.get(reverse("quizzes:review", args=[attempt.pk]))
    assert response.status_code == 200
    return response.content.decode()


def assert_withheld(html: str, note: str) -> None:
    assert "Score:" in html  # the score never waits
    assert note in html
    for text in REVEALING:
        assert text not in html, text


def assert_revealed(html: str) -> None:
    assert "Right answer: Trigger point" in html
    assert "RIGHT-ANSWER-FEEDBACK" in html or "A tender point is not a knot." in html
    assert "will be shown" not in html


def quiz_for(module, bank, **fields):
    return make_quiz(module, questions=[make_question(bank)], shuffle_answers=False, **fields)


def test_immediately_shows_answers_and_feedback_after_submitting(client, module, bank, student):
    quiz = quiz_for(module, bank, review_from=ReviewFrom.IMMEDIATELY)
    assert_revealed(review_html(client, take(quiz, student, "0")))


def test_after_a_date_shows_only_the_score_until_then(client, module, bank, student):
    opens = timezone.now() + timedelta(days=3)
    quiz = quiz_for(module, bank, review_from=ReviewFrom.AFTER_DATE, review_opens_at=opens)
    attempt = take(quiz, student, "1")
    when = timezone.localtime(opens).strftime("%-d %B %Y, %H:%M")
    assert_withheld(review_html(client, attempt), f"Answers and feedback will be shown from {when}")
    QuizPage.objects.filter(pk=quiz.pk).update(review_opens_at=timezone.now())
    assert_revealed(review_html(client, attempt))


def test_after_the_last_attempt_waits_for_a_pass_or_the_last_attempt(client, module, bank, student):
    quiz = quiz_for(module, bank, review_from=ReviewFrom.AFTER_LAST_ATTEMPT, attempts_allowed=2)
    first = take(quiz, student, "0")
    assert_withheld(
        review_html(client, first),
        "Answers and feedback will be shown once you pass this quiz or have used all 2 attempts.",
    )
    take(quiz, student, "0")  # the last attempt, failed too
    assert_revealed(review_html(client, first))


def test_after_the_last_attempt_opens_on_passing(client, module, bank, student):
    quiz = quiz_for(module, bank, review_from=ReviewFrom.AFTER_LAST_ATTEMPT)
    failed = take(quiz, student, "0")
    assert_withheld(
        review_html(client, failed), "Answers and feedback will be shown once you pass this quiz."
    )
    take(quiz, student, "1")
    assert_revealed(review_html(client, failed))


def test_no_review_while_another_attempt_is_in_progress(client, module, bank, student):
    quiz = quiz_for(module, bank, review_from=ReviewFrom.IMMEDIATELY)
    attempt = take(quiz, student, "0")
    services.attempt_start(quiz=quiz, user=student)
    assert_withheld(
        review_html(client, attempt), "Answers and feedback are hidden while you have an attempt"
    )


def test_responses_wait_too_and_the_note_says_what_waits(client, module, bank, student):
    opens = timezone.now() + timedelta(hours=1)
    quiz = quiz_for(
        module, bank, review="responses", review_from=ReviewFrom.AFTER_DATE, review_opens_at=opens
    )
    html = review_html(client, take(quiz, student, "1"))
    assert_withheld(html, "Your responses and marks for each question will be shown from")
    assert "Mark:" not in html


def test_score_only_quizzes_have_nothing_to_wait_for(client, module, bank, student):
    opens = timezone.now() + timedelta(days=1)
    quiz = quiz_for(
        module, bank, review="score", review_from=ReviewFrom.AFTER_DATE, review_opens_at=opens
    )
    html = review_html(client, take(quiz, student, "1"))
    assert "Score:" in html and "will be shown" not in html
    assert "Trigger point" not in html


def test_a_date_is_required_to_open_the_review_from_a_date(module):
    quiz = QuizPage(title="Post-test", review_from=ReviewFrom.AFTER_DATE)
    with pytest.raises(ValidationError) as error:
        module.add_child(instance=quiz)
    assert error.value.message_dict["review_opens_at"] == [REVIEW_DATE_REQUIRED]


def test_review_timing_is_in_the_presentation_and_review_settings():
    form_class = QuizPage.get_edit_handler().get_form_class()
    assert {"review", "review_from", "review_opens_at"} <= set(form_class.base_fields)
    panel = next(
        p
        for p in QuizPage.settings_panels
        if getattr(p, "heading", "") == "Presentation and review"
    )
    fields = panel.bind_to_model(QuizPage).get_form_options()["fields"]
    assert {"review_from", "review_opens_at"} <= set(fields)
