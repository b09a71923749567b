"""The evaluation survey's headline numbers for the dashboard; the full results, comments and
CSVs are the evaluation page's (records/evaluation_summary.py)."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from courses.models import CoursePage
from records import evaluation_summary as evaluations
from records.evaluation_summary import EvaluationSummary, QuestionSummary


@dataclass(frozen=True)
class Feedback:
    summary: EvaluationSummary
    completed: int

    @property
    def responses(self) -> int:
        return self.summary.responses

    @property
    def response_rate(self) -> int | None:
        """Responses per completed learner: the survey comes after completion."""
        return round(100 * self.responses / self.completed) if self.completed else None

    @property
    def mean(self) -> Decimal | None:
        """The mean of every rating given, all questions together."""
        answered = sum(q.answered for q in self.summary.questions)
        if not answered:
            return None
        total = sum(
            rating * n
            for q in self.summary.questions
            for rating, n in zip(evaluations.RATINGS, q.counts, strict=True)
        )
        return (Decimal(total) / answered).quantize(Decimal("0.01"), ROUND_HALF_UP)

    @property
    def lowest(self) -> QuestionSummary | None:
        """The question rated lowest on average: where to look first."""
        rated = [q for q in self.summary.questions if q.mean is not None]
        return min(rated, key=lambda q: q.mean) if rated else None


def course_feedback(*, course: CoursePage, completed: int) -> Feedback:
    """One query (the evaluation summary's)."""
    return Feedback(summary=evaluations.evaluation_summary(course=course), completed=completed)
