"""Per-board credit on one course: each body's own hours, credit type and subject areas on the
certificate; the learner's choice of boards decides which approvals it claims."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from certificates.rendering import builtin_design, render_certificate_html
from courses.models import ApprovalSubjectArea, CourseApproval, CreditType
from courses.selectors import credit_approvals_for
from courses.services import enrollment_credit_choose
from tests.certificates.issue_helpers import (
    approved_course,
    completed_enrollment,
    issue,
    provider_school,
)
from tests.certificates.test_pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalog):
    course = approved_course(catalog, provider_school())
    CourseApproval.objects.filter(course=course, body__abbreviation="NCBTMB").update(
        ce_hours=Decimal("6.5")
    )
    florida = CourseApproval.objects.get(course=course, body__abbreviation="FL-BMT")
    florida.ce_hours = Decimal("10")
    florida.credit_type = CreditType.LAWS_AND_RULES
    florida.save()
    ApprovalSubjectArea.objects.create(approval=florida, code="1234", name="Laws", hours=2)
    return course


def _approval(course, abbreviation):
    return CourseApproval.objects.get(course=course, body__abbreviation=abbreviation)


def test_each_body_prints_its_own_hours_on_the_pdf(course, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue(completed_enrollment(course))
    certificate.refresh_from_db()
    approvals = {a["body"]: a for a in certificate.snapshot["approvals"]}
    assert approvals["NCBTMB"]["ce_hours"] == "6.50" and approvals["FL-BMT"]["ce_hours"] == "10.00"
    assert approvals["FL-BMT"]["credit_type_label"] == "Laws and rules"
    assert approvals["FL-BMT"]["subject_areas"] == [
        {"code": "1234", "name": "Laws", "hours": "2.00"}
    ]
    # The learner is licensed in Florida: Florida's values head the certificate.
    assert certificate.snapshot["course"]["ce_hours"] == "10.00"
    assert certificate.ce_hours == Decimal("10")
    text = pdf_text(certificate)
    assert "6.5 CE hours" in text and "10 CE hours" in text
    html = render_certificate_html(design=builtin_design(), snapshot=certificate.snapshot)
    assert "6.5 CE hours" in html and "10 CE hours" in html


def test_the_learners_choice_of_boards_decides_what_is_claimed(course):
    enrollment = completed_enrollment(course)
    enrollment_credit_choose(enrollment=enrollment, approval_ids=[_approval(course, "NCBTMB").pk])
    certificate = issue(enrollment)
    assert [a["body"] for a in certificate.snapshot["approvals"]] == ["NCBTMB"]
    assert certificate.snapshot["course"]["ce_hours"] == "6.50"
    assert certificate.snapshot["course"]["title"] == "Trigger Points of the Neck and Shoulder"


def test_choosing_another_courses_approval_is_refused(catalog, course):
    other = approved_course(catalog, provider_school(slug="other", name="Other"), title="B")
    enrollment = completed_enrollment(course)
    with pytest.raises(ValidationError):
        enrollment_credit_choose(
            enrollment=enrollment, approval_ids=[_approval(other, "NCBTMB").pk]
        )
    assert not enrollment.credit_approvals.exists()


def test_credit_approvals_in_two_queries_licence_body_first(course, django_assert_num_queries):
    enrollment = completed_enrollment(course, licensing_board="FL-BMT")
    enrollment = type(enrollment).objects.select_related("student").get(pk=enrollment.pk)
    with django_assert_num_queries(4):  # approvals, categories, subject areas, chosen ids
        found = credit_approvals_for(enrollment=enrollment, on=enrollment.completed_at.date())
    assert [a.body.abbreviation for a in found] == ["FL-BMT", "NCBTMB"]


def test_the_approvals_own_subject_areas_are_reported_as_partial_credit():
    from records.report_runs import _subject_credits

    approval = {"subject_areas": [{"code": "ETH", "name": "Ethics", "hours": "2.00"}]}
    credits = _subject_credits(approval, {})
    assert [(c.code, c.hours) for c in credits] == [("ETH", Decimal("2.00"))]
    assert _subject_credits({"topic_hours": {"ethics": "1"}}, {"ethics": "E1"})[0].code == "E1"
