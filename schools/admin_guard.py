"""Closes the Wagtail admin views that show one school's pages or files to another school.

Schools share one Wagtail admin. Wagtail checks permissions on what a user may change, but a
few of its views read objects without asking (the permission matrix test found them): the
move and cancel-workflow confirmations, the admin API's image and document listings, the
page-types report, the task chooser, the bulk-action confirmation and the page chooser. For
anyone but staff these answer 403 here, or, for views about one page, unless the user may
edit that page; the page chooser (schools/wagtail_hooks.py) hides other schools' drafts. Signed-in
people without access to the admin (learners) get 403 anywhere in it.
"""

from functools import cache

from django.db.models import Q
from django.http import HttpResponseForbidden
from django.urls import reverse
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from accounts.views import NO_ADMIN_ACCESS
from schools import rules

DENIED = "You do not have permission to see this."

# Views only staff may use: nothing a school member needs, and each one lists every school's
# objects.
STAFF_ONLY_PREFIXES = (
    "wagtailadmin_api:images:",
    "wagtailadmin_api:documents:",
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_workflows:task_chosen",
    "wagtail_bulk_action",
)

# Views about one page, by the URL argument naming it: the user must be able to edit it.
PAGE_VIEWS = {
    "wagtailadmin_pages:move_confirm": ("page_to_move_id", "destination_id"),
    "wagtailadmin_pages:confirm_workflow_cancellation": ("page_id",),
}


def chooser_visible(user) -> Q:
    """Pages a non-staff user may see in choosers: what they may explore in the admin (pages
    they work on and their ancestors), and published pages with no pending draft."""
    explorable = PagePermissionPolicy().explorable_instances(user).values("pk")
    return Q(pk__in=explorable) | Q(live=True, has_unpublished_changes=False)


def _chosen_pages_visible(request) -> bool:
    ids = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
    visible = Page.objects.filter(chooser_visible(request.user), pk__in=ids).count()
    return visible == len(set(ids))


def _may_edit(user, page_id) -> bool:
    page = Page.objects.filter(pk=page_id).first()
    return page is not None and page.permissions_for_user(user).can_edit()


def _allowed(request, name: str, kwargs: dict) -> bool:
    if name.startswith(STAFF_ONLY_PREFIXES):
        return False
    if name == "wagtailadmin_choose_page_chosen_multiple":
        return _chosen_pages_visible(request)
    arguments = PAGE_VIEWS.get(name)
    if arguments is None:
        return True
    return all(_may_edit(request.user, kwargs[arg]) for arg in arguments if arg in kwargs)


@cache
def _admin_root() -> str:
    return reverse("wagtailadmin_home")


def _outside_the_admin(user) -> bool:
    return not user.has_perm("wagtailadmin.access_admin")


class SchoolAdminGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Every view it guards is in the Wagtail admin: elsewhere (a learner's lesson, a quiz)
        # it must not even load the user.
        if not request.path.startswith(_admin_root()):
            return None
        match = request.resolver_match
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated:
            return None
        if _outside_the_admin(user):
            # Wagtail would send them to the site's login, which sends a signed-in visitor
            # straight back here: a redirect loop. (Wagtail asks the same question next, from
            # the same permission cache, so this costs no query.)
            return HttpResponseForbidden(NO_ADMIN_ACCESS)
        if rules.is_platform_staff(user):
            return None
        if not _allowed(request, match.view_name or "", view_kwargs):
            return HttpResponseForbidden(DENIED)
        return None
