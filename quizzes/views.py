import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from quizzes import final_key, review, selectors
from quizzes.autosave_target import autosave_target
from quizzes.gate import open_without_lock
from quizzes.models import Attempt, QuizPage, ReviewOption
from quizzes.question_html import question_html
from quizzes.responses import slot_display
from quizzes.results import quiz_grade_for, quiz_passed
from quizzes.services import attempts as attempt_services
from quizzes.services.autosave import Saved, attempt_autosave, attempt_autosave_direct

BAD_REQUEST = "The request could not be read."


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _attempt_closed(exc: ValidationError) -> bool:
    """Whether the save failed because the attempt can no longer change (submitted, or its
    time is up), told by the error's code rather than its wording."""
    errors = exc.error_list if hasattr(exc, "error_list") else []
    return any(error.code in attempt_services.ATTEMPT_CLOSED_CODES for error in errors)


def quiz_page_serve(request, quiz: QuizPage, *args, **kwargs):
    """The quiz's own page: what it is, the student's attempts so far, and Start."""
    context = quiz.get_context(request, *args, **kwargs)
    user = request.user
    context["may_take"] = selectors.quiz_access(user=user, quiz=quiz)
    lock = selectors.quiz_lock(user=user, quiz=quiz) if context["may_take"] else None
    if lock is not None:
        return _locked(request, quiz, lock)
    # The grading scale is shown before the test (home-study CE rules ask for it).
    context["grading"] = {"total_marks": selectors.quiz_total_marks(quiz=quiz)}
    # Named with its course in the title: every course has a "Final assessment".
    context["course"] = selectors.quiz_course(quiz=quiz)
    if context["may_take"]:
        context["seat_time_owed"] = selectors.final_assessment_seat_time(quiz=quiz, user=user)
        if quiz.time_limit_minutes:
            accommodation = selectors.accommodation_for(user=user, quiz=quiz)
            context["time_allowed"] = accommodation and accommodation.minutes_for(
                quiz.time_limit_minutes
            )
    if user.is_authenticated:
        attempts = list(selectors.attempts_for(quiz=quiz, user=user))
        grade = quiz_grade_for(quiz=quiz, user=user)
        context.update(
            attempts=attempts,
            open_attempt=next((a for a in attempts if a.is_open), None),
            grade=None if grade is None else grade * 100,
            passed=quiz_passed(quiz=quiz, grade=grade),
        )
    return TemplateResponse(request, "quizzes/quiz_page.html", context)


@login_required
@require_POST
def start(request, quiz_id: int):
    quiz = get_object_or_404(QuizPage.objects.live(), pk=quiz_id)
    if (lock := selectors.quiz_lock(user=request.user, quiz=quiz)) is not None:
        return _locked(request, quiz, lock)
    owed = selectors.final_assessment_seat_time(quiz=quiz, user=request.user)
    if owed is not None:  # the service refuses too; the view need not draw questions to know
        messages.error(request, attempt_services.SEAT_TIME_OWED % {"remaining": owed.message})
        return redirect(quiz.url)
    try:
        attempt = attempt_services.attempt_start(quiz=quiz, user=request.user)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
        return redirect(quiz.url)
    return redirect("quizzes:attempt", attempt_id=attempt.pk)


def _owned(request, attempt_id: int) -> Attempt:
    attempt = selectors.attempt_for_student(user=request.user, attempt_id=attempt_id)
    if attempt is None:
        raise Http404
    return attempt


def _owned_lean(request, attempt_id: int) -> Attempt:
    """_owned for the paths a learner repeats while answering (speed): the quiz's page is read
    only in part (selectors.OPEN_ATTEMPT_QUIZ_FIELDS)."""
    attempt = selectors.attempt_for_student_lean(user=request.user, attempt_id=attempt_id)
    if attempt is None:
        raise Http404
    return attempt


def _page_slots(attempt: Attempt, slots: list, page_number):
    return Paginator(slots, attempt.quiz.per_page(len(slots))).get_page(page_number)


def _page_of_question(attempt: Attempt, slots: list, order) -> int | None:
    """The page number holding question `order`, or None when there is no such question."""
    per_page = attempt.quiz.per_page(len(slots))
    for index, slot in enumerate(slots):
        if str(slot.order) == str(order):
            return index // per_page + 1
    return None


def _navigation(slots: list, page) -> list[dict]:
    """Every question's place in the attempt, for the navigation panel (no answer key)."""
    per_page = page.paginator.per_page
    return [
        {
            "order": slot.order,
            "page": index // per_page + 1,
            "answered": slot.response is not None,
            "flagged": slot.flagged,
            "current": index // per_page + 1 == page.number,
        }
        for index, slot in enumerate(slots)
    ]


def _attempt_url(attempt: Attempt, page_number: int, order=None) -> str:
    url = f"{reverse('quizzes:attempt', args=[attempt.pk])}?page={page_number}"
    return f"{url}#q{order}" if order else url


@login_required
def attempt_view(request, attempt_id: int):
    """GET shows a page of questions; POST (no JavaScript needed) saves that page's answers
    and flags, then moves to another page, switches a hotspot's answer mode, or submits."""
    attempt = attempt_services.attempt_close_if_expired(attempt=_owned_lean(request, attempt_id))
    if not attempt.is_open:
        return redirect("quizzes:review", attempt_id=attempt.pk)
    gate = selectors.quiz_gate(user=request.user, quiz=attempt.quiz)
    if not gate.may_take:
        raise Http404
    if gate.lock is not None:
        return _locked(request, attempt.quiz, gate.lock)
    slots = list(selectors.attempt_slots(attempt=attempt))
    page = _page_slots(attempt, slots, request.POST.get("page") or request.GET.get("page"))
    if request.method == "POST":
        return _save_page(request, attempt, slots, page)
    images = selectors.hotspot_image_urls(slots=page.object_list)
    navigation = _navigation(slots, page)
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "page_obj": page,
        "questions": [question_html(slot_display(slot, images)) for slot in page.object_list],
        "navigation": navigation,
        "question_count": len(slots),
        "answered_count": sum(1 for item in navigation if item["answered"]),
        "flagged_count": sum(1 for item in navigation if item["flagged"]),
        "time_allowed": _time_allowed(attempt),
    }
    return render(request, "quizzes/attempt.html", context)


def _time_allowed(attempt: Attempt) -> int | None:
    """The minutes this attempt allows, extra time included."""
    if attempt.deadline is None:
        return None
    return round((attempt.deadline - attempt.started_at).total_seconds() / 60)


def _save_page(request, attempt: Attempt, slots: list, page):
    errors = []
    for slot in page.object_list:
        try:
            attempt_services.attempt_save_response(
                attempt=attempt,
                slot_order=slot.order,
                fields=request.POST.getlist,
                flagged=f"flag-{slot.order}" in request.POST,
            )
        except ValidationError as exc:
            errors.append(f"Question {slot.order}: {_errors(exc)}")
            if _attempt_closed(exc):
                attempt_services.attempt_close_if_expired(attempt=attempt)
                messages.error(request, _errors(exc))
                return redirect("quizzes:review", attempt_id=attempt.pk)
    for error in errors:
        messages.error(request, error)
    if "submit" in request.POST and not errors:
        attempt_services.attempt_submit(attempt=attempt)
        return redirect("quizzes:review", attempt_id=attempt.pk)
    mode = request.POST.get("hotspot_mode", "")
    if mode:
        return _switch_hotspot_mode(request, attempt, page, mode)
    if errors:
        return redirect(_attempt_url(attempt, page.number))
    number, order = page.number, None
    if "next" in request.POST and page.has_next():
        number = page.next_page_number()
    elif "previous" in request.POST and page.has_previous():
        number = page.previous_page_number()
    elif request.POST.get("goto"):
        order = request.POST["goto"]
        number = _page_of_question(attempt, slots, order) or page.number
    messages.success(request, "Your answers are saved.")
    return redirect(_attempt_url(attempt, number, order))


def _switch_hotspot_mode(request, attempt: Attempt, page, mode: str):
    """`mode` is "list-<order>" or "image-<order>", from the question's own button."""
    kind, _, order = mode.partition("-")
    try:
        attempt_services.attempt_hotspot_mode_set(
            attempt=attempt, slot_order=int(order), list_mode=kind == "list"
        )
    except (ValueError, ValidationError) as exc:
        messages.error(request, _errors(exc) if isinstance(exc, ValidationError) else BAD_REQUEST)
        return redirect(_attempt_url(attempt, page.number))
    return redirect(_attempt_url(attempt, page.number, order))


def _autosave_payload(body: bytes) -> tuple[int, dict, bool | None] | None:
    """(question order, fields, flag) from autosave's JSON, or None when it cannot be read."""
    try:
        payload = json.loads(body)
        order = int(payload["question"])
        fields = {str(k): [str(v) for v in vs] for k, vs in dict(payload["fields"]).items()}
        flagged = payload.get("flagged")
        if flagged is not None and not isinstance(flagged, bool):
            raise TypeError
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    return order, fields, flagged


@login_required
@require_POST
def autosave(request, attempt_id: int):
    """JSON {"question": order, "fields": {name: [values]}, "flagged": bool (optional)} →
    {"saved_at": ISO time, "answered": bool, "flagged": bool, "answered_count": n}."""
    payload = _autosave_payload(request.body)
    if payload is not None:
        order, fields, flagged = payload

        def getlist(name):
            return fields.get(name, [])

        # From a worker's second look at this question on, one statement asks everything the
        # full path asks and saves, or saves nothing (speed, issue 19).
        saved = attempt_autosave_direct(
            user=request.user,
            attempt_id=attempt_id,
            slot_order=order,
            fields=getlist,
            flagged=flagged,
        )
        if saved is not None:
            return _saved_response(saved)
    # Read first so the attempt and the slot come in one query (speed); an unreadable body is
    # still answered only after the checks below, as before.
    target = autosave_target(
        user=request.user, attempt_id=attempt_id, slot_order=payload and payload[0]
    )
    if target is None:
        raise Http404
    # The common case told from one row (read with the attempt from a worker's second save
    # on); quiz_gate decides every other (speed, issue 19).
    is_open = target.open_without_lock
    if is_open is None:
        is_open = open_without_lock(user=request.user, page=target.quiz)
    if not is_open:
        quiz_gate = selectors.quiz_gate(user=request.user, quiz=target.quiz)
        if not quiz_gate.may_take:
            raise Http404
        if quiz_gate.lock is not None:
            return JsonResponse({"error": quiz_gate.lock.message, "locked": True}, status=403)
    if payload is None:
        return JsonResponse({"error": BAD_REQUEST}, status=400)
    try:
        saved = attempt_autosave(
            attempt=target.attempt,
            slot_order=order,
            fields=getlist,
            flagged=flagged,
            slot=target.slot,
        )
    except ValidationError as exc:
        closed = _attempt_closed(exc)
        return JsonResponse(
            {"error": _errors(exc), "closed": closed}, status=409 if closed else 400
        )
    return _saved_response(saved)


def _saved_response(saved: Saved) -> JsonResponse:
    return JsonResponse(
        {
            "saved_at": saved.saved_at.isoformat(),
            "answered": saved.answered,
            "flagged": saved.flagged,
            "answered_count": saved.answered_count,
        }
    )


@login_required
@require_POST
def submit(request, attempt_id: int):
    attempt = _owned_lean(request, attempt_id)
    # The common case told from the gate's row alone, without building the enrolment; quiz_lock
    # decides every other (speed, issue 19).
    lock = None
    if not open_without_lock(user=request.user, page=attempt.quiz):
        lock = selectors.quiz_lock(user=request.user, quiz=attempt.quiz)
    if lock is not None:
        return _locked(request, attempt.quiz, lock)
    attempt = attempt_services.attempt_submit(attempt=attempt)
    return redirect("quizzes:review", attempt_id=attempt.pk)


@login_required
@require_GET
def review_view(request, attempt_id: int):
    attempt = attempt_services.attempt_close_if_expired(attempt=_owned(request, attempt_id))
    if attempt.is_open:
        return redirect("quizzes:attempt", attempt_id=attempt.pk)
    quiz = attempt.quiz
    attempts = list(selectors.attempts_for(quiz=quiz, user=request.user))
    access = review.review_access(quiz=quiz, attempts=attempts, now=timezone.now())
    items, held_note = [], ""
    course = selectors.quiz_course(quiz=quiz)
    if access.option != ReviewOption.SCORE:
        slots = list(selectors.attempt_slots(attempt=attempt))
        images = selectors.hotspot_image_urls(slots=slots)
        held, final = final_key.held_back(quiz=quiz, user=request.user)
        items = review.review_items(
            option=access.option, slots=slots, image_urls=images, held_question_ids=held
        )
        if any(item["held"] for item in items):
            held_note = final_key.HELD_NOTE % {"final": final.title}
    context = {
        "attempt": attempt,
        "quiz": quiz,
        "passed": attempt.fraction is not None and attempt.fraction * 100 >= quiz.pass_mark,
        "outcome": review.review_outcome(
            quiz=quiz, attempts=attempts, next_page=selectors.page_after(quiz=quiz, course=course)
        ),
        "course": course,
        "items": items,
        "review_note": access.note,
        "held_note": held_note,
    }
    return render(request, "quizzes/review.html", context)


def _locked(request, quiz: QuizPage, lock):
    """403, saying why the quiz is shut for this learner and when it opens."""
    if quiz.get_deferred_fields():  # read lean by an open attempt's page: the template needs all
        quiz = QuizPage.objects.get(pk=quiz.pk)
    context = {"page": quiz, "quiz": quiz, "lock": lock, "course": selectors.quiz_course(quiz=quiz)}
    return TemplateResponse(request, "quizzes/quiz_locked.html", context, status=403)
