from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from cms.sanitize import sanitize_html
from quizzes.models import Question, QuestionBank, QuestionCategory, QuestionType, QuestionVersion
from quizzes.question_data import clean_question_data, validate_question_data
from schools.selectors import images_for_school

IDNUMBER_TAKEN = "Another question in this bank already has the ID number %(idnumber)s."
CATEGORY_OTHER_BANK = "The category belongs to another bank."
IMAGE_NOT_YOURS = "Choose an image of your school's collection: this one belongs to another school."
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
    image = (
        (question.current_data or {}).get("image")
        if question.qtype == QuestionType.HOTSPOT
        else None
    )
    if image and not images_for_school(school_id=question.bank.school_id).filter(pk=image).exists():
        raise ValidationError({"data": IMAGE_NOT_YOURS})
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


OBJECTIVE_BULK_OTHER_SCHOOL = (
    "The objective belongs to a course of another school than the chosen questions' bank."
)
OBJECTIVE_BULK_NOTHING = "Choose at least one question."


@transaction.atomic
def question_objectives_bulk(*, question_ids, objective, remove: bool = False) -> int:
    """Tag (or untag) many questions with one objective at once: no new versions, since an
    objective is metadata, and the same few queries whatever the number of questions. The
    questions must all be in banks of the objective's course's school. Returns how many."""
    from courses.models import CourseObjective

    ids = sorted(set(question_ids))
    if not ids:
        raise ValidationError(OBJECTIVE_BULK_NOTHING)
    school_id = (
        CourseObjective.objects.filter(pk=objective.pk)
        .values_list("course__school_id", flat=True)
        .first()
    )
    schools = set(
        Question.objects.filter(pk__in=ids).values_list("bank__school_id", flat=True).distinct()
    )
    if school_id is None or schools != {school_id}:
        raise ValidationError(OBJECTIVE_BULK_OTHER_SCHOOL)
    links = Question.objectives.through.objects
    if remove:
        links.filter(question_id__in=ids, courseobjective_id=objective.pk).delete()
    else:
        links.bulk_create(
            [links.model(question_id=pk, courseobjective_id=objective.pk) for pk in ids],
            ignore_conflicts=True,
        )
    return len(ids)


def _tag_key(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def objectives_by_tag(*, school_id: int) -> dict[str, list[int]]:
    """{normalised objective text: [objective ids]} for a school's courses (one query): the
    tags of imported questions that name an objective, case and spacing ignored."""
    from courses.models import CourseObjective

    found: dict[str, list[int]] = {}
    rows = CourseObjective.objects.filter(course__school_id=school_id).values_list("pk", "text")
    for pk, text in rows:
        found.setdefault(_tag_key(text), []).append(pk)
    return found


def objectives_for_tags(tags, lookup: dict[str, list[int]]) -> tuple[set[int], list[str]]:
    """The objective ids `tags` name, and the tags that name none."""
    ids: set[int] = set()
    unmatched = []
    for tag in tags:
        matched = lookup.get(_tag_key(tag))
        if matched:
            ids.update(matched)
        else:
            unmatched.append(tag)
    return ids, unmatched
