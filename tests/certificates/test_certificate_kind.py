"""Certificate of Achievement when a graded test had to be passed (always for home study);
Certificate of Completion for full attendance of a live course."""

from decimal import Decimal

import pytest

from certificates.models import CertificateKind
from certificates.snapshot import certificate_kind
from courses.models import AccreditingBody, CourseApproval, CourseType
from quizzes.models import QuestionBank, QuizKind
from tests.factories import CoursePageFactory, SchoolFactory
from tests.quizzes.conftest import make_question, make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def school():
    return SchoolFactory()


def approve(course, course_type):
    body = AccreditingBody.objects.create(name=f"Board {course_type}", abbreviation=course_type)
    CourseApproval.objects.create(
        course=course, body=body, approved_title=course.title, ce_hours=Decimal("1"),
        course_type=course_type, approval_number="N-1",
    )  # fmt: skip


def test_home_study_course_with_a_graded_final_gives_achievement(catalog, school):
    course = CoursePageFactory(parent=catalog, school=school)
    approve(course, CourseType.HOME_STUDY)
    bank = QuestionBank.objects.create(school=school, name="Bank")
    make_quiz(course, questions=[make_question(bank)], kind=QuizKind.FINAL_ASSESSMENT)
    assert certificate_kind(course) == CertificateKind.ACHIEVEMENT


def test_live_course_without_a_test_gives_completion(catalog):
    course = CoursePageFactory(parent=catalog)
    approve(course, CourseType.LIVE)
    assert certificate_kind(course) == CertificateKind.COMPLETION


def test_a_practice_quiz_does_not_make_an_achievement(catalog, school):
    course = CoursePageFactory(parent=catalog, school=school)
    approve(course, CourseType.LIVE)
    bank = QuestionBank.objects.create(school=school, name="Bank")
    make_quiz(course, questions=[make_question(bank)], required_for_completion=False)
    assert certificate_kind(course) == CertificateKind.COMPLETION
