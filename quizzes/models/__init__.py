from quizzes.models.banks import QuestionBank, QuestionCategory
from quizzes.models.questions import (
    AUTO_GRADED_TYPES,
    Question,
    QuestionType,
    QuestionVersion,
)

__all__ = [
    "AUTO_GRADED_TYPES",
    "Question",
    "QuestionBank",
    "QuestionCategory",
    "QuestionType",
    "QuestionVersion",
]
