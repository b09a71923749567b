"""What a student sees after submitting, as far as the quiz's review option and its timing
(`review_from`) allow. The score is always shown; until the review opens, nothing more.

A final assessment is the post-test behind CE credit: whatever its settings, nothing beyond
the score (no right answers, no per-question marks, no feedback) is shown while the learner
has attempts left and has not passed, or the key of one attempt would pass the next.
Module quizzes and lesson checks stay formative and follow their settings."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format

from quizzes.models import Attempt, AttemptSlot, QuestionType, QuizKind, QuizPage, ReviewOption
from quizzes.models.quizzes import ReviewFrom
from quizzes.responses import slot_display
from quizzes.results import grade_by_method, quiz_passed
from quizzes.services.grading import NotAutoGradedError, hotspot_options, response_grade

WITHHELD = {
    ReviewOption.FULL: "Answers and feedback",
    ReviewOption.RESPONSES: "Your responses and marks for each question",
}
REVIEW_FROM_DATE = "%(what)s will be shown from %(when)s."
REVIEW_ONCE_PASSED = "%(what)s will be shown once you pass this quiz."
REVIEW_AFTER_LAST_ATTEMPT = (
    "%(what)s will be shown once you pass this quiz or have used all %(allowed)s attempts."
)
REVIEW_NOT_DURING_ATTEMPT = (
    "%(what)s are hidden while you have an attempt in progress: submit it to see them."
)
REVIEW_NO_DATE = "%(what)s are not shown yet."


@dataclass(frozen=True)
class ReviewOutcome:
    """The top of the review page: where the learner stands on the quiz and what to do next."""

    quiz_passed: bool
    attempts_left: int | None  # None: unlimited
    next_step: str  # RETRY, CERTIFICATE, NEXT_PAGE, COURSE
    next_page: object = None


RETRY, CERTIFICATE, NEXT_PAGE, COURSE = "retry", "certificate", "next_page", "course"


def review_outcome(*, quiz: QuizPage, attempts: list[Attempt], next_page=None) -> ReviewOutcome:
    """Passed: the certificate (a final assessment) or the next lesson; not passed: try again
    while attempts are left, else back to the course."""
    fractions = [
        attempt.fraction or Decimal(0)
        for attempt in sorted(attempts, key=lambda a: a.number)
        if attempt.state == Attempt.State.SUBMITTED
    ]
    passed = quiz_passed(quiz=quiz, grade=grade_by_method(quiz.grading_method, fractions))
    used = sum(1 for attempt in attempts if attempt.state != Attempt.State.ABANDONED)
    left = max(quiz.attempts_allowed - used, 0) if quiz.attempts_allowed else None
    if passed and is_summative(quiz):
        step = CERTIFICATE
    elif passed:
        step = NEXT_PAGE if next_page is not None else COURSE
    elif left is None or left > 0:
        step = RETRY
    else:
        step = COURSE
    return ReviewOutcome(
        quiz_passed=passed, attempts_left=left, next_step=step, next_page=next_page
    )


@dataclass(frozen=True)
class ReviewAccess:
    option: str  # the ReviewOption in force now: SCORE until the review opens
    note: str = ""  # what is held back and from when; empty when nothing is


def review_access(*, quiz: QuizPage, attempts: list[Attempt], now: datetime) -> ReviewAccess:
    """How much of their attempts the student may see now; `attempts` are all of theirs at
    `quiz`, so that passing and attempts used are judged as the quiz page judges them."""
    if quiz.review == ReviewOption.SCORE:
        return ReviewAccess(option=ReviewOption.SCORE)
    waiting = _waiting_note(quiz, attempts, now)
    if waiting:
        return ReviewAccess(
            option=ReviewOption.SCORE,
            note=waiting % {"what": WITHHELD[quiz.review], **_params(quiz)},
        )
    return ReviewAccess(option=quiz.review)


def _waiting_note(quiz: QuizPage, attempts: list[Attempt], now: datetime) -> str:
    # Answers seen in one tab must not help with the attempt open in another.
    if any(attempt.is_open for attempt in attempts):
        return REVIEW_NOT_DURING_ATTEMPT
    if quiz.review_from == ReviewFrom.AFTER_DATE:
        if quiz.review_opens_at is None:
            return REVIEW_NO_DATE
        if now < quiz.review_opens_at:
            return REVIEW_FROM_DATE
    if quiz.review_from == ReviewFrom.AFTER_LAST_ATTEMPT or is_summative(quiz):
        if passed_or_out_of_attempts(quiz=quiz, attempts=attempts):
            return ""
        return REVIEW_AFTER_LAST_ATTEMPT if quiz.attempts_allowed else REVIEW_ONCE_PASSED
    return ""


def passed_or_out_of_attempts(*, quiz: QuizPage, attempts: list[Attempt]) -> bool:
    """Whether the learner is done with `quiz`: passed it, or used every attempt allowed."""
    fractions = [
        attempt.fraction or Decimal(0)
        for attempt in sorted(attempts, key=lambda a: a.number)
        if attempt.state == Attempt.State.SUBMITTED
    ]
    if quiz_passed(quiz=quiz, grade=grade_by_method(quiz.grading_method, fractions)):
        return True
    used = sum(1 for attempt in attempts if attempt.state != Attempt.State.ABANDONED)
    return bool(quiz.attempts_allowed and used >= quiz.attempts_allowed)


def is_summative(quiz: QuizPage) -> bool:
    """The quiz grants CE credit: its key stays hidden until passed or out of attempts."""
    return quiz.kind == QuizKind.FINAL_ASSESSMENT


def key_shown_early(*, review: str, review_from: str) -> bool:
    """Whether these settings alone would show more than the score to a learner who failed and
    may try again (the publish check refuses them on a CE course's final assessment)."""
    return review != ReviewOption.SCORE and review_from != ReviewFrom.AFTER_LAST_ATTEMPT


def _params(quiz: QuizPage) -> dict:
    when = quiz.review_opens_at and date_format(
        timezone.localtime(quiz.review_opens_at), "j F Y, H:i T"
    )
    return {"when": when, "allowed": quiz.attempts_allowed}


def right_answer_text(qtype: str, data: dict) -> str:
    if qtype == QuestionType.SINGLE_CHOICE:
        best = max(data["choices"], key=lambda c: float(c.get("fraction", 0)))
        return best["text"]
    if qtype == QuestionType.MULTIPLE_RESPONSE:
        return "; ".join(c["text"] for c in data["choices"] if float(c.get("fraction", 0)) > 0)
    if qtype == QuestionType.TRUE_FALSE:
        return "True" if data["correct"] else "False"
    if qtype == QuestionType.SHORT_ANSWER:
        best = max(data["answers"], key=lambda a: float(a.get("fraction", 0)))
        return best["text"]
    if qtype == QuestionType.NUMERICAL:
        best = max(data["answers"], key=lambda a: float(a.get("fraction", 0)))
        if "min" in best:
            return f"{best['min']} to {best['max']}"
        tolerance = best.get("tolerance", "0")
        return best["value"] if str(tolerance) in ("0", "") else f"{best['value']} ± {tolerance}"
    if qtype == QuestionType.MATCHING:
        return "; ".join(
            f"{p['question']} → {p['answer']}" for p in data["pairs"] if str(p["question"]).strip()
        )
    if qtype == QuestionType.ORDERING:
        return " → ".join(data["items"])
    if qtype == QuestionType.HOTSPOT:
        return "The area outlined on the image."
    return ""


def review_items(
    *,
    option: str,
    slots: list[AttemptSlot],
    image_urls: dict,
    held_question_ids: frozenset[int] = frozenset(),
) -> list[dict]:
    """The questions as `option` (from `review_access`) lets the student see them; those in
    `held_question_ids` (also on the CE final, see quizzes/final_key.py) without their mark,
    right answer or feedback."""
    if option == ReviewOption.SCORE:
        return []
    items = []
    for slot in slots:
        version = slot.question_version
        held = version.question_id in held_question_ids
        item = {
            "question": slot_display(slot, image_urls),
            "mark": None if held else slot.mark,
            "max_mark": slot.max_mark,
            "answered": slot.response is not None,
            "disabled": True,
            "held": held,
            "status": "held" if held else item_status(slot),
            "chosen_label": _chosen_label(slot),
        }
        if option == ReviewOption.FULL and not held:
            try:
                grade = response_grade(
                    qtype=version.qtype, data=version.data, response=slot.response
                )
                item["feedback"] = grade.feedback
            except NotAutoGradedError:
                item["feedback"] = []
            item["right_answer"] = right_answer_text(version.qtype, version.data)
            item["general_feedback"] = version.general_feedback
            if version.qtype == QuestionType.HOTSPOT:
                item["regions"] = _regions_svg(version.data)
        items.append(item)
    return items


STATUS_LABELS = {
    "correct": "Correct",
    "partial": "Partly correct",
    "incorrect": "Incorrect",
    "pending": "Awaiting grading",
    "held": "Mark shown once you pass",
}


def item_status(slot: AttemptSlot) -> str:
    """correct, partial, incorrect, or pending (not graded yet: an essay)."""
    if slot.question_version.qtype == QuestionType.DESCRIPTION:
        return ""
    if slot.fraction is None:
        return "pending"
    if slot.fraction >= 1:
        return "correct"
    return "partial" if slot.fraction > 0 else "incorrect"


def _chosen_label(slot: AttemptSlot) -> str:
    """The label a learner chose in a hotspot's list mode, for the review."""
    response = slot.response
    if slot.question_version.qtype != QuestionType.HOTSPOT or not isinstance(response, dict):
        return ""
    if "option" not in response:
        return ""
    labels = hotspot_options(slot.question_version.data)
    index = response["option"]
    return labels[index] if isinstance(index, int) and 0 <= index < len(labels) else ""


def _regions_svg(data: dict) -> list[dict]:
    """Regions in SVG units (0..100), drawn over the image in review only."""
    shapes = []
    for region in data.get("regions", []):
        if region["shape"] == "circle":
            shapes.append(
                {
                    "shape": "circle",
                    "cx": float(region["cx"]) * 100,
                    "cy": float(region["cy"]) * 100,
                    "r": float(region["r"]) * 100,
                }
            )
        else:
            points = " ".join(f"{float(x) * 100},{float(y) * 100}" for x, y in region["points"])
            shapes.append({"shape": "polygon", "points": points})
    return shapes
