from quizzes.exporters.gift import escape, question_to_gift
from quizzes.models import Question, QuestionBank, QuestionCategory


def _names(category: QuestionCategory | None) -> list[str]:
    names = []
    while category is not None:
        names.append(category.name)
        category = category.parent
    return names[::-1]


def bank_export_gift(*, bank: QuestionBank) -> str:
    """The whole bank as one GIFT file, a $CATEGORY line before each category's questions."""
    questions = (
        Question.objects.filter(bank=bank)
        .select_related("current_version", "category")
        .order_by("category_id", "pk")
    )
    out, current = [], object()
    for question in questions:
        if question.category_id != current:
            current = question.category_id
            names = [escape(name).replace("/", "//") for name in _names(question.category)]
            out.append("$CATEGORY: " + "/".join(["$course$", "top", *names]) + "\n\n")
        out.append(question_to_gift(question))
    return "".join(out)
