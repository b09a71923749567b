"""Submitted quiz attempts and their graded slots, as attempt_submit would have left them, made
from a quiz plan and a learner's ability; written as plain rows."""

from datetime import timedelta
from decimal import Decimal

from demo.scale.plans import PLACES, SUBMITTED, QuizPlan, Run
from demo.scale.rows import Rows, new_ids
from quizzes.models import Attempt, AttemptSlot

ATTEMPTS = Rows(Attempt, ["id", "quiz", "student", "number", "state", "grade_override_reason",
                          "started_at", "submitted_at", "deadline", "max_score", "score",
                          "fraction"])  # fmt: skip
SLOTS = Rows(AttemptSlot, ["attempt", "order", "question_version", "max_mark", "answer_order",
                           "response", "saved_at", "fraction", "mark"])  # fmt: skip
SUBMITTED_AT = 6  # where an attempt row holds its submission time


def attempt_row(run: Run, *, quiz: QuizPlan, student_id, number, started, ability, must):
    """One attempt row and its slot rows. `must` is "pass", "fail" or None (as it comes)."""
    rng = run.rng
    versions = rng.sample(quiz.versions, len(quiz.versions)) if quiz.shuffle else quiz.versions
    # A learner who has to pass (or is not ready yet) answers as a stronger (weaker) one
    # would, so every item still tracks ability and discrimination stays realistic.
    if must == "pass":
        ability = max(ability, 0.9)
    elif must == "fail":
        ability *= 0.5
    picks = []
    for version in versions:
        best = rng.random() < ability
        picks.append(version.options[0] if best else rng.choice(version.options))
    if must is not None:
        picks = _ensure(versions, picks, quiz.pass_fraction, must == "pass", rng)
    submitted = started + timedelta(seconds=rng.uniform(120, 1500))
    step = (submitted - started) / (len(versions) + 1)
    slots, score, max_score = [], Decimal(0), Decimal(0)
    for order, (version, (response, fraction, mark)) in enumerate(
        zip(versions, picks, strict=True), start=1
    ):
        score += mark
        max_score += version.max_mark
        slots.append((order, version.id, version.max_mark, rng.choice(version.orders),
                      response, started + step * order, fraction, mark))  # fmt: skip
    deadline = started + timedelta(minutes=quiz.time_limit) if quiz.time_limit else None
    fraction = min(score / max_score, Decimal(1)).quantize(PLACES)
    attempt = (quiz.id, student_id, number, SUBMITTED, "", started, submitted, deadline,
               max_score, score, fraction)  # fmt: skip
    return attempt, slots


def attempts_write(run: Run, rows) -> None:
    """Writes (attempt, slots) pairs: the attempts first, with ids taken for their slots."""
    ids = new_ids(Attempt, len(rows))
    ATTEMPTS.write([(pk, *attempt) for pk, (attempt, _) in zip(ids, rows, strict=True)])
    SLOTS.write([(pk, *slot) for pk, (_, slots) in zip(ids, rows, strict=True) for slot in slots])
    run.counts.attempts += len(rows)
    run.counts.slots += sum(len(slots) for _, slots in rows)


def _ensure(versions, picks, pass_fraction: Decimal, want_pass: bool, rng) -> list:
    """Change answers, questions picked at random, until the attempt passes (or fails)."""
    picks = list(picks)
    total = sum((v.max_mark for v in versions), Decimal(0)) or Decimal(1)

    def passed() -> bool:
        return sum((mark for _, _, mark in picks), Decimal(0)) / total >= pass_fraction

    for i in rng.sample(range(len(versions)), len(versions)):
        if passed() == want_pass:
            break
        picks[i] = versions[i].options[0] if want_pass else versions[i].options[-1]
    return picks
