"""The attempt page's URL: the common case answered here, any other request handed to
quizzes.views.attempt_view unchanged."""

from django.contrib.messages import get_messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils import timezone

from cms import content_cache, page_cache
from cms.context_processors import admin_access
from cms.csrf_token import get_token
from courses.selectors.locks import Release, module_lock
from quizzes import views
from quizzes.attempt_page import read, shell
from quizzes.attempt_page.questions import questions_html
from quizzes.gate import OpenGate, open_gate
from quizzes.models import QuizLayout, QuizPage


def attempt_or_page(request, attempt_id: int):
    response = attempt_page(request, attempt_id)
    if response is not None:
        return response
    return views.attempt_view(request, attempt_id)


def _per_page(attempt: read.OpenAttempt, count: int) -> int:
    # QuizPage.per_page, for the two fields read.
    if attempt.quiz_layout == QuizLayout.PER_QUESTION:
        return 1
    return attempt.quiz_questions_per_page or max(count, 1)


def _unlocked(gate: OpenGate, *, quiz_path: str) -> bool:
    """Whether courses.selectors.page_lock finds no lock for this enrolment: neither a
    prerequisite to complete nor a module not yet released. A course-level final (its lock
    reads the course's modules) is left to attempt_view."""
    if gate.lock_blocked or quiz_path[: -QuizPage.steplen] == gate.course_path:
        return False
    release = Release(opens_on=gate.lock_opens_on, opens_after_days=gate.lock_opens_after_days)
    return module_lock(module=release, enrolled_at=gate.enrolled_at) is None


def attempt_page(request, attempt_id: int) -> HttpResponse | None:
    """The page of questions attempt_view would answer a GET with, or None when this request is
    not the common case (attempt_view then decides)."""
    # The shells live in the content cache: with that off (tests, by default) every request
    # would render the template anyway, so attempt_view answers.
    if not content_cache.enabled():
        return None
    user = request.user
    if request.method not in ("GET", "HEAD") or not user.is_authenticated:
        return None
    attempt, slots, gate = read.attempt_with_slots(student_id=user.pk, attempt_id=attempt_id)
    # Not theirs, closed (the review), or past its deadline (submitted on this view).
    if attempt is None or not read.is_open(attempt):
        return None
    if attempt.deadline is not None and timezone.now() > attempt.deadline:
        return None
    if admin_access(user) or len(get_messages(request)):
        return None
    # Not enrolled (staff trying the quiz: attempt_view decides), or locked (its 403).
    if gate is read.GATE_UNREAD:
        gate = open_gate(student_id=user.pk, path=attempt.quiz_path, depth=attempt.quiz_depth)
    if gate is None or not _unlocked(gate, quiz_path=attempt.quiz_path):
        return None
    read.attach_versions(slots)
    page = Paginator(slots, _per_page(attempt, len(slots))).get_page(request.GET.get("page"))
    per_page, number = page.paginator.per_page, page.number
    navigation = [
        (slot.order, index // per_page + 1, slot.answered, slot.flagged)
        for index, slot in enumerate(slots)
    ]
    flagged = any(item[3] for item in navigation)
    paged = page.paginator.num_pages > 1
    shape = shell.Shape(
        one_question=len(slots) == 1,
        deadline=attempt.deadline is not None,
        accommodation=attempt.accommodation_id is not None,
        paged=paged,
        navigation=paged or flagged,
        previous=page.has_previous(),
        next=page.has_next(),
    )
    page_shell = shell.shell_for(
        request=request,
        quiz_id=attempt.quiz_id,
        title=attempt.quiz_title,
        shape=shape,
        generation=page_cache.generation(),
    )
    questions = questions_html(page.object_list)
    parts = {
        "number": str(attempt.number),
        "pk": str(attempt.id),
        "count": str(len(slots)),
        "answered": str(sum(1 for item in navigation if item[2])),
        "page": str(number),
        "pages": str(page.paginator.num_pages),
        "csrf": get_token(request),
        "questions": page_shell.question_gap.join(questions),
        "navigation": shell.navigation_html(
            page_shell, [(*item, item[1] == number) for item in navigation]
        )
        if shape.navigation
        else "",
    }
    if attempt.deadline is not None:
        minutes = (attempt.deadline - attempt.started_at).total_seconds() / 60
        parts |= {
            "minutes": str(round(minutes)),
            "deadline": attempt.deadline.isoformat(),
            "deadline_time": shell.deadline_time(attempt.deadline),
        }
    return HttpResponse(shell.page_html(page_shell, parts))
