from pathlib import Path

import pytest

from courses.models import ModulePage
from quizzes.models import QuestionBank
from tests.conftest import build_course
from tests.factories import SchoolFactory

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures"
MOODLE_GIFT = FIXTURES / "moodle-gift"
PEGJS = FIXTURES / "gift-pegjs" / "questions"


@pytest.fixture
def school(db):
    return SchoolFactory()


@pytest.fixture
def bank(school):
    return QuestionBank.objects.create(school=school, name="NMT post-test")


# --- Quizzes placed in a course, and students to take them ---------------------------------

SINGLE = {
    "choices": [
        {"text": "Tender point", "fraction": "0", "feedback": "A tender point is not a knot."},
        {"text": "Trigger point", "fraction": "1", "feedback": "RIGHT-ANSWER-FEEDBACK"},
        {"text": "Muscle spindle", "fraction": "0", "feedback": ""},
    ]
}
TRUE_FALSE = {"correct": True, "feedback_true": "TF-RIGHT", "feedback_false": "TF-WRONG"}
SHORT = {"answers": [{"text": "scalenes", "fraction": "1", "feedback": "Yes."}]}
HOTSPOT = {
    "image": "",
    "regions": [{"shape": "circle", "cx": "0.3", "cy": "0.4", "r": "0.1", "fraction": "1"}],
}


def make_question(bank, qtype="single_choice", data=None, **fields):
    from quizzes.services.questions import question_create

    defaults = {
        "single_choice": SINGLE,
        "true_false": TRUE_FALSE,
        "short_answer": SHORT,
        "hotspot": HOTSPOT,
        "multiple_response": {
            "choices": [
                {"text": "Upper trapezius", "fraction": "0.5"},
                {"text": "Levator scapulae", "fraction": "0.5"},
                {"text": "Gluteus medius", "fraction": "0"},
            ]
        },
        "numerical": {"answers": [{"value": "30", "tolerance": "5", "fraction": "1"}]},
        "matching": {
            "pairs": [
                {"question": "Ischemic compression", "answer": "Sustained pressure"},
                {"question": "Effleurage", "answer": "Gliding stroke"},
                {"question": "", "answer": "Tapping"},
            ]
        },
        "ordering": {"items": ["Assess", "Treat", "Reassess"]},
        "essay": {},
    }
    fields.setdefault("name", f"{qtype} question")
    fields.setdefault("stem", f"<p>Stem of the {qtype} question.</p>")
    return question_create(bank=bank, qtype=qtype, data=data or defaults[qtype], **fields)


def make_quiz(parent, *, questions=(), draws=(), **fields):
    """A live QuizPage under `parent` with a slot per question and per (category, count)."""
    from quizzes.models import QuizPage, QuizSlot

    slots = [QuizSlot(question=question, sort_order=i) for i, question in enumerate(questions)]
    slots += [
        QuizSlot(category=category, draw_count=count, sort_order=len(slots) + i)
        for i, (category, count) in enumerate(draws)
    ]
    fields.setdefault("title", "Module quiz")
    quiz = QuizPage(slots=slots, **fields)
    parent.add_child(instance=quiz)
    return quiz


@pytest.fixture
def module(course):
    from courses.models import ModulePage

    return ModulePage.objects.child_of(course).first()


@pytest.fixture
def student(course):
    from tests.factories import EnrollmentFactory

    return EnrollmentFactory(course=course).student


@pytest.fixture
def enrollment(student, course):
    return student.enrollments.get(course=course)


@pytest.fixture
def quiz(module, bank):
    questions = [
        make_question(bank, "single_choice", name="Which is a knot?"),
        make_question(bank, "true_false", name="TF"),
        make_question(bank, "short_answer", name="Short"),
    ]
    return make_quiz(module, questions=questions, shuffle_answers=False, pass_mark=60)


@pytest.fixture
def lock_courses(catalog, bank):
    """Two courses, the second requiring the first; a module quiz and a final in the second."""
    basics = build_course(catalog, title="Basics", lessons_per_module=1)
    advanced = build_course(
        catalog, title="Advanced", modules=2, lessons_per_module=1, school=SchoolFactory()
    )
    question = make_question(bank, "true_false")
    module = ModulePage.objects.child_of(advanced).first()
    module_quiz = make_quiz(module, questions=[question])
    final = make_quiz(advanced, questions=[question], title="Final", kind="final_assessment")
    return {
        "basics": basics,
        "advanced": advanced,
        "module": module,
        "quizzes": [module_quiz, final],
    }
