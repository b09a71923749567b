"""The course evaluation every learner fills in before a certificate (accreditors require it).

The questions are fixed so that answers can be compared across courses and over time; a new
question gets a new key rather than a reworded old one.
"""

from django import forms

QUESTIONS: tuple[tuple[str, str], ...] = (
    ("objectives_met", "The course met its stated learning objectives."),
    ("content_relevant", "The content is relevant to my practice."),
    ("instructor_knowledge", "The instructor knew the subject well and explained it clearly."),
    ("materials_quality", "The materials (text, images, video) were clear and useful."),
    ("assessment_fair", "The assessment fairly tested what the course taught."),
    ("would_recommend", "I would recommend this course to a colleague."),
)
QUESTION_KEYS = frozenset(key for key, _ in QUESTIONS)

RATINGS: tuple[tuple[int, str], ...] = (
    (5, "5: strongly agree"),
    (4, "4: agree"),
    (3, "3: neutral"),
    (2, "2: disagree"),
    (1, "1: strongly disagree"),
)
RATING_VALUES = frozenset(value for value, _ in RATINGS)
COMMENTS_MAX_LENGTH = 4000

RATING_REQUIRED = "Choose a rating from 1 to 5."


def rating_field(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": RATING_REQUIRED, "invalid_choice": RATING_REQUIRED},
    )
