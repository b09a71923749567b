"""The CE final's key, kept out of the other quizzes of its course.

A course may reuse module-quiz questions on its final assessment (the demo does). A module
quiz is formative and may show right answers at once, with unlimited attempts; unchecked, a
learner would read most of the final's key there before taking it. So, until the learner has
passed the course's CE final or used all its attempts, the review of any other quiz in the
course shows the questions the final can ask without their marks, right answers or feedback.
"""

from courses.ce_hours import is_ce_course
from courses.models import CoursePage
from quizzes.blueprint import final_assessment
from quizzes.models import Question, QuizPage, QuizSlot
from quizzes.review import is_summative, passed_or_out_of_attempts
from quizzes.selectors import attempts_for

HELD_NOTE = (
    "Questions that are also on the final assessment, “%(final)s”, show no mark, right answer "
    "or feedback here until you pass the final or use all its attempts."
)


def final_question_ids(*, final: QuizPage) -> frozenset[int]:
    """Every question the final can ask: its fixed questions and its random draws' pools."""
    slots = QuizSlot.objects.filter(quiz=final).values_list("question_id", "category_id")
    fixed = {question for question, _ in slots if question}
    categories = {category for _, category in slots if category}
    drawn = set(
        Question.objects.filter(category_id__in=categories).values_list("pk", flat=True)
        if categories
        else ()
    )
    return frozenset(fixed | drawn)


def held_back(*, quiz: QuizPage, user) -> tuple[frozenset[int], QuizPage | None]:
    """The question ids of `quiz` whose answers the learner may not see yet, and the final
    they belong to; nothing for the final itself (review.py holds its whole review back)."""
    if is_summative(quiz):
        return frozenset(), None
    course = CoursePage.objects.ancestor_of(quiz).first()
    if course is None or not is_ce_course(course):
        return frozenset(), None
    final = final_assessment(course=course)
    if final is None:
        return frozenset(), None
    if passed_or_out_of_attempts(quiz=final, attempts=list(attempts_for(quiz=final, user=user))):
        return frozenset(), None
    return final_question_ids(final=final), final
