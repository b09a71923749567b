"""The course builder and course reviews in the Wagtail admin: their URLs, a "Course outline"
button on a course, a menu item and home panel for reviewers, the reviewer's comments as a
banner in the page editor, and no autosave on the create form (static/js/new-page-autosave.js).
"""

from django.contrib import messages
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets.button import Button

from authoring import selectors, urls
from courses.models import CoursePage
from schools import rules


@hooks.register("register_admin_urls")
def register_authoring_urls():
    return [path("authoring/", include((urls, "authoring"), namespace="authoring"))]


def _outline_button(page, user, *, priority: int):
    if page.specific_class is not CoursePage:
        return
    course = page.specific_deferred
    if rules.may_author_course(user, course=course):
        url = reverse("authoring:outline", args=[page.pk])
        yield Button("Course outline", url=url, icon_name="list-ul", priority=priority)


@hooks.register("register_page_header_buttons")
def outline_header_button(page, user, view_name=None, next_url=None):
    yield from _outline_button(page, user, priority=60)


@hooks.register("register_page_listing_more_buttons")
def outline_listing_button(page, user, next_url=None):
    yield from _outline_button(page, user, priority=60)


class ReviewsMenuItem(MenuItem):
    def is_shown(self, request):
        scope = rules.course_review_scope(request.user)
        return scope is None or bool(scope)


@hooks.register("register_admin_menu_item")
def register_reviews_menu_item():
    return ReviewsMenuItem(
        "Course reviews", reverse("authoring:reviews"), icon_name="tasks", order=210
    )


class ReviewsPanel(Component):
    name = "course_reviews"
    template_name = "authoring/reviews_panel.html"
    order = 50

    def __init__(self, reviews):
        self.reviews = reviews

    def get_context_data(self, parent_context=None):
        return {"reviews": self.reviews}


@hooks.register("construct_homepage_panels")
def add_reviews_panel(request, panels):
    scope = rules.course_review_scope(request.user)
    if scope is not None and not scope:
        return
    reviews = list(selectors.reviews_for(request.user)[:20])
    if reviews:
        panels.append(ReviewsPanel(reviews))


@hooks.register("before_edit_page")
def reviewer_comments_banner(request, page):
    """After "Request changes" (a course review or Wagtail's single-page workflow) the author
    opening the page sees what the reviewer said, above the form."""
    if request.method != "GET":
        return None
    for text in selectors.page_review_comments(page=page):
        messages.warning(request, text)
    return None


@hooks.register("insert_editor_js")
def new_page_autosave_off():
    return format_html('<script src="{}" defer></script>', static("js/new-page-autosave.js"))
