from decimal import Decimal

from completion.services import course_completion
from courses.models import LessonPage
from courses.services.progress import lesson_visit_record
from quizzes.models import QuizPage
from quizzes.results import grade_by_method
from quizzes.services import attempts as services
from tests.quizzes.conftest import make_question, make_quiz


def visit_every_lesson(enrollment):
    course = enrollment.course
    for lesson in LessonPage.objects.live().descendant_of(course):
        lesson_visit_record(user=enrollment.student, lesson=lesson, course=course)


def take(quiz, user, answer):
    attempt = services.attempt_start(quiz=quiz, user=user)
    services.attempt_save_response(
        attempt=attempt, slot_order=1, fields=lambda name: [answer] if name == "q1" else []
    )
    return services.attempt_submit(attempt=attempt)


def test_passing_the_last_required_quiz_completes_the_course_once(
    course, module, bank, enrollment, received, django_capture_on_commit_callbacks
):
    student = enrollment.student
    first = make_quiz(module, questions=[make_question(bank)], shuffle_answers=False)
    final = make_quiz(
        course, questions=[make_question(bank)], shuffle_answers=False, kind="final_assessment"
    )
    make_quiz(module, questions=[make_question(bank)], required_for_completion=False)
    with django_capture_on_commit_callbacks(execute=True):
        visit_every_lesson(enrollment)
        take(first, student, "1")
        take(final, student, "0")  # failed
    assert received == [] and not course_completion(enrollment=enrollment).complete
    with django_capture_on_commit_callbacks(execute=True):
        take(final, student, "1")
    completion = course_completion(enrollment=enrollment)
    assert completion.complete and completion.passed_quiz_ids == {first.pk, final.pk}
    assert completion.lessons_tracked is True
    assert received == [enrollment.pk]
    with django_capture_on_commit_callbacks(execute=True):
        take(final, student, "1")  # already complete: no second signal
    assert received == [enrollment.pk]


def test_a_draft_quiz_is_not_required(course, bank, enrollment):
    quiz = make_quiz(course, questions=[make_question(bank)])
    QuizPage.objects.filter(pk=quiz.pk).update(live=False)
    visit_every_lesson(enrollment)
    assert course_completion(enrollment=enrollment).complete


def test_grade_by_method_with_no_attempts_is_none():
    assert grade_by_method("highest", []) is None
    assert grade_by_method("average", [Decimal(1), Decimal(0)]) == Decimal("0.5")
