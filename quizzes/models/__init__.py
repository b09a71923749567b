from quizzes.models.attempts import Accommodation, Attempt, AttemptSlot
from quizzes.models.banks import QuestionBank, QuestionCategory
from quizzes.models.imports import ImportJob
from quizzes.models.questions import (
    AUTO_GRADED_TYPES,
    Question,
    QuestionType,
    QuestionVersion,
)
from quizzes.models.quizzes import (
    GradingMethod,
    QuizKind,
    QuizLayout,
    QuizPage,
    QuizSlot,
    ReviewOption,
)

__all__ = [
    "AUTO_GRADED_TYPES",
    "Accommodation",
    "Attempt",
    "AttemptSlot",
    "GradingMethod",
    "ImportJob",
    "Question",
    "QuestionBank",
    "QuestionCategory",
    "QuestionType",
    "QuestionVersion",
    "QuizKind",
    "QuizLayout",
    "QuizPage",
    "QuizSlot",
    "ReviewOption",
]
