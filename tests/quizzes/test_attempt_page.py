"""The open attempt's question page (quizzes/attempt_page/): byte for byte the page
attempt_view renders, in every shape the template has; every unusual request left to
attempt_view; nothing of one learner in another's page."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest
from django.middleware.csrf import _unmask_cipher_token
from django.urls import reverse
from django.utils import timezone

from cms import page_cache
from courses.models import Enrollment, ModulePage
from quizzes import place_hints, views
from quizzes.attempt_page import view as attempt_page_view
from quizzes.models import Attempt
from quizzes.services import attempts as services
from quizzes.services.accommodations import accommodation_grant
from tests.factories import EnrollmentFactory, SchoolMembershipFactory
from tests.quizzes.conftest import make_question, make_quiz
from tests.quizzes.test_drafts_and_hotspot_list import LABELLED_HOTSPOT

TOKEN = re.compile(r'(csrfmiddlewaretoken" value=")([^"]+)')


@pytest.fixture(autouse=True)
def caches_on(settings, tmp_path):
    """The content cache as in production (the fast view needs it), in a generation of the
    test's own: a rolled-back test's ids come back in the next one."""
    settings.CONTENT_CACHE_SECONDS = 600
    settings.PAGE_CACHE_STAMP_FILE = tmp_path / "page-cache.stamp"
    cache.clear()
    page_cache.invalidate()
    yield
    cache.clear()


@pytest.fixture
def slow_pages(monkeypatch):
    """The requests attempt_view answered (the fast view answers the others)."""
    served = []
    original = views.attempt_view

    def attempt_view(request, attempt_id):
        served.append(attempt_id)
        return original(request, attempt_id)

    monkeypatch.setattr(views, "attempt_view", attempt_view)
    return served


def url(attempt, query=""):
    return reverse("quizzes:attempt", args=[attempt.pk]) + query


def pages(client, attempt, query=""):
    """(fast page, attempt_view's page) of the same request, CSRF tokens blanked."""
    fast = client.get(url(attempt, query))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(attempt_page_view, "attempt_page", lambda request, attempt_id: None)
        slow = client.get(url(attempt, query))
    assert fast.status_code == slow.status_code == 200
    assert set(fast.headers) == set(slow.headers)
    for name in ("Content-Type", "Vary", "Cache-Control"):
        assert fast.get(name) == slow.get(name), name
    assert set(fast.cookies) <= set(slow.cookies) | {"csrftoken"}
    return TOKEN.sub(r"\1", fast.content.decode()), TOKEN.sub(r"\1", slow.content.decode())


def save(attempt, order, fields=None, *, flagged=False):
    fields = fields or {}
    services.attempt_save_response(
        attempt=attempt, slot_order=order, fields=lambda name: fields.get(name, []), flagged=flagged
    )


@pytest.fixture
def paged_quiz(module, bank):
    questions = [make_question(bank, name=f"Q{i}") for i in range(12)]
    return make_quiz(module, questions=questions, shuffle_answers=False, questions_per_page=5)


@pytest.fixture
def every_type_quiz(module, bank):
    qtypes = [
        "single_choice",
        "multiple_response",
        "true_false",
        "short_answer",
        "numerical",
        "matching",
        "ordering",
        "essay",
    ]
    questions = [make_question(bank, qtype) for qtype in qtypes]
    questions.append(make_question(bank, "hotspot", data=LABELLED_HOTSPOT))
    questions.append(make_question(bank, "hotspot"))
    return make_quiz(module, questions=questions, shuffle_answers=True)


def test_a_new_single_page_attempt_is_the_same_page(client, quiz, student, slow_pages):
    client.force_login(student)
    attempt = services.attempt_start(quiz=quiz, user=student)
    fast, slow = pages(client, attempt)
    assert fast == slow
    assert slow_pages == [attempt.pk]  # only the reference request went to attempt_view


def test_answers_and_flags_on_one_page(client, quiz, student, slow_pages):
    client.force_login(student)
    attempt = services.attempt_start(quiz=quiz, user=student)
    save(attempt, 1, {"q1": ["1"]}, flagged=True)
    save(attempt, 3, {"q3": ["<b>scalenes</b> & co"]})
    fast, slow = pages(client, attempt)
    assert fast == slow
    assert "quiz-nav" in fast  # a flag shows the panel on a single page
    assert "RIGHT-ANSWER-FEEDBACK" not in fast and "&lt;b&gt;scalenes" in fast
    assert slow_pages == [attempt.pk]


@pytest.mark.parametrize("query", ["", "?page=1", "?page=2", "?page=3", "?page=99", "?page=x"])
def test_every_page_of_a_paged_attempt(client, paged_quiz, student, query, slow_pages):
    client.force_login(student)
    attempt = services.attempt_start(quiz=paged_quiz, user=student)
    save(attempt, 2, {"q2": ["0"]}, flagged=True)
    save(attempt, 7, {"q7": ["1"]})
    save(attempt, 12, flagged=True)
    fast, slow = pages(client, attempt, query)
    assert fast == slow
    assert slow_pages == [attempt.pk]


def test_one_question_to_a_page(client, module, bank, student, slow_pages):
    quiz = make_quiz(
        module, questions=[make_question(bank), make_question(bank)], layout="per_question"
    )
    client.force_login(student)
    attempt = services.attempt_start(quiz=quiz, user=student)
    for query in ("", "?page=2"):
        fast, slow = pages(client, attempt, query)
        assert fast == slow


def test_a_quiz_of_one_question(client, module, bank, student):
    quiz = make_quiz(module, questions=[make_question(bank, "true_false")])
    client.force_login(student)
    attempt = services.attempt_start(quiz=quiz, user=student)
    fast, slow = pages(client, attempt)
    assert fast == slow and "1 question</p>" in fast


def test_every_question_type_answered_and_not(client, every_type_quiz, student, slow_pages):
    client.force_login(student)
    attempt = services.attempt_start(quiz=every_type_quiz, user=student)
    fast, slow = pages(client, attempt)
    assert fast == slow
    answers = {
        1: {"q1": ["2"]},
        2: {"q2": ["0", "2"]},
        3: {"q3": ["false"]},
        4: {"q4": ["trapezius"]},
        5: {"q5": ["31"]},
        6: {"q6-0": ["1"], "q6-1": ["0"]},
        7: {"q7-0": ["2"], "q7-1": ["1"]},
        8: {"q8": ["Knots <em>hurt</em>"]},
        10: {"q10-x": ["30"], "q10-y": ["40"]},
    }
    for order, fields in answers.items():
        save(attempt, order, fields, flagged=order % 2 == 0)
    services.attempt_hotspot_mode_set(attempt=attempt, slot_order=9, list_mode=True)
    save(attempt, 9, {"q9": ["1"]})
    fast, slow = pages(client, attempt)
    assert fast == slow
    assert "TRAP-FEEDBACK" not in fast and "RIGHT-ANSWER-FEEDBACK" not in fast
    assert slow_pages == [attempt.pk, attempt.pk]


def test_a_deadline_with_extra_time(client, course, module, bank, student, school, slow_pages):
    course.school = school
    course.save()
    instructor = SchoolMembershipFactory(school=school, role="instructor").user
    accommodation_grant(
        student=student,
        course=course,
        granted_by=instructor,
        time_factor=Decimal("1.5"),
        reason="Documented need for extra time",
    )
    quiz = make_quiz(module, questions=[make_question(bank)], time_limit_minutes=45)
    client.force_login(student)
    attempt = services.attempt_start(quiz=quiz, user=student)
    assert attempt.accommodation_id is not None
    fast, slow = pages(client, attempt)
    assert fast == slow and "(including your extra time)" in fast
    assert slow_pages == [attempt.pk]


def test_a_deadline_without_extra_time_in_another_time_zone(
    client, module, bank, student, settings
):
    settings.TIME_ZONE = "America/Chicago"
    quiz = make_quiz(module, questions=[make_question(bank)], time_limit_minutes=30)
    client.force_login(student)
    attempt = services.attempt_start(quiz=quiz, user=student)
    fast, slow = pages(client, attempt)
    assert fast == slow and "data-deadline=" in fast


def test_two_learners_interleaved_see_only_their_own(client, paged_quiz, course, student):
    other = EnrollmentFactory(course=course).student
    mine = services.attempt_start(quiz=paged_quiz, user=student)
    theirs = services.attempt_start(quiz=paged_quiz, user=other)
    save(mine, 1, {"q1": ["1"]}, flagged=True)
    save(theirs, 1, {"q1": ["2"]})
    save(theirs, 3, {"q3": ["0"]}, flagged=True)
    from django.test import Client

    clients = {student: client, other: Client()}
    for learner, each in clients.items():
        each.force_login(learner)
    seen = {}
    for _ in range(2):
        for learner, attempt in [(student, mine), (other, theirs)]:
            fast, slow = pages(clients[learner], attempt)
            assert fast == slow
            response = clients[learner].get(url(attempt))
            secret = clients[learner].cookies["csrftoken"].value
            tokens = TOKEN.findall(response.content.decode())
            assert tokens and all(_unmask_cipher_token(t) == secret for _, t in tokens)
            seen[learner] = fast
    assert seen[student] != seen[other]
    # Another learner's attempt is not found, whoever's shell is warm.
    assert clients[other].get(url(mine)).status_code == 404


def test_unusual_requests_go_to_attempt_view(client, quiz, student, slow_pages, settings):
    client.force_login(student)
    attempt = services.attempt_start(quiz=quiz, user=student)
    # Messages pending: attempt_view shows them.
    request = HttpRequest()
    storage = CookieStorage(request)
    storage.add(constants.SUCCESS, "Your answers are saved.")
    storage.update(response := client.get(url(attempt)))
    client.cookies.update(response.cookies)
    slow_pages.clear()
    html = client.get(url(attempt)).content.decode()
    assert "Your answers are saved." in html and slow_pages == [attempt.pk]
    # A POST saves the page (and leaves a message the next page shows).
    slow_pages.clear()
    client.post(url(attempt), {"page": "1", "q1": "1", "save": ""})
    client.get(url(attempt))
    assert slow_pages == [attempt.pk, attempt.pk]
    client.get(url(attempt))
    assert slow_pages == [attempt.pk, attempt.pk]  # the fast path again
    # Past its deadline: submitted, then the review.
    slow_pages.clear()
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    response = client.get(url(attempt))
    assert response.status_code == 302 and response.url.endswith("/review/")
    assert slow_pages == [attempt.pk]
    # The content cache off (tests, by default): attempt_view.
    settings.CONTENT_CACHE_SECONDS = 0
    other = services.attempt_start(quiz=quiz, user=student)
    slow_pages.clear()
    assert client.get(url(other)).status_code == 200 and slow_pages == [other.pk]


def test_a_locked_quiz_is_refused_by_attempt_view(client, quiz, student, module, slow_pages):
    client.force_login(student)
    attempt = services.attempt_start(quiz=quiz, user=student)
    module.opens_on = timezone.localdate() + timedelta(days=3)
    module.save()
    page_cache.invalidate()
    response = client.get(url(attempt))
    assert response.status_code == 403 and slow_pages == [attempt.pk]


def test_a_lock_coming_after_the_first_view_refuses_the_next(
    client, quiz, student, module, slow_pages, django_assert_num_queries
):
    """From a worker's second view of an attempt the gate's row comes with the attempt's read
    (quizzes.place_hints): a lock set meanwhile is still seen."""
    client.force_login(student)
    attempt = services.attempt_start(quiz=quiz, user=student)
    assert client.get(url(attempt)).status_code == 200
    assert place_hints.quiz_path(attempt.pk) == quiz.path
    with django_assert_num_queries(2):  # the user (not remembered in tests) and the one read
        assert client.get(url(attempt)).status_code == 200
    assert slow_pages == []
    ModulePage.objects.filter(pk=module.pk).update(opens_on=timezone.localdate() + timedelta(3))
    assert client.get(url(attempt)).status_code == 403 and slow_pages == [attempt.pk]


def test_a_gate_read_for_another_place_is_dropped(client, quiz, student, slow_pages):
    """The remembered path is a hint: facts read for a path the quiz no longer has (moved, or a
    reused id) are not used; the gate is asked on its own and the page is the same."""
    client.force_login(student)
    attempt = services.attempt_start(quiz=quiz, user=student)
    place_hints.remember(attempt.pk, quiz.path[: -quiz.steplen] + "ZZZZ")
    fast, slow = pages(client, attempt)
    assert fast == slow and slow_pages == [attempt.pk]
    assert place_hints.quiz_path(attempt.pk) == quiz.path


def test_a_learner_without_an_enrolment_is_left_to_attempt_view(
    client, quiz, course, student, slow_pages
):
    client.force_login(student)
    attempt = services.attempt_start(quiz=quiz, user=student)
    assert client.get(url(attempt)).status_code == 200  # primes the hint
    Enrollment.objects.filter(student=student, course=course).update(
        status=Enrollment.Status.SUSPENDED
    )
    client.get(url(attempt))
    assert slow_pages == [attempt.pk]


def test_an_admin_gets_attempt_view(client, quiz, student, slow_pages):
    student.is_staff = True
    student.save()
    client.force_login(student)
    attempt = services.attempt_start(quiz=quiz, user=student)
    assert client.get(url(attempt)).status_code == 200 and slow_pages == [attempt.pk]


def test_the_anonymous_visitor_is_sent_to_log_in(client, quiz, student, slow_pages):
    attempt = services.attempt_start(quiz=quiz, user=student)
    response = client.get(url(attempt))
    assert response.status_code == 302 and "login" in response.url
