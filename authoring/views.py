"""The course builder and course reviews in the Wagtail admin. Thin: parse, call a service,
redirect with a message. Every view asks schools.rules first; anyone else gets a 404, so the
pages do not reveal which courses exist. Forms post without JavaScript; static/js/
course-outline.js adds drag and drop and moves without reloading (JSON answers)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from authoring import selectors
from authoring.models import CourseReview
from authoring.services import outline, reviews
from courses.models import CoursePage
from schools import rules


def _course_or_404(request, course_id: int) -> CoursePage:
    course = CoursePage.objects.filter(pk=course_id).first()
    if not rules.may_author_course(request.user, course=course):
        raise Http404
    return course


def _page_or_404(course: CoursePage, page_id) -> Page:
    try:
        page = Page.objects.get(pk=int(page_id))
    except (TypeError, ValueError, Page.DoesNotExist) as error:
        raise Http404 from error
    if not page.path.startswith(course.path):
        raise Http404
    return page


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _wants_json(request) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


def _outline_url(course) -> str:
    return reverse("authoring:outline", args=[course.pk])


@method_decorator(never_cache, name="dispatch")
class OutlineView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "authoring/outline.html"
    page_title = "Course outline"
    header_icon = "list-ul"

    def dispatch(self, request, *args, course_id, **kwargs):
        self.course = _course_or_404(request, course_id)
        return super().dispatch(request, *args, course_id=course_id, **kwargs)

    def get_page_subtitle(self):
        return self.course.draft_title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_explore", args=[self.course.pk]),
                "label": self.course.draft_title,
            },
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        data = selectors.course_outline(course=self.course)
        return super().get_context_data(
            course=self.course, outline=data, kinds=selectors.KIND_LABELS, **kwargs
        )


class AddForm(forms.Form):
    parent = forms.IntegerField()
    kind = forms.ChoiceField(choices=[(k, k) for k in outline.KINDS])
    title = forms.CharField(max_length=255)


class OutlineAddView(View):
    def post(self, request, course_id):
        course = _course_or_404(request, course_id)
        form = AddForm(request.POST)
        if not form.is_valid():
            messages.error(request, outline.TITLE_REQUIRED)
            return redirect(_outline_url(course))
        parent = _page_or_404(course, form.cleaned_data["parent"])
        try:
            page = outline.outline_item_add(
                user=request.user,
                course=course,
                parent=parent,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
            return redirect(_outline_url(course))
        if request.POST.get("then") == "edit":
            return redirect("wagtailadmin_pages:edit", page.pk)
        messages.success(request, f"“{page.title}” added as a draft.")
        return redirect(_outline_url(course) + f"#item-{page.pk}")


class OutlineRenameView(View):
    def post(self, request, course_id, page_id):
        course = _course_or_404(request, course_id)
        page = _page_or_404(course, page_id)
        try:
            page = outline.outline_item_rename(
                user=request.user, course=course, page=page, title=request.POST.get("title", "")
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, f"Renamed to “{page.title}” (a draft until published).")
        return redirect(_outline_url(course) + f"#item-{page.pk}")


class OutlineMoveView(View):
    def post(self, request, course_id, page_id):
        course = _course_or_404(request, course_id)
        page = _page_or_404(course, page_id)
        parent = request.POST.get("parent")
        position = request.POST.get("position")
        try:
            moved = outline.outline_item_move(
                user=request.user,
                course=course,
                page=page,
                direction=request.POST.get("direction") or None,
                parent=_page_or_404(course, parent) if parent else None,
                position=int(position) if position and position.isdigit() else None,
            )
        except ValidationError as error:
            if _wants_json(request):
                return JsonResponse({"ok": False, "message": _error_text(error)}, status=400)
            messages.error(request, _error_text(error))
            return redirect(_outline_url(course) + f"#item-{page.pk}")
        if _wants_json(request):
            return JsonResponse({"ok": True})
        messages.success(request, f"Moved “{moved.draft_title}”.")
        return redirect(_outline_url(course) + f"#item-{page.pk}")


class SubmitView(View):
    def post(self, request, course_id):
        course = _course_or_404(request, course_id)
        try:
            review = reviews.course_review_submit(
                user=request.user, course=course, note=request.POST.get("note", "")
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            count = review.items.count()
            messages.success(
                request, f"Submitted the course for review: {count} page{'s' * (count != 1)}."
            )
        return redirect(_outline_url(course))


class WithdrawView(View):
    def post(self, request, course_id):
        course = _course_or_404(request, course_id)
        review = course.course_reviews.filter(status=CourseReview.Status.PENDING).first()
        if review is None:
            raise Http404
        try:
            reviews.course_review_withdraw(user=request.user, review=review)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, "Withdrawn from review: you may change it and submit again.")
        return redirect(_outline_url(course))


# --- Reviewers ------------------------------------------------------------------------------


@method_decorator(never_cache, name="dispatch")
class ReviewListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "authoring/review_list.html"
    page_title = "Course reviews"
    header_icon = "tasks"

    def get_context_data(self, **kwargs):
        return super().get_context_data(reviews=selectors.reviews_for(self.request.user), **kwargs)


def _review_or_404(request, review_id) -> CourseReview:
    review = get_object_or_404(CourseReview.objects.select_related("course"), pk=review_id)
    user = request.user
    if not (
        rules.may_review_course(user, course=review.course)
        or rules.may_author_course(user, course=review.course)
    ):
        raise Http404
    return review


@method_decorator(never_cache, name="dispatch")
class ReviewView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "authoring/review.html"
    page_title = "Course review"
    header_icon = "tasks"

    def dispatch(self, request, *args, review_id, **kwargs):
        self.review = _review_or_404(request, review_id)
        return super().dispatch(request, *args, review_id=review_id, **kwargs)

    def get_page_subtitle(self):
        return self.review.course.draft_title

    def get_context_data(self, **kwargs):
        may_decide = rules.may_review_course(self.request.user, course=self.review.course)
        return super().get_context_data(
            detail=selectors.review_detail(review=self.review),
            may_decide=may_decide and self.review.status == CourseReview.Status.PENDING,
            outline_url=_outline_url(self.review.course)
            if rules.may_author_course(self.request.user, course=self.review.course)
            else "",
            **kwargs,
        )

    def post(self, request, review_id):
        review = self.review
        try:
            if request.POST.get("decision") == "approve":
                reviews.course_review_approve(user=request.user, review=review)
                messages.success(
                    request, f"Approved: “{review.course.draft_title}” and its pages are live."
                )
            else:
                page_comments = {
                    int(key.removeprefix("comment-")): value
                    for key, value in request.POST.items()
                    if key.startswith("comment-") and key.removeprefix("comment-").isdigit()
                }
                reviews.course_review_request_changes(
                    user=request.user,
                    review=review,
                    comment=request.POST.get("comment", ""),
                    page_comments=page_comments,
                )
                messages.success(request, "Changes requested: the authors see your comments.")
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            messages.error(request, _error_text(error))
            return redirect("authoring:review", review.pk)
        return redirect("authoring:reviews")
