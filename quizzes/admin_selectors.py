"""Reads for the question-bank admin: who may see which school's banks, and list querysets.

Who sees which school's banks is schools.rules.question_bank_scope: staff see every school,
members see their schools; admins and instructors may edit there, reviewers only read.
"""

from django.db import connection
from django.db.models import Count, QuerySet

from courses.models import CoursePage
from quizzes.models import Question, QuestionBank, QuestionCategory, QuestionVersion
from schools import rules


def _scoped(queryset: QuerySet, lookup: str, user, *, write: bool) -> QuerySet:
    schools = rules.question_bank_scope(user, write=write)
    if schools is None:
        return queryset
    return queryset.filter(**{f"{lookup}__in": schools})


def banks_for(user, *, write: bool = False) -> QuerySet[QuestionBank]:
    return _scoped(QuestionBank.objects.select_related("school"), "school", user, write=write)


def banks_listing(user) -> QuerySet[QuestionBank]:
    """Banks with their question and category counts, for the bank list: one query."""
    return banks_for(user).annotate(
        question_count=Count("questions", distinct=True),
        category_count=Count("categories", distinct=True),
    )


def categories_for(user, *, write: bool = False) -> QuerySet[QuestionCategory]:
    categories = QuestionCategory.objects.select_related("bank__school", "parent")
    return _scoped(categories, "bank__school", user, write=write)


def categories_for_bank(bank: QuestionBank) -> QuerySet[QuestionCategory]:
    return QuestionCategory.objects.filter(bank=bank)


def questions_for(user, *, write: bool = False) -> QuerySet[Question]:
    questions = Question.objects.select_related("bank__school", "category", "current_version")
    return _scoped(questions, "bank__school", user, write=write)


def category_paths(categories) -> dict[int, str]:
    """{category id: "Top / Child / Grandchild"} from categories already loaded (no query)."""
    by_id = {category.pk: category for category in categories}
    paths: dict[int, str] = {}

    def path(category) -> str:
        if category.pk not in paths:
            parent = by_id.get(category.parent_id)
            paths[category.pk] = (
                category.name if parent is None else f"{path(parent)} / {category.name}"
            )
        return paths[category.pk]

    for category in by_id.values():
        path(category)
    return paths


def category_choices(categories, *, with_bank: bool = False) -> list[tuple[int, str]]:
    """(id, path) pairs sorted by bank and path, for a select."""
    categories = list(categories)
    paths = category_paths(categories)
    banks = {category.pk: category.bank.name for category in categories} if with_bank else {}
    rows = [
        (banks.get(category.pk, ""), paths[category.pk].casefold(), category.pk)
        for category in categories
    ]
    return [
        (pk, f"{bank}: {paths[pk]}" if with_bank else paths[pk]) for bank, _, pk in sorted(rows)
    ]


def category_descendants(category_id: int, categories) -> set[int]:
    """The category's id and those of every category nested below it, among `categories`."""
    children: dict[int | None, list[int]] = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category.pk)
    found, todo = set(), [category_id]
    while todo:
        pk = todo.pop()
        if pk not in found:
            found.add(pk)
            todo.extend(children.get(pk, []))
    return found


def category_with_descendants(category: QuestionCategory) -> set[int]:
    """category_descendants within the category's bank: one query."""
    bank_categories = QuestionCategory.objects.filter(bank=category.bank_id).only("pk", "parent")
    return category_descendants(category.pk, bank_categories)


def question_tags(questions: QuerySet[Question]) -> list[str]:
    """The distinct tags used by `questions`, sorted: one query."""
    tags = set()
    for row in questions.order_by().values_list("tags", flat=True):
        tags.update(tag for tag in row or [] if isinstance(tag, str))
    return sorted(tags, key=str.casefold)


def questions_tagged(questions: QuerySet[Question], tag: str) -> QuerySet[Question]:
    if connection.features.supports_json_field_contains:
        return questions.filter(tags__contains=[tag])
    # SQLite has no JSON containment: find the matching ids in Python (one extra query).
    ids = [pk for pk, tags in questions.order_by().values_list("pk", "tags") if tag in (tags or [])]
    return questions.filter(pk__in=ids)


def question_versions(question: Question) -> list[QuestionVersion]:
    """The question's versions, newest first, each with how many attempt slots use it."""
    return list(
        question.versions.annotate(attempt_count=Count("attempt_slots")).order_by("-number")
    )


def course_for_quiz_form(*, page, parent_page) -> CoursePage | None:
    """The course a quiz page belongs to: its own ancestor, or the parent's for a new page."""
    anchor = page if page is not None and page.pk else parent_page
    if anchor is None or not anchor.pk:
        return None
    return CoursePage.objects.ancestor_of(anchor, inclusive=True).select_related("school").first()


def slot_questions(*, school_id: int | None) -> QuerySet[Question]:
    if school_id is None:
        return Question.objects.none()
    return Question.objects.filter(bank__school_id=school_id).select_related("bank", "category")


def slot_categories(*, school_id: int | None) -> QuerySet[QuestionCategory]:
    if school_id is None:
        return QuestionCategory.objects.none()
    return QuestionCategory.objects.filter(bank__school_id=school_id).select_related("bank")
