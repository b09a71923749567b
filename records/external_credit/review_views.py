"""The reviewers' queue of self-reported credit: staff see everyone's, a school's admins and
instructors their own learners' (schools/rules.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from records.external_credit import selectors, services
from records.external_credit.forms import ACCEPT, ExternalCreditReviewForm
from schools import rules

QUEUE_SIZE = 100


@never_cache
@login_required
def review_queue(request):
    if rules.external_credit_review_scope(request.user) == frozenset():
        raise PermissionDenied
    queue = list(selectors.review_queue(user=request.user)[: QUEUE_SIZE + 1])
    context = {"queue": queue[:QUEUE_SIZE], "more": len(queue) > QUEUE_SIZE}
    return render(request, "records/external_credit/review_queue.html", context)


@never_cache
@login_required
def review(request, pk: int):
    credit = selectors.reviewable_credit(user=request.user, pk=pk)
    if credit is None:
        raise Http404
    form = ExternalCreditReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["decision"] == ACCEPT
        try:
            services.external_credit_review(
                credit=credit,
                reviewer=request.user,
                accept=accept,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            outcome = "accepted" if accept else "not accepted"
            messages.success(request, f"“{credit.course_title}” {outcome}.")
            return redirect("transcripts:external_credit_reviews")
    return render(
        request,
        "records/external_credit/review.html",
        {"credit": credit, "form": form},
        status=400 if form.errors else 200,
    )
