import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from quizzes import views
from quizzes.models import Attempt, QuestionType
from quizzes.services import attempts as services
from tests.factories import UserFactory
from tests.quizzes.conftest import make_question, make_quiz

ALL_TYPES = [t for t in QuestionType if t != QuestionType.DESCRIPTION]


@pytest.fixture
def every_type_quiz(module, bank):
    questions = [make_question(bank, qtype, name=qtype) for qtype in ALL_TYPES]
    return make_quiz(module, questions=questions, shuffle_answers=True, review="full")


def attempt_url(attempt, name="attempt"):
    return reverse(f"quizzes:{name}", args=[attempt.pk])


def autosave(client, attempt, question, fields):
    return client.post(
        attempt_url(attempt, "autosave"),
        data=json.dumps({"question": question, "fields": fields}),
        content_type="application/json",
    )


def test_start_needs_a_post_and_an_enrolment(client, quiz, student):
    url = reverse("quizzes:start", args=[quiz.pk])
    client.force_login(UserFactory())
    response = client.post(url)
    assert response.status_code == 302 and response.url == quiz.url
    assert not Attempt.objects.exists()
    client.force_login(student)
    assert client.get(url).status_code == 405
    response = client.post(url)
    attempt = Attempt.objects.get(student=student)
    assert response.url == attempt_url(attempt)


def test_quiz_page_offers_start_to_enrolled_students(client, quiz, student):
    assert "Log in and enrol" in client.get(quiz.url).content.decode()
    client.force_login(student)
    html = client.get(quiz.url).content.decode()
    assert reverse("quizzes:start", args=[quiz.pk]) in html and "Pass mark" in html


def test_quiz_page_title_names_the_quiz_and_its_course(client, quiz, course, student):
    client.force_login(student)
    html = client.get(quiz.url).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert quiz.title in title and course.title in title


def test_open_attempt_html_reveals_no_right_answer(client, every_type_quiz, student):
    attempt = services.attempt_start(quiz=every_type_quiz, user=student)
    client.force_login(student)
    page = client.get(attempt_url(attempt)).content.decode()
    html = page[page.index('<section class="container narrow section quiz">') :]
    html = html[: html.index("</main>")]  # questions may hold sections of their own
    # Random tokens and timestamps may contain "cx" or "0.3" by chance: not answer data.
    html = re.sub(r'(value|datetime|data-deadline)="[^"]*"', r'\1=""', html)
    for secret in ('"fraction"', "RIGHT-ANSWER-FEEDBACK", "TF-RIGHT"):
        assert secret not in page, secret
    for question_type in ALL_TYPES:
        assert f"question--{question_type}" in html
    for secret in (
        '"fraction"',
        "fraction",
        "RIGHT-ANSWER-FEEDBACK",
        "A tender point is not a knot.",
        "TF-RIGHT",
        "correct",
        "cx",
        "0.3",
        "regions",
    ):
        assert secret not in html, secret
    assert "Trigger point" in html and 'name="q1"' in html
    assert 'aria-live="polite"' in html and "hotspot__marker" in html


def test_autosave_returns_saved_at_and_a_reload_shows_the_answers(client, quiz, student):
    attempt = services.attempt_start(quiz=quiz, user=student)
    client.force_login(student)
    response = autosave(client, attempt, 1, {"q1": ["1"]})
    assert response.status_code == 200 and "saved_at" in response.json()
    assert autosave(client, attempt, 3, {"q3": ["scalenes"]}).status_code == 200
    html = client.get(attempt_url(attempt)).content.decode()
    assert 'value="1" checked' in html and 'value="scalenes"' in html
    assert "fraction" not in response.content.decode()


def test_autosave_needs_the_csrf_token(quiz, student):
    from django.test import Client

    attempt = services.attempt_start(quiz=quiz, user=student)
    client = Client(enforce_csrf_checks=True)
    client.force_login(student)
    assert autosave(client, attempt, 1, {"q1": ["1"]}).status_code == 403


def test_autosave_rejects_bad_input_and_late_saves(client, quiz, student):
    attempt = services.attempt_start(quiz=quiz, user=student)
    client.force_login(student)
    bad = client.post(attempt_url(attempt, "autosave"), "nonsense", content_type="application/json")
    assert bad.status_code == 400
    assert autosave(client, attempt, 1, {"q1": ["42"]}).status_code == 400
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    late = autosave(client, attempt, 1, {"q1": ["1"]})
    assert late.status_code == 409 and late.json()["closed"] is True


@pytest.mark.parametrize(
    ("error", "status", "closed"),
    [
        # A closed attempt is known by its code, whatever the words (here, reworded).
        (ValidationError("Die Zeit ist um.", code="time_up"), 409, True),
        (ValidationError("Already handed in.", code="attempt_closed"), 409, True),
        # The words of a closing error under another code do not close the attempt.
        (ValidationError(services.TIME_UP, code="no_such_question"), 400, False),
    ],
)
def test_autosave_tells_a_closed_attempt_by_the_error_code(
    client, quiz, student, monkeypatch, error, status, closed
):
    attempt = services.attempt_start(quiz=quiz, user=student)
    client.force_login(student)

    def refuse(**kwargs):
        raise error

    monkeypatch.setattr(views, "attempt_autosave", refuse)
    response = autosave(client, attempt, 1, {"q1": ["1"]})
    assert response.status_code == status
    assert response.json() == {"error": error.messages[0], "closed": closed}


def test_a_form_save_refused_by_a_reworded_time_up_goes_to_the_review(
    client, quiz, student, monkeypatch
):
    attempt = services.attempt_start(quiz=quiz, user=student)
    client.force_login(student)

    def refuse(**kwargs):
        raise ValidationError("Die Zeit ist um.", code="time_up")

    monkeypatch.setattr(services, "attempt_save_response", refuse)
    response = client.post(attempt_url(attempt), {"q1": "1"})
    assert response.status_code == 302
    assert response.url == attempt_url(attempt, "review")


def test_another_students_attempt_is_404(client, quiz, student):
    attempt = services.attempt_start(quiz=quiz, user=student)
    client.force_login(UserFactory())
    for name in ("attempt", "review"):
        assert client.get(attempt_url(attempt, name)).status_code == 404
    assert autosave(client, attempt, 1, {"q1": ["1"]}).status_code == 404
    assert client.post(attempt_url(attempt, "submit")).status_code == 404
    assert attempt.slots.get(order=1).response is None


def test_without_javascript_save_and_continue_then_submit(client, module, bank, student):
    quiz = make_quiz(
        module,
        questions=[make_question(bank), make_question(bank, "true_false")],
        layout="per_question",
        shuffle_answers=False,
    )
    attempt = services.attempt_start(quiz=quiz, user=student)
    client.force_login(student)
    response = client.post(attempt_url(attempt), {"page": "1", "q1": "1", "next": ""})
    assert response.url.endswith("?page=2")
    assert "Question 2" in client.get(response.url).content.decode()
    response = client.post(attempt_url(attempt), {"page": "2", "q2": "true", "submit": ""})
    assert response.url == attempt_url(attempt, "review")
    attempt.refresh_from_db()
    assert attempt.state == "submitted" and attempt.score == Decimal("2.00")


def test_viewing_an_expired_attempt_closes_it(client, quiz, student):
    attempt = services.attempt_start(quiz=quiz, user=student)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    client.force_login(student)
    assert client.get(attempt_url(attempt)).url == attempt_url(attempt, "review")
    attempt.refresh_from_db()
    assert attempt.state == "submitted"


@pytest.mark.parametrize(
    ("review", "shown", "hidden"),
    [
        ("score", ["Score:"], ["Trigger point", "Right answer", "RIGHT-ANSWER-FEEDBACK"]),
        ("responses", ["Trigger point", "Mark:"], ["Right answer", "RIGHT-ANSWER-FEEDBACK"]),
        ("full", ["Right answer: Trigger point", "RIGHT-ANSWER-FEEDBACK"], []),
    ],
)
def test_review_obeys_the_review_option(client, module, bank, student, review, shown, hidden):
    quiz = make_quiz(module, questions=[make_question(bank)], review=review, shuffle_answers=False)
    attempt = services.attempt_start(quiz=quiz, user=student)
    client.force_login(student)
    autosave(client, attempt, 1, {"q1": ["1"]})
    assert client.get(attempt_url(attempt, "review")).url == attempt_url(attempt)  # still open
    client.post(attempt_url(attempt, "submit"))
    html = client.get(attempt_url(attempt, "review")).content.decode()
    for text in shown:
        assert text in html, text
    for text in hidden:
        assert text not in html, text


def test_review_of_every_type_renders(client, every_type_quiz, student):
    attempt = services.attempt_start(quiz=every_type_quiz, user=student)
    client.force_login(student)
    client.post(attempt_url(attempt, "submit"))
    response = client.get(attempt_url(attempt, "review"))
    assert response.status_code == 200
    assert "<circle" in response.content.decode()  # regions are drawn only after submitting


@pytest.mark.parametrize("count", [10, 50])
def test_attempt_page_query_count_is_flat(
    client, module, bank, student, count, django_assert_num_queries
):
    types = ["single_choice", "multiple_response", "matching", "ordering", "hotspot"]
    questions = [make_question(bank, types[i % len(types)], name=f"Q{i}") for i in range(count)]
    quiz = make_quiz(module, questions=questions)
    attempt = services.attempt_start(quiz=quiz, user=student)
    client.force_login(student)
    client.get(attempt_url(attempt))  # the first request creates the site settings row
    # session user, attempt + quiz, the enrolment with its drip and prerequisite lock's facts
    # (quizzes.gate), slots + versions; the rest is base.html's
    with django_assert_num_queries(8):
        response = client.get(attempt_url(attempt))
    assert response.status_code == 200
    assert response.content.decode().count("<fieldset") == count


def test_a_revoked_student_can_no_longer_answer(client, quiz, enrollment):
    attempt = services.attempt_start(quiz=quiz, user=enrollment.student)
    enrollment.status = "revoked"
    enrollment.save()
    client.force_login(enrollment.student)
    assert client.get(attempt_url(attempt)).status_code == 404
    assert autosave(client, attempt, 1, {"q1": ["1"]}).status_code == 404
