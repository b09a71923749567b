"""The sizes and rates of the seeded data, and the plans that carry what has been built from
one step to the next (a course's lessons and quizzes, a learner's enrolment)."""

import random
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from courses.models import CoursePage, Enrollment
from quizzes.models import Attempt, QuestionType

MARKER_SLUG = "bench-school-1"  # the first school: its description says whether seeding finished
DONE = "seed_scale complete"
LEARNER_EMAIL = "bench-learner-{:07d}@example.com"
ADMIN_EMAIL = "bench-admin-{}@example.com"
# One known password for every seeded account, hashed once (hashing is slow on purpose).
PASSWORD = "bench-password-not-secret"  # noqa: S105 (benchmark data, documented)
MODULES, LESSONS_PER_MODULE = 5, 4
MODULE_QUESTIONS, FINAL_QUESTIONS_PER_MODULE = 5, 2
CHOICE_TYPES = (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE, QuestionType.TRUE_FALSE)
COMPLETION_RATE, ISSUED_RATE = 0.2, 0.7
ORDERS_PER_VERSION = 8  # answer shuffles to choose from, per question version
BATCH = 5000
PLACES = Decimal("0.0000001")
SUBMITTED = Attempt.State.SUBMITTED.value  # a plain str: psycopg would write an enum's name


@dataclass
class Counts:
    learners: int = 0
    enrolments: int = 0
    visits: int = 0
    attempts: int = 0
    slots: int = 0
    completions: int = 0
    certificates: int = 0
    issued: int = 0
    sequences: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        return (
            f"{DONE}: {self.learners} learners, {self.enrolments} enrolments, {self.visits} "
            f"lesson visits, {self.attempts} attempts ({self.slots} slots), {self.completions} "
            f"completions, {self.certificates} certificates ({self.issued} issued)"
        )


@dataclass
class Run:
    """What every step of one seeding shares: the random generator (one, so the data is
    repeatable), the moment it started, the hashed password and the running counts."""

    rng: random.Random
    now: datetime
    password: str
    counts: Counts = field(default_factory=Counts)
    qr_pool: ProcessPoolExecutor | None = None


@dataclass
class VersionPlan:
    id: int
    max_mark: Decimal
    options: list  # [(response, fraction, mark)], best first: every answer a learner may give
    orders: list  # answer shuffles (answer_order) to pick from


@dataclass
class QuizPlan:
    id: int
    pass_fraction: Decimal
    time_limit: int
    shuffle: bool
    versions: list[VersionPlan]


@dataclass
class CoursePlan:
    course: CoursePage
    lesson_ids: list[int]
    module_quizzes: list[QuizPlan]
    final: QuizPlan
    version_id: int | None
    weight: float
    kind: str
    snapshot: dict | None = None  # built once, from the first certificate issued


@dataclass
class EnrolmentPlan:
    student: object
    course: CoursePlan
    enrolled_at: datetime
    progress: int  # lessons visited, in course order
    completer: bool
    attempts: int = 0
    completed_at: datetime | None = None
    final_grade: Decimal | None = None
    enrollment: Enrollment | None = None
