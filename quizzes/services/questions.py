from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from cms.sanitize import sanitize_html
from quizzes.models import Question, QuestionBank, QuestionCategory, QuestionVersion
from quizzes.question_data import clean_question_data, validate_question_data

IDNUMBER_TAKEN = "Another question in this bank already has the ID number %(idnumber)s."
CATEGORY_OTHER_BANK = "The category belongs to another bank."
_HTML_FIELDS = ("stem", "general_feedback")
_VERSIONED_FIELDS = ("qtype", "stem", "general_feedback", "default_mark")


def category_ensure_path(*, bank: QuestionBank, path: list[str]) -> QuestionCategory | None:
    """The category at `path` (names from the top), created level by level as needed."""
    category = None
    for name in path:
        category, _ = QuestionCategory.objects.get_or_create(
            bank=bank, parent=category, name=name[:255]
        )
    return category


def _check(question: Question) -> None:
    validate_question_data(question.qtype, question.current_data)
    if question.category_id and question.category.bank_id != question.bank_id:
        raise ValidationError({"category": CATEGORY_OTHER_BANK})
    if (
        question.idnumber
        and Question.objects.filter(bank=question.bank_id, idnumber=question.idnumber)
        .exclude(pk=question.pk)
        .exists()
    ):
        raise ValidationError(
            {"idnumber": ValidationError(IDNUMBER_TAKEN, params={"idnumber": question.idnumber})}
        )
    question.full_clean(exclude=["current_version"])


def _new_version(question: Question, data: dict) -> QuestionVersion:
    last = question.versions.order_by("-number").values_list("number", flat=True).first()
    version = QuestionVersion(
        question=question,
        number=(last or 0) + 1,
        data=data,
        **{field: getattr(question, field) for field in _VERSIONED_FIELDS},
    )
    version.full_clean(exclude=["question"])
    version.save()
    question.current_version = version
    question.save(update_fields=["current_version", "updated_at"])
    return version


@transaction.atomic
def question_create(
    *,
    bank: QuestionBank,
    name: str,
    qtype: str,
    data: dict,
    stem: str = "",
    general_feedback: str = "",
    default_mark: Decimal = Decimal(1),
    category: QuestionCategory | None = None,
    tags: list[str] | None = None,
    idnumber: str = "",
) -> Question:
    question = Question(
        bank=bank,
        category=category,
        name=name,
        qtype=qtype,
        # Stems and feedback are rendered as HTML: clean them whatever their source.
        stem=sanitize_html(stem),
        general_feedback=sanitize_html(general_feedback),
        default_mark=default_mark,
        tags=list(tags or []),
        idnumber=idnumber,
    )
    # Answer texts and feedback reach learners too: cleaned here, whichever path called.
    question.current_data = clean_question_data(data)
    _check(question)
    question.save()
    _new_version(question, question.current_data)
    return question


@transaction.atomic
def question_revise(*, question: Question, data: dict | None = None, **changes) -> Question:
    """Apply `changes` and freeze them as a new version; earlier versions stay as they were."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    for field, value in changes.items():
        if field in _HTML_FIELDS:
            value = sanitize_html(value)
        setattr(question, field, value)
    current = question.current_version.data if question.current_version else {}
    question.current_data = clean_question_data(current if data is None else data)
    _check(question)
    question.save()
    _new_version(question, question.current_data)
    return question


OBJECTIVE_OTHER_SCHOOL = "Tag questions only with objectives of your school's courses."


@transaction.atomic
def question_objectives_set(*, question: Question, objectives) -> Question:
    """Tag the question with the learning objectives it tests (not versioned: a tag, not
    content). Only objectives of courses of the bank's school are accepted."""
    from courses.models import CourseObjective

    ids = {objective.pk for objective in objectives}
    allowed = set(
        CourseObjective.objects.filter(
            pk__in=ids, course__school_id=question.bank.school_id
        ).values_list("pk", flat=True)
    )
    if ids - allowed:
        raise ValidationError({"objectives": OBJECTIVE_OTHER_SCHOOL})
    question.objectives.set(ids)
    return question
