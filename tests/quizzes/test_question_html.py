"""The attempt page's questions come from quizzes.question_html, rendered once per distinct
display: the HTML must equal rendering the question template, and one learner's answers must
never reach another learner's page."""

import json

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from quizzes import question_html as cache
from quizzes.models import QuestionType
from quizzes.responses import slot_display
from quizzes.selectors import attempt_slots, hotspot_image_urls
from quizzes.services import attempts as services
from tests.factories import EnrollmentFactory
from tests.quizzes.conftest import make_question, make_quiz

ALL_TYPES = [t for t in QuestionType if t != QuestionType.DESCRIPTION]
# A saved answer for each type, as the form sends it (display positions; n is the order).
ANSWERS = {
    "single_choice": {"q{n}": ["1"]},
    "multiple_response": {"q{n}": ["0", "2"]},
    "true_false": {"q{n}": ["false"]},
    "short_answer": {"q{n}": ["scalenes <b>&"]},
    "numerical": {"q{n}": ["31.5"]},
    "essay": {"q{n}": ["An essay </textarea> with markup"]},
    "matching": {"q{n}-0": ["1"], "q{n}-1": ["0"]},
    "ordering": {"q{n}-0": ["2"], "q{n}-1": ["3"], "q{n}-2": ["1"]},
    "hotspot": {"q{n}-x": ["30"], "q{n}-y": ["40.5"]},
}


@pytest.fixture(autouse=True)
def empty_cache():
    cache._rendered.clear()
    yield
    cache._rendered.clear()


@pytest.fixture
def every_type_quiz(module, bank):
    questions = [make_question(bank, qtype, name=qtype) for qtype in ALL_TYPES]
    return make_quiz(module, questions=questions, shuffle_answers=True)


def save(client, attempt, order, fields, flagged=None):
    body = {"question": order, "fields": fields}
    if flagged is not None:
        body["flagged"] = flagged
    response = client.post(
        reverse("quizzes:autosave", args=[attempt.pk]),
        data=json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content


def test_cached_questions_equal_the_rendered_template_for_every_type(
    client, every_type_quiz, student
):
    attempt = services.attempt_start(quiz=every_type_quiz, user=student)
    client.force_login(student)
    for slot in attempt_slots(attempt=attempt):
        qtype, n = slot.question_version.qtype, slot.order
        fields = {name.format(n=n): values for name, values in ANSWERS[qtype].items()}
        save(client, attempt, n, fields, flagged=qtype == "essay")
    page = client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    slots = list(attempt_slots(attempt=attempt))
    assert all(slot.response is not None for slot in slots)
    images = hotspot_image_urls(slots=slots)
    for slot in slots:
        display = slot_display(slot, images)
        rendered = render_to_string(cache.TEMPLATE, {"question": display})
        assert cache.question_html(display) == rendered  # from the cache: the page filled it
        assert rendered in page
    assert 'value="scalenes &lt;b&gt;&amp;"' in page
    assert "An essay &lt;/textarea&gt; with markup</textarea>" in page


def test_one_learners_answers_never_reach_another_learners_page(client, module, bank, course):
    questions = [make_question(bank, "short_answer"), make_question(bank, "single_choice")]
    quiz = make_quiz(module, questions=questions, shuffle_answers=False)
    first, second = (EnrollmentFactory(course=course).student for _ in range(2))
    attempts = {}
    for learner in (first, second):
        attempts[learner] = services.attempt_start(quiz=quiz, user=learner)
        client.force_login(learner)
        client.get(reverse("quizzes:attempt", args=[attempts[learner].pk]))  # fill the cache
    client.force_login(first)
    save(client, attempts[first], 1, {"q1": ["FIRST-LEARNERS-ANSWER"]}, flagged=True)
    save(client, attempts[first], 2, {"q2": ["2"]})
    first_page = client.get(reverse("quizzes:attempt", args=[attempts[first].pk]))
    first_html = first_page.content.decode()
    assert "FIRST-LEARNERS-ANSWER" in first_html
    assert "data-flag checked" in first_html and 'value="2" checked' in first_html
    client.force_login(second)
    second_html = client.get(reverse("quizzes:attempt", args=[attempts[second].pk])).content
    second_html = second_html.decode()
    assert "FIRST-LEARNERS-ANSWER" not in second_html
    assert " checked" not in second_html
    save(client, attempts[second], 1, {"q1": ["SECOND-LEARNERS-ANSWER"]})
    client.force_login(first)
    first_html = client.get(reverse("quizzes:attempt", args=[attempts[first].pk])).content
    assert b"SECOND-LEARNERS-ANSWER" not in first_html and b"FIRST-LEARNERS-ANSWER" in first_html


def test_the_cache_keeps_at_most_its_limit(monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    displays = [
        {"order": n, "name": f"q{n}", "qtype": "essay", "stem": "", "max_mark": 1,
         "flagged": False, "answered": False, "values": {}}
        for n in range(1, 6)
    ]  # fmt: skip
    for display in displays:
        cache.question_html(display)
    assert len(cache._rendered) == 3
    assert 'id="q5"' in cache.question_html(displays[-1])
