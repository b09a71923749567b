from pathlib import Path

import pytest

from quizzes.models import QuestionBank
from tests.factories import SchoolFactory

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures"
MOODLE_GIFT = FIXTURES / "moodle-gift"
PEGJS = FIXTURES / "gift-pegjs" / "questions"


@pytest.fixture
def school(db):
    return SchoolFactory()


@pytest.fixture
def bank(school):
    return QuestionBank.objects.create(school=school, name="NMT post-test")
