"""What the editor says above each type's answer forms, and answer data as JSON (the question's
Inspect page shows it; JSON is the import and export format, not the editor)."""

import json

from quizzes.models import QuestionType

DATA_NOTES = {
    QuestionType.SINGLE_CHOICE: "At least 2 choices; the one with credit 1 is right.",
    QuestionType.MULTIPLE_RESPONSE: "Credits from -1 to 1; the positive ones should add up to 1.",
    QuestionType.TRUE_FALSE: "Say whether the statement is true, and what each answer hears.",
    QuestionType.SHORT_ANSWER: "The answers accepted; * in an answer matches any text.",
    QuestionType.NUMERICAL: "A value with a tolerance, or a range (minimum and maximum); "
    "* accepts any number. Units are optional.",
    QuestionType.MATCHING: "At least 2 pairs with a sub-question; a pair without one is a "
    "distractor.",
    QuestionType.ORDERING: "The items in the correct order; learners see them shuffled.",
    QuestionType.HOTSPOT: "Choose the image, describe it in words, then draw the regions that "
    "earn credit and name each one.",
    QuestionType.ESSAY: "Graded by hand.",
    QuestionType.DESCRIPTION: "Not a question: there are no answers.",
}


def data_json(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)
