from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy

from courses.models import CoursePage
from quizzes import blueprint
from quizzes.admin_views.banks import BankViewSet
from quizzes.admin_views.base import BANKS, CATEGORIES, QUESTIONS
from quizzes.admin_views.categories import CategoryViewSet
from quizzes.admin_views.permissions import SchoolScopedPolicy
from quizzes.admin_views.questions import QuestionViewSet
from quizzes.models import Question, QuestionBank, QuestionCategory, QuizPage
from schools import rules

register_permission_policy(QuestionBank, SchoolScopedPolicy(QuestionBank, school_lookup="school"))
register_permission_policy(
    QuestionCategory, SchoolScopedPolicy(QuestionCategory, school_lookup="bank__school")
)
register_permission_policy(Question, SchoolScopedPolicy(Question, school_lookup="bank__school"))


class QuestionBanksGroup(ModelViewSetGroup):
    menu_label = "Question banks"
    menu_icon = "help"
    menu_order = 220
    items = (
        BankViewSet(BANKS, url_prefix="question-banks"),
        CategoryViewSet(CATEGORIES, url_prefix="question-categories"),
        QuestionViewSet(QUESTIONS, url_prefix="questions"),
    )


@hooks.register("register_admin_viewset")
def register_question_banks():
    return QuestionBanksGroup()


# --- Instructor tools from the page tree: gradebook on a course, attempts and analysis on a quiz.


def _course_of(page) -> CoursePage | None:
    if page.specific_class is CoursePage:
        return page.specific_deferred
    if page.specific_class is QuizPage:
        return CoursePage.objects.ancestor_of(page).only("pk", "school_id").first()
    return None


def _instructor_buttons(page, user, *, priority: int):
    course = _course_of(page)
    if course is None:
        return
    schools = rules.question_bank_scope(user, write=True)
    if schools is not None and course.school_id not in schools:
        return
    if page.specific_class is CoursePage:
        url = reverse("quizzes:gradebook", args=[course.pk])
        yield Button("Gradebook", url=url, icon_name="table", priority=priority)
        return
    for n, (label, name, icon) in enumerate(
        (("Attempts", "quizzes:attempt_list", "list-ul"),
         ("Item analysis", "quizzes:item_analysis", "crosshairs"))
    ):  # fmt: skip
        yield Button(
            label, url=reverse(name, args=[page.pk]), icon_name=icon, priority=priority + n
        )


@hooks.register("register_page_header_buttons")
def instructor_header_buttons(page, user, view_name=None, next_url=None):
    yield from _instructor_buttons(page, user, priority=80)


@hooks.register("register_page_listing_more_buttons")
def instructor_listing_buttons(page, user, next_url=None):
    yield from _instructor_buttons(page, user, priority=70)


# --- CE compliance: publishing refused when it fails (the summary: templatetags/compliance_tags)


def _refused(request, page, message: str):
    messages.error(request, message)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_publish_page")
def refuse_publishing_unsupported_ce_course(request, page):
    """The Publish action of the create and edit views: `page` is the course as submitted,
    already saved as a draft revision, so refusing keeps the author's work."""
    if isinstance(page, QuizPage):
        message = blueprint.final_review_refusal(quiz=page)
        return _refused(request, page, message) if message else None
    if not isinstance(page, CoursePage):
        return None
    message = blueprint.publish_refusal(course=page)
    return _refused(request, page, message) if message else None


@hooks.register("before_edit_page")
def refuse_approving_unsupported_ce_course(request, page):
    """A reviewer's Approve in the course editor publishes at the workflow's end: the revision
    under review is checked first, at every approval step."""
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    if request.POST.get("workflow-action-name") != "approve":
        return None
    if page.specific_class is not CoursePage:
        return None
    course = page.get_latest_revision_as_object()
    message = blueprint.publish_refusal(course=course)
    return _refused(request, page, message) if message else None
