"""The autosave view's lean path (quizzes.autosave_target, quizzes.gate.open_without_lock,
quizzes.version_memo): each learner's save reaches only their own attempt, with the question
versions kept in memory as with them read, and every unusual request is answered as before."""

import json
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import ModulePage
from quizzes import autosave_target, place_hints, version_memo
from quizzes.models import Attempt, AttemptSlot
from quizzes.services import attempts as services
from tests.factories import EnrollmentFactory, UserFactory
from tests.quizzes.conftest import make_question, make_quiz


def save(client, attempt, body):
    return client.post(
        reverse("quizzes:autosave", args=[attempt.pk]),
        data=body if isinstance(body, str) else json.dumps(body),
        content_type="application/json",
    )


def stored(attempt) -> list:
    return list(AttemptSlot.objects.filter(attempt=attempt).order_by("order").values_list(
        "order", "response", "flagged"
    ))  # fmt: skip


@pytest.fixture
def memo_on(settings):
    """The content cache on, as in production: question versions are kept in memory."""
    settings.CONTENT_CACHE_SECONDS = 600
    yield
    version_memo._versions.clear()


@pytest.fixture
def mixed_quiz(module, bank):
    kinds = ["single_choice", "true_false", "matching", "short_answer"]
    questions = [make_question(bank, kind) for kind in kinds]
    return make_quiz(module, questions=questions, shuffle_answers=True)


@pytest.mark.django_db
def test_two_learners_saving_in_turn_each_reach_only_their_own_attempt(
    memo_on, mixed_quiz, course, student
):
    other = EnrollmentFactory(course=course).student
    mine = services.attempt_start(quiz=mixed_quiz, user=student)
    theirs = services.attempt_start(quiz=mixed_quiz, user=other)
    me, them = Client(), Client()
    me.force_login(student)
    them.force_login(other)
    answers = [
        (1, {"q1": ["0"]}, {"q1": ["2"]}),
        (2, {"q2": ["true"]}, {"q2": ["false"]}),
        (3, {"q3-0": ["1"]}, {"q3-0": ["0"], "q3-1": ["1"]}),
        (4, {"q4": ["scalenes"]}, {"q4": ["trapezius"]}),
    ]
    for count, (order, my_fields, their_fields) in enumerate(answers, start=1):
        mine_saved = save(me, mine, {"question": order, "fields": my_fields, "flagged": True})
        theirs_saved = save(them, theirs, {"question": order, "fields": their_fields})
        assert mine_saved.status_code == theirs_saved.status_code == 200
        assert mine_saved.json()["answered_count"] == count
        assert (mine_saved.json()["flagged"], theirs_saved.json()["flagged"]) == (True, False)
    # The same saves through the locked path, one attempt per learner, store the same rows.
    for attempt, client_fields in ((mine, 1), (theirs, 2)):
        expected = services.attempt_start(quiz=mixed_quiz, user=UserFactory(is_staff=True))
        for fast, slow in zip(attempt.slots.all(), expected.slots.all(), strict=True):
            slow.question_version_id, slow.answer_order = (
                fast.question_version_id,
                fast.answer_order,
            )
            slow.save()
        for order, *fields in answers:
            services.attempt_save_response(
                attempt=expected,
                slot_order=order,
                fields=lambda name, f=fields[client_fields - 1]: f.get(name, []),
                flagged=True if attempt == mine else None,
            )
        assert stored(attempt) == stored(expected)
    # Neither may write to the other's attempt, whatever they send.
    before = stored(theirs)
    assert save(me, theirs, {"question": 1, "fields": {"q1": ["1"]}}).status_code == 404
    assert save(me, theirs, "nonsense").status_code == 404
    assert stored(theirs) == before


@pytest.mark.django_db
def test_question_versions_are_read_once_per_worker_while_the_content_cache_is_on(
    memo_on, quiz, student
):
    attempt = services.attempt_start(quiz=quiz, user=student)
    client = Client()
    client.force_login(student)
    assert save(client, attempt, {"question": 1, "fields": {"q1": ["1"]}}).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = save(client, attempt, {"question": 1, "fields": {"q1": ["2"]}})
    assert response.status_code == 200 and response.json()["answered_count"] == 1
    assert not [q for q in captured.captured_queries if "quizzes_questionversion" in q["sql"]]
    assert attempt.slots.get(order=1).response == 2  # not shuffled: position 2 is index 2


@pytest.mark.django_db
def test_without_the_content_cache_versions_are_read_every_time(quiz, student):
    """Tests roll their databases back and reuse ids: nothing may be kept from one to the
    next."""
    attempt = services.attempt_start(quiz=quiz, user=student)
    client = Client()
    client.force_login(student)
    assert save(client, attempt, {"question": 1, "fields": {"q1": ["1"]}}).status_code == 200
    assert version_memo._versions == {}


@pytest.mark.django_db
def test_unusual_saves_are_answered_as_before(client, quiz, student):
    attempt = services.attempt_start(quiz=quiz, user=student)
    client.force_login(student)
    # No such question: 400; an order or an id past what a column holds finds nothing.
    missing = save(client, attempt, {"question": 99, "fields": {}})
    assert missing.status_code == 400 and missing.json()["closed"] is False
    huge = save(client, attempt, {"question": 10**30, "fields": {}})
    assert huge.status_code == 400 and huge.json()["closed"] is False
    url = reverse("quizzes:autosave", args=[10**30])
    assert client.post(url, "{}", content_type="application/json").status_code == 404
    # A closed attempt says so before it says the question is missing.
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    late = save(client, attempt, {"question": 99, "fields": {}})
    assert late.status_code == 409 and late.json()["closed"] is True


@pytest.mark.django_db
def test_an_unreadable_body_is_refused_only_after_access_and_locks(client, quiz, enrollment):
    attempt = services.attempt_start(quiz=quiz, user=enrollment.student)
    client.force_login(enrollment.student)
    assert save(client, attempt, "nonsense").status_code == 400
    assert save(client, attempt, {"question": "one", "fields": {}}).status_code == 400
    enrollment.status = "revoked"
    enrollment.save()
    assert save(client, attempt, "nonsense").status_code == 404


@pytest.mark.django_db
def test_staff_without_an_enrolment_still_save_through_quiz_gate(client, quiz):
    """open_without_lock says no for someone not enrolled; quiz_gate lets staff in."""
    staff = UserFactory(is_staff=True)
    attempt = services.attempt_start(quiz=quiz, user=staff)
    client.force_login(staff)
    response = save(client, attempt, {"question": 2, "fields": {"q2": ["true"]}})
    assert response.status_code == 200 and response.json()["answered"] is True
    assert attempt.slots.get(order=2).response is True


@pytest.mark.django_db
def test_a_lock_coming_after_the_first_save_refuses_the_next(client, quiz, module, student):
    """From a worker's second save the gate's facts come with the attempt's read."""
    attempt = services.attempt_start(quiz=quiz, user=student)
    client.force_login(student)
    assert save(client, attempt, {"question": 1, "fields": {"q1": ["1"]}}).status_code == 200
    assert place_hints.quiz_path(attempt.pk) == quiz.path
    ModulePage.objects.filter(pk=module.pk).update(opens_on=date.today() + timedelta(days=3))
    refused = save(client, attempt, {"question": 1, "fields": {"q1": ["2"]}})
    assert refused.status_code == 403 and refused.json()["locked"] is True
    assert attempt.slots.get(order=1).response == 1


@pytest.mark.django_db
def test_facts_read_for_another_place_are_dropped(client, quiz, student):
    """The remembered path is a hint: read for a path the quiz no longer has (moved, or an id
    reused), the facts are not used and the gate is asked."""
    attempt = services.attempt_start(quiz=quiz, user=student)
    client.force_login(student)
    place_hints.remember(attempt.pk, quiz.path[: -quiz.steplen] + "ZZZZ")
    target = autosave_target.autosave_target(user=student, attempt_id=attempt.pk, slot_order=1)
    assert target.open_without_lock is None and target.quiz.path == quiz.path
    again = autosave_target.autosave_target(user=student, attempt_id=attempt.pk, slot_order=1)
    assert again.open_without_lock is True
    assert save(client, attempt, {"question": 1, "fields": {"q1": ["1"]}}).status_code == 200
