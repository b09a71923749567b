"""Item analysis per learning objective, and the grading scale shown before the test."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import CourseObjective
from quizzes import selectors
from quizzes.models import Attempt, AttemptSlot, QuizKind
from quizzes.services.questions import question_objectives_set
from tests.factories import UserFactory
from tests.quizzes.conftest import make_question, make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged_quiz(course, bank):
    course.school = bank.school
    course.save()
    locate = CourseObjective.objects.create(course=course, text="Locate", sort_order=0)
    explain = CourseObjective.objects.create(course=course, text="Explain", sort_order=1)
    CourseObjective.objects.create(course=course, text="Untested", sort_order=2)
    q1, q2 = make_question(bank, name="Q1"), make_question(bank, name="Q2")
    question_objectives_set(question=q1, objectives=[locate])
    question_objectives_set(question=q2, objectives=[locate, explain])
    return make_quiz(course, questions=[q1, q2], kind=QuizKind.FINAL_ASSESSMENT, title="Final")


def attempts(quiz, count, *, start=0):
    """`count` students; each first attempt gets Q1 right and Q2 wrong, a retry all right."""
    versions = [slot.question.current_version for slot in quiz.slots.order_by("sort_order")]
    now = timezone.now()
    for i in range(start, start + count):
        student = UserFactory(email=f"learner{i}@example.com")
        for number, marks in ((1, (1, 0)), (2, (1, 1))):
            attempt = Attempt.objects.create(
                quiz=quiz, student=student, number=number, state=Attempt.State.SUBMITTED,
                started_at=now, submitted_at=now, max_score=2, score=sum(marks),
                fraction=Decimal(sum(marks)) / 2,
            )  # fmt: skip
            AttemptSlot.objects.bulk_create(
                AttemptSlot(attempt=attempt, order=n, question_version=v, max_mark=1, mark=m)
                for n, (v, m) in enumerate(zip(versions, marks, strict=True), start=1)
            )


def test_facility_per_objective_uses_first_attempts(tagged_quiz, course, django_assert_num_queries):
    attempts(tagged_quiz, 3)
    with django_assert_num_queries(2):
        small = selectors.objective_item_analysis(quiz=tagged_quiz, course=course)
    attempts(tagged_quiz, 27, start=3)
    with django_assert_num_queries(2):
        rows = selectors.objective_item_analysis(quiz=tagged_quiz, course=course)
    assert [(r["text"], r["questions"], r["attempts"]) for r in rows] == [
        ("Locate", 2, 30), ("Explain", 1, 30), ("Untested", 0, 0),
    ]  # fmt: skip
    assert [r["facility"] for r in rows] == [50.0, 0.0, None]
    assert small[0]["attempts"] == 3


def test_item_analysis_page_shows_the_objectives(client, tagged_quiz):
    attempts(tagged_quiz, 2)
    client.force_login(UserFactory(is_staff=True))
    html = client.get(reverse("quizzes:item_analysis", args=[tagged_quiz.pk])).content.decode()
    assert "By learning objective" in html and '<th scope="row">Explain</th>' in html


def test_grading_scale_and_certificate_are_shown_before_the_test(client, tagged_quiz, student):
    client.force_login(student)
    html = client.get(tagged_quiz.url).content.decode()
    assert "How this test is graded" in html
    assert "2 in all" in html and "percentage of the marks" in html
    assert "required for the course's Certificate of Achievement" in html
