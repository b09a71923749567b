from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from quizzes.models import Question, QuestionBank
from tests.factories import SchoolFactory
from tests.quizzes.conftest import MOODLE_GIFT


def run(*args):
    out = StringIO()
    call_command("import_questions", *args, stdout=out)
    return out.getvalue()


def test_command_imports_and_prints_counts_per_type(school):
    output = run(str(MOODLE_GIFT / "questions.gift.txt"), "--bank", "Moodle")
    assert "true_false: 3" in output
    assert "essay: 1" in output
    assert "Imported 9 questions into Moodle." in output
    assert QuestionBank.objects.get(name="Moodle", school=school).questions.count() == 9


def test_command_detects_xml_by_content(school, tmp_path):
    path = tmp_path / "export.data"
    path.write_text(
        "<?xml version='1.0'?><quiz><question type='essay'><name><text>E</text></name>"
        "<questiontext><text>Why?</text></questiontext></question></quiz>"
    )
    assert "essay: 1" in run(str(path), "--bank", "X", "--school", school.slug)


def test_bad_file_fails_with_file_and_line_and_imports_nothing(school, tmp_path):
    path = tmp_path / "bad.gift"
    path.write_text("Q1?{T}\n\n::Q2::What?{=a =b\n")
    with pytest.raises(CommandError, match=rf"^{path}:3: a {{ or a }} is missing"):
        run(str(path), "--bank", "New bank")
    assert not Question.objects.exists()
    assert not QuestionBank.objects.exists()  # the bank made for the import is rolled back


def test_non_utf8_file_is_refused_with_its_line(school, tmp_path):
    path = tmp_path / "latin1.gift"
    path.write_bytes("Q1?{T}\n\nCaf\u00e9?{T}\n".encode("latin-1"))
    with pytest.raises(CommandError, match=r"latin1.gift:3: the file is not UTF-8"):
        run(str(path), "--bank", "B")


def test_school_must_be_named_when_there_are_several(school):
    SchoolFactory()
    with pytest.raises(CommandError, match="--school"):
        run(str(MOODLE_GIFT / "examples.txt"), "--bank", "B")
    with pytest.raises(CommandError, match="No school has the slug 'nope'"):
        run(str(MOODLE_GIFT / "examples.txt"), "--bank", "B", "--school", "nope")
