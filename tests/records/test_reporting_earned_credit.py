"""The reports (the roster, the nightly run) send a completion to a body only when the
certificate claims that body's credit: the learner chose the board and met its own rules."""

import pytest
from django.utils import timezone

from courses.models import AccreditingBody, CourseApproval
from courses.services import enrollment_credit_choose
from quizzes.models import Attempt
from quizzes.signals import attempt_graded
from records import reporting
from records.report_runs import due_certificates
from tests.certificates.issue_helpers import completed_enrollment, issue
from tests.certificates.test_board_rules import course, final, florida, graded

__all__ = ["course", "final"]  # the fixtures

pytestmark = pytest.mark.django_db


def bodies(course):
    florida(course, pass_mark=80)
    return (
        AccreditingBody.objects.get(abbreviation="FL-BMT"),
        AccreditingBody.objects.get(abbreviation="NCBTMB"),
    )


def test_an_unmet_board_rule_keeps_the_completion_off_that_boards_roster(course, final):
    florida_body, ncbtmb = bodies(course)
    enrollment = completed_enrollment(course)
    graded(final, enrollment.student, "0.75")
    certificate = issue(enrollment)
    school = course.school
    assert list(reporting.unreported_certificates(school=school, body=florida_body)) == []
    assert list(reporting.unreported_certificates(school=school, body=ncbtmb)) == [certificate]
    assert not due_certificates(school=school, body=florida_body).exists()

    attempt_graded.send(sender=Attempt, attempt=graded(final, enrollment.student, "0.8", 2))
    assert list(reporting.unreported_certificates(school=school, body=florida_body)) == [
        certificate
    ]
    pending = reporting.pending_completions(
        school=school, body=florida_body, today=timezone.localdate()
    )
    assert pending[0].row[4] == "FL-20-991"


def test_a_board_the_learner_did_not_choose_is_not_reported(course, final):
    florida_body, ncbtmb = bodies(course)
    enrollment = completed_enrollment(course)
    graded(final, enrollment.student, "0.95")
    ncbtmb_approval = CourseApproval.objects.get(course=course, body=ncbtmb)
    enrollment_credit_choose(enrollment=enrollment, approval_ids=[ncbtmb_approval.pk])
    issue(enrollment)
    assert not reporting.unreported_certificates(school=course.school, body=florida_body).exists()
    assert reporting.unreported_certificates(school=course.school, body=ncbtmb).exists()
