from decimal import Decimal

import pytest

from quizzes.importers.errors import QuestionFileError
from quizzes.models import Question, QuestionCategory, QuestionVersion
from quizzes.services.exports import bank_export_gift
from quizzes.services.imports import category_path, questions_import
from quizzes.services.questions import question_create
from tests.quizzes.conftest import MOODLE_GIFT, PEGJS

GOOD = """// [id:scm-1] [tag:neck]
::SCM::[html]<p>Which muscle <script>alert(1)</script>turns the head?</p>{
  =Sternocleidomastoid#Yes
  ~Trapezius#No
  ####See lesson 2.
}

$CATEGORY: $course$/top/Neck/Deep

::Scalenes::How many scalene muscles are there?{#3:0}
"""


def test_import_stores_sanitised_questions_with_a_first_version(bank):
    report = questions_import(bank=bank, file_name="neck.gift", text=GOOD)
    assert (report.format, report.total, report.categories) == ("gift", 2, 1)
    assert report.counts == {"single_choice": 1, "numerical": 1}
    scm = Question.objects.get(name="SCM")
    assert scm.stem == "<p>Which muscle alert(1)turns the head?</p>"
    assert (scm.idnumber, scm.tags, scm.category) == ("scm-1", ["neck"], None)
    assert scm.general_feedback == "See lesson 2."
    version = scm.current_version
    assert (version.number, version.stem, version.qtype) == (1, scm.stem, "single_choice")
    assert version.data["choices"][0] == {
        "text": "Sternocleidomastoid",
        "fraction": "1",
        "feedback": "Yes",
    }
    scalenes = Question.objects.get(name="Scalenes")
    assert scalenes.category.path == "Neck/Deep"
    assert scalenes.current_version.data["answers"][0] == {
        "value": "3",
        "tolerance": "0",
        "fraction": "1",
        "feedback": "",
    }


def test_malformed_file_is_rejected_whole(bank):
    text = GOOD + "\n::Broken::What?{=a =b\n"
    with pytest.raises(QuestionFileError) as error:
        questions_import(bank=bank, file_name="neck.gift", text=text)
    assert error.value.line == 12
    assert not Question.objects.exists()
    assert not QuestionCategory.objects.exists()


def test_an_invalid_question_is_reported_with_its_line(bank):
    text = "::A::Pick{~%-50%x ~y}\n"  # no answer gives any credit
    with pytest.raises(QuestionFileError) as error:
        questions_import(bank=bank, file_name="a.gift", text=text)
    assert error.value.line == 1
    assert "At least one answer must give credit." in error.value.reason


def test_duplicate_idnumber_rejects_the_file(bank):
    questions_import(bank=bank, file_name="a.gift", text="// [id:x]\nQ?{T}")
    with pytest.raises(QuestionFileError) as error:
        questions_import(bank=bank, file_name="b.gift", text="Fine{F}\n\n// [id:x]\nQ2?{T}")
    assert error.value.line == 4
    assert Question.objects.count() == 1


@pytest.mark.parametrize(
    ("path", "names"),
    [
        ("$course$/top/Default for X", ["Default for X"]),
        ("$course$/Default for New Features", ["Default for New Features"]),
        ("$system$/top", []),
        ("Anatomy/Neck//Throat", ["Anatomy", "Neck/Throat"]),
    ],
)
def test_category_paths_drop_moodles_context_and_top(path, names):
    assert category_path(path) == names


def test_moodle_fixtures_import_into_a_bank(bank):
    for name in ("questions.gift.txt", "questions_in_category.gift.txt", "examples.txt"):
        text = (MOODLE_GIFT / name).read_text(encoding="utf-8")
        questions_import(bank=bank, file_name=name, text=text)
    assert Question.objects.filter(bank=bank).count() == 9 + 4 + 43
    markdown = Question.objects.filter(stem__contains="<strong>Grant's tomb</strong>")
    assert markdown.count() == 1
    assert QuestionCategory.objects.get().name == "Default for New Features"


def _snapshot(bank):
    return sorted([
        (q.name, q.qtype, q.stem, q.general_feedback, q.current_version.data, q.tags,
         q.idnumber, q.category.path if q.category else "")
        for q in Question.objects.filter(bank=bank).select_related("current_version")
    ], key=repr)  # fmt: skip


def test_export_then_import_gives_the_same_questions(bank, school):
    from quizzes.models import QuestionBank

    for name in ("questions.gift.txt", "questions_in_category.gift.txt", "examples.txt"):
        questions_import(bank=bank, file_name=name, text=(MOODLE_GIFT / name).read_text())
    for path in sorted(PEGJS.glob("*.gift")):
        questions_import(bank=bank, file_name=path.name, text=path.read_text())
    question_create(
        bank=bank,
        name="Units",
        qtype="essay",
        data={},
        stem="<p>Colons: {braces} #hash =eq ~tilde \\ back</p>",
        general_feedback="a\nb",
    )
    exported = bank_export_gift(bank=bank)
    copy = QuestionBank.objects.create(school=school, name="Copy")
    questions_import(bank=copy, file_name="export.gift", text=exported)
    original, copied = _snapshot(bank), _snapshot(copy)
    assert len(copied) == len(original) > 150
    for before, after in zip(original, copied, strict=True):
        assert after == before


def test_export_leaves_out_what_gift_cannot_say(bank):
    question_create(bank=bank, name="Order", qtype="ordering", data={"items": ["a", "b"]})
    exported = bank_export_gift(bank=bank)
    assert "left out: GIFT has no ordering questions" in exported
    assert questions_import(bank=bank, file_name="x.gift", text=exported).total == 0


def test_revising_a_question_keeps_past_versions(bank):
    from quizzes.services.questions import question_revise

    question = question_create(
        bank=bank, name="TF", qtype="true_false", stem="<p>Old</p>", data={"correct": True}
    )
    first = question.current_version
    revised = question_revise(question=question, stem="<p>New</p>", data={"correct": False})
    assert revised.current_version.number == 2
    first.refresh_from_db()
    assert (first.stem, first.data) == ("<p>Old</p>", {"correct": True})
    assert QuestionVersion.objects.filter(question=question).count() == 2
    assert revised.default_mark == Decimal(1)
