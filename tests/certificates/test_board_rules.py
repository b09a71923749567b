"""Each board's own rules: a higher pass mark, its own post-test, the course evaluation. The
credit of a board is earned only when its rules are met; the other boards' credit does not wait,
and the credit follows when the learner meets the rule later."""

from decimal import Decimal

import pytest
from django.utils import timezone

from certificates import board_rules, services
from certificates.models import Certificate, CertificateEvent, WithheldCredit
from courses.models import CourseApproval, Enrollment
from courses.services import enrollment_credit_choose
from quizzes.models import Attempt, QuestionBank, QuizKind
from quizzes.signals import attempt_graded
from tests.certificates.issue_helpers import (
    GOOD_RATINGS,
    approved_course,
    completed_enrollment,
    issue,
    provider_school,
)
from tests.quizzes.conftest import make_question, make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalog):
    return approved_course(catalog, provider_school(), requires_evaluation=False)


@pytest.fixture
def final(course):
    bank = QuestionBank.objects.create(school=course.school, name="Bank")
    return make_quiz(
        course,
        questions=[make_question(bank)],
        kind=QuizKind.FINAL_ASSESSMENT,
        title="Final assessment",
        pass_mark=Decimal("70"),
    )


def florida(course, **rules) -> CourseApproval:
    approval = CourseApproval.objects.get(course=course, body__abbreviation="FL-BMT")
    for name, value in rules.items():
        setattr(approval, name, value)
    approval.save()
    return approval


def graded(quiz, student, fraction: str, number: int = 1) -> Attempt:
    now = timezone.now()
    return Attempt.objects.create(
        quiz=quiz,
        student=student,
        number=number,
        state=Attempt.State.SUBMITTED,
        started_at=now,
        submitted_at=now,
        max_score=Decimal("1"),
        score=Decimal(fraction),
        fraction=Decimal(fraction),
    )


def standings(enrollment) -> dict:
    enrollment = Enrollment.objects.select_related("course", "student").get(pk=enrollment.pk)
    return {s.body.abbreviation: s for s in board_rules.approval_standings(enrollment=enrollment)}


def claimed(certificate) -> list[str]:
    certificate.refresh_from_db()
    return sorted(a["body"] for a in certificate.snapshot["approvals"])


def test_a_higher_pass_mark_withholds_only_that_boards_credit(course, final):
    florida(course, pass_mark=80)
    enrollment = completed_enrollment(course)
    graded(final, enrollment.student, "0.75")
    found = standings(enrollment)
    assert found["NCBTMB"].earned
    assert found["FL-BMT"].missing == [
        "score at least 80 % on “Final assessment” (your grade so far: 75 %)"
    ]
    certificate = issue(enrollment)
    assert claimed(certificate) == ["NCBTMB"]
    assert certificate.snapshot["credit_withheld"][0]["body"] == "FL-BMT"
    withheld = WithheldCredit.objects.get(certificate=certificate)
    assert withheld.body.abbreviation == "FL-BMT" and "80 %" in withheld.reason


def test_meeting_the_pass_mark_later_reissues_with_the_board(course, final):
    florida(course, pass_mark=80)
    enrollment = completed_enrollment(course)
    graded(final, enrollment.student, "0.75")
    certificate = issue(enrollment)
    number = certificate.number
    attempt = graded(final, enrollment.student, "0.9", number=2)
    attempt_graded.send(sender=Attempt, attempt=attempt)
    assert claimed(certificate) == ["FL-BMT", "NCBTMB"]
    assert certificate.number == number
    assert not WithheldCredit.objects.filter(certificate=certificate).exists()
    event = certificate.events.get(action=CertificateEvent.Action.REISSUED)
    assert "FL-BMT" in event.reason and event.data["snapshot"]["credit_withheld"]


def test_a_pass_on_a_course_without_withheld_credit_changes_nothing(course, final):
    enrollment = completed_enrollment(course)
    graded(final, enrollment.student, "0.75")
    certificate = issue(enrollment)
    attempt_graded.send(sender=Attempt, attempt=graded(final, enrollment.student, "1", 2))
    assert not certificate.events.filter(action=CertificateEvent.Action.REISSUED).exists()


def test_the_boards_own_post_test_must_be_passed(course, final):
    bank = QuestionBank.objects.create(school=course.school, name="Laws")
    laws = make_quiz(
        course,
        questions=[make_question(bank)],
        title="Florida laws",
        pass_mark=Decimal("60"),
        required_for_completion=False,
    )
    florida(course, post_test=laws, pass_mark=80)
    enrollment = completed_enrollment(course)
    found = standings(enrollment)
    assert found["FL-BMT"].missing == [
        "pass the board's post-test “Florida laws” (80 %; your grade so far: none yet)"
    ]
    graded(laws, enrollment.student, "0.7")
    assert not standings(enrollment)["FL-BMT"].earned  # the board's 80 %, not the quiz's 60 %
    graded(laws, enrollment.student, "0.85", number=2)
    assert standings(enrollment)["FL-BMT"].earned


def test_a_board_that_requires_the_evaluation_is_earned_once_it_is_sent(course):
    florida(course, requires_evaluation=True)
    enrollment = completed_enrollment(course)
    assert standings(enrollment)["FL-BMT"].missing == ["fill in the course evaluation"]
    certificate = issue(enrollment, evaluate=False)
    assert claimed(certificate) == ["NCBTMB"]
    services.course_evaluation_submit(enrollment=enrollment, ratings=GOOD_RATINGS)
    assert claimed(certificate) == ["FL-BMT", "NCBTMB"]


def test_only_chosen_boards_are_claimed_and_the_rest_withheld(course, final):
    florida(course, pass_mark=80)
    enrollment = completed_enrollment(course)
    ncbtmb = CourseApproval.objects.get(course=course, body__abbreviation="NCBTMB")
    enrollment_credit_choose(enrollment=enrollment, approval_ids=[ncbtmb.pk])
    assert list(standings(enrollment)) == ["NCBTMB"]  # Florida's rule is not theirs to meet
    certificate = issue(enrollment)
    withheld = WithheldCredit.objects.get(certificate=certificate)
    assert withheld.body.abbreviation == "FL-BMT" and withheld.reason == services.NOT_CLAIMED


def test_the_standings_cost_the_same_for_any_number_of_rules(
    course, final, django_assert_num_queries
):
    florida(course, pass_mark=80, requires_evaluation=True)
    enrollment = completed_enrollment(course)
    enrollment = Enrollment.objects.select_related("course", "student").get(pk=enrollment.pk)
    # approvals, categories, subject areas, chosen ids, quizzes, grades, evaluation
    with django_assert_num_queries(7):
        found = board_rules.approval_standings(enrollment=enrollment)
    assert [s.earned for s in found] == [False, True]


def test_a_certificate_with_nothing_earned_is_still_issued(course, final):
    florida(course, pass_mark=80)
    enrollment = completed_enrollment(course)
    approval = florida(course)
    enrollment_credit_choose(enrollment=enrollment, approval_ids=[approval.pk])
    certificate = issue(enrollment)
    assert certificate.status == Certificate.Status.ISSUED
    assert claimed(certificate) == []
    assert WithheldCredit.objects.filter(certificate=certificate).count() == 2


def test_the_certificate_page_asks_for_the_evaluation_a_board_requires(client, course):
    florida(course, requires_evaluation=True)
    enrollment = completed_enrollment(course)
    services.certificate_create_pending(enrollment=enrollment)
    client.force_login(enrollment.student)
    url = f"/certificates/course/{course.pk}/"
    assert "<h2>Course evaluation</h2>" in client.get(url).content.decode()
    florida(course, requires_evaluation=None)  # the course's own rule: none
    assert "<h2>Course evaluation</h2>" not in client.get(url).content.decode()
