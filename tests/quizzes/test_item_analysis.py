import statistics
import time
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from quizzes import item_analysis as ia
from quizzes.models import Attempt, AttemptSlot
from tests.factories import SchoolMembershipFactory
from tests.quizzes.conftest import make_question, make_quiz

# Five students, three one-mark questions; totals 3, 2, 1, 1, 3.
MARKS = {1: [1, 1, 1, 0, 1], 2: [1, 1, 0, 0, 1], 3: [1, 0, 0, 1, 1]}


def hand_rows():
    return [
        ia.Row(
            attempt_id=a,
            question_id=q,
            version_id=q,
            mark=Decimal(m),
            max_mark=Decimal(1),
            response=m,
        )
        for q, marks in MARKS.items()
        for a, m in enumerate(marks, start=1)
    ]


VERSIONS = {
    q: (
        "single_choice",
        {
            "choices": [
                {"text": "Wrong", "fraction": "0"},
                {"text": "Right", "fraction": "1"},
                {"text": "Never", "fraction": "0"},
            ]
        },
    )
    for q in MARKS
}


def by_question():
    return {item.question_id: item for item in ia.item_statistics(hand_rows(), VERSIONS)}


def test_facility_sd_discrimination_match_hand_computation():
    q1 = by_question()[1]
    # x = [1,1,1,0,1], rest = [2,1,0,1,2]: Σdxdy = 0.2, Σdx² = 0.8, Σdy² = 2.8.
    assert q1.facility == pytest.approx(80)
    assert q1.sd == pytest.approx(44.7214, abs=1e-4)  # sqrt(8000 / 4)
    assert q1.discrimination == pytest.approx(100 * 0.2 / (0.8 * 2.8) ** 0.5)  # 13.36
    # Both sorted: x = [0,1,1,1,1], y = [0,1,1,2,2] give Σdxdy = 1.2.
    assert q1.efficiency == pytest.approx(100 * 0.2 / 1.2)
    assert q1.flags == [ia.WEAK]


def test_discrimination_is_correlation_with_the_rest_of_the_test():
    items = by_question()
    totals = [sum(MARKS[q][a] for q in MARKS) for a in range(5)]
    for q, item in items.items():
        rest = [t - m for t, m in zip(totals, MARKS[q], strict=True)]
        assert item.discrimination == pytest.approx(100 * statistics.correlation(MARKS[q], rest))
        assert item.sd == pytest.approx(statistics.stdev([100 * m for m in MARKS[q]]))
    assert items[2].discrimination == pytest.approx(66.6667, abs=1e-4)
    assert items[2].flags == []
    assert items[3].discrimination == pytest.approx(-10.2062, abs=1e-4)
    assert items[3].flags == [ia.WRONG_KEY]


def test_answer_distribution_lists_every_choice_and_no_answer():
    rows = [*hand_rows()[:5], ia.Row(6, 1, 1, Decimal(0), Decimal(1), None)]
    assert ia.answer_distribution(rows, VERSIONS) == [
        ("Wrong", 1),
        ("Right", 4),
        ("Never", 0),
        (ia.NO_ANSWER, 1),
    ]


def test_text_answers_are_grouped_ignoring_case_and_spaces():
    versions = {9: ("short_answer", {"answers": [{"text": "scalenes", "fraction": "1"}]})}
    rows = [
        ia.Row(a, 9, 9, Decimal(1), Decimal(1), text)
        for a, text in enumerate(["Scalenes", " scalenes ", "trapezius"])
    ]
    assert ia.answer_distribution(rows, versions) == [("scalenes", 2), ("trapezius", 1)]


@pytest.mark.parametrize(
    ("facility", "discrimination", "flags"),
    [
        (10, 50, [ia.TOO_HARD]),
        (99, 50, [ia.TOO_EASY]),
        (50, 10, [ia.WEAK]),
        (50, -5, [ia.WRONG_KEY]),
        (50, None, []),
        (50, 30, []),
    ],
)
def test_flags(facility, discrimination, flags):
    assert ia.flags_for(facility, discrimination) == flags


def test_no_variance_gives_no_discrimination():
    rows = [ia.Row(a, 1, 1, Decimal(1), Decimal(1), 1) for a in range(4)]
    (item,) = ia.item_statistics(rows, VERSIONS)
    assert item.facility == 100 and item.discrimination is None and item.flags == [ia.TOO_EASY]


def test_only_each_students_first_submitted_attempt_is_analysed():
    assert ia.first_attempts({(1, 2, 12), (1, 1, 11), (2, 3, 23)}) == {11, 23}


# --- The report page, against the database -------------------------------------------------


@pytest.fixture
def school_course(course, school):
    course.school = school
    course.save()
    return course


@pytest.fixture
def instructor(school):
    return SchoolMembershipFactory(school=school, role="instructor").user


def submitted_attempts(quiz, count, *, start=0):
    """`count` submitted attempts by new students, built in bulk; marks follow a pattern."""
    now = timezone.now()
    users = User.objects.bulk_create(
        User(email=f"bulk{start + i}@example.com") for i in range(count)
    )
    versions = [
        slot.question.current_version
        for slot in quiz.slots.select_related("question__current_version")
    ]
    attempts = Attempt.objects.bulk_create(
        Attempt(
            quiz=quiz,
            student=user,
            number=1,
            state=Attempt.State.SUBMITTED,
            started_at=now,
            submitted_at=now,
            max_score=len(versions),
            score=0,
            fraction=0,
        )
        for user in users
    )
    slots = []
    for i, attempt in enumerate(attempts):
        for order, version in enumerate(versions, start=1):
            right = (i + order) % 3 != 0
            slots.append(
                AttemptSlot(
                    attempt=attempt,
                    order=order,
                    question_version=version,
                    max_mark=1,
                    response=1 if right else 0,
                    fraction=int(right),
                    mark=int(right),
                )
            )
    AttemptSlot.objects.bulk_create(slots, batch_size=2000)
    return attempts


@pytest.fixture
def report_quiz(school_course, module, bank):
    questions = [make_question(bank, name=f"Q{i}") for i in range(5)]
    return make_quiz(module, questions=questions, shuffle_answers=False)


def report_queries(client, quiz):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("quizzes:item_analysis", args=[quiz.pk]))
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_report_shows_statistics_and_flags(client, report_quiz, instructor):
    submitted_attempts(report_quiz, 12)
    client.force_login(instructor)
    _, response = report_queries(client, report_quiz)
    html = response.content.decode()
    assert "12 attempts" in html and '<th scope="row">Q0</th>' in html
    assert "Trigger point: " in html


def test_report_queries_are_flat_from_10_to_1000_attempts(
    client, report_quiz, instructor, django_assert_num_queries
):
    client.force_login(instructor)
    submitted_attempts(report_quiz, 10)
    report_queries(client, report_quiz)  # warms the per-process caches (site, content types)
    small, _ = report_queries(client, report_quiz)
    submitted_attempts(report_quiz, 990, start=10)
    started = time.perf_counter()
    with django_assert_num_queries(small):
        _, response = report_queries(client, report_quiz)
    elapsed = time.perf_counter() - started
    print(f"item analysis: {small} queries, 1000 attempts in {elapsed:.2f}s")
    assert "1000 attempts" in response.content.decode()
    assert small == 13  # 10, 2 for the table by learning objective, 1 for the versions drawn
    assert elapsed < 10, elapsed
