import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from quizzes.models import Question, QuestionBank, QuestionCategory, QuestionVersion
from quizzes.services.questions import category_ensure_path, question_create


def test_bank_name_is_unique_per_school(bank, school):
    with pytest.raises(IntegrityError), transaction.atomic():
        QuestionBank.objects.create(school=school, name=bank.name)


def test_category_names_are_unique_among_siblings(bank):
    neck = category_ensure_path(bank=bank, path=["Neck"])
    deep = category_ensure_path(bank=bank, path=["Neck", "Deep"])
    assert (deep.parent, deep.path, str(deep)) == (neck, "Neck/Deep", "Deep")
    with pytest.raises(IntegrityError), transaction.atomic():
        QuestionCategory.objects.create(bank=bank, name="Neck")
    with pytest.raises(IntegrityError), transaction.atomic():
        QuestionCategory.objects.create(bank=bank, parent=neck, name="Deep")


def test_category_cannot_be_its_own_ancestor(bank):
    top = category_ensure_path(bank=bank, path=["A"])
    child = category_ensure_path(bank=bank, path=["A", "B"])
    top.parent = child
    with pytest.raises(ValidationError):
        top.full_clean()


def test_question_and_version_constraints(bank):
    question = question_create(bank=bank, name="Q", qtype="essay", data={})
    assert str(question) == "Q" and str(question.current_version) == "Q (v1)"
    assert question.is_auto_graded is False
    with pytest.raises(IntegrityError), transaction.atomic():
        QuestionVersion.objects.create(
            question=question, number=1, qtype="essay", default_mark=1, data={}
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Question.objects.filter(pk=question.pk).update(qtype="nonsense")


@pytest.mark.parametrize(
    ("qtype", "data"),
    [
        ("single_choice", {"choices": [{"text": "a", "fraction": "1"}]}),
        ("single_choice", {"choices": [{"text": "a", "fraction": "2"}, {"text": "b"}]}),
        ("numerical", {"answers": [{"value": "x", "fraction": "1"}]}),
        ("hotspot", {"regions": [{"shape": "circle", "cx": 2, "cy": 0, "r": 1, "fraction": 1}]}),
        ("hotspot", {"regions": [{"shape": "polygon", "points": [[0, 0], [1, 1]], "fraction": 1}]}),
        (
            "matching",
            {"pairs": [{"question": "a", "answer": "b"}, {"question": "", "answer": "c"}]},
        ),
        ("true_false", {"correct": "yes"}),
        ("ordering", {"items": ["only one"]}),
    ],
)
def test_question_data_is_validated(bank, qtype, data):
    with pytest.raises(ValidationError):
        question_create(bank=bank, name="Bad", qtype=qtype, data=data)
    assert not Question.objects.exists()
