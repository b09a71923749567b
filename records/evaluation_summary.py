"""A course's evaluation results for its school: responses, mean and spread per question, comments.

Ratings are a JSON object per response whose keys the form defines, so the tally runs in Python
over a streamed column (one query, flat memory) rather than per key in SQL, which would need the
keys first and one query per key. The responses stay anonymous: no learner is named.

Question labels come from certificates/evaluation.py when it declares them; a key it does not
know (an older form's question, say) is shown as words: "objectives_met" as "Objectives met".
"""

import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet

from certificates.models import CourseEvaluation
from courses.models import CoursePage

RATINGS = (1, 2, 3, 4, 5)
MIN_RESPONSES_FOR_APPROVAL = 5  # NCBTMB wants feedback from 5 or more participants


@dataclass
class QuestionSummary:
    key: str
    label: str = ""
    counts: list[int] = field(default_factory=lambda: [0] * len(RATINGS))

    @property
    def answered(self) -> int:
        return sum(self.counts)

    @property
    def mean(self) -> Decimal | None:
        if not self.answered:
            return None
        total = sum(r * n for r, n in zip(RATINGS, self.counts, strict=True))
        return (Decimal(total) / self.answered).quantize(Decimal("0.01"), ROUND_HALF_UP)

    @property
    def distribution(self) -> list[tuple[int, int, int]]:
        """(rating, responses, whole percent of this question's answers) for 1..5."""
        answered = self.answered or 1
        return [
            (rating, n, round(100 * n / answered))
            for rating, n in zip(RATINGS, self.counts, strict=True)
        ]


@dataclass
class EvaluationSummary:
    responses: int
    questions: list[QuestionSummary]

    @property
    def enough_for_approval(self) -> bool:
        return self.responses >= MIN_RESPONSES_FOR_APPROVAL


def _rating(value) -> int | None:
    try:
        rating = int(value)
    except (TypeError, ValueError):
        return None
    return rating if rating in RATINGS and str(rating) == str(value).strip() else None


def _text_of(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return str(value.get("label") or value.get("text") or "")
    return str(getattr(value, "label", "") or getattr(value, "text", ""))


def _pairs(questions) -> Iterator[tuple[str, str]]:
    """(key, label) from the shapes a question list is likely to take: a mapping, (key, label)
    pairs, dicts or objects with a key and a label or text, or a TextChoices class."""
    if isinstance(questions, Mapping):
        for key, value in questions.items():
            yield str(key), _text_of(value)
        return
    for item in questions or ():
        if isinstance(item, list | tuple) and len(item) >= 2:
            yield str(item[0]), _text_of(item[1])
        elif isinstance(item, Mapping) and "key" in item:
            yield str(item["key"]), _text_of(item)
        elif hasattr(item, "key"):
            yield str(item.key), _text_of(item)
        elif hasattr(item, "value") and hasattr(item, "label"):
            yield str(item.value), str(item.label)


@dataclass
class QuestionCatalogue:
    labels: dict[str, str]
    lookup: Callable[[str], str] | None = None

    def label(self, key: str) -> str:
        if self.labels.get(key):
            return self.labels[key]
        if self.lookup is not None:
            try:
                label = self.lookup(key)
            except LookupError:
                label = ""
            if label:
                return str(label)
        return key.replace("_", " ").replace("-", " ").strip().capitalize() or key


def declared_questions() -> QuestionCatalogue:
    """The evaluation form's questions in its order, if certificates.evaluation declares them.

    Imported when called, not at import time: that module belongs to the evaluation form and
    may be missing or shaped differently; any key it does not label falls back to its name.
    """
    try:
        module = importlib.import_module("certificates.evaluation")
    except ModuleNotFoundError as error:
        if error.name != "certificates.evaluation":
            raise
        return QuestionCatalogue(labels={})
    questions = getattr(module, "QUESTIONS", None) or getattr(module, "EVALUATION_QUESTIONS", None)
    lookup = getattr(module, "question_label", None)
    return QuestionCatalogue(
        labels=dict(_pairs(questions)), lookup=lookup if callable(lookup) else None
    )


def course_evaluations(*, course: CoursePage) -> QuerySet[CourseEvaluation]:
    return CourseEvaluation.objects.filter(course=course)


def evaluation_summary(*, course: CoursePage) -> EvaluationSummary:
    """Responses, and per question the count of each rating 1..5: one streamed query."""
    tallies: dict[str, QuestionSummary] = {}
    responses = 0
    ratings_column = course_evaluations(course=course).order_by().values_list("ratings", flat=True)
    for ratings in ratings_column.iterator(chunk_size=2000):
        responses += 1
        for key, value in (ratings if isinstance(ratings, Mapping) else {}).items():
            rating = _rating(value)
            if rating is not None:
                tallies.setdefault(str(key), QuestionSummary(key=str(key))).counts[rating - 1] += 1
    catalogue = declared_questions()
    order = [k for k in catalogue.labels if k in tallies]
    order += sorted(k for k in tallies if k not in catalogue.labels)
    questions = [tallies[k] for k in order]
    for question in questions:
        question.label = catalogue.label(question.key)
    return EvaluationSummary(responses=responses, questions=questions)


def evaluation_comments(*, course: CoursePage) -> QuerySet[CourseEvaluation]:
    return (
        course_evaluations(course=course)
        .exclude(comments="")
        .only("comments", "submitted_at")
        .order_by("-submitted_at", "-pk")
    )


SUMMARY_COLUMNS = ["Question key", "Question", "Answers", "Mean", *(f"Rated {r}" for r in RATINGS)]


def summary_rows(summary: EvaluationSummary) -> Iterator[list]:
    for question in summary.questions:
        yield [
            question.key,
            question.label,
            question.answered,
            question.mean or "",
            *question.counts,
        ]


def response_rows(*, course: CoursePage, keys: list[str]) -> Iterator[list]:
    """Each response's ratings in `keys` order and its comments, oldest first, streamed."""
    responses = (
        course_evaluations(course=course)
        .order_by("submitted_at", "pk")
        .values_list("submitted_at", "ratings", "comments")
    )
    for submitted_at, ratings, comments in responses.iterator(chunk_size=2000):
        ratings = ratings if isinstance(ratings, Mapping) else {}
        yield [submitted_at.date().isoformat(), *(ratings.get(k, "") for k in keys), comments]
