"""An example of each question type's answer data, shown beside the JSON editor."""

import json

from quizzes.models import QuestionType

# One example per type, in the shape quizzes.question_data checks.
DATA_EXAMPLES = {
    QuestionType.SINGLE_CHOICE: {
        "choices": [
            {"text": "Trigger point", "fraction": "1", "feedback": "Right."},
            {"text": "Tender point", "fraction": "0", "feedback": "A tender point is not a knot."},
        ]
    },
    QuestionType.MULTIPLE_RESPONSE: {
        "choices": [
            {"text": "Upper trapezius", "fraction": "0.5", "feedback": ""},
            {"text": "Levator scapulae", "fraction": "0.5", "feedback": ""},
            {"text": "Gluteus medius", "fraction": "-1", "feedback": "That is a hip muscle."},
        ]
    },
    QuestionType.TRUE_FALSE: {"correct": True, "feedback_true": "", "feedback_false": ""},
    QuestionType.SHORT_ANSWER: {
        "answers": [{"text": "scalenes", "fraction": "1", "feedback": ""}],
        "case_sensitive": False,
    },
    QuestionType.NUMERICAL: {
        "answers": [{"value": "30", "tolerance": "5", "fraction": "1", "feedback": ""}],
        "units": [{"unit": "s", "multiplier": "1"}],
    },
    QuestionType.MATCHING: {
        "pairs": [
            {"question": "Effleurage", "answer": "Gliding stroke"},
            {"question": "Tapotement", "answer": "Percussion"},
            {"question": "", "answer": "Distractor: an answer that matches nothing"},
        ]
    },
    QuestionType.ORDERING: {"items": ["Assess", "Treat", "Reassess"]},
    QuestionType.HOTSPOT: {
        "image": "",
        "regions": [
            {"shape": "circle", "cx": "0.3", "cy": "0.4", "r": "0.1", "fraction": "1"},
            {
                "shape": "polygon",
                "points": [[0.6, 0.6], [0.8, 0.6], [0.7, 0.8]],
                "fraction": "0.5",
                "feedback": "",
            },
        ],
    },
    QuestionType.ESSAY: {},
    QuestionType.DESCRIPTION: {},
}
DATA_NOTES = {
    QuestionType.SINGLE_CHOICE: "At least 2 choices; a fraction of 1 is full credit.",
    QuestionType.MULTIPLE_RESPONSE: "Fractions from -1 to 1; positive ones should add up to 1.",
    QuestionType.TRUE_FALSE: "correct is true or false.",
    QuestionType.SHORT_ANSWER: "* in an answer matches any text.",
    QuestionType.NUMERICAL: 'Use "min" and "max" instead of value/tolerance for a range; '
    'value "*" matches any number.',
    QuestionType.MATCHING: "At least 2 pairs with a question; a blank question is a distractor.",
    QuestionType.ORDERING: "The items in the correct order; students see them shuffled.",
    QuestionType.HOTSPOT: "image is a Wagtail image id; coordinates are fractions (0 to 1) of "
    "the image's width and height.",
    QuestionType.ESSAY: "Graded by hand: no answer data.",
    QuestionType.DESCRIPTION: "Not a question: no answer data.",
}


def data_json(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def data_examples() -> list[dict]:
    return [
        {"qtype": qtype, "label": qtype.label, "json": data_json(DATA_EXAMPLES[qtype]),
         "note": DATA_NOTES[qtype]}
        for qtype in QuestionType
    ]  # fmt: skip
