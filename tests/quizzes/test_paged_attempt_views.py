"""The paged post-test: pages of N questions, the question panel, flags, saving on every
move, the hotspot's list mode without JavaScript, and a review that opens with the result."""

import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from quizzes.models import Attempt
from quizzes.services import attempts as services
from tests.quizzes.conftest import make_question, make_quiz
from tests.quizzes.test_drafts_and_hotspot_list import LABELLED_HOTSPOT


def url(attempt, name="attempt"):
    return reverse(f"quizzes:{name}", args=[attempt.pk])


@pytest.fixture
def paged_quiz(module, bank):
    """Twelve single-choice questions (right answer shown second), five to a page."""
    questions = [make_question(bank, name=f"Q{i}") for i in range(12)]
    return make_quiz(module, questions=questions, shuffle_answers=False, questions_per_page=5)


@pytest.fixture
def attempt(paged_quiz, student, client):
    client.force_login(student)
    return services.attempt_start(quiz=paged_quiz, user=student)


def questions_on(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'data-question="(\d+)"', html)]


def test_pages_hold_five_questions_and_the_panel_lists_all(client, attempt):
    html = client.get(url(attempt)).content.decode()
    assert questions_on(html) == [1, 2, 3, 4, 5]
    assert len(re.findall(r'name="goto" value="\d+"', html)) == 12
    assert "Submit answers" not in html  # only on the last page
    html = client.get(url(attempt) + "?page=3").content.decode()
    assert questions_on(html) == [11, 12]
    assert "Submit answers" in html


def test_next_saves_the_page_and_flags_then_previous_keeps_them(client, attempt):
    response = client.post(url(attempt), {"page": "1", "q1": "1", "flag-2": "1", "next": ""})
    assert response.url.endswith("?page=2")
    slots = {slot.order: slot for slot in attempt.slots.all()}
    assert slots[1].response == 1 and slots[2].flagged and not slots[1].flagged
    html = client.get(response.url).content.decode()
    assert "1 of 12 answered" in re.sub(r"<[^>]+>", "", html)
    assert re.search(r'data-nav-question="2"[^>]*>2<span class="quiz-nav__flag"', html)
    assert ": not answered, flagged" in html
    response = client.post(url(attempt), {"page": "2", "q6": "0", "previous": ""})
    assert response.url.endswith("?page=1")
    html = client.get(response.url).content.decode()
    assert 'name="flag-2" value="1" data-flag checked' in html
    assert attempt.slots.get(order=6).response == 0


def test_the_panel_goes_to_the_page_holding_a_question(client, attempt):
    response = client.post(url(attempt), {"page": "1", "q3": "1", "goto": "11"})
    assert response.url.endswith("?page=3#q11")
    assert attempt.slots.get(order=3).response == 1
    response = client.post(url(attempt), {"page": "1", "goto": "999"})
    assert response.url.endswith("?page=1#q999")  # no such question: stay


def test_autosave_reports_the_answered_count_and_saves_the_flag(client, attempt):
    def save(question, fields, **extra):
        return client.post(
            url(attempt, "autosave"),
            data=json.dumps({"question": question, "fields": fields, **extra}),
            content_type="application/json",
        )

    assert save(1, {"q1": ["1"]}).json()["answered_count"] == 1
    reply = save(7, {"q7": ["0"]}, flagged=True).json()
    assert reply["answered_count"] == 2 and reply["flagged"] and reply["answered"]
    assert attempt.slots.get(order=7).flagged
    assert not save(7, {"q7": []}, flagged=False).json()["answered"]
    assert save(1, {}, flagged="yes").status_code == 400


def test_submit_from_the_last_page_grades_every_page(client, attempt):
    client.post(url(attempt), {"page": "1", "q1": "1", "q2": "1", "next": ""})
    client.post(url(attempt), {"page": "3", "q12": "1", "submit": ""})
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED and attempt.score == Decimal("3.00")


def test_no_answer_key_on_any_page(client, attempt):
    for number in (1, 2, 3):
        html = client.get(url(attempt) + f"?page={number}").content.decode()
        assert "RIGHT-ANSWER-FEEDBACK" not in html and '"fraction"' not in html


def _count_queries(client, path, django_assert_num_queries, expected):
    client.get(path)  # site settings and other first-request rows
    with django_assert_num_queries(expected):
        response = client.get(path)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize(("count", "page"), [(10, 1), (40, 1), (40, 8)])
def test_paged_attempt_query_count_is_flat_in_questions_and_pages(
    client, module, bank, student, count, page, django_assert_num_queries
):
    types = ["single_choice", "multiple_response", "matching", "ordering", "hotspot"]
    questions = [make_question(bank, types[i % len(types)], name=f"Q{i}") for i in range(count)]
    quiz = make_quiz(module, questions=questions, questions_per_page=5)
    attempt = services.attempt_start(quiz=quiz, user=student)
    client.force_login(student)
    # session user, attempt + quiz, the enrolment with its lock's facts (quizzes.gate), slots +
    # versions; the rest is base.html's
    response = _count_queries(client, url(attempt) + f"?page={page}", django_assert_num_queries, 8)
    assert response.content.decode().count("<fieldset") == 5


# --- Hotspot list mode without JavaScript ------------------------------------------------


def test_hotspot_list_mode_by_form_buttons(client, module, bank, student):
    quiz = make_quiz(module, questions=[make_question(bank, "hotspot", data=LABELLED_HOTSPOT)])
    attempt = services.attempt_start(quiz=quiz, user=student)
    client.force_login(student)
    html = client.get(url(attempt)).content.decode()
    assert 'name="hotspot_mode" value="list-1"' in html and "Answer from a list instead" in html
    response = client.post(url(attempt), {"page": "1", "hotspot_mode": "list-1"})
    assert response.url.endswith("?page=1#q1")
    html = client.get(url(attempt)).content.decode()
    assert "The upper back from behind" in html  # the description is the text alternative
    assert "Rhomboid minor" in html and "Answer on the image instead" in html
    assert "TRAP-FEEDBACK" not in html and '"fraction"' not in html
    options = attempt.slots.get().answer_order["options"]
    client.post(url(attempt), {"page": "1", "q1": str(options.index(0)), "submit": ""})
    attempt.refresh_from_db()
    assert attempt.score == Decimal("1.00")
    html = client.get(url(attempt, "review")).content.decode()
    assert "You chose: Upper trapezius" in html


def test_a_hotspot_without_labels_offers_no_list(client, module, bank, student):
    quiz = make_quiz(module, questions=[make_question(bank, "hotspot")])
    attempt = services.attempt_start(quiz=quiz, user=student)
    client.force_login(student)
    assert "Answer from a list" not in client.get(url(attempt)).content.decode()
    response = client.post(url(attempt), {"page": "1", "hotspot_mode": "list-1"})
    assert response.url.endswith("?page=1")
    assert "mode" not in attempt.slots.get().answer_order


# --- The review ---------------------------------------------------------------------------


def _review(client, attempt):
    return client.get(url(attempt, "review")).content.decode()


def test_review_offers_try_again_while_attempts_are_left(client, module, bank, student):
    quiz = make_quiz(module, questions=[make_question(bank)], attempts_allowed=3, pass_mark=60)
    client.force_login(student)
    attempt = services.attempt_start(quiz=quiz, user=student)
    client.post(url(attempt, "submit"))
    html = _review(client, attempt)
    head = html[: html.index("Your answers") if "Your answers" in html else len(html)]
    assert "Not passed" in head and "2 attempts left." in head and "Try again" in head
    assert reverse("quizzes:start", args=[quiz.pk]) in head


def test_review_of_a_passed_final_leads_to_the_certificate(client, course, module, bank, student):
    quiz = make_quiz(
        module,
        questions=[make_question(bank)],
        kind="final_assessment",
        shuffle_answers=False,
        attempts_allowed=3,
    )
    client.force_login(student)
    attempt = services.attempt_start(quiz=quiz, user=student)
    client.post(url(attempt), {"page": "1", "q1": "1", "submit": ""})
    html = _review(client, attempt)
    assert "You passed" in html and "Get your certificate" in html
    assert reverse("certificates:course", args=[course.pk]) in html
    assert "Try again" not in html


def test_review_of_a_passed_module_quiz_leads_to_the_next_lesson(client, course, bank, student):
    from courses.models import ModulePage

    first, second = ModulePage.objects.child_of(course)[:2]
    quiz = make_quiz(first, questions=[make_question(bank)], shuffle_answers=False)
    client.force_login(student)
    attempt = services.attempt_start(quiz=quiz, user=student)
    client.post(url(attempt), {"page": "1", "q1": "1", "submit": ""})
    html = _review(client, attempt)
    following = second.get_children().live().first()
    assert f"Next: {following.title}" in html


@pytest.fixture
def marked_quiz(module, bank):
    return make_quiz(
        module,
        questions=[
            make_question(bank),
            make_question(bank, "multiple_response"),
            make_question(bank, "true_false"),
            make_question(bank, "hotspot"),
        ],
        shuffle_answers=False,
        review="full",
    )


def test_review_marks_answers_by_colour_text_and_icon(client, marked_quiz, student):
    client.force_login(student)
    attempt = services.attempt_start(quiz=marked_quiz, user=student)
    post = {"page": "1", "q1": "1", "q2": "0", "q3": "false", "q4-x": "31", "q4-y": "42"}
    client.post(url(attempt), {**post, "submit": ""})
    html = _review(client, attempt)
    for status, text in (("correct", "Correct"), ("partial", "Partly correct")):
        assert f"review-item--{status}" in html
        assert f"<strong>{text}</strong>" in html
    assert "review-item--incorrect" in html and "<strong>Incorrect</strong>" in html
    assert html.count('class="review-icon" aria-hidden="true"') >= 4
    # The hotspot review draws the target area and the learner's marker on the image.
    assert 'class="hotspot__target" cx="30.0" cy="40.0"' in html
    assert '<g class="hotspot__answer"><circle cx="31" cy="42"' in html
    assert "Your marker: 31% across, 42% down" in html


@pytest.mark.parametrize("count", [4, 24])
def test_review_query_count_is_flat(
    client, module, bank, student, count, django_assert_num_queries
):
    types = ["single_choice", "multiple_response", "matching", "ordering", "hotspot", "true_false"]
    questions = [make_question(bank, types[i % len(types)], name=f"Q{i}") for i in range(count)]
    quiz = make_quiz(module, questions=questions, review="full", attempts_allowed=2)
    client.force_login(student)
    attempt = services.attempt_start(quiz=quiz, user=student)
    client.post(url(attempt, "submit"))
    # session user, attempt + quiz, course, attempts, next page, slots + versions, the
    # final's key check, and base.html's
    _count_queries(client, url(attempt, "review"), django_assert_num_queries, 12)
