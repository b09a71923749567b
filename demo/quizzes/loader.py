"""Demo quizzes for the NMT course: a quiz per module and a final assessment.

Runs when courses' demo loader sends `demo_loaded` (quizzes subscribes in QuizzesConfig), so
courses never imports quizzes. Questions are found by ID number and quizzes by slug, and
nothing is written unless it differs from the data: a second run changes nothing.
"""

import io
from decimal import Decimal

from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images import get_image_model

from cms.sanitize import sanitize_html
from courses.models import CoursePage, Enrollment, ModulePage
from demo.content_files import QUESTIONS_DIR
from demo.courses import nmt_course
from demo.courses.loader import DEMO_USERS
from demo.quizzes.diagram import upper_back_png
from demo.quizzes.objectives import QUESTION_OBJECTIVES
from demo.quizzes.progress import demo_course_complete
from demo.quizzes.questions import EXTRA_QUESTIONS
from quizzes.importers.gift import parse_gift
from quizzes.importers.text import to_html
from quizzes.models import (
    GradingMethod,
    Question,
    QuestionBank,
    QuizKind,
    QuizPage,
    QuizSlot,
    ReviewOption,
)
from quizzes.models.quizzes import ReviewFrom
from quizzes.question_data import clean_question_data
from quizzes.services.imports import category_path, storable
from quizzes.services.questions import (
    category_ensure_path,
    question_create,
    question_objectives_set,
    question_revise,
)
from schools.models import School

GIFT_DIR = QUESTIONS_DIR  # the demo's GIFT files sit beside extra.yaml
SCHOOL_SLUG = "northfield"
BANK_NAME = "NMT demo questions"
FINAL = "final"
DIAGRAM_TITLE = "Quiz diagram: upper back from behind"
MODULE_QUIZ = {
    "kind": QuizKind.MODULE_QUIZ,
    "pass_mark": Decimal("70"),
    "required_for_completion": False,
    "attempts_allowed": 0,
    "time_limit_minutes": 0,
    "grading_method": GradingMethod.HIGHEST,
    "review": ReviewOption.FULL,
    "shuffle_questions": False,
}
FINAL_ASSESSMENT = {
    "title": "Final assessment",
    "introduction": (
        "<p>The post-test for this course's CE hours: questions from every module. Score 75% "
        "or more to pass; your best attempt counts.</p>"
    ),
    "kind": QuizKind.FINAL_ASSESSMENT,
    "pass_mark": Decimal("75"),
    "required_for_completion": True,
    "attempts_allowed": 3,
    "time_limit_minutes": 90,
    "grading_method": GradingMethod.HIGHEST,
    # The post-test's key stays hidden until the learner passes or has used every attempt.
    "review": ReviewOption.FULL,
    "review_from": ReviewFrom.AFTER_LAST_ATTEMPT,
    "shuffle_questions": True,
    # Pages of five with a question panel: the whole final on one page was 15,000 px long.
    "questions_per_page": 5,
}


def demo_quizzes_add(*, report) -> None:
    """Add the quizzes, finish the demo learner's course and say what changed."""
    created, updated = demo_quizzes_load()
    report.created += created
    report.updated += updated
    student = DEMO_USERS["student"]["email"]
    course = CoursePage.objects.get(slug=nmt_course.COURSE["slug"])
    enrollment = Enrollment.objects.filter(course=course, student__email=student).first()
    if enrollment is not None:
        report.created += demo_course_complete(enrollment=enrollment)


def demo_questions() -> dict[str, list[dict]]:
    """{module slug or "final": [question spec, ...]} from the GIFT files and EXTRA_QUESTIONS."""
    sections: dict[str, list[dict]] = {}
    for path in sorted(GIFT_DIR.glob("*.gift")):
        section = FINAL if path.stem == "final-assessment" else path.stem
        specs = sections.setdefault(section, [])
        category: list[str] = []
        for item in parse_gift(path.read_text(encoding="utf-8")):
            if item["type"] == "category":
                category = category_path(item["category"])
                continue
            specs.append({
                "idnumber": item["idnumber"],
                "name": item["name"],
                "qtype": item["type"],
                "stem": to_html(item["stem"]),
                "general_feedback": to_html(item["general_feedback"]),
                "tags": item["tags"],
                "data": storable(item["data"]),
                "category": category,
            })  # fmt: skip
    for extra in EXTRA_QUESTIONS:
        spec = {key: value for key, value in extra.items() if key != "section"}
        sections.setdefault(extra["section"], []).append(spec)
    return sections


@transaction.atomic
def demo_quizzes_load() -> tuple[list[str], list[str]]:
    created: list[str] = []
    updated: list[str] = []
    school = School.objects.filter(slug=SCHOOL_SLUG).first()
    course = CoursePage.objects.filter(slug=nmt_course.COURSE["slug"]).first()
    if school is None or course is None:
        return created, updated
    bank, made = QuestionBank.objects.get_or_create(
        school=school,
        name=BANK_NAME,
        defaults={"description": "Questions for the NMT demo course's quizzes."},
    )
    if made:
        created.append(f"question bank: {bank.name}")
    diagram = _diagram(created)
    sections = demo_questions()
    questions = {
        section: [
            _question(created, updated, bank=bank, spec=spec, image_id=diagram.pk) for spec in specs
        ]
        for section, specs in sections.items()
    }
    _tag_objectives(updated, course=course, questions=questions)
    modules = list(ModulePage.objects.child_of(course).order_by("path"))
    for number, module in enumerate(modules, start=1):
        if not questions.get(module.slug):
            continue
        _quiz(created, updated, parent=module, slug=f"{module.slug}-quiz",
              fields={**MODULE_QUIZ, "title": f"Module {number} quiz: {module.title}",
                      "introduction": _module_introduction(module.title)},
              questions=questions[module.slug])  # fmt: skip
    # The final assessment: every module's questions in course order, then its own.
    final = [q for module in modules for q in questions.get(module.slug, [])]
    _quiz(created, updated, parent=course, slug="final-assessment", fields=FINAL_ASSESSMENT,
          questions=final + questions.get(FINAL, []))  # fmt: skip
    return created, updated


def _tag_objectives(updated: list[str], *, course: CoursePage, questions: dict) -> None:
    """Tag each demo question with the course objectives it tests (QUESTION_OBJECTIVES)."""
    objectives = list(course.objectives.order_by("sort_order", "pk"))
    for question in (q for section in questions.values() for q in section):
        numbers = QUESTION_OBJECTIVES.get(question.idnumber, ())
        wanted = {objectives[n - 1].pk for n in numbers if n <= len(objectives)}
        if set(question.objectives.values_list("pk", flat=True)) != wanted:
            question_objectives_set(
                question=question, objectives=[o for o in objectives if o.pk in wanted]
            )
            updated.append(f"question objectives: {question.name}")


def _module_introduction(title: str) -> str:
    return (
        f"<p>Check what you learned in {title}. Score 70% or more to pass; you may try again "
        "as often as you like.</p>"
    )


def _diagram(created: list[str]):
    Image = get_image_model()
    image = Image.objects.filter(title=DIAGRAM_TITLE).first()
    if image is None:
        image = Image(title=DIAGRAM_TITLE)
        image.file = ImageFile(io.BytesIO(upper_back_png()), name="quiz-upper-back.png")
        image.save()
        created.append(f"image: {DIAGRAM_TITLE}")
    return image


def _question(created, updated, *, bank: QuestionBank, spec: dict, image_id: int) -> Question:
    data = spec["data"]
    if spec["qtype"] == "hotspot":
        data = {**data, "image": image_id}
    category = category_ensure_path(bank=bank, path=spec.get("category") or ["NMT demo"])
    fields = {
        "name": spec["name"],
        "qtype": spec["qtype"],
        "stem": spec["stem"],
        "general_feedback": spec["general_feedback"],
        "tags": list(spec["tags"]),
        "category": category,
    }
    question = (
        Question.objects.select_related("current_version")
        .filter(bank=bank, idnumber=spec["idnumber"])
        .first()
    )
    if question is None:
        question = question_create(bank=bank, idnumber=spec["idnumber"], data=data, **fields)
        created.append(f"question: {question.name}")
        return question
    changes = {
        name: value
        for name, value in fields.items()
        if _stored(name, value) != getattr(question, name)
    }
    if changes or question.current_version.data != clean_question_data(data):
        question = question_revise(question=question, data=data, **changes)
        updated.append(f"question: {question.name}")
    return question


def _stored(name: str, value):
    return sanitize_html(value) if name in ("stem", "general_feedback") else value


def _quiz(created, updated, *, parent, slug: str, fields: dict, questions: list) -> QuizPage:
    wanted = [question.pk for question in questions]
    quiz = QuizPage.objects.child_of(parent).filter(slug=slug).first()
    if quiz is None:
        quiz = QuizPage(slug=slug, slots=_slots(questions), **fields)
        parent.add_child(instance=quiz)
        quiz.save_revision().publish()
        created.append(f"quiz: {quiz.title}")
        return quiz
    changed = [name for name, value in fields.items() if getattr(quiz, name) != value]
    for name in changed:
        setattr(quiz, name, fields[name])
    current = [slot.question_id for slot in quiz.slots.all()]
    if current != wanted:
        quiz.slots = _slots(questions)
        changed.append("slots")
    if changed or quiz.has_unpublished_changes:
        quiz.save_revision().publish()
        updated.append(f"quiz: {quiz.title}")
    return quiz


def _slots(questions: list) -> list[QuizSlot]:
    return [QuizSlot(question=question, sort_order=n) for n, question in enumerate(questions)]
