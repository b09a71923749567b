"""The school-facing admin pieces that read across apps: the set-up checklist, a school made by
staff in the admin being set up like create_school does, and the course dashboard's link in
the page listing."""

from django.shortcuts import redirect
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from courses.models import CoursePage
from courses.services.schools import school_create
from schools import rules
from schools.models import School
from teaching.onboarding import views as onboarding


@hooks.register("register_admin_urls")
def register_onboarding_urls():
    urls = [
        path("", onboarding.ChecklistView.as_view(), name="checklist"),
        path("starter-design/", onboarding.starter_design, name="starter_design"),
    ]
    return [path("schools/<slug:slug>/set-up/", include((urls, "onboarding")))]


@hooks.register("after_create_snippet")
def set_up_school_made_in_admin(request, instance):
    """A school added by staff gets its section, collection, groups and workflow (as
    create_school gives them), then its admin sees the set-up checklist."""
    if not isinstance(instance, School):
        return None
    school_create(name=instance.name, slug=instance.slug, email=instance.email)
    return redirect("onboarding:checklist", slug=instance.slug)


@hooks.register("register_page_header_buttons")
def course_dashboard_header_button(page, user, view_name, next_url=None):
    yield from _dashboard_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def course_dashboard_listing_button(page, user, next_url=None):
    yield from _dashboard_buttons(page, user)


def _dashboard_buttons(page, user):
    """On course pages, for staff and school members: no query per row (the content type is
    cached, memberships are read once per request); the dashboard itself checks the school."""
    if page.specific_class is not CoursePage:
        return
    if not (rules.is_platform_staff(user) or rules.memberships(user)):
        return
    url = reverse("dashboard:course_for_page", args=[page.pk])
    yield Button("Course dashboard", url=url, icon_name="table", priority=45)
