"""Autosave in one statement (quizzes.services.autosave.attempt_autosave_direct): from a worker's
second look at a question on, the save is written by a statement that also asks the attempt's
owner, its state, the slot the worker's hints name and the quiz's gate. It may write only where
the full path would have written the same, and where it writes nothing the full path answers."""

import json
from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrollment, ModulePage
from courses.selectors.locks import Release, module_lock
from quizzes import place_hints, selectors, slot_hints
from quizzes.autosave_target import autosave_target
from quizzes.models import Attempt, AttemptSlot
from quizzes.services import attempts as services
from quizzes.services.autosave import attempt_autosave_direct
from tests.factories import EnrollmentFactory, SchoolMembershipFactory, UserFactory
from tests.quizzes.conftest import make_question, make_quiz
from tests.quizzes.lock_scenarios import scenarios


def prime(user, attempt, order=1):
    """What a worker knows after the question page or a first save: the hints."""
    assert autosave_target(user=user, attempt_id=attempt.pk, slot_order=order) is not None


def started(quiz, learner) -> Attempt:
    """An attempt of `learner`'s, whatever may lock the quiz for them later: started as staff."""
    is_staff = learner.is_staff
    learner.is_staff = True
    attempt = services.attempt_start(quiz=quiz, user=learner)
    learner.is_staff = is_staff
    return attempt


def direct(user, attempt, answer="true", order=1, flagged=None):
    return attempt_autosave_direct(
        user=user,
        attempt_id=attempt.pk,
        slot_order=order,
        fields=lambda name: [answer] if name == f"q{order}" else [],
        flagged=flagged,
    )


def stored(attempt) -> list[tuple]:
    rows = AttemptSlot.objects.filter(attempt=attempt).order_by("order")
    return list(rows.values_list("order", "response", "flagged", "saved_at"))


def save(client, attempt, body):
    return client.post(
        reverse("quizzes:autosave", args=[attempt.pk]),
        data=json.dumps(body),
        content_type="application/json",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["learner", "staff", "school member"])
def test_it_writes_only_where_quiz_gate_lets_the_learner_in(lock_courses, who):
    """For every kind of lock: a write means quiz_gate says "may take, no lock"; no write leaves
    the attempt as it was. A plainly open module quiz is written (else the path is never taken);
    anyone not enrolled, and a course-level final, go the full way."""
    learner = UserFactory(is_staff=who == "staff")
    if who == "school member":
        school = lock_courses["advanced"].school
        SchoolMembershipFactory(school=school, user=learner, role="instructor")
    attempts = [started(quiz, learner) for quiz in lock_courses["quizzes"]]
    written = set()
    for scenario in scenarios(lock_courses, learner):
        for quiz, attempt in zip(lock_courses["quizzes"], attempts, strict=True):
            quiz.refresh_from_db()
            prime(learner, attempt)
            before = stored(attempt)
            saved = direct(learner, attempt, answer="true" if len(written) % 2 else "false")
            if saved is None:
                assert stored(attempt) == before, (scenario, quiz.title)
                continue
            found = selectors.quiz_gate(user=learner, quiz=quiz)
            assert found.may_take and found.lock is None, (scenario, quiz.title)
            assert stored(attempt) != before
            written.add((scenario, quiz.kind))
    # Staff and members are enrolled by the scenarios too: locks they pass go the full way.
    assert written == {("enrolled, nothing locked", lock_courses["quizzes"][0].kind)}


@pytest.mark.django_db
@pytest.mark.parametrize("zone", ["UTC", "Pacific/Kiritimati", "America/St_Johns"])
def test_release_dates_and_delays_never_open_a_module_early(lock_courses, settings, zone):
    """Around a module's release day and its delay's end, in zones far from UTC and with a
    half-hour offset: a write only where module_lock says it has opened, and the direct path
    taken once the release is a day past."""
    settings.TIME_ZONE = zone
    module, quiz = lock_courses["module"], lock_courses["quizzes"][0]
    enrollment = EnrollmentFactory(course=lock_courses["advanced"])
    learner = enrollment.student
    attempt = services.attempt_start(quiz=quiz, user=learner)
    now = timezone.now()
    today = timezone.localdate(now)
    cases = [(today + timedelta(days=d), None, None) for d in (-2, -1, 0, 1)]
    cases += [(None, 3, now - timedelta(hours=hours)) for hours in range(2 * 24, 5 * 24 + 1, 6)]
    taken = []
    for opens_on, days, enrolled_at in cases:
        ModulePage.objects.filter(pk=module.pk).update(opens_on=opens_on, opens_after_days=days)
        Enrollment.objects.filter(pk=enrollment.pk).update(enrolled_at=enrolled_at or now)
        prime(learner, attempt)
        saved = direct(learner, attempt, answer="true" if len(taken) % 2 else "false")
        release = Release(opens_on=opens_on, opens_after_days=days)
        lock = module_lock(module=release, enrolled_at=enrolled_at or now)
        if saved is not None:
            assert lock is None, (opens_on, days, enrolled_at)
            taken.append((opens_on, days, enrolled_at))
    assert (today - timedelta(days=1), None, None) in taken
    assert (None, 3, now - timedelta(hours=5 * 24)) in taken


@pytest.mark.django_db
def test_it_stores_what_the_full_path_stores(module, bank, course, student):
    """Every kind of answer, shuffled, saved a second time through the one statement, leaves
    the rows the locked path leaves."""
    kinds = ["single_choice", "true_false", "multiple_response", "matching", "short_answer"]
    questions = [make_question(bank, kind) for kind in kinds]
    quiz = make_quiz(module, questions=questions, shuffle_answers=True)
    attempt = services.attempt_start(quiz=quiz, user=student)
    expected = services.attempt_start(quiz=quiz, user=UserFactory(is_staff=True))
    for fast, slow in zip(attempt.slots.all(), expected.slots.all(), strict=True):
        slow.question_version_id, slow.answer_order = fast.question_version_id, fast.answer_order
        slow.save()
    answers = {
        1: {"q1": ["1"]},
        2: {"q2": ["false"]},
        3: {"q3": ["0", "2"]},
        4: {"q4-0": ["1"], "q4-1": ["0"]},
        5: {"q5": ["trapezius"]},
    }
    for count, (order, fields) in enumerate(answers.items(), start=1):
        prime(student, attempt, order)
        saved = attempt_autosave_direct(
            user=student,
            attempt_id=attempt.pk,
            slot_order=order,
            fields=lambda name, f=fields: f.get(name, []),
            flagged=order % 2 == 0,
        )
        assert saved is not None and saved.answered and saved.answered_count == count
        assert saved.flagged is (order % 2 == 0)
        services.attempt_save_response(
            attempt=expected,
            slot_order=order,
            fields=lambda name, f=fields: f.get(name, []),
            flagged=order % 2 == 0,
        )
    without_time = [row[:3] for row in stored(attempt)]
    assert without_time == [row[:3] for row in stored(expected)]
    # A flag left out keeps the saved one; a blank answer clears the response.
    prime(student, attempt, 2)
    saved = direct(student, attempt, answer="", order=2)
    assert (saved.answered, saved.flagged, saved.answered_count) == (False, True, 4)
    assert AttemptSlot.objects.get(attempt=attempt, order=2).response is None


@pytest.mark.django_db
def test_hints_out_of_date_or_for_another_learner_write_nothing(quiz, course, student):
    other = EnrollmentFactory(course=course).student
    mine = services.attempt_start(quiz=quiz, user=student)
    theirs = services.attempt_start(quiz=quiz, user=other)
    prime(other, theirs)
    before = stored(theirs)
    # Their attempt's hints, used by someone else.
    assert direct(student, theirs) is None
    # A hint naming another slot, another question version or another shuffle: each read off a
    # real row, as a hint is, and each an answer that reads, so only the statement refuses.
    prime(student, mine, 2)
    hint = slot_hints.slot(mine.pk, 2)
    first, third = mine.slots.get(order=1), mine.slots.get(order=3)
    for stale, answer in (
        (slot_hints.SlotHint(first.pk, hint.version_id, hint.raw_answer_order), "true"),
        (slot_hints.SlotHint(hint.slot_id, third.question_version_id, "{}"), "true"),
        (slot_hints.SlotHint(hint.slot_id, hint.version_id, '{"choices": [1, 0]}'), "true"),
    ):
        slot_hints.remember(mine.pk, 2, stale)
        assert direct(student, mine, answer=answer, order=2) is None
    prime(student, mine, 2)
    place_hints.remember(mine.pk, quiz.path[: -quiz.steplen] + "ZZZZ")
    assert direct(student, mine, order=2) is None
    assert stored(theirs) == before
    assert mine.slots.exclude(response=None).count() == 0


@pytest.mark.django_db
def test_a_closed_attempt_is_left_to_the_full_path(client, quiz, student):
    attempt = services.attempt_start(quiz=quiz, user=student)
    client.force_login(student)
    assert save(client, attempt, {"question": 2, "fields": {"q2": ["true"]}}).status_code == 200
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    assert direct(student, attempt, answer="false", order=2) is None
    late = save(client, attempt, {"question": 2, "fields": {"q2": ["false"]}})
    assert late.status_code == 409 and late.json()["closed"] is True
    services.attempt_submit(attempt=Attempt.objects.get(pk=attempt.pk))
    after = save(client, attempt, {"question": 2, "fields": {"q2": ["false"]}})
    assert after.status_code == 409
    assert attempt.slots.get(order=2).response is True


@pytest.mark.django_db
def test_a_lock_after_the_page_was_read_refuses_the_save(client, quiz, module, student, settings):
    """The question page primes the hints; a module closed after it is still refused, by the
    full path, with its message."""
    settings.CONTENT_CACHE_SECONDS = 600  # the page's lean read, as in production
    attempt = services.attempt_start(quiz=quiz, user=student)
    client.force_login(student)
    assert client.get(reverse("quizzes:attempt", args=[attempt.pk])).status_code == 200
    assert slot_hints.slot(attempt.pk, 2) is not None
    assert place_hints.quiz_path(attempt.pk) == quiz.path
    ModulePage.objects.filter(pk=module.pk).update(opens_on=date.today() + timedelta(days=3))
    refused = save(client, attempt, {"question": 2, "fields": {"q2": ["true"]}})
    assert refused.status_code == 403 and refused.json()["locked"] is True
    assert attempt.slots.get(order=2).response is None


@pytest.mark.django_db
def test_after_the_question_page_a_save_is_one_statement(client, quiz, student, settings):
    settings.CONTENT_CACHE_SECONDS = 600  # question versions kept in memory, as in production
    attempt = services.attempt_start(quiz=quiz, user=student)
    client.force_login(student)
    assert client.get(reverse("quizzes:attempt", args=[attempt.pk])).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = save(client, attempt, {"question": 2, "fields": {"q2": ["true"]}})
    assert response.status_code == 200
    body = response.json()
    assert (body["answered"], body["flagged"], body["answered_count"]) == (True, False, 1)
    assert datetime.fromisoformat(body["saved_at"]) == attempt.slots.get(order=2).saved_at
    ours = [q["sql"] for q in captured.captured_queries if "quizzes_" in q["sql"]]
    assert len(ours) == 1 and ours[0].lstrip().startswith("WITH open_attempt")
