"""The assessment blueprint and CE-hours checks a course passes before it is published for CE.

A CE course (CE hours on the page, or any approval) needs a published final assessment that
learners must pass, which
- tests every learning objective at least `blueprint_questions_per_objective` times, and
- has at least `blueprint_questions_per_ce_hour` questions per CE hour claimed,
and lessons plus assessment that support the hours every body approved (courses.ce_hours);
its review must not show the answer key to a learner who failed and may try again.

Counts are what every learner is sure to get: a fixed question counts for its objectives; a
random draw counts for an objective only as often as the draw cannot miss it (quizzes.draws).
`blueprint_evaluate` is pure; `course_compliance` reads the course in a fixed number of queries
and works on a course as the editor holds it (objectives and approvals not yet saved).
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from courses.ce_hours import (
    HoursBreakdown,
    course_ce_hours,
    is_ce_course,
)
from courses.models import CoursePage
from quizzes.draws import plain_guaranteed, spread_guaranteed
from quizzes.models import (
    Question,
    QuestionCategory,
    QuestionType,
    QuizKind,
    QuizPage,
    QuizSlot,
)
from quizzes.question_data import hotspot_has_text_alternative
from quizzes.review import WITHHELD, key_shown_early

NO_FINAL = (
    "There is no published final assessment that learners must pass: add a quiz of kind "
    "“Final assessment”, required for completion, to the course and publish it."
)
NO_OBJECTIVES = "The course has no learning objectives to test."
TOO_FEW_QUESTIONS = (
    "The final assessment “{quiz}” has {count} questions; {hours} CE hours at {per_hour} "
    "questions per CE hour need at least {required}."
)
OBJECTIVE_UNDER_TESTED = (
    "Learning objective “{objective}” is tested by {count} question(s) of the final assessment; "
    "it needs at least {required}. Tag questions with it in the question bank."
)
POOL_TOO_SMALL = (
    "The final assessment draws {count} questions from the category “{category}”, which has "
    "only {available}."
)
HOURS_UNSUPPORTED = (
    "{label}: {hours} CE hours claimed, but the published lessons and the final assessment "
    "support only {supported} ({words} words to read, {media} minutes of video, {questions} "
    "assessment questions)."
)
FINAL_SHOWS_KEY = (
    "The final assessment “{quiz}” would show {what} to a learner who failed it and may try "
    "again: set “Show it” to “Once the student has passed or has no attempts left”, or show "
    "the score only."
)
HOTSPOT_WITHOUT_TEXT = (
    "The final assessment “{quiz}” has image hotspot questions without a text alternative, "
    "which a learner who cannot see the image could not answer: {names}. In the question "
    "editor, describe the image and label every region."
)
PUBLISH_REFUSED = "“{title}” was saved as a draft but not published for CE credit: {problems}"


@dataclass(frozen=True)
class SlotSpec:
    """One quiz slot as the blueprint sees it.

    A fixed question: `objectives` it tests, `count` 1. A random draw: `count` questions from a
    pool whose questions test `pool` (one set of objective ids per question).
    """

    count: int
    objectives: frozenset[int] = frozenset()
    pool: tuple[frozenset[int], ...] | None = None
    spread: bool = False
    category: str = ""


@dataclass(frozen=True)
class ObjectiveCoverage:
    text: str
    questions: int
    required: int

    @property
    def ok(self) -> bool:
        return self.questions >= self.required


@dataclass
class Blueprint:
    quiz_title: str | None
    questions: int
    required_questions: int
    hours: Decimal
    per_hour: Decimal
    objectives: list[ObjectiveCoverage] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _covered(objective_id: int | None, slot: SlotSpec) -> int:
    if objective_id is None:
        return 0
    if slot.pool is None:
        return 1 if objective_id in slot.objectives else 0
    group = sum(1 for tags in slot.pool if objective_id in tags)
    if slot.spread:
        in_pool = len(set().union(*slot.pool)) if slot.pool else 0
        return spread_guaranteed(group_size=group, objectives_in_pool=in_pool, count=slot.count)
    return plain_guaranteed(group_size=group, pool_size=len(slot.pool), count=slot.count)


def blueprint_evaluate(
    *,
    quiz_title: str | None,
    slots: list[SlotSpec],
    objectives: list[tuple[int | None, str]],
    per_objective: int,
    per_hour: Decimal,
    hours: Decimal,
) -> Blueprint:
    """Check a final assessment's slots against the objectives and the hours claimed.

    `objectives` are (id, text); an objective not saved yet has id None and no questions.
    A spread draw's pool holds only the course's objectives (others are left out by the caller).
    """
    required = math.ceil(Decimal(per_hour) * Decimal(hours))
    count = sum(slot.count for slot in slots)
    blueprint = Blueprint(
        quiz_title=quiz_title,
        questions=count,
        required_questions=required,
        hours=Decimal(hours),
        per_hour=Decimal(per_hour),
    )
    blueprint.objectives = [
        ObjectiveCoverage(
            text=text,
            questions=sum(_covered(objective_id, slot) for slot in slots),
            required=per_objective,
        )
        for objective_id, text in objectives
    ]
    if quiz_title is None:
        blueprint.problems.append(NO_FINAL)
        return blueprint
    for slot in slots:
        if slot.pool is not None and len(slot.pool) < slot.count:
            blueprint.problems.append(
                POOL_TOO_SMALL.format(
                    count=slot.count, category=slot.category, available=len(slot.pool)
                )
            )
    if count < required:
        blueprint.problems.append(
            TOO_FEW_QUESTIONS.format(
                quiz=quiz_title,
                count=count,
                hours=_number(hours),
                per_hour=_number(per_hour),
                required=required,
            )
        )
    if not objectives:
        blueprint.problems.append(NO_OBJECTIVES)
    blueprint.problems += [
        OBJECTIVE_UNDER_TESTED.format(
            objective=item.text, count=item.questions, required=item.required
        )
        for item in blueprint.objectives
        if not item.ok
    ]
    return blueprint


def _number(value) -> str:
    return f"{Decimal(value).normalize():f}"


# --- Reading the course -------------------------------------------------------------------


def final_assessment(*, course) -> QuizPage | None:
    """The course's published final assessment that learners must pass (the first in order)."""
    return (
        QuizPage.objects.live()
        .descendant_of(course)
        .filter(kind=QuizKind.FINAL_ASSESSMENT, required_for_completion=True)
        .order_by("path")
        .first()
    )


def _held_slots(quiz: QuizPage) -> list[QuizSlot]:
    """The slots of a quiz as an editor or a revision holds them (not saved, so not joined):
    their questions and categories in two queries."""
    slots = sorted(quiz.slots.all(), key=lambda slot: slot.sort_order or 0)
    questions = Question.objects.in_bulk({s.question_id for s in slots if s.question_id})
    categories = QuestionCategory.objects.in_bulk({s.category_id for s in slots if s.category_id})
    for slot in slots:
        if slot.question_id in questions:
            slot.question = questions[slot.question_id]
        if slot.category_id in categories:
            slot.category = categories[slot.category_id]
    return [slot for slot in slots if not slot.question_id or slot.question_id in questions]


def _slot_specs(
    quiz: QuizPage, objective_ids: set[int], *, held: bool = False
) -> tuple[list[SlotSpec], set[int]]:
    """Three queries: the slots, the fixed questions' tags, the random pools with their tags.
    `held`: the quiz is a revision's (its slots in memory): four. Also the ids of the hotspot
    questions a learner may be given."""
    slots = (
        _held_slots(quiz)
        if held
        else list(
            QuizSlot.objects.filter(quiz=quiz)
            .select_related("question", "category")
            .order_by("sort_order")
        )
    )
    fixed_ids = {slot.question_id for slot in slots if slot.question_id}
    category_ids = {slot.category_id for slot in slots if slot.category_id}
    tags: dict[int, set[int]] = {}
    Through = Question.objectives.through
    links = Through.objects.filter(courseobjective_id__in=objective_ids).filter(
        question_id__in=fixed_ids
    )
    for question_id, objective_id in links.values_list("question_id", "courseobjective_id"):
        tags.setdefault(question_id, set()).add(objective_id)
    pools: dict[int, list[frozenset[int]]] = {}
    hotspots = {
        slot.question_id
        for slot in slots
        if slot.question_id and slot.question.qtype == QuestionType.HOTSPOT
    }
    if category_ids:
        # Each question once per category, with its objectives (None when untagged).
        pool_tags: dict[tuple[int, int], set[int]] = {}
        rows = (
            Question.objects.filter(category_id__in=category_ids, current_version__isnull=False)
            .exclude(qtype=QuestionType.DESCRIPTION)
            .exclude(pk__in=fixed_ids)
            .values_list("category_id", "pk", "objectives", "qtype")
        )
        for category_id, question_id, objective_id, qtype in rows:
            if qtype == QuestionType.HOTSPOT:
                hotspots.add(question_id)
            found = pool_tags.setdefault((category_id, question_id), set())
            if objective_id in objective_ids:
                found.add(objective_id)
        for (category_id, _), found in pool_tags.items():
            pools.setdefault(category_id, []).append(frozenset(found))
    specs = []
    for slot in slots:
        if slot.question_id:
            if slot.question.qtype == QuestionType.DESCRIPTION:
                continue  # text between questions: nothing is tested
            specs.append(SlotSpec(count=1, objectives=frozenset(tags.get(slot.question_id, ()))))
        else:
            specs.append(
                SlotSpec(
                    count=slot.draw_count,
                    pool=tuple(pools.get(slot.category_id, [])),
                    spread=slot.spread_across_objectives,
                    category=slot.category.name if slot.category else "",
                )
            )
    return specs, hotspots


def hotspots_without_text(question_ids) -> list[str]:
    """Names of the hotspot questions whose current version has no text alternative (no
    description, or a region without a label): one query, none when there are no hotspots."""
    if not question_ids:
        return []
    rows = (
        Question.objects.filter(pk__in=question_ids)
        .order_by("name", "pk")
        .values_list("name", "current_version__data")
    )
    return [name for name, data in rows if not hotspot_has_text_alternative(data)]


def _hotspot_problem(quiz_title: str, names: list[str]) -> str:
    return HOTSPOT_WITHOUT_TEXT.format(quiz=quiz_title, names=", ".join(f"“{n}”" for n in names))


def claimed_hours(hours: HoursBreakdown) -> Decimal:
    """The most CE hours anyone claims for the course: the page's or an approval's."""
    return max((claim.hours for claim in hours.claims), default=Decimal(0))


@dataclass(frozen=True)
class HeldCourse:
    """A course's lessons and quizzes (in tree order) as they will be: live pages, or revisions
    about to be published; `lessons_left_out` counts the lessons that will not be live."""

    lessons: list
    quizzes: list
    lessons_left_out: int = 0


@dataclass
class CourseCompliance:
    is_ce: bool
    hours: HoursBreakdown
    blueprint: Blueprint
    final_quiz: QuizPage | None = None
    hotspots_without_text: list[str] = field(default_factory=list)

    @property
    def hours_problems(self) -> list[str]:
        hours = self.hours
        return [
            HOURS_UNSUPPORTED.format(
                label=claim.label,
                hours=_number(claim.hours),
                supported=_number(hours.total_hours),
                words=f"{hours.words:,}",
                media=hours.media_minutes,
                questions=hours.assessment_questions,
            )
            for claim in hours.unsupported
        ]

    @property
    def review_problems(self) -> list[str]:
        quiz = self.final_quiz
        if quiz is None or not key_shown_early(review=quiz.review, review_from=quiz.review_from):
            return []
        return [FINAL_SHOWS_KEY.format(quiz=quiz.title, what=WITHHELD[quiz.review].lower())]

    @property
    def accessibility_problems(self) -> list[str]:
        if self.final_quiz is None or not self.hotspots_without_text:
            return []
        return [_hotspot_problem(self.final_quiz.title, self.hotspots_without_text)]

    @property
    def problems(self) -> list[str]:
        if not self.is_ce:
            return []
        return (
            self.hours_problems
            + self.blueprint.problems
            + self.review_problems
            + self.accessibility_problems
        )


def is_final(quiz: QuizPage) -> bool:
    return quiz.kind == QuizKind.FINAL_ASSESSMENT and quiz.required_for_completion


def course_compliance(*, course, held: "HeldCourse | None" = None) -> CourseCompliance:
    """Hours and blueprint of `course` (saved, or as held by the editor): about 7 queries.

    `held`: the course's lessons and quizzes as they will be once some revisions are published
    (authoring's projections), instead of the live ones; a fixed number of queries too."""
    objectives = [(objective.pk, objective.text) for objective in course.objectives.all()]
    if held is None:
        quiz = final_assessment(course=course)
    else:
        quiz = next((q for q in held.quizzes if is_final(q)), None)
    saved_ids = {pk for pk, _ in objectives if pk is not None}
    specs, hotspots = (
        _slot_specs(quiz, saved_ids, held=held is not None) if quiz is not None else ([], set())
    )
    questions = sum(spec.count for spec in specs)
    if held is None:
        hours = course_ce_hours(course=course, assessment_questions=questions)
    else:
        hours = course_ce_hours(
            course=course,
            assessment_questions=questions,
            lessons=held.lessons,
            left_out=held.lessons_left_out,
        )
    blueprint = blueprint_evaluate(
        quiz_title=quiz.title if quiz is not None else None,
        slots=specs,
        objectives=objectives,
        per_objective=course.blueprint_questions_per_objective,
        per_hour=course.blueprint_questions_per_ce_hour,
        hours=claimed_hours(hours),
    )
    return CourseCompliance(
        is_ce=is_ce_course(course),
        hours=hours,
        blueprint=blueprint,
        final_quiz=quiz,
        hotspots_without_text=hotspots_without_text(hotspots),
    )


def publish_refusal(*, course) -> str | None:
    """The message refusing to publish `course` for CE, or None when it may be published."""
    problems = course_compliance(course=course).problems
    if not problems:
        return None
    return PUBLISH_REFUSED.format(title=course.title, problems=" ".join(problems))


def final_review_refusal(*, quiz: QuizPage) -> str | None:
    """The message refusing to publish a CE course's final assessment whose review would show
    the key to a learner who may try again, or None (a module quiz may stay formative)."""
    if quiz.kind != QuizKind.FINAL_ASSESSMENT or not quiz.required_for_completion:
        return None
    shows_key = key_shown_early(review=quiz.review, review_from=quiz.review_from)
    hotspots = _quiz_hotspot_ids(quiz)
    if not shows_key and not hotspots:
        return None
    course = CoursePage.objects.ancestor_of(quiz).first()
    if course is None or not is_ce_course(course):
        return None
    problems = []
    if shows_key:
        problems.append(FINAL_SHOWS_KEY.format(quiz=quiz.title, what=WITHHELD[quiz.review].lower()))
    missing = hotspots_without_text(hotspots)
    if missing:
        problems.append(_hotspot_problem(quiz.title, missing))
    if not problems:
        return None
    return PUBLISH_REFUSED.format(title=quiz.title, problems=" ".join(problems))


def _quiz_hotspot_ids(quiz: QuizPage) -> set[int]:
    """Hotspot questions the quiz as submitted may give: its fixed ones (from the editor's
    in-memory slots) and those of the categories it draws from. One query."""
    slots = list(quiz.slots.all())
    fixed = {slot.question_id for slot in slots if slot.question_id}
    categories = {slot.category_id for slot in slots if slot.category_id}
    if not fixed and not categories:
        return set()
    return set(
        Question.objects.filter(qtype=QuestionType.HOTSPOT)
        .filter(Q(pk__in=fixed) | Q(category_id__in=categories))
        .values_list("pk", flat=True)
    )
